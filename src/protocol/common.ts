// The types both channels use: host ⇄ runner (runner.ts) and host ⇄ form webview (form.ts).
import * as z from "zod";

/** A JSON Schema object as made by the runner; only the form renderer reads inside it. */
export const JsonSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchema>;

/** One problem with a candidate value, at the path of the field it concerns (empty: the whole form). */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** Here rather than in runner.ts, so that the SDK's declarations (scripts/buildTypes.mjs) need only this file and zod. */
export const LogLevel = z.enum(["debug", "info", "warning", "error", "critical"]);
export type LogLevel = z.infer<typeof LogLevel>;

/** A place in a source file: its absolute path, and line and column from 1 (as in a stack trace). */
export const SourceLocation = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;
