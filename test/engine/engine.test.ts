// Engine mode end to end: a real PostgreSQL cluster, real `pauseflow worker` processes, and the
// CLI in other processes, reading what a user reads (stdout, exit codes, `runs --json`, `logs`).
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, test as nodeTest } from "node:test";
import { EngineClient } from "../../src/engine/client";
import pg from "pg";
import { CLI, runCli } from "../helpers";
import { cli, cluster, flowFolder, freshDatabase, removeCluster, waitForRun, WorkerProcess } from "./harness";

/** A test that hangs (a worker that never drains, a follow that never ends) fails after 4 minutes instead of holding CI. */
const test = (name: string, fn: () => Promise<void>): void => void nodeTest(name, { timeout: 4 * 60_000 }, fn);

after(() => removeCluster());

/** A step that appends to a file (so a test can count how often it ran), a pause with a refinement. */
const APPROVE = (stepFile: string) => `import { appendFileSync } from "node:fs";
import { flow, pauseFlowRun, getRunLogger, step } from "pauseflow";
import { z } from "zod";

export const approve = flow({ name: "approve" }, async () => {
  const log = getRunLogger();
  const cost = await step("estimate", async () => {
    appendFileSync(${JSON.stringify(stepFile)}, "ran\\n");
    return 120;
  });
  log.info(\`estimated \${cost}\`);
  const answer = await pauseFlowRun({
    key: "sign-off",
    waitForInput: z.object({ approve: z.boolean(), note: z.string() }).refine((v) => v.approve || v.note.length > 0, { message: "say why", path: ["note"] }),
  });
  log.info(\`flow got approve=\${answer.approve} note=\${answer.note}\`);
});
`;

async function startApprove(url: string, folder: string): Promise<string> {
  const started = await cli(url, ["start", join(folder, "approve.flow.ts")]);
  assert.equal(started.code, 0, started.stdout + started.stderr);
  const id = started.stdout.split("\n")[0]!;
  assert.match(id, /^[0-9a-f-]{36}$/);
  return id;
}

test("start, pause, answer from another process, complete; a rejected answer never reaches the flow", async () => {
  const url = await freshDatabase();
  const stepFile = join(flowFolder({}), "steps.txt");
  const folder = flowFolder({ "approve.flow.ts": APPROVE(stepFile) });
  const worker = await WorkerProcess.start(url, [folder]);
  try {
    const id = await startApprove(url, folder);
    assert.deepEqual(await waitForRun(url, id, "Paused"), { ...(await waitForRun(url, id, "Paused")), pause: "sign-off" });
    const paused = await cli(url, ["runs", "--paused"]);
    assert.match(paused.stdout, new RegExp(`^${id}  approve  Paused  sign-off$`, "m"));

    const rejected = await cli(url, ["answer", id, "--value", '{"approve":false,"note":""}', "--as", "bob"]);
    assert.equal(rejected.code, 4, rejected.stdout + rejected.stderr);
    assert.match(rejected.stdout, /rejected:\n {2}note: say why/);
    assert.equal((await waitForRun(url, id, "Paused")).pause, "sign-off", "a rejected answer leaves the run paused");

    const accepted = await cli(url, ["answer", id, "--key", "sign-off", "--value", '{"approve":true,"note":"go"}', "--as", "ada"]);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    const waited = await cli(url, ["wait", id]);
    assert.equal(waited.code, 0);
    assert.equal(waited.stdout.trim(), "Finished in state Completed()");
    const again = await cli(url, ["answer", id, "--value", '{"approve":true,"note":"twice"}']);
    assert.equal(again.code, 2, again.stdout + again.stderr);
    assert.match(again.stderr, /is over \(Completed\); there is nothing to answer/);

    const logs = await cli(url, ["logs", id]);
    assert.deepEqual(
      logs.messages.filter((m) => !m.startsWith("Beginning")),
      [
        "estimated 120",
        "Pausing flow, execution will continue when this flow run is resumed.",
        "Answer from bob to pause 'sign-off' rejected: note: say why",
        "Pause 'sign-off' answered by ada.",
        "Resuming flow run execution!",
        "flow got approve=true note=go",
        "Finished in state Completed()",
      ],
    );
    assert.equal(readFileSync(stepFile, "utf8"), "ran\n");
  } finally {
    await worker.stop();
  }
});

