import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { RunRecord } from "../../src/core/runRecord";
import { pauseNodes, pauseTooltip, runNode, runTooltip, summarize } from "../../src/core/runRows";
import { formatDuration, setViewLocale } from "../../src/core/time";
import { findFlowDefinitions } from "../../src/core/flowDiscovery";

// The rows' times follow VS Code's locale; these tests read them in German (24 hours). time.test.ts has en-US.
setViewLocale("de");
const base = new Date(2026, 10, 25, 10, 0, 0).getTime();
const run = (over: Partial<RunRecord>): RunRecord => ({
  id: "r1",
  name: "crimson-wolf",
  flowName: "get-shirt-order",
  spec: { file: "/ws/shirt.flow.ts" },
  state: "Completed",
  createdAt: base,
  endedAt: base + 1234,
  pauses: [],
  ...over,
});

test("a finished run: flow name, run name, start time, state and duration, a pass icon", () => {
  const node = runNode(run({}), base + 5000);
  assert.equal(node.label, "get-shirt-order");
  assert.equal(node.description, "crimson-wolf · 10:00:00 · completed in 1.2 s");
  assert.deepEqual(node.icon, { id: "pass", color: "testing.iconPassed" });
  assert.equal(node.contextValue, "run-finished");
});

test("a paused run says where it waits; its pauses are children with what was submitted", () => {
  const record = run({
      state: "Paused",
      endedAt: undefined,
      pauses: [
        { key: "pause-1", kind: "pause", requestedAt: base + 100, endedAt: base + 900, outcome: "submitted", value: { size: "medium", color: "red" } },
        { key: "pause-2", kind: "pause", requestedAt: base + 1000 },
      ],
    });
  const node = runNode(record, base + 2000);
  assert.equal(node.description, "crimson-wolf · 10:00:00 · waiting at pause-2");
  assert.equal(node.contextValue, "run-paused");
  assert.equal(node.icon.id, "debug-pause");
  assert.ok(node.hasPauses);
  assert.deepEqual(pauseNodes(record, base + 2000).map((p) => [p.label, p.description]), [
    ["pause-1", '{"size":"medium","color":"red"} · 10:00:00'],
    ["pause-2", "waiting · 10:00:01"],
  ]);
  assert.match(pauseTooltip({ key: "pause-1", kind: "pause", requestedAt: base, endedAt: base + 800, outcome: "submitted", value: { size: "medium" } }), /^pause-1: submitted\nAsked .*, answered after 800 ms\nSubmitted:\n\{\n {2}"size": "medium"\n\}$/);
  assert.match(runTooltip(run({ stateMessage: "done", spec: { file: "/ws/shirt.flow.ts", params: { n: 1 } } })), /^get-shirt-order — crimson-wolf\nCompleted: done\nStarted .*, took 1\.2 s\nParameters: \{"n":1\}\n\/ws\/shirt\.flow\.ts$/);
});

test("each state has its own icon; running spins", () => {
  const icons = (["Pending", "Running", "Paused", "Completed", "Failed", "Cancelled", "Crashed"] as const).map((state) => runNode(run({ state })).icon.id);
  assert.deepEqual(icons, ["clock", "loading~spin", "debug-pause", "pass", "error", "circle-slash", "warning"]);
  assert.equal(new Set(icons).size, icons.length);
});

test("a pause row shows the value as the flow received it: a bare type unwrapped, an object with a `value` field as it is", () => {
  const record = run({
    pauses: [
      { key: "name", kind: "pause", wrapped: true, requestedAt: base, endedAt: base, outcome: "submitted", value: { value: "Ada" } },
      { key: "object", kind: "pause", wrapped: false, requestedAt: base, endedAt: base, outcome: "submitted", value: { value: "Ada" } },
    ],
  });
  assert.deepEqual(pauseNodes(record, base).map((p) => p.description), ['"Ada" · 10:00:00', '{"value":"Ada"} · 10:00:00']);
  assert.match(pauseTooltip(record.pauses[0]!), /Submitted:\n"Ada"$/);
  assert.match(pauseTooltip(record.pauses[1]!), /Submitted:\n\{\n {2}"value": "Ada"\n\}$/);
});

test("values are summarized on one line", () => {
  assert.equal(summarize({ a: "x".repeat(100) }).length, 60);
  assert.equal(formatDuration(450), "450 ms");
  assert.equal(formatDuration(125_000), "2 min 5 s");
  assert.equal(formatDuration(3_900_000), "1 h 5 min");
});

test("flow definitions are found with their export names, flow names and lines", () => {
  const text = [
    `import { flow } from "pauseflow";`,
    `export const greetUser = flow({ name: "greet-user", logPrints: true }, async () => {});`,
    `export const typed: Flow<undefined, void> = flow(async () => {});`,
    `  export const other = flow<Params>(`,
    `  { params: P }, async () => {});`,
    `exports.legacy = flow(async () => {});`,
    `const notExported = flow(async () => {});`,
    `export const notAFlow = flows(1);`,
  ].join("\n");
  assert.deepEqual(
    findFlowDefinitions(text).map((f) => [f.exportName, f.name, f.line, f.character]),
    [
      ["greetUser", "greet-user", 1, 0],
      ["typed", "typed", 2, 0],
      ["other", "other", 3, 2],
      ["legacy", "legacy", 5, 0],
    ],
  );
});

test("a pause row offers Go to Pause only when the flow's line of the pause is known", () => {
  const record = run({
    pauses: [
      { key: "located", kind: "pause", requestedAt: base, location: { file: "/ws/shirt.flow.ts", line: 6, column: 9 } },
      { key: "parameters", kind: "parameters", requestedAt: base },
    ],
  });
  assert.deepEqual(pauseNodes(record, base).map((p) => p.contextValue), ["pause-located", "pause"]);
});
