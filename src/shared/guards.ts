// Small guards every layer uses (host, runner, SDK, webview): no zod, no `vscode`, no Node APIs.

/** A plain object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
