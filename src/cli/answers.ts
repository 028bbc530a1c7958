// Answers pauses from a scripted list (the CLI's --answers file), checked exactly as the form
// checks a submission: a rejected answer is printed and the next one is tried.
import type { FieldIssue, PauseParams } from "../protocol/runner";
import type { PauseHandler, Run } from "../core/run";

/** What to do when the scripted answers run out. */
export type Fallback = (run: Run, pause: PauseParams, print: (line: string) => void) => ReturnType<PauseHandler>;

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

/** An answer is what the flow receives; the form's value wraps a bare type as `{ value }`. */
export function toFormValue(pause: PauseParams, answer: unknown): unknown {
  if (pause.noInput) return {};
  return pause.wrapped ? { value: answer } : answer;
}

/** A heading, then each issue on its own indented line. */
export function printRejection(print: (line: string) => void, heading: string, pause: PauseParams, issues: FieldIssue[]): void {
  print(heading);
  for (const issue of issues) print(`  ${describeIssue(pause, issue)}`);
}

export function describeIssue(pause: PauseParams, issue: FieldIssue): string {
  const path = pause.wrapped ? issue.path.slice(1) : issue.path;
  return path.length ? `${path.join(".")}: ${issue.message}` : issue.message;
}

function isDirective(answer: unknown, key: "$cancel" | "$timeout"): boolean {
  return typeof answer === "object" && answer !== null && (answer as Record<string, unknown>)[key] === true;
}
