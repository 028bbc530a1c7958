// Runs answered from a script, through the real runner: a past run's answers given again by key
// (Re-run with Same Answers, Resume Interrupted Run), an answers file given in order (Run with
// Answers File...), in a window's own runs and through the runner host, and a run's answers
// exported as a file that the CLI completes the flow with.
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { answersFileOf, formatAnswersFile } from "../../src/core/answersFile";
import { HistoryStore } from "../../src/core/historyStore";
import { HostRuns } from "../../src/core/hostRuns";
import { hostLocation, readHostInfo } from "../../src/core/hostLocation";
import type { PauseHandler } from "../../src/core/run";
import { RunManager } from "../../src/core/runManager";
import { recordedAnswers } from "../../src/core/runs";
import type { PauseParams } from "../../src/protocol/runner";
import { alive, DIST, RUNNER, runCli, tempDir, until, writeFlow } from "../helpers";

function manager(pauseHandler: PauseHandler) {
  return new RunManager({ runnerPath: RUNNER, store: new HistoryStore(tempDir(), () => {}), pauseHandler, nodePath: () => undefined, historyLimit: () => 200 });
}

/** A pause handler standing for the form: answers from `values` by key, and remembers what it was asked. */
function form(values: Record<string, unknown>) {
  const asked: PauseParams[] = [];
  const handler: PauseHandler = async (_run, pause) => {
    asked.push(pause);
    return { action: "submit", value: values[pause.key] };
  };
  return { asked, handler };
}

const order = (sizes: string) => `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";
export const order = flow({ name: "order", logPrints: true }, async () => {
  const { size } = await pauseFlowRun(z.object({ size: z.enum([${sizes}]) }), { key: "size" });
  const note = await pauseFlowRun(z.string(), { key: "note" });
  console.log("size " + size + ", note " + note);
});
`;

test("Re-run with Same Answers: each pause gets its recorded answer by key, no form; an answer the edited flow refuses opens the form for that pause only", async () => {
  const file = writeFlow(order(`"small", "large"`));
  const first = form({ size: { size: "small" }, note: { value: "gift wrap" } });
  const runs = manager(first.handler);
  const original = await runs.start({ file }).finished;
  assert.equal(original.state, "Completed");
  assert.deepEqual(recordedAnswers(original), { size: [{ size: "small" }], note: [{ value: "gift wrap" }] });

  const replayFormAsked = form({});
  const replay = manager(replayFormAsked.handler);
  const again = await replay.start({ file }, { answers: recordedAnswers(original) }).finished;
  assert.equal(again.state, "Completed");
  assert.deepEqual(replayFormAsked.asked, [], "no form was asked for");
  assert.deepEqual(again.pauses.map((p) => [p.key, p.outcome, p.value]), [["size", "submitted", { size: "small" }], ["note", "submitted", { value: "gift wrap" }]]);

  // The flow is edited: "small" is no longer a size. That pause's form opens; the note is still replayed.
  writeFileSync(file, order(`"medium", "large"`));
  const edited = form({ size: { size: "medium" } });
  const afterEdit = manager(edited.handler);
  const run = afterEdit.start({ file }, { answers: recordedAnswers(original) });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.deepEqual(edited.asked.map((p) => p.key), ["size"], "only the refused pause asked the form");
  assert.ok(run.logs.some((l) => l.message === "size medium, note gift wrap"), run.logs.map((l) => l.message).join("\n"));
  await Promise.all([runs.dispose(), replay.dispose(), afterEdit.dispose()]);
});

