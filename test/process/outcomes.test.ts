// A pause's outcome is decided once, in the runner, and only that outcome is shown and recorded:
// what the form says, what history keeps, and what the flow received always agree.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HistoryStore } from "../../src/core/historyStore";
import type { PauseHandler, Run } from "../../src/core/run";
import { RunManager } from "../../src/core/runManager";
import { RUNNER, messagesOf, neverAnswer, startRun, tempDir, writeFlow } from "../helpers";

function manager(dir: string, pauseHandler: PauseHandler = neverAnswer) {
  return new RunManager({ runnerPath: RUNNER, store: new HistoryStore(dir, () => {}), pauseHandler, nodePath: () => undefined, historyLimit: () => 200 });
}

/** A form nobody answers: the pause's outcome must be recorded all the same. */
const formThatWaits: PauseHandler = () => new Promise(() => {});

const storedPauses = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "runs.json"), "utf8")) as { runs: { pauses: { key: string; outcome?: string; endedAt?: number }[] }[] }).runs[0]!.pauses;

test("a pause ended by its timeout, by a cancel from the Runs view or by a crash ends with that outcome and an end time, in memory and in runs.json", async () => {
  const timesOut = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";\n` +
      `export const f = flow(async () => {\n  try { await pauseFlowRun({ key: "short", timeout: 0.3 }); } catch { getRunLogger().info("went on"); }\n  await pauseFlowRun({ key: "long" });\n});\n`,
  );
  for (const [how, outcomes, end] of [
    ["cancel", ["timedOut", "cancelled"], (runs: RunManager, run: Run) => runs.cancel(run.record.id, "Cancelled from the Runs view.")],
    ["crash", ["timedOut", "runEnded"], (_runs: RunManager, run: Run) => process.kill(run.pid!, "SIGKILL")],
  ] as const) {
    const dir = tempDir();
    const runs = manager(dir, formThatWaits);
    const run = runs.start({ file: timesOut });
    await waitUntil(() => run.pendingPause?.key === "long");
    assert.equal(run.record.pauses[0]!.outcome, "timedOut", how);
    assert.ok(run.record.pauses[0]!.endedAt, how);
    assert.equal(runs.waiting().length, 1, "a flow that caught the timeout and paused again counts once");
    end(runs, run);
    await run.finished;
    assert.deepEqual(run.record.pauses.map((p) => p.outcome), outcomes, how);
    assert.ok(run.record.pauses.every((p) => p.endedAt), how);
    assert.equal(runs.waiting().length, 0, how);
    await runs.dispose();
    assert.deepEqual(storedPauses(dir).map((p) => p.outcome), outcomes, `${how}: runs.json`);
  }
});

