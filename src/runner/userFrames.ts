// Which frames of a (source-mapped) stack are the flow author's: not Pauseflow's own (its runner,
// SDK and worker bundles, or a copy of the SDK installed in the flow's folder) and not Node's.
// Used for the stacks of failed flows and for where each pauseFlowRun() was called.
import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceLocation } from "../protocol/common";

/** The extension (or package) root: this code runs from its dist/ folder. */
const PAUSEFLOW_ROOT = dirname(__dirname);
/** Where Pauseflow's own code is, bundled (dist/) or, with the development build's source maps, as source (src/, node_modules/). */
const INTERNAL_PREFIXES = ["dist", "src", "node_modules"].map((folder) => `${PAUSEFLOW_ROOT}${sep}${folder}${sep}`);
const INSTALLED_SDK = /[\\/]node_modules[\\/]pauseflow[\\/]/;

/** `    at fn (/a/b.ts:3:9)`, `    at /a/b.ts:3:9`, `    at async fn (file:///a/b.ts:3:9)` */
const FRAME = /^\s*at (?:.*?\()?(.+?):(\d+):(\d+)\)?$/;

export function isStackFrame(line: string): boolean {
  return /^\s+at /.test(line);
}

export function isInternalFrame(line: string): boolean {
  if (line.includes("node:internal") || INSTALLED_SDK.test(line)) return true;
  const file = frameLocation(line)?.file;
  return file !== undefined && INTERNAL_PREFIXES.some((prefix) => file.startsWith(prefix));
}

export function frameLocation(line: string): SourceLocation | undefined {
  const match = FRAME.exec(line);
  if (!match) return undefined;
  const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

/** The first of the flow's own frames on the current stack: where the caller of the SDK is. */
export function callerLocation(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const frame = stack.split("\n").find((line) => isStackFrame(line) && !isInternalFrame(line));
  return frame ? frameLocation(frame) : undefined;
}

export interface SplitStack {
  /** The message and the flow's own frames. */
  user: string;
  /** How many frames of Pauseflow and Node were left out. */
  hidden: number;
}

export function splitStack(stack: string): SplitStack {
  let hidden = 0;
  const kept = stack.split("\n").filter((line) => {
    const internal = isStackFrame(line) && isInternalFrame(line);
    if (internal) hidden++;
    return !internal;
  });
  return { user: kept.join("\n"), hidden };
}
