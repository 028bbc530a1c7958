// How a flow's own code ended, told the same way by the local runner and the engine's worker.
import type { FieldIssue } from "../protocol/common";
import { STATE_KEY, type FinalState } from "../sdk/registry";
import { formatIssues } from "../shared/issues";

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

/** The stack without Pauseflow's own frames and Node's internals: what the flow author needs. */
export function userStack(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return String(error);
  return error.stack
    .split("\n")
    .filter((line) => !line.includes("node:internal") && !line.includes(__filename))
    .join("\n");
}