test("submits at many offsets around a short timeout: what the form says, what history records and what the flow received agree, every time", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger, PauseTimeoutError } from "pauseflow";\nimport { z } from "zod";\n` +
      `export const f = flow(async () => {\n` +
      `  try { const v = await pauseFlowRun(z.object({ n: z.number() }), { key: "race", timeout: 0.3 }); getRunLogger().info("flow got " + v.n); }\n` +
      `  catch (e) { getRunLogger().info(e instanceof PauseTimeoutError ? "flow got a timeout" : "flow got " + e); }\n});\n`,
  );
  const trials = Array.from({ length: 60 }, (_, i) => 240 + i * 2); // 240 to 358 ms after the pause opened
  const results: { offset: number; formSaid: string; recorded: string | undefined; flowGot: string }[] = [];
  for (let batch = 0; batch < trials.length; batch += 10) {
    await Promise.all(
      trials.slice(batch, batch + 10).map(async (offset) => {
        let formSaid = "nothing";
        // Like the form: checks the answer, sends it, and says "accepted" only for the outcome the runner decided.
        const handler: PauseHandler = (run, pause, token) =>
          new Promise((resolve) => {
            const timer = setTimeout(() => {
              void run.validate(pause.key, { n: offset }).then(async (check) => {
                if (!check.ok) return void (formSaid = "not waiting");
                resolve({ action: "submit", value: { n: offset } });
                const ending = await run.pauseEnded(pause.key);
                formSaid = ending.outcome === "submitted" ? "accepted" : ending.outcome;
              });
            }, offset);
            token.onCancellationRequested(() => {
              clearTimeout(timer);
              resolve({ action: "cancel", reason: "gone" });
            });
          });
        const run = startRun({ file }, handler);
        await run.finished;
        const flowGot = messagesOf(run).find((m) => m.startsWith("flow got"))!;
        results.push({ offset, formSaid, recorded: run.record.pauses[0]!.outcome, flowGot });
      }),
    );
  }
  for (const r of results) {
    const submitted = r.flowGot === `flow got ${r.offset}`;
    assert.equal(r.recorded, submitted ? "submitted" : "timedOut", JSON.stringify(r));
    if (submitted) assert.equal(r.formSaid, "accepted", JSON.stringify(r));
    else assert.ok(["timedOut", "not waiting", "nothing"].includes(r.formSaid), JSON.stringify(r));
  }
  assert.ok(results.some((r) => r.recorded === "submitted") && results.some((r) => r.recorded === "timedOut"), "the offsets straddle the timeout");
});

test("a cancel that arrives while the runner re-checks an answer: the run is Cancelled, history records the cancel, the flow never got the value", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";\nimport { z } from "zod";\n` +
      `const slow = z.object({ n: z.number() }).refine(async () => { await new Promise((r) => setTimeout(r, 300)); return true; });\n` +
      `export const f = flow(async () => { const v = await pauseFlowRun(slow, { key: "slow" }); getRunLogger().info("flow got " + v.n); });\n`,
  );
  let ending = "";
  const run = startRun({ file }, (r, pause) => {
    // The answer goes unchecked, so the runner's own check is under way when the cancel arrives.
    setTimeout(() => run.cancel("Cancelled from the Runs view."), 100);
    void r.pauseEnded(pause.key).then((e) => (ending = e.outcome));
    return Promise.resolve({ action: "submit", value: { n: 1 } });
  });
  const record = await run.finished;
  assert.equal(record.state, "Cancelled");
  assert.equal(record.pauses[0]!.outcome, "cancelled");
  assert.equal(record.pauses[0]!.value, undefined);
  assert.equal(ending, "cancelled");
  assert.ok(!messagesOf(run).some((m) => m.startsWith("flow got")));
});

test("a refinement that throws: the check says what failed, its stack is in the logs, the run stays paused and a good answer still resumes it", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";\nimport { z } from "zod";\n` +
      `const name = z.object({ name: z.string() }).refine((v) => { if (v.name === "boom") throw new Error("refinement bug"); return true; });\n` +
      `export const f = flow(async () => { const v = await pauseFlowRun(name, { key: "name" }); getRunLogger().info("hello " + v.name); });\n`,
  );
  const answers: unknown[] = [];
  const run = startRun({ file }, async (r, pause) => {
    const bad = await r.validate(pause.key, { name: "boom" });
    answers.push(bad);
    const good = await r.validate(pause.key, { name: "Ada" });
    answers.push(good);
    return { action: "submit", value: { name: "Ada" } };
  });
  const record = await run.finished;
  assert.deepEqual(answers[0], { ok: false, issues: [{ path: [], message: "The flow's schema could not check this answer: Error: refinement bug" }] });
  assert.deepEqual(answers[1], { ok: true, issues: [] });
  assert.equal(record.state, "Completed");
  const logged = messagesOf(run).find((m) => m.startsWith("The schema of pause 'name' threw while checking an answer:"));
  assert.ok(logged?.includes("refinement bug") && logged.includes(file), logged);
  assert.ok(messagesOf(run).includes("hello Ada"));
});

