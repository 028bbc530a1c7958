// How a pause ended, told to the person whose form it was.
import { secondsText } from "../sdk/errors";
import { formatIssues } from "../shared/issues";
import type { RunState } from "../protocol/runner";
import type { PauseEnding } from "../protocol/runner";

export function describePauseEnding(ending: PauseEnding, runState: RunState): string {
  switch (ending.outcome) {
    case "submitted":
      return "This pause was answered.";
    case "invalid":
      return `The flow's schema refused this answer when it arrived, so the flow got a ValidationError: ${formatIssues(ending.issues)}`;
    case "timedOut":
      // Said plainly: the flow did not go on without the input, it got an error it may not catch.
      return `The pause timed out after ${secondsText(ending.seconds)}: PauseTimeoutError was raised in the flow, and no answer reached it.`;
    case "cancelled":
      return `The run was cancelled: ${ending.reason}`;
    case "runEnded":
      return `The run ended (${runState}).`;
  }
}
