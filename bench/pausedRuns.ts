// What paused runs cost while they wait: `count` runs of one flow started at once by a RunManager,
// each held at its pause; then the memory of every process each run holds (its runner and anything
// the runner started), measured a second after all paused and again after a while; then every pause answered and
// every run waited for. Linux only (/proc).
import { readdirSync, readFileSync } from "node:fs";
import { HistoryStore } from "../src/core/historyStore";
import type { PauseHandler } from "../src/core/run";
import { RunManager } from "../src/core/runManager";
import type { PauseAnswer } from "../src/protocol/runner";

export interface PausedRunsFigures {
  count: number;
  /** ms from starting them all to all paused. */
  pauseAllMs: number;
  /** Processes per paused run (the runner and its descendants), the most any run had. */
  processesPerRun: number;
  /** A second after all paused, and `settleMs` later: sums over every run's processes, in MB. */
  rssMb: number;
  pssMb: number;
  settledRssMb: number;
  settledPssMb: number;
  settleMs: number;
  /** ms from answering them all to all Completed. */
  answerAllMs: number;
}

export async function benchPausedRuns(options: { runnerPath: string; file: string; storageDir: string; count: number; settleMs: number }): Promise<PausedRunsFigures> {
  const { count, settleMs } = options;
  const held: ((answer: PauseAnswer) => void)[] = [];
  let allPaused!: () => void;
  const paused = new Promise<void>((resolve) => (allPaused = resolve));
  const pauseHandler: PauseHandler = () =>
    new Promise((resolve) => {
      held.push(resolve);
      if (held.length === count) allPaused();
    });
  const runs = new RunManager({ runnerPath: options.runnerPath, store: new HistoryStore(options.storageDir, () => {}), pauseHandler, nodePath: () => undefined, historyLimit: () => count });
  const started = performance.now();
  const all = Array.from({ length: count }, () => runs.start({ file: options.file, params: { count: 1 } }));
  await paused;
  const pauseAllMs = performance.now() - started;

  // The esbuild service each runner started is stopping as its flow pauses: measure once it has.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const trees = all.map((run) => processTree(run.pid!));
  const now = memoryOf(trees.flat());
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const settled = memoryOf(all.flatMap((run) => processTree(run.pid!)));

  const answering = performance.now();
  for (const answer of held) answer({ action: "submit", value: { label: "neutral" } });
  const records = await Promise.all(all.map((run) => run.finished));
  const answerAllMs = performance.now() - answering;
  const notCompleted = records.filter((r) => r.state !== "Completed");
  if (notCompleted.length) throw new Error(`${notCompleted.length} of ${count} runs ended otherwise than Completed: ${notCompleted[0]!.state} ${notCompleted[0]!.stateMessage ?? ""}`);
  await runs.dispose();
  return {
    count,
    pauseAllMs,
    processesPerRun: Math.max(...trees.map((tree) => tree.length)),
    rssMb: now.rss,
    pssMb: now.pss,
    settledRssMb: settled.rss,
    settledPssMb: settled.pss,
    settleMs,
    answerAllMs,
  };
}

/** The process and its descendants. */
function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(" ").filter(Boolean).map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

/** Resident and proportional set sizes summed, in MB. */
function memoryOf(pids: number[]): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    let rollup: string;
    try {
      rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    } catch {
      continue; // it exited meanwhile
    }
    rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)![1]);
    pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)![1]);
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}
