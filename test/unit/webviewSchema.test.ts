// The form's JSON Schema normaliser (webview/schema.ts) on what zod 4 and zod-to-json-schema make.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as z from "zod";
import * as z3 from "zod/v3";
import { zodToJsonSchema } from "zod-to-json-schema";
import { toField, type Field } from "../../webview/schema";

function fieldsOf(schema: z.ZodType): Record<string, Field> {
  const root = toField(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }));
  assert.equal(root.kind, "object");
  return Object.fromEntries(root.kind === "object" ? root.properties.map((p) => [p.name, p.field]) : []);
}

test("enums, literal unions and nullable enums become choices", () => {
  const f = fieldsOf(
    z.object({
      size: z.enum(["s", "m"]),
      level: z.union([z.literal("low"), z.literal(3)]),
      color: z.enum(["red", "blue"]).nullable(),
      yes: z.literal(true),
    }),
  );
  assert.deepEqual(f.size, { kind: "choice", options: ["s", "m"], nullable: false });
  assert.deepEqual(f.level, { kind: "choice", options: ["low", 3], nullable: false });
  assert.deepEqual(f.color, { kind: "choice", options: ["red", "blue"], nullable: true });
  assert.deepEqual(f.yes, { kind: "choice", options: [true], nullable: false });
});

test("strings, numbers and dates keep their constraints and annotations", () => {
  const f = fieldsOf(
    z.object({
      name: z.string().min(2).describe("Who").default("x"),
      long: z.string().max(500),
      note: z.string().meta({ format: "textarea", title: "Note", examples: ["e.g."] }),
      day: z.iso.date(),
      n: z.number().int().min(0).max(9).nullable(),
    }),
  );
  assert.deepEqual(f.name, { kind: "text", input: "text", multiline: false, minLength: 2, maxLength: undefined, pattern: undefined, description: "Who", default: "x", nullable: false });
  assert.equal(f.long!.kind === "text" && f.long!.multiline, true);
  assert.equal(f.note!.kind === "text" && f.note!.multiline, true);
  assert.equal(f.note!.title, "Note");
  assert.deepEqual(f.note!.examples, ["e.g."]);
  assert.equal(f.day!.kind === "text" && f.day!.input, "date");
  assert.equal(f.day!.kind === "text" && f.day!.pattern, undefined, "the date input makes well-formed dates itself");
  assert.deepEqual(f.n, { kind: "number", integer: true, minimum: 0, maximum: 9, exclusiveMinimum: undefined, exclusiveMaximum: undefined, multipleOf: undefined, nullable: true });
});

test("arrays: of enums a multi-choice, of anything else a list; objects nest", () => {
  const f = fieldsOf(z.object({ tags: z.array(z.enum(["a", "b"])), items: z.array(z.object({ q: z.number() })).min(1) }));
  assert.equal(f.tags!.kind, "multiChoice");
  assert.equal(f.items!.kind, "list");
  assert.equal(f.items!.kind === "list" && f.items!.minItems, 1);
  assert.equal(f.items!.kind === "list" && f.items!.item.kind, "object");
});

