// What the Runs and Waiting views show for the engine: a group row, its runs, and each run's
// pauses with who answered them and when. Plain data, no `vscode`.
import { isFinal } from "../protocol/runState";
import type { EngineRunSummary, PauseHistoryEntry } from "../protocol/engine";
import { ICONS, summarize, type ViewIcon } from "./runRows";
import type { EngineStatus } from "./engineRuns";
import { formatClock } from "./time";

export interface EngineGroupNode {
  kind: "engine";
  id: "engine";
  label: string;
  description: string;
  icon: ViewIcon;
}

export interface EngineRunNode {
  kind: "engineRun";
  id: string;
  label: string;
  description: string;
  icon: ViewIcon;
  /** engine-run-paused, engine-run-running, engine-run-finished. */
  contextValue: string;
}

export interface EnginePauseNode {
  kind: "enginePause";
  id: string;
  runId: string;
  key: string;
  label: string;
  description: string;
  icon: ViewIcon;
}

export function engineGroupNode(status: Exclude<EngineStatus, { kind: "off" }>, runs: readonly EngineRunSummary[]): EngineGroupNode {
  const paused = runs.filter((run) => run.state === "Paused").length;
  const counts = `${runs.length} run${runs.length === 1 ? "" : "s"}${paused ? `, ${paused} waiting` : ""}`;
  return {
    kind: "engine",
    id: "engine",
    label: "Engine",
    description: status.kind === "lost" ? `${status.where} · unreachable, reconnecting` : `${status.where} · ${counts}`,
    icon: status.kind === "lost" ? { id: "debug-disconnect", color: "problemsWarningIcon.foreground" } : { id: "server-environment" },
  };
}

export function engineRunNode(run: EngineRunSummary, now = Date.now()): EngineRunNode {
  const state = run.state === "Paused" ? `waiting at ${run.pause ?? "a pause"}` : run.state.toLowerCase();
  return {
    kind: "engineRun",
    id: run.id,
    label: run.flow,
    description: [shortId(run.id), formatClock(run.createdAt, now), state].join(" · "),
    icon: ICONS[run.state],
    contextValue: run.state === "Paused" ? "engine-run-paused" : isFinal(run.state) ? "engine-run-finished" : "engine-run-running",
  };
}

export function enginePauseNodes(runId: string, history: readonly PauseHistoryEntry[], now = Date.now()): EnginePauseNode[] {
  return history.map((pause) => {
    const ended = pause.ended;
    const description = !ended
      ? `waiting · ${formatClock(pause.since, now)}`
      : ended.outcome === "submitted"
        ? `${summarize(ended.value)} · answered by ${ended.by} · ${formatClock(ended.at, now)}`
        : `timed out · ${formatClock(ended.at, now)}`;
    const icon: ViewIcon = !ended ? { id: "debug-pause", color: "charts.yellow" } : ended.outcome === "submitted" ? { id: "check" } : { id: "circle-slash" };
    return { kind: "enginePause", id: `${runId}/${pause.key}`, runId, key: pause.key, label: pause.key, description, icon };
  });
}

/** Engine runs are UUIDs: the first block tells them apart in a list. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
