// What the CLI's commands, local and engine, share for reading their arguments: one error for bad
// usage (printed alone, exit 2) and the readers of --params and --answers.
import { existsSync, readFileSync } from "node:fs";

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
  if (!existsSync(file)) throw new UsageError(`no such answers file: ${file}`);
  const value = parseJson(readFileSync(file, "utf8"), `--answers ${file}`);
  if (!Array.isArray(value)) throw new UsageError(`--answers ${file} must hold a JSON array`);
  return value;
}
