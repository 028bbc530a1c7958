// Answers pauses from a scripted list (the CLI's --answers file), checked exactly as the form
// checks a submission: a rejected answer is printed and the next one is tried.
import type { FieldIssue } from "../protocol/common";
import type { PauseParams } from "../protocol/runner";
import type { PauseHandler } from "../core/run";
import type { LiveRun } from "../core/runs";
import { toFlowIssue, toFormValue } from "../shared/formValue";
import { isRecord } from "../shared/guards";
import { formatIssue } from "../shared/issues";

/** What to do when the scripted answers run out. */
export type Fallback = (run: LiveRun, pause: PauseParams, print: (line: string) => void) => ReturnType<PauseHandler>;

export function scriptedAnswers(answers: unknown[], print: (line: string) => void, whenNoneLeft: Fallback | undefined): PauseHandler {
  let used = 0;
  return async (run, pause, token) => {
    while (answers.length > 0) {
      if (token.isCancellationRequested) return { action: "cancel", reason: "The pause ended." };
      const answer = answers.shift();
      const n = ++used;
      if (isDirective(answer, "$cancel")) return { action: "cancel", reason: `Cancelled by answer ${n}.` };
      if (isDirective(answer, "$timeout")) return { action: "timeout" };
      const value = toFormValue(pause, answer);
      const check = await run.validate(pause.key, value);
      if (check.ok) return { action: "submit", value };
      printRejection(print, `Answer ${n} for pause '${pause.key}' rejected:`, pause, check.issues);
    }
    if (whenNoneLeft) return whenNoneLeft(run, pause, print);
    return { action: "cancel", reason: `no answer left for pause '${pause.key}'` };
  };
}

/** A heading, then each issue on its own indented line. */
export function printRejection(print: (line: string) => void, heading: string, pause: PauseParams, issues: FieldIssue[]): void {
  print(heading);
  for (const issue of issues) print(`  ${formatIssue(toFlowIssue(pause, issue))}`);
}


function isDirective(answer: unknown, key: "$cancel" | "$timeout"): boolean {
  return isRecord(answer) && answer[key] === true;
}