test("kill -9 of the worker while paused: a second worker takes the run over, the answer completes it, the finished step does not run again", async () => {
  const url = await freshDatabase();
  const stepFile = join(flowFolder({}), "steps.txt");
  const folder = flowFolder({ "approve.flow.ts": APPROVE(stepFile) });
  const first = await WorkerProcess.start(url, [folder]);
  const id = await startApprove(url, folder);
  await waitForRun(url, id, "Paused");
  await first.stop("SIGKILL");
  const second = await WorkerProcess.start(url, [folder], ["--takeover-after", "2"]);
  try {
    // Taken over: the run is paused again, on the second worker, at the same pause.
    await waitForTakeover(url, id, second);
    const accepted = await cli(url, ["answer", id, "--value", '{"approve":true,"note":""}', "--as", "ada"]);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.equal((await cli(url, ["wait", id])).stdout.trim(), "Finished in state Completed()");
    assert.equal(readFileSync(stepFile, "utf8"), "ran\n", "the completed step ran once");
    const logs = await cli(url, ["logs", id]);
    // The code before the pause ran again on recovery: its lines are there twice, the second time marked.
    assert.ok(logs.stdout.includes("estimated 120 (replayed)"), logs.stdout);
    assert.equal(logs.messages.filter((m) => m === "estimated 120").length, 1, logs.stdout);
    assert.ok(logs.messages.includes("flow got approve=true note="), logs.stdout);
  } finally {
    await second.stop();
  }
});

