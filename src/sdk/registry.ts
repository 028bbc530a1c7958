// How an SDK copy finds the runner it runs under: a process-wide registry on globalThis, keyed
// with Symbol.for, so a copy of "pauseflow" that the user installed works as well as the bundled one.
// Everything crossing it is plain data or functions: no class of one copy is seen by another.
import type { FieldIssue, LogLevel } from "../protocol/common";
import type { StandardSchemaV1 } from "./standardSchema";

export const RUNTIME_KEY = Symbol.for("pauseflow.runtime");
export const FLOW_KEY = Symbol.for("pauseflow.flow");
export const STATE_KEY = Symbol.for("pauseflow.state");

export interface PauseRequest {
  schema?: StandardSchemaV1;
  initialData?: unknown;
  key?: string;
  title?: string;
  description?: string;
  timeoutSeconds: number | null;
}

/** What became of a pause; the calling SDK copy turns it into a value or one of its own errors. */
export type PauseOutcome =
  | { outcome: "value"; value: unknown }
  | { outcome: "invalid"; issues: FieldIssue[] }
  | { outcome: "timeout"; key: string; timeoutSeconds: number }
  | { outcome: "cancelled"; reason: string };

export interface Runtime {
  pause(request: PauseRequest): Promise<PauseOutcome>;
  log(level: LogLevel, message: string): void;
  /** A durable step (the engine); a runtime without it runs `fn` as a plain call. */
  step?<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface FlowDefinition {
  name?: string;
  description?: string;
  params?: StandardSchemaV1;
  logPrints: boolean;
  timeoutSeconds?: number;
  fn: (params: any) => unknown;
}

/** A final state a flow may return instead of a value (`return Cancelled("...")`). */
export interface FinalState {
  [STATE_KEY]: true;
  state: "Cancelled" | "Failed" | "Completed";
  message?: string;
}

export function currentRuntime(): Runtime | undefined {
  return (globalThis as Record<symbol, Runtime | undefined>)[RUNTIME_KEY];
}

export function setRuntime(runtime: Runtime | undefined): void {
  (globalThis as Record<symbol, Runtime | undefined>)[RUNTIME_KEY] = runtime;
}
