// Benchmark run inside a real extension host (bench/main.mjs starts it through code-server):
// activation time (beside a blank extension's, which is what VS Code costs any extension), the extension host's memory with 1,000 runs in history, and how long a window
// takes to attach to a folder's runner host holding 200 runs: first with no host running (it is
// started), then again as a reloaded window does, to the host the first left running. The figures
// go to the JSON file named by PAUSEFLOW_BENCH_OUT.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { PauseflowApi } from "../src/extension";
import { HistoryStore } from "../src/core/historyStore";
import { hostLocation, readHostInfo } from "../src/core/hostLocation";
import { HostRuns } from "../src/core/hostRuns";
import { RunManager } from "../src/core/runManager";
import { runNode } from "../src/core/runRows";
import { benchHistory } from "./history";

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<PauseflowApi>("pauseflow.pauseflow");
  if (!extension) throw new Error("pauseflow.pauseflow is not installed");
  if (extension.isActive) throw new Error("open a folder without flow files: the first activation is what is measured");
  const blank = vscode.extensions.getExtension("pauseflow-bench.blank");
  if (!blank) throw new Error("the blank extension is not installed beside Pauseflow");
  const timed = async (activate: () => Thenable<unknown>) => {
    const started = performance.now();
    await activate();
    return performance.now() - started;
  };
  // Activation returns before the runs' owner loads; the Runs view is current once it has (here the
  // first window of a folder: the runner host is started). Blank's activation waits for that, so
  // that it does not share the extension host with it.
  let runsShownMs = 0;
  const activatePauseflow = async () => {
    const started = performance.now();
    const activationMs = await timed(() => extension.activate());
    await (extension.exports.runs as { loaded?: Promise<unknown> }).loaded;
    runsShownMs = performance.now() - started;
    return activationMs;
  };
  const blankFirst = process.env.PAUSEFLOW_BENCH_BLANK_FIRST === "true";
  let activationMs: number;
  let blankActivationMs: number;
  if (blankFirst) {
    blankActivationMs = await timed(() => blank.activate());
    activationMs = await activatePauseflow();
  } else {
    activationMs = await activatePauseflow();
    blankActivationMs = await timed(() => blank.activate());
  }
  // What a reloaded window loads after activation, timed on a copy of its own (this one's is loaded).
  const deferredStarted = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, "deferredModules.js"));
  const deferredLoadMs = performance.now() - deferredStarted;

  const before = process.memoryUsage();
  const dir = mkdtempSync(join(tmpdir(), "pauseflow-bench-ext-"));
  await new HistoryStore(dir, () => {}).save(benchHistory(1000));
  const runs = new RunManager({
    runnerPath: "",
    store: new HistoryStore(dir, () => {}),
    pauseHandler: async () => ({ action: "cancel" }),
    nodePath: () => undefined,
    historyLimit: () => 1000,
  });
  const rows = runs.all.map((record) => runNode(record));
  const after = process.memoryUsage();
  const attach = await attachTimes(join(extension.extensionPath, "dist", "runnerHost.js"));
  writeFileSync(
    process.env.PAUSEFLOW_BENCH_OUT ?? join(tmpdir(), "pauseflow-bench-ext.json"),
    JSON.stringify({ activationMs, blankActivationMs, blankFirst, own: extension.exports.activation, runsShownMs, deferredLoadMs, rows: rows.length, rssMb: after.rss / 2 ** 20, historyHeapMb: (after.heapUsed - before.heapUsed) / 2 ** 20, ...attach }),
  );
}

const HOST_RUNS = 200;

/** ms for a window to know a runner host's 200 runs and have their rows: with no host yet, then with one running. */
async function attachTimes(hostScript: string): Promise<{ hostRuns: number; startHostMs: number; reattachMs: number }> {
  const storageDir = mkdtempSync(join(tmpdir(), "pauseflow-bench-host-"));
  await new HistoryStore(storageDir, () => {}).save(benchHistory(HOST_RUNS));
  const window = () =>
    new HostRuns({
      storageDir,
      hostScript,
      pauseHandler: async () => ({ action: "cancel" }),
      settings: () => ({ historyLimit: HOST_RUNS, idleSeconds: 60 }),
      nodePath: () => undefined,
      warn: (message) => {
        throw new Error(message);
      },
    });
  const current = async (runs: HostRuns) => {
    const started = performance.now();
    await runs.attach();
    const rows = runs.all.map((record) => runNode(record));
    if (rows.length !== HOST_RUNS) throw new Error(`the window knows ${rows.length} runs, not ${HOST_RUNS}`);
    return performance.now() - started;
  };
  const first = window();
  const startHostMs = await current(first);
  await first.dispose();
  const reloaded = window();
  const reattachMs = await current(reloaded);
  await reloaded.dispose();
  const pid = readHostInfo(hostLocation(storageDir))?.pid;
  if (pid) process.kill(pid, "SIGTERM");
  return { hostRuns: HOST_RUNS, startHostMs, reattachMs };
}
