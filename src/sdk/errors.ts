import type { FieldIssue } from "../protocol/common";
import { formatIssues } from "../shared/issues";

/** A value given to a pause (or a flow's parameters) failed the schema. */
export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(readonly issues: FieldIssue[], what = "input") {
    super(`Invalid ${what}: ${formatIssues(issues)}`);
  }
}

/** A pause was not answered in time. */
export class PauseTimeoutError extends Error {
  override name = "PauseTimeoutError";
  constructor(readonly key: string, readonly timeoutSeconds: number) {
    super(`Pause '${key}' timed out after ${secondsText(timeoutSeconds)}.`);
  }
}

/** The run was cancelled while the flow waited (thrown from the pending pause). */
export class RunCancelledError extends Error {
  override name = "RunCancelledError";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** "1 second", "0.3 seconds". */
export function secondsText(seconds: number): string {
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}


