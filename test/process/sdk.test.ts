// The SDK's API (DESIGN.md section 2), each behaviour seen from the host: what the form is asked
// to show, and what the flow receives and logs.
import { strict as assert } from "node:assert";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { PauseParams } from "../../src/protocol/runner";
import type { PauseAnswer } from "../../src/protocol/runner";
import { DIST, ROOT, messagesOf, runCli, startRun, tempDir, writeFiles, writeFlow } from "../helpers";

/** Runs a flow whose pauses are answered in order, and returns what each pause asked for. */
async function runWith(source: string, answers: PauseAnswer[], spec: { params?: Record<string, unknown>; askForParams?: boolean } = {}) {
  const pauses: PauseParams[] = [];
  const run = startRun({ file: writeFlow(source), ...spec }, async (_run, pause) => {
    pauses.push(pause);
    return answers.shift() ?? { action: "cancel", reason: "no answer left" };
  });
  const record = await run.finished;
  return { record, pauses, logs: run.logs, messages: messagesOf(run) };
}

const header = `import { flow, pauseFlowRun, runInput, getRunLogger } from "pauseflow";\nimport { z } from "zod";\n`;

test("pauseFlowRun(z.string()): the form has one field, value; the flow receives the bare string", async () => {
  const r = await runWith(`${header}export const f = flow(async () => { getRunLogger().info(typeof await pauseFlowRun(z.string().describe("Your name"))); });`, [
    { action: "submit", value: { value: "Ada" } },
  ]);
  assert.deepEqual(r.pauses[0]!.jsonSchema, { type: "object", properties: { value: { type: "string", description: "Your name" } }, required: ["value"] });
  assert.equal(r.pauses[0]!.wrapped, true);
  assert.ok(r.messages.includes("string"));
  assert.equal(r.record.state, "Completed");
});

test("pauseFlowRun() with no input: a bare Resume, default timeout 3600 s, keys pause-1, pause-2", async () => {
  const r = await runWith(`${header}export const f = flow(async () => { await pauseFlowRun(); await pauseFlowRun({ timeout: null }); });`, [
    { action: "submit", value: {} },
    { action: "submit", value: {} },
  ]);
  assert.deepEqual(
    r.pauses.map((p) => [p.key, p.noInput, p.timeoutSeconds, p.jsonSchema]),
    [
      ["pause-1", true, 3600, { type: "object", properties: {} }],
      ["pause-2", true, null, { type: "object", properties: {} }],
    ],
  );
  assert.equal(r.record.state, "Completed");
  assert.deepEqual(r.record.pauses.map((p) => p.outcome), ["submitted", "submitted"]);
});

test("waitForInput with initial data, key, timeout, Markdown description and title reach the form", async () => {
  const r = await runWith(
    `${header}const Name = runInput(z.object({ name: z.string() }).describe("Who are you?"), { description: "from runInput" });
export const f = flow(async () => {
  const a = await pauseFlowRun({ waitForInput: Name.withInitialData({ name: "anonymous" }), key: "who", timeout: 90, description: "# Hi\\n**bold**", title: "Name please" });
  const b = await pauseFlowRun({ waitForInput: Name });
  getRunLogger().info(a.name + "/" + b.name);
});`,
    [
      { action: "submit", value: { name: "Ada" } },
      { action: "submit", value: { name: "Bob" } },
    ],
  );
  const [first, second] = r.pauses;
  assert.equal(first!.key, "who");
  assert.equal(first!.timeoutSeconds, 90);
  assert.equal(first!.description, "# Hi\n**bold**");
  assert.equal(first!.title, "Name please");
  assert.deepEqual(first!.initialData, { name: "anonymous" });
  assert.equal(first!.jsonSchema.description, "Who are you?");
  assert.equal(second!.key, "pause-2");
  assert.equal(second!.description, "from runInput");
  assert.equal(second!.initialData, undefined);
  assert.ok(r.messages.includes("Ada/Bob"));
});

test("zod .default(): shown in the form's schema, and filled in when the field is left out", async () => {
  const r = await runWith(
    `${header}export const f = flow(async () => { const v = await pauseFlowRun(z.object({ n: z.number().int().default(3).describe("How many") })); getRunLogger().info("n=" + v.n); });`,
    [{ action: "submit", value: {} }],
  );
  assert.deepEqual((r.pauses[0]!.jsonSchema.properties as Record<string, unknown>).n, { type: "integer", default: 3, description: "How many", minimum: -9007199254740991, maximum: 9007199254740991 });
  assert.ok(r.messages.includes("n=3"));
});

