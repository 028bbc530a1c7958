// "Every schema as a form" through the real runner: a discriminated union of objects, a record, a
// tuple and a recursive schema pause with a JSON Schema the webview renders without a JSON editor,
// and the flow receives exactly the object the form sends (a union of objects is not wrapped as `value`).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { PauseAnswer } from "../../src/protocol/runner";
import { settle, toField, type Field } from "../../webview/schema";
import { messagesOf, startRun, writeFlow } from "../helpers";

/** Every kind of control the form would build, a recursive schema's next level included. */
function kinds(field: Field, depth = 0): string[] {
  const own = [field.kind];
  if (depth > 6) return own;
  switch (field.kind) {
    case "recursive":
      return [...own, ...kinds(settle(field), depth + 1)];
    case "object":
      return [...own, ...field.properties.flatMap((p) => kinds(p.field, depth + 1))];
    case "union":
      return [...own, ...field.variants.flatMap((v) => kinds(v.field, depth + 1))];
    case "record":
      return [...own, ...kinds(field.key, depth + 1), ...kinds(field.value, depth + 1)];
    case "list":
      return [...own, ...kinds(field.item, depth + 1)];
    case "tuple":
      return [...own, ...field.items.flatMap((item) => kinds(item, depth + 1))];
    default:
      return own;
  }
}

test("a discriminated union, a record, a tuple and a recursive schema pause with a renderable form, and the flow gets exactly what the form sends", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod";
const Shape = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("circle"), radius: z.number() }),
  z.object({ kind: z.literal("square"), side: z.number() }),
]);
const Node = z.object({ name: z.string(), get children() { return z.array(Node); } });
export const shapes = flow(async () => {
  const log = getRunLogger();
  const shape = await pauseFlowRun(Shape);
  log.info(\`shape \${JSON.stringify(shape)} keys \${Object.keys(shape).join(",")}\`);
  const rest = await pauseFlowRun(z.object({ scores: z.record(z.string(), z.number()), point: z.tuple([z.number(), z.number()]), tree: Node }));
  log.info(\`rest \${JSON.stringify(rest)}\`);
});
`);
  const square = { kind: "square", side: 3 };
  const rest = { scores: { ada: 1, bob: 2 }, point: [4, 5], tree: { name: "root", children: [{ name: "a", children: [{ name: "b", children: [] }] }] } };
  const seen: { key: string; wrapped: boolean; kinds: string[]; refused?: string[] }[] = [];
  const run = startRun({ file }, async (live, pause): Promise<PauseAnswer> => {
    const root = toField(pause.jsonSchema);
    const entry: (typeof seen)[number] = { key: pause.key, wrapped: pause.wrapped ?? false, kinds: kinds(root) };
    seen.push(entry);
    if (pause.key === "pause-1") {
      // A square's side under the circle's tag: refused by the flow's schema, with its path.
      const wrong = await live.validate(pause.key, { kind: "circle", side: 3 });
      entry.refused = wrong.ok ? [] : wrong.issues.map((issue) => issue.path.join("."));
      const check = await live.validate(pause.key, square);
      assert.ok(check.ok, JSON.stringify(check));
      return { action: "submit", value: square };
    }
    return { action: "submit", value: rest };
  });
  const record = await run.finished;
  const logs = messagesOf(run);
  assert.equal(record.state, "Completed", logs.join("\n"));

  assert.equal(seen[0]!.wrapped, false, "a union of objects is the form itself, not a field `value`");
  assert.equal(seen[0]!.kinds[0], "union");
  assert.deepEqual(seen[0]!.refused, ["radius"]);
  assert.deepEqual(new Set(seen[1]!.kinds), new Set(["object", "record", "text", "number", "tuple", "list", "recursive"]));
  for (const pause of seen) assert.ok(!pause.kinds.includes("json"), `${pause.key} needs no JSON editor: ${pause.kinds.join(",")}`);

  assert.ok(logs.includes(`shape ${JSON.stringify(square)} keys kind,side`), logs.join("\n"));
  assert.ok(logs.includes(`rest ${JSON.stringify(rest)}`), logs.join("\n"));
});
