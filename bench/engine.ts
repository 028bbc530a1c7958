// Engine mode's figures: a throwaway PostgreSQL cluster (scripts/postgres.ts), one real
// `pauseflow worker` process running bench/flows/engine.flow.ts, and an EngineClient in this
// process, as the CLI and the extension hold one. Called by bench/main.mjs; prints nothing,
// returns the figures. Times across processes are Date.now() of this machine's one clock.
import { readFileSync } from "node:fs";
import { startPostgres, type Postgres } from "../scripts/postgres";
import { WorkerProcess } from "../test/engine/harness";
import { EngineClient } from "../src/engine/client";
import { EngineRuns, type EngineStatus } from "../src/core/engineRuns";
import { engineGroupNode, engineRunNode } from "../src/core/engineRows";
import type { EngineRunSummary } from "../src/protocol/engine";

export interface EngineBench {
  /** Per sample: ms from the client sending an answer (as the form does) to the flow's code after the pause running. */
  submitToFlowContinuesMs: number[];
  /** Per sample: ms from sending the answer to the client holding the "accepted" verdict. */
  submitToAcceptedMs: number[];
  idleWorkerRssMb: number;
  /** ms from enqueueing the first of `paused` runs to all of them listed Paused. */
  pauseAllMs: number;
  paused: number;
  pausedWorkerRssMb: number;
  /** xact_commit + xact_rollback per second in the bench database while the runs wait. */
  transactionsPerSecond: number;
  /** The same with the worker up and no run waiting. */
  idleTransactionsPerSecond: number;
  /** ms to run `filled` more runs, getting the database to `listed` runs. */
  fillMs: number;
  filled: number;
  listed: number;
  /** Per sample: the Runs view's poll (EngineRuns.refresh, the newest 500) and its rows. */
  runsViewMs: number[];
  /** Per sample: all `listed` runs through EngineClient.runs, and their rows. */
  allRunsMs: number[];
  /** ms to answer every paused run (`answering` at once) until each verdict is accepted. */
  answerAllMs: number;
  answering: number;
  /** ms from the last verdict to all those runs Completed. */
  completeAllMs: number;
}

const PAUSED = 1000;
const LISTED = 10_000;
const ANSWERING = 32;
const WINDOW_MS = 20_000;

export async function benchEngine(flowFile: string, repeats: number): Promise<EngineBench> {
  const pg = await startPostgres();
  let worker: WorkerProcess | undefined;
  let client: EngineClient | undefined;
  try {
    worker = await WorkerProcess.start(pg.url, [flowFile]);
    client = await EngineClient.open(pg.url);
    const c = client;
    const pid = worker.child.pid!;

    const submitToFlowContinuesMs: number[] = [];
    const submitToAcceptedMs: number[] = [];
    await submitOnce(c); // warm both processes
    for (let i = 0; i < repeats; i++) {
      const sample = await submitOnce(c);
      submitToFlowContinuesMs.push(sample.continued);
      submitToAcceptedMs.push(sample.accepted);
    }
    const idleWorkerRssMb = residentMemory(pid);
    const idleTransactionsPerSecond = await transactionsPerSecond(pg);

    let started = performance.now();
    const ids = await mapLimit(PAUSED, 20, () => c.start("engine-pause", {}));
    await until(`${PAUSED} paused runs`, async () => (await c.runs({ paused: true, limit: 2 * PAUSED })).length === PAUSED, 180_000);
    const pauseAllMs = performance.now() - started;
    const pausedWorkerRssMb = residentMemory(pid);

    const waitingTransactionsPerSecond = await transactionsPerSecond(pg);

    // Real runs, not rows copied in SQL: about 9,000 of them take under 20 s here.
    started = performance.now();
    const filled = LISTED - runCount(pg);
    await mapLimit(filled, 20, () => c.start("engine-done", {}));
    await until(`${filled} finished runs`, async () => Number(pg.sql("SELECT count(*) FROM dbos.workflow_status WHERE name = 'engine-done' AND status = 'SUCCESS'", "pauseflow")) === filled, 300_000);
    const fillMs = performance.now() - started;
    const listed = runCount(pg);

    const runsViewMs = await runsView(pg.url, repeats);
    const allRunsMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t = performance.now();
      const runs = await c.runs({ limit: LISTED });
      rows({ kind: "connected", where: "bench" }, runs);
      allRunsMs.push(performance.now() - t);
    }

    started = performance.now();
    const verdicts = await mapLimit(PAUSED, ANSWERING, (i) => c.answer(ids[i]!, { value: { n: i }, by: "bench", waitSeconds: 60 }));
    const answerAllMs = performance.now() - started;
    const refused = verdicts.filter((v) => v.verdict !== "accepted");
    if (refused.length) throw new Error(`${refused.length} answers were not accepted: ${JSON.stringify(refused[0])}`);
    started = performance.now();
    const waiting = new Set(ids);
    await until(`${PAUSED} completed runs`, async () => {
      for (const run of await c.runs({ limit: 2 * LISTED })) if (run.state === "Completed") waiting.delete(run.id);
      return waiting.size === 0;
    }, 120_000);
    const completeAllMs = performance.now() - started;

    return {
      submitToFlowContinuesMs,
      submitToAcceptedMs,
      idleWorkerRssMb,
      pauseAllMs,
      paused: PAUSED,
      pausedWorkerRssMb,
      transactionsPerSecond: waitingTransactionsPerSecond,
      idleTransactionsPerSecond,
      fillMs,
      filled,
      listed,
      runsViewMs,
      allRunsMs,
      answerAllMs,
      answering: ANSWERING,
      completeAllMs,
    };
  } catch (error) {
    if (worker) process.stderr.write(`worker stderr:\n${worker.stderr}\n`);
    throw error;
  } finally {
    await client?.close().catch(() => {});
    await worker?.stop();
    pg.remove();
  }
}