test("an answers file: each entry answers the next pause, a refused one is logged with its issues and the next tried, no form; none left cancels the run", async () => {
  const file = writeFlow(order(`"small", "large"`));
  const theForm = form({});
  const runs = manager(theForm.handler);
  const run = runs.start({ file }, { answersFile: [{ size: "huge" }, { size: "large" }, "fragile"] });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.deepEqual(theForm.asked, []);
  const messages = run.logs.map((l) => l.message);
  const rejected = messages.indexOf("Answer 1 for pause 'size' rejected:");
  assert.ok(rejected >= 0, messages.join("\n"));
  assert.match(messages[rejected + 1]!, /^ {2}size: /);
  assert.equal(run.logs[rejected]!.level, "warning");
  assert.ok(messages.includes("size large, note fragile"));

  const short = await runs.start({ file }, { answersFile: [{ size: "small" }] }).finished;
  assert.equal(short.state, "Cancelled");
  assert.equal(short.stateMessage, "no answer left for pause 'note'");
  assert.deepEqual(theForm.asked, [], "still no form");
  await runs.dispose();
});

test("through the runner host, an answers file and recorded answers answer the pauses without the window's form", async () => {
  const storage = tempDir();
  const theForm = form({});
  const runs = new HostRuns({
    storageDir: storage,
    hostScript: join(DIST, "runnerHost.js"),
    pauseHandler: theForm.handler,
    settings: () => ({ historyLimit: 200, idleSeconds: 600 }),
    nodePath: () => undefined,
    warn: () => {},
  });
  const file = writeFlow(order(`"small", "large"`));
  const fromFile = await runs.start({ file }, { answersFile: [{ size: "huge" }, { size: "large" }, "by the host"] });
  await until("the run from the file to complete", () => runs.find(fromFile.record.id)?.state === "Completed");
  const logs = (await runs.logs(fromFile.record.id)).map((l) => l.message);
  assert.ok(logs.includes("Answer 1 for pause 'size' rejected:") && logs.includes("size large, note by the host"), logs.join("\n"));

  const recorded = recordedAnswers(runs.find(fromFile.record.id)!);
  const replayed = await runs.start({ file }, { answers: recorded });
  await until("the replayed run to complete", () => runs.find(replayed.record.id)?.state === "Completed");
  assert.deepEqual(theForm.asked, [], "the window's form was never asked");
  await runs.dispose();
  const pid = readHostInfo(hostLocation(storage))?.pid;
  if (pid && alive(pid)) {
    process.kill(pid, "SIGTERM");
    await until("the host to exit", () => !alive(pid));
  }
});

test("Export Answers File: a run answered in forms (a refused answer, a timeout the flow caught) becomes a file that `pauseflow run --answers` completes the flow with", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, PauseTimeoutError } from "pauseflow";
import { z } from "zod";
export const survey = flow({ name: "survey", logPrints: true }, async () => {
  const name = await pauseFlowRun(z.string().min(2), { key: "name" });
  let when = "never";
  try { when = (await pauseFlowRun(z.object({ day: z.string() }), { key: "when", timeout: 0.3 })).day; } catch (e) { if (!(e instanceof PauseTimeoutError)) throw e; }
  const { count } = await pauseFlowRun(z.object({ count: z.bigint() }), { key: "count" });
  console.log(name + " / " + when + " / " + (count * 2n));
});
`);
  const theForm: PauseHandler = async (run, pause) => {
    if (pause.key === "when") return new Promise(() => {});
    if (pause.key === "name") assert.equal((await run.validate("name", { value: "A" })).ok, false);
    return { action: "submit", value: pause.key === "name" ? { value: "Ada" } : { count: "21" } };
  };
  const runs = manager(theForm);
  const run = runs.start({ file });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.ok(run.logs.some((l) => l.message === "Ada / never / 42"));

  const answers = answersFileOf(record);
  assert.deepEqual(answers, ["Ada", { $timeout: true }, { count: "21" }], "bare values unwrapped, a timeout as its directive");
  const answersPath = join(tempDir(), "survey.answers.json");
  writeFileSync(answersPath, formatAnswersFile(answers));
  const cli = await runCli(["run", file, "--answers", answersPath]);
  assert.equal(cli.code, 0, cli.stdout + cli.stderr);
  assert.ok(cli.messages.includes("Ada / never / 42"), cli.stdout);
  await runs.dispose();
});
