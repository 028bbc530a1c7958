// Benchmark run inside a real extension host (scripts/bench.mjs starts it through code-server):
// activation time, and the extension host's memory with 1,000 runs in history. The figures go to
// the JSON file named by PAUSEFLOW_BENCH_OUT.
import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { PauseflowApi } from "../../src/extension";
import { HistoryStore } from "../../src/core/historyStore";
import type { RunRecord } from "../../src/core/run";
import { RunManager } from "../../src/core/runManager";
import { runNode } from "../../src/core/runRows";

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<PauseflowApi>("pauseflow.pauseflow");
  if (!extension) throw new Error("pauseflow.pauseflow is not installed");
  if (extension.isActive) throw new Error("open a folder without flow files: the first activation is what is measured");
  const started = performance.now();
  await extension.activate();
  const activationMs = performance.now() - started;

  const before = process.memoryUsage();
  const dir = mkdtempSync(join(tmpdir(), "pauseflow-bench-ext-"));
  await new HistoryStore(dir, () => {}).save(history(1000));
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

function history(count: number): RunRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `run-${i}`,
    name: `bench-run-${i}`,
    flowName: "label-reviews",
    spec: { file: "/ws/label-reviews.flow.ts", flow: "labelReviews", params: { threshold: 0.8 } },
    state: "Completed",
    createdAt: now - (i + 1) * 60_000,
    endedAt: now - (i + 1) * 60_000 + 5_000,
    pauses: [1, 2, 3].map((k) => ({ key: `label-r${k}`, kind: "pause" as const, requestedAt: now - i * 60_000, endedAt: now - i * 60_000 + 1000, outcome: "submitted" as const, value: { label: "neutral" } })),
  }));
}