/** One run paused, answered through EngineClient.submit (as the form answers), then waited for. */
async function submitOnce(client: EngineClient): Promise<{ continued: number; accepted: number }> {
  const id = await client.start("engine-pause", {});
  await until("a paused run", async () => (await client.run(id)).state === "Paused", 30_000, 10);
  const pause = (await client.pause(id))!;
  const sent = Date.now();
  const verdict = await client.submit(id, { key: pause.key, value: { n: 1 }, by: "bench" }, 30);
  const accepted = Date.now() - sent;
  if (verdict.verdict !== "accepted") throw new Error(`answer not accepted: ${JSON.stringify(verdict)}`);
  const end = await client.wait(id);
  if (end.state !== "Completed") throw new Error(`run ended ${end.state}: ${end.message}`);
  return { continued: Number(end.message) - sent, accepted };
}

/**
 * What the Runs view does on each poll: EngineRuns lists the newest runs (comparing them with the
 * last list), and the tree builds a row for each (it does only when the list changed).
 */
async function runsView(url: string, repeats: number): Promise<number[]> {
  const view = new EngineRuns((u) => EngineClient.open(u));
  await view.connect(url, "bench");
  try {
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t = performance.now();
      await view.refresh();
      rows(view.status, view.runs);
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    await view.dispose();
  }
}

function rows(status: EngineStatus, runs: readonly EngineRunSummary[]): void {
  if (status.kind === "off" || runs.length === 0) throw new Error("no engine runs listed");
  engineGroupNode(status, runs);
  runs.map((run) => engineRunNode(run));
}

/**
 * Transactions in the bench database over a window, per second (as counted in pg_stat_database).
 * It opens after a pause of 10 s: a paused run's first transactions of waiting come just after it
 * reads as Paused, and a server process may hold its counts up to 10 s before reporting them.
 */
async function transactionsPerSecond(pg: Postgres): Promise<number> {
  const count = () => Number(pg.sql("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'pauseflow'"));
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const before = count();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  return (count() - before) / ((performance.now() - started) / 1000);
}

function runCount(pg: Postgres): number {
  return Number(pg.sql("SELECT count(*) FROM dbos.workflow_status", "pauseflow"));
}

function residentMemory(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Calls `fn` with 0..count-1, at most `limit` at once. */
async function mapLimit<R>(count: number, limit: number, fn: (index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

async function until(what: string, done: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
