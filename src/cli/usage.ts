// What the CLI's commands, local and engine, share for reading their arguments: one error for bad
// usage (printed alone, exit 2) and the readers of --params and --answers.
import { AnswersFileError, readAnswersFile } from "../core/answersFile";

export class UsageError extends Error {}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export function parseParams(text: string): Record<string, unknown> {
  const value = parseJson(text, "--params");
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError("--params must be a JSON object");
  return value as Record<string, unknown>;
}

export function readAnswers(file: string): unknown[] {
  try {
    return readAnswersFile(file, `--answers ${file}`);
  } catch (error) {
    throw error instanceof AnswersFileError ? new UsageError(error.message) : error;
  }
}
