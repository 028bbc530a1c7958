// The answers file of `pauseflow run --answers` (README: "The pauseflow CLI"): a JSON array, each
// element answering the next pause with the value the flow receives, or a directive. The CLI reads
// it, the extension runs flows with it and writes one from a run's recorded answers.
import { existsSync, readFileSync } from "node:fs";
import { isRecord } from "../shared/guards";
import { toFlowValue } from "../shared/formValue";
import type { RunRecord } from "./runRecord";
import type { RecordedAnswers } from "./runs";

/** An answers file that cannot be used; its message names the file and says why. */
export class AnswersFileError extends Error {}

export const TIMEOUT_ANSWER = { $timeout: true } as const;
export const CANCEL_ANSWER = { $cancel: true } as const;

/** `{"$cancel": true}` cancels the run; `{"$timeout": true}` times the pause out. */
export function directiveOf(answer: unknown): "cancel" | "timeout" | undefined {
  if (!isRecord(answer)) return undefined;
  if (answer.$cancel === true) return "cancel";
  if (answer.$timeout === true) return "timeout";
  return undefined;
}

/** The answers in a file's text; `name` is how the file is named in an error. */
export function parseAnswersFile(text: string, name: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AnswersFileError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new AnswersFileError(`${name} must hold a JSON array`);
  return value;
}

export function readAnswersFile(path: string, name = path): unknown[] {
  if (!existsSync(path)) throw new AnswersFileError(`no such answers file: ${path}`);
  return parseAnswersFile(readFileSync(path, "utf8"), name);
}

/**
 * A run's answers as an answers file: its pauses in the order they came, each accepted answer as
 * the flow received it and each timed-out pause as `{"$timeout": true}`, so that the CLI takes the
 * same path through the flow. A parameters form is not a pause (the CLI takes `--params`); a pause
 * that was cancelled or cut off by the run's end has nothing to replay and ends the file.
 */
export function answersFileOf(record: RunRecord): unknown[] {
  const answers: unknown[] = [];
  for (const pause of record.pauses) {
    if (pause.kind !== "pause") continue;
    if (pause.outcome === "submitted") answers.push(toFlowValue(pause, pause.value));
    else if (pause.outcome === "timedOut") answers.push(TIMEOUT_ANSWER);
    else if (pause.outcome === "invalid") continue; // refused by the flow: the CLI would skip it too
    else break;
  }
  return answers;
}

export function formatAnswersFile(answers: unknown[]): string {
  return `${JSON.stringify(answers, null, 2)}\n`;
}

/** The command line that runs `file`'s flow with an answers file, as the README gives it (paths as given). */
export function answersCommandLine(record: RunRecord, file: string, answersFile: string): string {
  const parts = ["npx", "pauseflow", "run", shellWord(file)];
  if (record.spec.flow) parts.push("--flow", shellWord(record.spec.flow));
  if (record.spec.params) parts.push("--params", shellWord(JSON.stringify(record.spec.params)));
  parts.push("--answers", shellWord(answersFile));
  return parts.join(" ");
}

/** A word for a POSIX shell: as it is when it holds nothing special, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Recorded answers by key, each taken once, in order. */
export class AnswersByKey {
  private readonly left: Map<string, unknown[]>;

  constructor(answers: RecordedAnswers) {
    this.left = new Map(Object.entries(answers).map(([key, values]) => [key, [...values]]));
  }

  /** The next recorded answer for `key`, if one is left. */
  take(key: string): { value: unknown } | undefined {
    const values = this.left.get(key);
    return values?.length ? { value: values.shift() } : undefined;
  }
}