test("z.date() and a transform: the form gets a date-time string field, the flow a Date and the transformed value", async () => {
  const r = await runWith(
    `${header}export const f = flow(async () => {
  const v = await pauseFlowRun(z.object({ when: z.date(), tags: z.string().transform((s) => s.split(",")) }));
  getRunLogger().info(String(v.when instanceof Date), v.when.toISOString(), JSON.stringify(v.tags));
});`,
    [{ action: "submit", value: { when: "2026-11-25T10:00:00.000Z", tags: "a,b" } }],
  );
  const props = r.pauses[0]!.jsonSchema.properties as Record<string, unknown>;
  assert.deepEqual(props.when, { type: "string", format: "date-time" });
  assert.deepEqual(props.tags, { type: "string" });
  assert.ok(r.messages.includes('true 2026-11-25T10:00:00.000Z ["a","b"]'), r.messages.join("\n"));
});

test("a zod 3 schema (zod/v3) is rendered through zod-to-json-schema and validated with its refinements", async () => {
  const r = await runWith(
    `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";\nimport { z } from "zod/v3";\nexport const f = flow(async () => {
  const v = await pauseFlowRun(z.object({ size: z.enum(["s", "m"]).describe("Size"), qty: z.number().min(1).default(1) }).refine((o) => o.size !== "s" || o.qty < 5, { message: "too many small", path: ["qty"] }));
  getRunLogger().info(JSON.stringify(v));
});`,
    [{ action: "submit", value: { size: "m" } }],
  );
  const schema = r.pauses[0]!.jsonSchema;
  assert.deepEqual((schema.properties as Record<string, unknown>).size, { type: "string", enum: ["s", "m"], description: "Size" });
  assert.deepEqual((schema.properties as Record<string, unknown>).qty, { type: "number", minimum: 1, default: 1 });
  assert.equal(r.pauses[0]!.wrapped, false);
  assert.ok(r.messages.includes('{"size":"m","qty":1}'), r.messages.join("\n"));
});

