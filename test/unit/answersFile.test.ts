// The answers file (pauseflow run --answers): reading it, writing one from a run's record, the
// command line that runs it, and recorded answers taken by key.
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { AnswersByKey, answersCommandLine, answersFileOf, AnswersFileError, directiveOf, formatAnswersFile, parseAnswersFile, readAnswersFile } from "../../src/core/answersFile";
import type { PauseRecord, RunRecord } from "../../src/core/runRecord";
import { lastAcceptedAnswer } from "../../src/core/runs";
import { tempDir } from "../helpers";

function record(pauses: Partial<PauseRecord>[], spec: RunRecord["spec"] = { file: "/w/shirt.flow.ts" }): RunRecord {
  return {
    id: "r1",
    name: "brave-otter",
    flowName: "get-shirt-order",
    spec,
    state: "Completed",
    createdAt: 0,
    pauses: pauses.map((p, i) => ({ key: `pause-${i + 1}`, kind: "pause", requestedAt: i, ...p })),
  };
}

test("an answers file is a JSON array; anything else says what is wrong with which file", () => {
  assert.deepEqual(parseAnswersFile('["Ada", {"size": "large"}, {"$timeout": true}]', "a.json"), ["Ada", { size: "large" }, { $timeout: true }]);
  assert.throws(() => parseAnswersFile('{"name": "Ada"}', "a.json"), new AnswersFileError("a.json must hold a JSON array"));
  assert.throws(() => parseAnswersFile("[1,", "a.json"), (e: Error) => e instanceof AnswersFileError && e.message.startsWith("a.json is not valid JSON: "));
  const dir = tempDir();
  assert.throws(() => readAnswersFile(join(dir, "none.json")), new AnswersFileError(`no such answers file: ${join(dir, "none.json")}`));
  writeFileSync(join(dir, "a.json"), "[true]");
  assert.deepEqual(readAnswersFile(join(dir, "a.json")), [true]);
});

test("directives: $cancel and $timeout, only when true", () => {
  assert.equal(directiveOf({ $cancel: true }), "cancel");
  assert.equal(directiveOf({ $timeout: true }), "timeout");
  assert.equal(directiveOf({ $timeout: false }), undefined);
  assert.equal(directiveOf("$timeout"), undefined);
  assert.equal(directiveOf({ size: "large" }), undefined);
});

test("a run's answers file: accepted answers as the flow got them, in order; timeouts as $timeout; refused answers and the parameters form left out; it stops at a pause that was not answered", () => {
  const answers = answersFileOf(
    record([
      { kind: "parameters", outcome: "submitted", value: { n: 1 } },
      { key: "name", wrapped: true, outcome: "invalid", value: { value: "" } },
      { key: "name", wrapped: true, outcome: "submitted", value: { value: "Ada" } },
      { key: "order", outcome: "submitted", value: { size: "large", color: "red" } },
      { key: "late", outcome: "timedOut" },
      { key: "gate", outcome: "submitted", value: {} },
      { key: "last", outcome: "cancelled" },
      { key: "after", outcome: "submitted", value: { x: 1 } },
    ]),
  );
  assert.deepEqual(answers, ["Ada", { size: "large", color: "red" }, { $timeout: true }, {}]);
  assert.equal(formatAnswersFile(answers), `[\n  "Ada",\n  {\n    "size": "large",\n    "color": "red"\n  },\n  {\n    "$timeout": true\n  },\n  {}\n]\n`);
  assert.deepEqual(answersFileOf(record([{ outcome: "runEnded" }])), []);
});

test("the command line that runs an answers file, quoted for a shell where it needs to be", () => {
  assert.equal(answersCommandLine(record([]), "shirt.flow.ts", "shirt.answers.json"), "npx pauseflow run shirt.flow.ts --answers shirt.answers.json");
  const withParams = record([], { file: "/w/train.flow.ts", flow: "approveTraining", params: { gpus: 2, note: "it's big" } });
  assert.equal(
    answersCommandLine(withParams, "flows/train.flow.ts", "my answers.json"),
    `npx pauseflow run flows/train.flow.ts --flow approveTraining --params '{"gpus":2,"note":"it'\\''s big"}' --answers 'my answers.json'`,
  );
});

test("recorded answers by key: each taken once, in order; none for an unknown key", () => {
  const byKey = new AnswersByKey({ size: [{ size: "small" }, { size: "large" }], note: [undefined] });
  assert.deepEqual(byKey.take("size"), { value: { size: "small" } });
  assert.deepEqual(byKey.take("note"), { value: undefined });
  assert.deepEqual(byKey.take("size"), { value: { size: "large" } });
  assert.equal(byKey.take("size"), undefined);
  assert.equal(byKey.take("other"), undefined);
});

test("the last accepted answer for a flow's pause key: the newest run's latest accepted one, never a refused, timed-out or other flow's answer", () => {
  const run = (id: string, flowName: string, pauses: Partial<PauseRecord>[]): RunRecord => ({ ...record(pauses), id, flowName });
  const history = [
    run("newest", "get-shirt-order", [{ key: "order", outcome: "invalid", value: { size: "small", color: "green" } }, { key: "order" }]),
    run("other", "greet-user", [{ key: "order", outcome: "submitted", value: { name: "x" } }]),
    run("older", "get-shirt-order", [
      { key: "order", outcome: "submitted", value: { size: "small", color: "red" } },
      { key: "order", outcome: "submitted", value: { size: "large", color: "black" } },
      { key: "late", outcome: "timedOut" },
    ]),
    run("oldest", "get-shirt-order", [{ key: "order", outcome: "submitted", value: { size: "medium", color: "red" } }]),
  ];
  assert.deepEqual(lastAcceptedAnswer(history, "get-shirt-order", { key: "order", kind: "pause" }), { value: { size: "large", color: "black" } });
  assert.equal(lastAcceptedAnswer(history, "get-shirt-order", { key: "late", kind: "pause" }), undefined);
  assert.equal(lastAcceptedAnswer(history, "get-shirt-order", { key: "order", kind: "parameters" }), undefined);
  assert.equal(lastAcceptedAnswer(history, "approve-training", { key: "order", kind: "pause" }), undefined);
});
