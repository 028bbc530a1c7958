// What the Runs view shows for each run and pause, as plain data (the view turns it into TreeItems).
// No `vscode` here, so it is unit-tested directly.
import type { PauseRecord, RunRecord } from "./run";

export interface ViewIcon {
  /** A codicon id, e.g. "pass" or "loading~spin". */
  id: string;
  /** A theme colour id, e.g. "testing.iconPassed". */
  color?: string;
}

export interface RunNode {
  kind: "run";
  id: string;
  label: string;
  description: string;
  tooltip: string;
  icon: ViewIcon;
  /** For `when` clauses: run-running, run-paused, run-finished. */
  contextValue: string;
  pauses: PauseNode[];
}

export interface PauseNode {
  kind: "pause";
  id: string;
  runId: string;
  label: string;
  description: string;
  tooltip: string;
  icon: ViewIcon;
}

const ICONS: Record<RunRecord["state"], ViewIcon> = {
  Pending: { id: "clock" },
  Running: { id: "loading~spin" },
  Paused: { id: "debug-pause", color: "charts.yellow" },
  Completed: { id: "pass", color: "testing.iconPassed" },
  Failed: { id: "error", color: "testing.iconFailed" },
  Cancelled: { id: "circle-slash", color: "disabledForeground" },
  Crashed: { id: "warning", color: "problemsWarningIcon.foreground" },
};

export function runNode(record: RunRecord, now = Date.now()): RunNode {
  const live = record.state === "Pending" || record.state === "Running" || record.state === "Paused";
  const duration = formatDuration((record.endedAt ?? now) - record.createdAt);
  const state = record.state === "Paused" ? `waiting at ${record.pauses.at(-1)?.key ?? "a pause"}` : record.state.toLowerCase();
  const description = [record.name, formatClock(record.createdAt, now), live ? state : `${state} in ${duration}`].join(" · ");
  const tooltip = [
    `${record.flowName} — ${record.name}`,
    `${record.state}${record.stateMessage ? `: ${record.stateMessage}` : ""}`,
    `Started ${new Date(record.createdAt).toLocaleString()}${record.endedAt ? `, took ${duration}` : ""}`,
    record.spec.params && Object.keys(record.spec.params).length ? `Parameters: ${JSON.stringify(record.spec.params)}` : "",
    record.spec.file,
  ].filter(Boolean).join("\n");
  return {
    kind: "run",
    id: record.id,
    label: record.flowName,
    description,
    tooltip,
    icon: ICONS[record.state],
    contextValue: record.state === "Paused" ? "run-paused" : live ? "run-running" : "run-finished",
    pauses: record.pauses.map((pause, i) => pauseNode(record, pause, i, now)),
  };
}

function pauseNode(record: RunRecord, pause: PauseRecord, index: number, now: number): PauseNode {
  const label = pause.kind === "parameters" ? "parameters" : pause.key;
  const value = pause.value === undefined ? "" : summarize(pause.value);
  const outcome = pause.outcome ?? "waiting";
  const description = [outcome === "submitted" ? value || "resumed" : outcome === "timedOut" ? "timed out" : outcome, formatClock(pause.endedAt ?? pause.requestedAt, now)]
    .filter(Boolean)
    .join(" · ");
  const tooltip = [
    `${label}: ${outcome === "timedOut" ? "timed out" : outcome}`,
    `Asked ${new Date(pause.requestedAt).toLocaleTimeString()}${pause.endedAt ? `, answered after ${formatDuration(pause.endedAt - pause.requestedAt)}` : ""}`,
    pause.value === undefined ? "" : `Submitted:\n${JSON.stringify(pause.value, null, 2)}`,
  ].filter(Boolean).join("\n");
  const icon: ViewIcon =
    outcome === "submitted" ? { id: "check" } : outcome === "waiting" ? { id: "debug-pause", color: "charts.yellow" } : { id: "circle-slash" };
  return { kind: "pause", id: `${record.id}/${index}`, runId: record.id, label, description, tooltip, icon };
}

/** A submitted value in one short line: `{"size":"medium","color":"red"}`, a wrapped value unwrapped. */
export function summarize(value: unknown, max = 60): string {
  const shown = isWrapped(value) ? value.value : value;
  const text = JSON.stringify(shown) ?? String(shown);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isWrapped(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "value" in value;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The time of day, with the date too when it is not today. */
export function formatClock(time: number, now = Date.now()): string {
  const date = new Date(time);
  const clock = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}:${String(date.getSeconds()).padStart(2, "0")}`;
  return date.toDateString() === new Date(now).toDateString() ? clock : `${date.toISOString().slice(0, 10)} ${clock}`;
}
