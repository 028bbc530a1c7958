// Pause handlers that answer from a script instead of a person: an answers file (in order, as the
// CLI's --answers) or a past run's recorded answers (by key). Each answer is checked by the runner
// exactly as the form checks a submission.
import type { FieldIssue } from "../protocol/common";
import type { PauseParams } from "../protocol/runner";
import { toFlowIssue, toFormValue } from "../shared/formValue";
import { formatIssue } from "../shared/issues";
import { AnswersByKey, directiveOf } from "./answersFile";
import type { PauseHandler } from "./run";
import type { LiveRun, RecordedAnswers } from "./runs";

/** What to do when the scripted answers run out. */
export type Fallback = (run: LiveRun, pause: PauseParams, print: (line: string) => void) => ReturnType<PauseHandler>;

/**
 * Answers each pause with the next answers-file entry; a rejected answer is printed with its issues
 * and the next one is tried. With none left: `whenNoneLeft`, or the run is cancelled.
 */
export function answersFileHandler(answers: unknown[], print: (line: string) => void, whenNoneLeft?: Fallback): PauseHandler {
  const left = [...answers];
  let used = 0;
  return async (run, pause, token) => {
    while (left.length > 0) {
      if (token.isCancellationRequested) return { action: "cancel", reason: "The pause ended." };
      const answer = left.shift();
      const n = ++used;
      const directive = directiveOf(answer);
      if (directive === "cancel") return { action: "cancel", reason: `Cancelled by answer ${n}.` };
      if (directive === "timeout") return { action: "timeout" };
      const value = toFormValue(pause, answer);
      const check = await run.validate(pause.key, value);
      if (check.ok) return { action: "submit", value };
      printRejection(print, `Answer ${n} for pause '${pause.key}' rejected:`, pause, check.issues);
    }
    if (whenNoneLeft) return whenNoneLeft(run, pause, print);
    return { action: "cancel", reason: `no answer left for pause '${pause.key}'` };
  };
}

/**
 * Gives each pause its recorded answer (form-shaped), by key and in order, when the flow's schema
 * still takes it; a pause with none, or whose answer the flow now refuses, goes to `next` (the form).
 */
export function recordedAnswersHandler(answers: RecordedAnswers, next: PauseHandler): PauseHandler {
  const left = new AnswersByKey(answers);
  return async (run, pause, token) => {
    const recorded = pause.kind === "pause" ? left.take(pause.key) : undefined;
    if (recorded && (await run.validate(pause.key, recorded.value)).ok) return { action: "submit", value: recorded.value };
    return next(run, pause, token);
  };
}

/** A heading, then each issue on its own indented line. */
export function printRejection(print: (line: string) => void, heading: string, pause: PauseParams, issues: FieldIssue[]): void {
  print(heading);
  for (const issue of issues) print(`  ${formatIssue(toFlowIssue(pause, issue))}`);
}