/** The second worker has re-run the workflow up to its pause (its replayed lines are stored). */
async function waitForTakeover(url: string, id: string, worker: WorkerProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    const logs = await cli(url, ["logs", id]);
    if (logs.stdout.includes("Pausing flow, execution will continue when this flow run is resumed. (replayed)")) return;
    if (Date.now() - started > 30_000) throw new Error(`no takeover of ${id}:\n${logs.stdout}\nworker:\n${worker.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

test("an answer sent while no worker is alive is stored, and delivered when one starts", async () => {
  const url = await freshDatabase();
  const folder = flowFolder({ "approve.flow.ts": APPROVE(join(flowFolder({}), "steps.txt")) });
  const first = await WorkerProcess.start(url, [folder]);
  const id = await startApprove(url, folder);
  await waitForRun(url, id, "Paused");
  await first.stop("SIGKILL");
  const unchecked = await cli(url, ["answer", id, "--value", '{"approve":true,"note":"later"}', "--wait", "1"]);
  assert.equal(unchecked.code, 5, unchecked.stdout + unchecked.stderr);
  assert.match(unchecked.stdout, /No worker checked the answer within 1 s; it stays stored/);
  const second = await WorkerProcess.start(url, [folder], ["--takeover-after", "2"]);
  try {
    assert.equal((await cli(url, ["wait", id], { timeoutMs: 60_000 })).stdout.trim(), "Finished in state Completed()");
    assert.ok((await cli(url, ["logs", id])).messages.includes("flow got approve=true note=later"));
  } finally {
    await second.stop();
  }
});

test("a pause that times out throws PauseTimeoutError in the flow; cancel ends a paused run Cancelled, saying by whom; a flow's timeout ends it Failed", async () => {
  const url = await freshDatabase();
  const folder = flowFolder({
    "timing.flow.ts": `import { flow, pauseFlowRun, getRunLogger, PauseTimeoutError } from "pauseflow";
import { z } from "zod";
export const short = flow({ name: "short" }, async () => {
  try {
    await pauseFlowRun(z.object({ a: z.string() }), { timeout: 1 });
  } catch (error) {
    getRunLogger().info(\`caught \${(error as Error).name}: \${(error as Error).message}\`);
  }
});
export const long = flow({ name: "long" }, async () => {
  await pauseFlowRun(z.object({ a: z.string() }), { key: "forever", timeout: null });
});
export const slow = flow({ name: "slow", timeout: 1 }, async () => {
  await pauseFlowRun(z.object({ a: z.string() }), { timeout: null });
});
`,
  });
  const worker = await WorkerProcess.start(url, [folder]);
  try {
    const short = (await cli(url, ["start", join(folder, "timing.flow.ts"), "--flow", "short"])).stdout.trim();
    const long = (await cli(url, ["start", join(folder, "timing.flow.ts"), "--flow", "long"])).stdout.trim();
    assert.equal((await cli(url, ["wait", short])).stdout.trim(), "Finished in state Completed()");
    assert.ok((await cli(url, ["logs", short])).messages.includes("caught PauseTimeoutError: Pause 'pause-1' timed out after 1 second."));

    await waitForRun(url, long, "Paused");
    const cancelled = await cli(url, ["cancel", long]);
    assert.equal(cancelled.code, 0, cancelled.stdout + cancelled.stderr);
    const waited = await cli(url, ["wait", long]);
    assert.equal(waited.code, 3, waited.stdout + waited.stderr);
    assert.match(waited.stdout.trim(), /^Finished in state Cancelled\('Cancelled by .+\.'\)$/);
    const again = await cli(url, ["cancel", long]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /is already over \(Cancelled\)/);
    // Cancelled while it waited at a pause: the pause is not offered to an answer, nor listed.
    const late = await cli(url, ["answer", long, "--value", '{"a":"x"}']);
    assert.equal(late.code, 2, late.stdout + late.stderr);
    assert.match(late.stderr, new RegExp(`run '${long}' is over \\(Cancelled\\); there is nothing to answer`));
    assert.doesNotMatch((await cli(url, ["runs", "--paused"])).stdout, new RegExp(long));

    // A flow's own timeout ends it Failed, as locally, even while it waits at a pause.
    const slow = (await cli(url, ["start", join(folder, "timing.flow.ts"), "--flow", "slow"])).stdout.trim();
    const failed = await cli(url, ["wait", slow]);
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.equal(failed.stdout.trim(), "Finished in state Failed('Flow run exceeded timeout of 1 second')");
    assert.equal((await cli(url, ["logs", slow])).messages.at(-1), "Finished in state Failed('Flow run exceeded timeout of 1 second')");
  } finally {
    await worker.stop();
  }
});

test("two workers started at the same moment on a fresh database both come up", async () => {
  const url = await freshDatabase();
  const folder = flowFolder({ "approve.flow.ts": APPROVE(join(flowFolder({}), "steps.txt")) });
  const workers = await Promise.all([WorkerProcess.start(url, [folder]), WorkerProcess.start(url, [folder])]);
  await Promise.all(workers.map((w) => w.stop()));
  for (const worker of workers) assert.doesNotMatch(worker.stderr, /concurrently updated/);
});

test("a wrong URL, a refused password and a database that is not Pauseflow's: one clear line, exit 2, within 10 s", async () => {
  const pg = await cluster();
  const unused = pg.urlFor("pauseflow").replace(`:${pg.port}/`, ":1/");
  const cases: [string[], RegExp][] = [
    [["runs", "--db", "mysql://x@localhost/db"], /the database URL must start with postgres:\/\//],
    [["runs", "--db", unused], /cannot reach the database at 127\.0\.0\.1:1: connection refused/],
    [["runs", "--db", pg.urlFor("pauseflow").replace(pg.password, "wrong")], /refused the password for user 'pauseflow'/],
    [["runs", "--db", pg.urlFor("nosuch")], /has no database 'nosuch'/],
    [["runs", "--db", pg.urlFor("postgres")], /is not a Pauseflow database/],
    [["runs"], /no database: give --db URL or set PAUSEFLOW_DATABASE_URL/],
  ];
  pg.sql("CREATE TABLE IF NOT EXISTS someone_elses (id int)", "pauseflow");
  cases.push([["worker", "--db", pg.urlFor("pauseflow"), flowFolder({ "a.flow.ts": APPROVE("/dev/null") })], /is not a Pauseflow database: it holds other tables \(in public\)/]);
  for (const [args, expected] of cases) {
    const started = Date.now();
    const result = await runCli(args, { timeoutMs: 15_000 });
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, expected);
    assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    assert.ok(!result.stderr.includes(pg.password) && !result.stderr.includes(":wrong@"), "no password is printed");
    assert.ok(Date.now() - started < 10_000, `${args.join(" ")} took ${Date.now() - started} ms`);
  }
});

test("a worker refuses two flows of the same name, naming both files", async () => {
  const url = await freshDatabase();
  const source = (exportName: string) => `import { flow } from "pauseflow";\nexport const ${exportName} = flow({ name: "same" }, async () => {});\n`;
  const folder = flowFolder({ "a.flow.ts": source("one"), "b.flow.ts": source("two") });
  const result = await runCli(["worker", "--db", url, folder], { timeoutMs: 15_000 });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /two flows are named 'same': one in .*a\.flow\.ts and two in .*b\.flow\.ts/);
});

const ECHO = `import { flow, pauseFlowRun, Completed } from "pauseflow";
import { z } from "zod";
export const echo = flow({ name: "echo" }, async () => {
  const { n } = await pauseFlowRun(z.object({ n: z.number().int() }), { timeout: null });
  return Completed(\`got \${n}\`);
});
`;

/** Runs `fn` over the items with at most `limit` at once. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("300 paused runs on one worker are all answered, each run getting its own answer", async () => {
  const url = await freshDatabase();
  const worker = await WorkerProcess.start(url, [flowFolder({ "echo.flow.ts": ECHO })]);
  const client = await EngineClient.open(url);
  try {
    const ids = await mapLimit(Array.from({ length: 300 }), 20, () => client.start("echo", {}));
    await until("300 paused runs", async () => ((await client.runs({ paused: true, limit: 1000 })).length === 300 ? true : undefined), 90_000);
    const verdicts = await mapLimit(ids, 20, (id, i) => client.answer(id, { value: { n: i }, by: "tester", waitSeconds: 30 }));
    assert.deepEqual(new Set(verdicts.map((v) => v.verdict)), new Set(["accepted"]));
    const runs = await until("300 completed runs", async () => {
      const all = await client.runs({ limit: 1000 });
      return all.filter((r) => r.state === "Completed").length === 300 ? all : undefined;
    }, 60_000);
    const byId = new Map(runs.map((r) => [r.id, r]));
    ids.forEach((id, i) => assert.equal(byId.get(id)?.message, `got ${i}`));
  } finally {
    await client.close();
    await worker.stop();
  }
});

test("the database stopped during a pause: the worker waits it out, nothing is lost, and the answer completes the run", async () => {
  const url = await freshDatabase();
  const pg = await cluster();
  const worker = await WorkerProcess.start(url, [flowFolder({ "echo.flow.ts": ECHO })]);
  try {
    const id = (await cli(url, ["start", join(flowFolder({ "echo.flow.ts": ECHO }), "echo.flow.ts")])).stdout.trim();
    await waitForRun(url, id, "Paused");
    pg.stop();
    const down = await cli(url, ["runs"]);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /cannot reach the database at 127\.0\.0\.1:\d+: connection refused/);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    pg.start();
    assert.equal((await waitForRun(url, id, "Paused", 30_000)).pause, "pause-1");
    const accepted = await cli(url, ["answer", id, "--value", '{"n":7}']);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    const waited = await cli(url, ["wait", id]);
    assert.equal(waited.stdout.trim(), "Finished in state Completed('got 7')");
    assert.equal(worker.child.exitCode, null, "the worker is still running");
  } finally {
    await worker.stop();
  }
});

test("pauseflow run FILE --db: the flow runs on the engine with a worker of its own, answered from a file, printing what a local run prints", async () => {
  const url = await freshDatabase();
  const folder = flowFolder({ "approve.flow.ts": APPROVE(join(flowFolder({}), "steps.txt")) });
  const file = join(folder, "approve.flow.ts");
  const r = await runCli(["run", file, "--db", url], { answers: [{ approve: false, note: "" }, { approve: true, note: "ok" }], timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(r.messages.includes("Answer 1 for pause 'sign-off' rejected:"), r.stdout);
  assert.ok(r.messages.includes("  note: say why"), r.stdout);
  assert.ok(r.messages.includes("flow got approve=true note=ok"), r.stdout);
  assert.equal(r.messages.at(-1), "Finished in state Completed()");

  const none = await runCli(["run", file, "--db", url], { answers: [], timeoutMs: 60_000 });
  assert.equal(none.code, 3, none.stdout + none.stderr);
  assert.equal(none.messages.at(-1), `Finished in state Cancelled("no answer left for pause 'sign-off'")`);
});

test("re-run from a pause (a DBOS fork): the new run waits at that pause again, its earlier steps not run again", async () => {
  const url = await freshDatabase();
  const stepFile = join(flowFolder({}), "steps.txt");
  const folder = flowFolder({ "approve.flow.ts": APPROVE(stepFile) });
  const worker = await WorkerProcess.start(url, [folder]);
  const client = await EngineClient.open(url);
  try {
    const id = await startApprove(url, folder);
    await waitForRun(url, id, "Paused");
    assert.equal((await client.answer(id, { value: { approve: true, note: "first" }, by: "ada", waitSeconds: 30 })).verdict, "accepted");
    await client.wait(id);
    const fork = await client.forkAt(id, "sign-off");
    assert.notEqual(fork, id);
    assert.equal((await waitForRun(url, fork, "Paused")).pause, "sign-off");
    assert.equal((await client.answer(fork, { value: { approve: false, note: "second thoughts" }, by: "bob", waitSeconds: 30 })).verdict, "accepted");
    assert.equal((await client.wait(fork)).state, "Completed");
    assert.ok((await client.logs(fork)).some((r) => r.message === "flow got approve=false note=second thoughts"));
    assert.equal(readFileSync(stepFile, "utf8"), "ran\n", "the fork did not run the finished step again");
    const [pause] = await client.pauses(fork);
    assert.equal(pause?.ended?.outcome === "submitted" && pause.ended.by, "bob");
  } finally {
    await client.close();
    await worker.stop();
  }
});

test("SIGTERM drains a worker: paused runs stay paused, and another worker takes them over at once; logs --follow shows the lines as they come", async () => {
  const url = await freshDatabase();
  const folder = flowFolder({ "approve.flow.ts": APPROVE(join(flowFolder({}), "steps.txt")) });
  const first = await WorkerProcess.start(url, [folder]);
  const second = await WorkerProcess.start(url, [folder], ["--takeover-after", "600"]);
  try {
    // Either worker may take the run from the queue: the one holding it is the one stopped.
    const id = await startApprove(url, folder);
    await waitForRun(url, id, "Paused");
    const following = spawn(process.execPath, [CLI, "logs", id, "--follow", "--db", url], { stdio: ["ignore", "pipe", "pipe"] });
    let followed = "";
    following.stdout.on("data", (d) => (followed += d));
    // Listened for from the start: the follow may end before the answering CLI has exited.
    const followEnded = new Promise<void>((resolve) => following.on("close", () => resolve()));
    const pool = new pg.Pool({ connectionString: url });
    const { rows } = await pool.query<{ executor_id: string }>("SELECT executor_id FROM dbos.workflow_status WHERE workflow_uuid = $1", [id]);
    await pool.end();
    const holder = [first, second].find((w) => w.stdout.includes(`Worker ${rows[0]!.executor_id} ready`))!;
    const other = holder === first ? second : first;
    assert.equal(await holder.stop("SIGTERM"), 0);
    assert.match(holder.stdout, /Worker \S+ stopped/);
    assert.equal((await waitForRun(url, id, "Paused")).pause, "sign-off", "still paused after the drain");
    // Taken over at once (the drained worker said it is gone), though --takeover-after is 600 s.
    await waitForTakeover(url, id, other);
    assert.equal((await cli(url, ["answer", id, "--value", '{"approve":true,"note":"after drain"}'])).code, 0);
    await followEnded;
    assert.match(followed, /flow got approve=true note=after drain\n.*Finished in state Completed\(\)\n$/);
  } finally {
    await first.stop();
    await second.stop();
  }
});