test("unions, records and recursion get controls; only what has none becomes a JSON field with the reason", () => {
  type Node = { name: string; children: Node[] };
  const Node: z.ZodType<Node> = z.object({ name: z.string(), get children() { return z.array(Node); } });
  const f = fieldsOf(
    z.object({
      tree: Node,
      map: z.record(z.string(), z.number()),
      limits: z.record(z.enum(["cpu", "memory"]), z.number()),
      shape: z.discriminatedUnion("kind", [z.object({ kind: z.literal("a"), x: z.string() }), z.object({ kind: z.literal("b"), y: z.number() })]),
      either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
      scalar: z.union([z.string(), z.number()]),
      any: z.any(),
      tuple: z.tuple([z.string()], z.number()),
    }),
  );
  const reason = (field: Field | undefined) => (field?.kind === "json" ? field.reason : `not json: ${field?.kind}`);

  const tree = f.tree!;
  assert.equal(tree.kind, "object");
  const children = tree.kind === "object" ? tree.properties[1]!.field : undefined;
  assert.equal(children?.kind, "list");
  const item = children?.kind === "list" ? children.item : undefined;
  assert.equal(item?.kind, "recursive", "expanded only as the form goes deeper");
  const next = item?.kind === "recursive" ? item.resolve() : undefined;
  assert.deepEqual(next?.kind === "object" && next.properties.map((p) => p.name), ["name", "children"]);

  assert.equal(f.map!.kind, "record");
  assert.equal(f.map!.kind === "record" && f.map!.key.kind, "text");
  assert.equal(f.map!.kind === "record" && f.map!.value.kind, "number");
  assert.deepEqual(f.limits!.kind === "object" && f.limits!.properties.map((p) => [p.name, p.required]), [["cpu", true], ["memory", true]]);

  const shape = f.shape!;
  assert.equal(shape.kind === "union" && shape.discriminator, "kind");
  assert.deepEqual(shape.kind === "union" && shape.variants.map((v) => [v.label, v.tag, v.field.kind === "object" && v.field.properties.map((p) => p.name)]), [["a", "a", ["x"]], ["b", "b", ["y"]]]);
  assert.equal(f.either!.kind === "union" && f.either!.discriminator, undefined);
  assert.deepEqual(f.either!.kind === "union" && f.either!.variants.map((v) => v.label), ["Group (a)", "Group (b)"]);
  assert.deepEqual(f.scalar!.kind === "union" && f.scalar!.variants.map((v) => v.label), ["Text", "Number"]);

  assert.match(reason(f.any), /does not say what type/);
  assert.match(reason(f.tuple), /tuple with more items/);
  assert.match(reason(toField({ type: "object", patternProperties: { "^x": {} } })), /patternProperties/);
});

test("a file path (format: path) is a path input", () => {
  const f = fieldsOf(z.object({ report: z.string().meta({ format: "path" }) }));
  assert.equal(f.report!.kind === "text" && f.report!.input, "path");
});

test("zod 3 schemas through zod-to-json-schema, with root references", () => {
  const A = z3.z.object({ s: z3.z.string() });
  const schema = zodToJsonSchema(z3.z.object({ a: A, b: A, d: z3.z.date(), n: z3.z.string().nullable() }), {
    target: "jsonSchema7",
    $refStrategy: "root",
  });
  const root = toField(schema);
  assert.equal(root.kind, "object");
  const f = Object.fromEntries(root.kind === "object" ? root.properties.map((p) => [p.name, p.field]) : []);
  assert.equal(f.b!.kind, "object", "a shared sub-schema ($ref) is resolved");
  assert.equal(f.d!.kind === "text" && f.d!.input, "datetime-local");
  assert.equal(f.n!.nullable, true);
});

test("fixed tuples (2020-12 and draft 7) are groups of positions; a file's mark is a file picker", () => {
  const f = fieldsOf(z.object({ pair: z.tuple([z.string().meta({ title: "Key" }), z.number()]) }));
  assert.deepEqual(f.pair, {
    kind: "tuple",
    nullable: false,
    items: [
      { kind: "text", input: "text", multiline: false, minLength: undefined, maxLength: undefined, pattern: undefined, title: "Key", nullable: false },
      { kind: "number", integer: false, minimum: undefined, maximum: undefined, exclusiveMinimum: undefined, exclusiveMaximum: undefined, multipleOf: undefined, nullable: false },
    ],
  });
  const draft7 = toField(zodToJsonSchema(z3.z.tuple([z3.z.string(), z3.z.boolean()]), { target: "jsonSchema7" }));
  assert.deepEqual(draft7.kind === "tuple" && draft7.items.map((item) => item.kind), ["text", "boolean"]);
  assert.deepEqual(toField({ type: "object", "x-pauseflow-file": { accept: ["image/png"] }, properties: {} }), { kind: "file", accept: ["image/png"], nullable: false });
});
