// Benchmark run inside a real extension host (bench/main.mjs starts it through code-server):
// activation time, and the extension host's memory with 1,000 runs in history. The figures go to
// the JSON file named by PAUSEFLOW_BENCH_OUT.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { PauseflowApi } from "../src/extension";
import { HistoryStore } from "../src/core/historyStore";
import { RunManager } from "../src/core/runManager";
import { runNode } from "../src/core/runRows";
import { benchHistory } from "./history";

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<PauseflowApi>("pauseflow.pauseflow");
  if (!extension) throw new Error("pauseflow.pauseflow is not installed");
  if (extension.isActive) throw new Error("open a folder without flow files: the first activation is what is measured");
  const started = performance.now();
  await extension.activate();
  const activationMs = performance.now() - started;

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
  writeFileSync(
    process.env.PAUSEFLOW_BENCH_OUT ?? join(tmpdir(), "pauseflow-bench-ext.json"),
    JSON.stringify({ activationMs, rows: rows.length, rssMb: after.rss / 2 ** 20, historyHeapMb: (after.heapUsed - before.heapUsed) / 2 ** 20 }),
  );
}