test("an answer too deep to send: the check says it could not be sent, nothing is blamed on the runner, the run stays paused", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nimport { z } from "zod";\nexport const f = flow(async () => { await pauseFlowRun(z.object({ a: z.unknown() }), { key: "deep" }); });\n`);
  let deep: unknown = 1;
  for (let i = 0; i < 10_000; i++) deep = { a: deep };
  let check: unknown;
  const run = startRun({ file }, async (r, pause) => {
    check = await r.validate(pause.key, deep);
    return { action: "submit", value: { a: 1 } };
  });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.match((check as { issues: { message: string }[] }).issues[0]!.message, /^This answer could not be sent to the runner: /);
  assert.ok(!messagesOf(run).some((m) => m.includes("malformed")), messagesOf(run).join("\n"));
});

test("an answer the runner's re-check refuses: the flow gets a ValidationError, its next pause works, history says the answer was refused", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger, ValidationError } from "pauseflow";\nimport { z } from "zod";\n` +
      `const n = z.object({ n: z.number() }).refine((v) => { if (v.n === 13) throw new Error("unlucky"); return true; });\n` +
      `export const f = flow(async () => {\n  try { await pauseFlowRun(n, { key: "first" }); } catch (e) { getRunLogger().info("caught " + (e instanceof ValidationError)); }\n` +
      `  const v = await pauseFlowRun(n, { key: "second" }); getRunLogger().info("got " + v.n);\n});\n`,
  );
  const run = startRun({ file }, async (_r, pause) => ({ action: "submit", value: { n: pause.key === "first" ? 13 : 2 } }));
  const record = await run.finished;
  assert.equal(record.state, "Completed", messagesOf(run).join("\n"));
  assert.ok(messagesOf(run).includes("caught true"));
  assert.ok(messagesOf(run).includes("got 2"));
  assert.deepEqual(record.pauses.map((p) => p.outcome), ["invalid", "submitted"]);
});

test("a check sent to a stopped runner gets an answer by its deadline saying the runner did not answer; the run stays paused", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nimport { z } from "zod";\nexport const f = flow(async () => { await pauseFlowRun(z.object({ n: z.number() }), { key: "n" }); });\n`);
  let check: unknown;
  const run = startRun(
    { file },
    async (r, pause) => {
      process.kill(run.pid!, "SIGSTOP");
      check = await r.validate(pause.key, { n: 1 });
      process.kill(run.pid!, "SIGCONT");
      return { action: "submit", value: { n: 1 } };
    },
    { answerTimeoutMs: 500 },
  );
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.deepEqual(check, { ok: false, issues: [{ path: [], message: "The runner did not answer within 0.5 seconds (is it stopped or busy?); the run is still paused, so try again." }] });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("many runs answered in the same tick all end Completed: a runner's exit is judged only after its last messages are handled", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";\nimport { z } from "zod";\n` +
      `export const f = flow(async () => { const v = await pauseFlowRun(z.object({ n: z.number() }), { key: "n" }); getRunLogger().info("got " + v.n); return v.n; });\n`,
  );
  const count = Number(process.env.PAUSEFLOW_BURST_RUNS ?? 50);
  const answers: (() => void)[] = [];
  const runs: Run[] = [];
  for (let i = 0; i < count; i++) {
    runs.push(startRun({ file }, (_run, _pause, token) => new Promise((resolve) => {
      answers.push(() => resolve({ action: "submit", value: { n: i } }));
      token.onCancellationRequested(() => resolve({ action: "cancel", reason: "gone" }));
    })));
  }
  await waitUntil(() => answers.length === count, 120_000);
  // Every form submitted at once, to a host that is busy as well: each turn of its event loop takes
  // a while, as in an extension host with other work, so the runners' last messages wait their turn.
  const busy = setInterval(() => {
    const until = Date.now() + 300;
    while (Date.now() < until);
  }, 0);
  for (const answer of answers) answer();
  const records = await Promise.all(runs.map((run) => run.finished)).finally(() => clearInterval(busy));
  const wrong = records.filter((r) => r.state !== "Completed").map((r) => `${r.state}: ${r.stateMessage}`);
  assert.deepEqual(wrong, [], `${wrong.length} of ${count} runs did not end Completed`);
  assert.ok(runs.every((run, i) => messagesOf(run).includes(`got ${i}`)));
});
