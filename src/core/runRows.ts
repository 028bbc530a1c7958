// What the Runs view shows for each run and pause, as plain data (the view turns it into TreeItems).
// No `vscode` here, so it is unit-tested directly.
import { isFinal } from "../protocol/runState";
import { toFlowValue } from "../shared/formValue";
import type { PauseRecord, RunRecord } from "./runRecord";
import { isInterrupted } from "./runs";
import { formatClock, formatDateTime, formatDuration } from "./time";

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
  icon: ViewIcon;
  /** For `when` clauses: run-running, run-paused, run-finished, run-interrupted (finished, and resumable). */
  contextValue: string;
  /** Whether the run has pause rows (built by pauseNodes when it is expanded). */
  hasPauses: boolean;
}

export interface PauseNode {
  kind: "pause";
  id: string;
  runId: string;
  index: number;
  label: string;
  description: string;
  icon: ViewIcon;
  /** For `when` clauses: pause-located when the flow's line of the pause is known (Go to Pause). */
  contextValue: "pause" | "pause-located";
}

export const ICONS: Record<RunRecord["state"], ViewIcon> = {
  Pending: { id: "clock" },
  Running: { id: "loading~spin" },
  Paused: { id: "debug-pause", color: "charts.yellow" },
  Completed: { id: "pass", color: "testing.iconPassed" },
  Failed: { id: "error", color: "testing.iconFailed" },
  Cancelled: { id: "circle-slash", color: "disabledForeground" },
  Crashed: { id: "warning", color: "problemsWarningIcon.foreground" },
};

export function runNode(record: RunRecord, now = Date.now()): RunNode {
  const live = !isFinal(record.state);
  const duration = formatDuration((record.endedAt ?? now) - record.createdAt);
  const state = record.state === "Paused" ? `waiting at ${record.pauses.at(-1)?.key ?? "a pause"}` : record.state.toLowerCase();
  const description = [record.name, formatClock(record.createdAt, now), live ? state : `${state} in ${duration}`].join(" · ");
  return {
    kind: "run",
    id: record.id,
    label: record.flowName,
    description,
    icon: ICONS[record.state],
    contextValue: record.state === "Paused" ? "run-paused" : live ? "run-running" : isInterrupted(record) ? "run-interrupted" : "run-finished",
    hasPauses: record.pauses.length > 0,
  };
}

export function pauseNodes(record: RunRecord, now = Date.now()): PauseNode[] {
  return record.pauses.map((pause, i) => pauseNode(record, pause, i, now));
}

/** How each pause outcome reads in the Runs view. */
const OUTCOME_TEXT: Record<NonNullable<PauseRecord["outcome"]> | "waiting", string> = {
  waiting: "waiting",
  submitted: "submitted",
  invalid: "answer refused by the flow",
  timedOut: "timed out",
  cancelled: "cancelled",
  runEnded: "run ended",
};

function pauseNode(record: RunRecord, pause: PauseRecord, index: number, now: number): PauseNode {
  const label = pause.kind === "parameters" ? "parameters" : pause.key;
  const value = pause.value === undefined ? "" : summarize(toFlowValue(pause, pause.value));
  const outcome = pause.outcome ?? "waiting";
  const description = [outcome === "submitted" ? value || "resumed" : OUTCOME_TEXT[outcome], formatClock(pause.endedAt ?? pause.requestedAt, now)]
    .filter(Boolean)
    .join(" · ");
  const icon: ViewIcon =
    outcome === "submitted" ? { id: "check" } : outcome === "waiting" ? { id: "debug-pause", color: "charts.yellow" } : { id: "circle-slash" };
  const contextValue = pause.location ? "pause-located" : "pause";
  return { kind: "pause", id: `${record.id}/${index}`, runId: record.id, index, label, description, icon, contextValue };
}

/** A run's hover text: built only when the row is hovered. */
export function runTooltip(record: RunRecord): string {
  const duration = record.endedAt ? formatDuration(record.endedAt - record.createdAt) : "";
  return [
    `${record.flowName} — ${record.name}`,
    `${record.state}${record.stateMessage ? `: ${record.stateMessage}` : ""}`,
    `Started ${formatDateTime(record.createdAt)}${duration ? `, took ${duration}` : ""}`,
    record.spec.params && Object.keys(record.spec.params).length ? `Parameters: ${JSON.stringify(record.spec.params)}` : "",
    record.spec.file,
  ].filter(Boolean).join("\n");
}

export function pauseTooltip(pause: PauseRecord): string {
  const label = pause.kind === "parameters" ? "parameters" : pause.key;
  const outcome = pause.outcome ?? "waiting";
  return [
    `${label}: ${OUTCOME_TEXT[outcome]}`,
    `Asked ${formatClock(pause.requestedAt)}${pause.endedAt ? `, ${outcome === "submitted" ? "answered" : "ended"} after ${formatDuration(pause.endedAt - pause.requestedAt)}` : ""}`,
    pause.value === undefined ? "" : `Submitted:\n${JSON.stringify(toFlowValue(pause, pause.value), null, 2)}`,
  ].filter(Boolean).join("\n");
}

/** A value in one short line: `{"size":"medium","color":"red"}`. */
export function summarize(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