test("input/validate answers with the schema's own issues by path, refinements included, for zod 3 and 4", async () => {
  for (const zod of ["zod", "zod/v3"]) {
    const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nimport { z } from "${zod}";\nexport const f = flow(async () => { await pauseFlowRun(z.object({ a: z.object({ b: z.array(z.number()) }) }).refine((v) => v.a.b.length > 0, { message: "need one" })); });`);
    const results: unknown[] = [];
    const run = startRun({ file }, async (r, pause) => {
      results.push(await r.validate(pause.key, { a: { b: [1, "x"] } }));
      results.push(await r.validate(pause.key, { a: { b: [] } }));
      results.push(await r.validate(pause.key, { a: { b: [2] } }));
      return { action: "submit", value: { a: { b: [2] } } };
    });
    assert.equal((await run.finished).state, "Completed", zod);
    const [typeError, refinement, ok] = results as { ok: boolean; issues: { path: unknown[]; message: string }[] }[];
    assert.deepEqual(typeError!.issues.map((i) => i.path), [["a", "b", 1]], zod);
    assert.deepEqual(refinement, { ok: false, issues: [{ path: [], message: "need one" }] }, zod);
    assert.deepEqual(ok, { ok: true, issues: [] }, zod);
  }
});

test("a schema part whose value JSON cannot carry (symbol, function) still pauses, with a warning naming the field", async () => {
  const r = await runWith(`${header}export const f = flow(async () => { await pauseFlowRun(z.object({ id: z.symbol().optional(), m: z.function().optional(), n: z.bigint().optional() })); });`, [
    { action: "submit", value: {} },
  ]);
  const symbol = "id: a symbol cannot be given in a form or in JSON, so the flow's schema will refuse any value for it.";
  assert.deepEqual(r.pauses[0]!.warnings, [symbol, "m: a function cannot be given in a form or in JSON, so the flow's schema will refuse any value for it."]);
  assert.ok(r.messages.includes(`Pause 'pause-1': ${symbol}`));
  assert.equal(r.record.state, "Completed");
});

test("logPrints: console output becomes log records with levels; without it, raw stdout/stderr lines", async () => {
  const printing = await runWith(`${header}export const f = flow({ logPrints: true }, async () => { console.log("out", 1); console.warn("careful"); console.error("bad"); console.debug("dbg"); });`, []);
  const got = printing.logs.filter((l) => l.source === "print").map((l) => [l.level, l.message]);
  assert.deepEqual(got, [["info", "out 1"], ["warning", "careful"], ["error", "bad"], ["debug", "dbg"]]);
  const plain = await runWith(`${header}export const f = flow(async () => { console.log("out", 1); console.error("bad"); });`, []);
  // stdout and stderr are two pipes: their lines keep their order within each, not across them.
  const raw = plain.logs.filter((l) => l.source === "stdout" || l.source === "stderr").map((l) => `${l.source} ${l.level} ${l.message}`);
  assert.deepEqual(raw.sort(), ["stderr error bad", "stdout info out 1"]);
});

test("getRunLogger() logs at its levels whatever logPrints says", async () => {
  const r = await runWith(`${header}export const f = flow(async () => { const l = getRunLogger(); l.debug("d"); l.info("i %d", 2); l.warning("w"); l.error("e"); l.critical("c"); });`, []);
  assert.deepEqual(r.logs.filter((l) => l.source === "flow").map((l) => [l.level, l.message]), [["debug", "d"], ["info", "i 2"], ["warning", "w"], ["error", "e"], ["critical", "c"]]);
});

test("flow params: checked and defaulted before the flow starts; askForParams asks with a parameters form first", async () => {
  const source = `${header}export const f = flow({ params: z.object({ who: z.string(), times: z.number().default(2) }), description: "Greets" }, async ({ who, times }) => { getRunLogger().info(who.repeat(times)); });`;
  const given = await runWith(source, [], { params: { who: "ab" } });
  assert.ok(given.messages.includes("abab"));
  assert.equal(given.pauses.length, 0);
  const asked = await runWith(source, [{ action: "submit", value: { who: "x", times: 3 } }], { params: { who: "prefilled" }, askForParams: true });
  assert.equal(asked.pauses[0]!.kind, "parameters");
  assert.equal(asked.pauses[0]!.key, "parameters");
  assert.equal(asked.pauses[0]!.description, "Greets");
  assert.deepEqual(asked.pauses[0]!.initialData, { who: "prefilled" });
  assert.ok(asked.messages.includes("xxx"));
  assert.ok(!asked.messages.some((m) => m.startsWith("Pausing flow")), "a parameters form is not a pause of the flow");
});

test("outside a runner, calling a flow runs it, and a pause says no runner is attached", async () => {
  const dir = tempDir();
  const script = writeFiles(dir, {
    "plain.cjs": `const { flow, pauseFlowRun } = require(${JSON.stringify(join(DIST, "sdk.js"))});
const f = flow({ name: "plain" }, async () => { console.log("ran"); await pauseFlowRun(); });
f().catch((e) => { console.log(e.message); });`,
  });
  const { execFileSync } = await import("node:child_process");
  const out = execFileSync(process.execPath, [script], { encoding: "utf8" });
  assert.equal(
    out,
    "ran\npauseFlowRun() needs a Pauseflow runner, and none is attached to this process. Run the flow from VS Code (Pauseflow: Run Flow...) or with `npx pauseflow run FILE`.\n",
  );
});

test("a pauseflow and a zod the workspace installed are used instead of the runner's own", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "node_modules/pauseflow"), { recursive: true });
  cpSync(join(DIST, "sdk.js"), join(dir, "node_modules/pauseflow/index.js"));
  writeFileSync(join(dir, "node_modules/pauseflow/package.json"), '{ "name": "pauseflow", "main": "index.js" }');
  symlinkSync(join(ROOT, "node_modules/zod"), join(dir, "node_modules/zod"));
  const file = writeFiles(dir, {
    "own.flow.ts": `import { flow, pauseFlowRun, ValidationError, getRunLogger } from "pauseflow";\nimport { z } from "zod";
export const f = flow(async () => {
  getRunLogger().info("sdk " + require.resolve("pauseflow"));
  try { await pauseFlowRun(z.number()); } catch (e) { getRunLogger().info("own ValidationError: " + (e instanceof ValidationError)); }
});`,
  });
  const run = startRun({ file }, async () => ({ action: "submit", value: { value: "not a number" } }));
  assert.equal((await run.finished).state, "Completed");
  assert.ok(messagesOf(run).includes(`sdk ${join(dir, "node_modules/pauseflow/index.js")}`), messagesOf(run).join("\n"));
  assert.ok(messagesOf(run).includes("own ValidationError: true"));
});

test("ESM and CommonJS flow files, local imports and import.meta.url all work", async () => {
  const dir = tempDir();
  const mjs = writeFiles(dir, {
    "esm.flow.mjs": `import { flow, getRunLogger } from "pauseflow";\nimport { twice } from "./lib/twice.ts";\nexport const f = flow(async () => getRunLogger().info(twice(21) + " " + import.meta.url.startsWith("file://")));`,
    "lib/twice.ts": `export const twice = (n: number): number => n * 2;`,
    "cjs.flow.js": `const { flow, getRunLogger } = require("pauseflow");\nexports.f = flow(async () => getRunLogger().info("cjs ok"));`,
  });
  for (const [file, expected] of [
    [mjs, "42 true"],
    [join(dir, "cjs.flow.js"), "cjs ok"],
  ] as const) {
    const r = await runCli(["run", file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.messages.includes(expected), r.stdout);
  }
});
