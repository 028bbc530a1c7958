import { strict as assert } from "node:assert";
import { test } from "node:test";
import { finishedLine, formatLogLine } from "../../src/core/logFormat";
import { LogBuffer } from "../../src/runner/logBuffer";
import type { LogRecord } from "../../src/protocol/runner";
import { generateRunName } from "../../src/core/runNames";
import { toFlowIssue, toFormValue } from "../../src/shared/formValue";
import { formatIssue } from "../../src/shared/issues";
import type { PauseParams } from "../../src/protocol/runner";

test("log lines look like Prefect's", () => {
  const time = new Date(2026, 10, 25, 9, 5, 7, 42).getTime();
  assert.equal(formatLogLine({ time, level: "warning", message: "hi", source: "flow" }, "crimson-wolf"), "09:05:07.042 | WARNING | Flow run 'crimson-wolf' - hi");
});

test("the final line quotes its message the way Python's repr does", () => {
  assert.equal(finishedLine("Completed", undefined), "Finished in state Completed()");
  assert.equal(finishedLine("Failed", "boom"), "Finished in state Failed('boom')");
  assert.equal(finishedLine("Cancelled", "no answer for 'x'"), `Finished in state Cancelled("no answer for 'x'")`);
  assert.equal(finishedLine("Failed", `it's "odd"\nsecond`), `Finished in state Failed('it\\'s "odd"\\nsecond')`);
});

test("run names are adjective-animal, and avoid names already taken", () => {
  assert.match(generateRunName(), /^[a-z]+-[a-z]+$/);
  const taken = new Set<string>();
  for (let i = 0; i < 200; i++) taken.add(generateRunName((n) => taken.has(n)));
  assert.equal(taken.size, 200);
});

test("the log buffer sends one batch per turn of the event loop, in order, and caps a batch's size", async () => {
  const batches: LogRecord[][] = [];
  const buffer = new LogBuffer((records) => batches.push(records));
  const record = (i: number): LogRecord => ({ time: i, level: "info", message: String(i), source: "flow" });
  for (let i = 0; i < 12_001; i++) buffer.add(record(i));
  assert.deepEqual(batches.map((b) => b.length), [5000, 5000], "full batches go at once");
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(batches.map((b) => b.length), [5000, 5000, 2001]);
  assert.deepEqual(batches.flat().map((r) => r.time), Array.from({ length: 12_001 }, (_, i) => i));
  buffer.add(record(1));
  buffer.flush();
  assert.equal(batches.length, 4, "flush sends what is waiting now");
});

test("scripted answers are the flow's value: wrapped for bare types, ignored for no-input pauses", () => {
  const pause = (wrapped: boolean, noInput = false) => ({ wrapped, noInput }) as PauseParams;
  assert.deepEqual(toFormValue(pause(true), "Ada"), { value: "Ada" });
  assert.deepEqual(toFormValue(pause(false), { name: "Ada" }), { name: "Ada" });
  assert.deepEqual(toFormValue(pause(false, true), "anything"), {});
  assert.equal(formatIssue(toFlowIssue(pause(true), { path: ["value"], message: "Expected string" })), "Expected string");
  assert.equal(formatIssue(toFlowIssue(pause(false), { path: ["a", 0, "b"], message: "bad" })), "a.0.b: bad");
});
