// How a flow's own code ended, told the same way by the local runner and the engine's worker.
import type { FieldIssue } from "../protocol/common";
import { STATE_KEY, type FinalState } from "../sdk/registry";
import { formatIssues } from "../shared/issues";
import type { LogLevel } from "../protocol/runner";
import { splitStack } from "./userFrames";

export class InvalidParams extends Error {
  constructor(issues: FieldIssue[]) {
    super(`Flow run received invalid parameters: ${formatIssues(issues)}`);
  }
}

/** A flow may return Cancelled(...), Failed(...) or Completed(...) instead of a value. */
export function isFinalState(value: unknown): value is FinalState {
  return typeof value === "object" && value !== null && (value as FinalState)[STATE_KEY] === true;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * How a failed flow's error is logged: the message and the flow's own frames, at error level, then,
 * when Pauseflow or Node frames were left out, the full stack at debug level. That is where a VS Code
 * user looks for more of a log entry: the output channel's "Set Log Level..." shows debug lines.
 */
export function stackLines(what: string, error: unknown): [LogLevel, string][] {
  if (!(error instanceof Error) || !error.stack) return [["error", `${what}:\n${String(error)}`]];
  const { user, hidden } = splitStack(error.stack);
  if (hidden === 0) return [["error", `${what}:\n${user}`]];
  const note = `    (${hidden} frame${hidden === 1 ? "" : "s"} of Pauseflow and Node hidden; the full stack is logged at debug level)`;
  return [
    ["error", `${what}:\n${user}\n${note}`],
    ["debug", `Full stack:\n${error.stack}`],
  ];
}
