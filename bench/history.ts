// The stored history the bench loads: `count` finished runs of label-reviews, three pauses each,
// one in ten Failed. Used by main.mjs (Runs view rows) and extensionHost.ts (extension host memory).
import type { RunRecord } from "../src/core/runRecord";

export function benchHistory(count: number): RunRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    id: `run-${i}`,
    name: `bench-run-${i}`,
    flowName: "label-reviews",
    spec: { file: "/ws/label-reviews.flow.ts", flow: "labelReviews", params: { threshold: 0.8 } },
    state: i % 10 === 0 ? "Failed" : "Completed",
    stateMessage: i % 10 === 0 ? "Flow run encountered an exception: Error: boom" : undefined,
    createdAt: now - (i + 1) * 60_000,
    endedAt: now - (i + 1) * 60_000 + 5_000,
    pauses: [1, 2, 3].map((k) => ({ key: `label-r${k}`, kind: "pause", requestedAt: now - i * 60_000, endedAt: now - i * 60_000 + 1000, outcome: "submitted", value: { label: "neutral" } })),
  }));
}
