// The SDK that flows import as "pauseflow". It runs inside the runner child process (or in a
// plain `node`), never in the extension host, and it holds no zod of its own: any Standard
// Schema works for validation; the runner turns zod schemas into forms.
import { PauseTimeoutError, RunCancelledError, ValidationError } from "./errors";
import {
  currentRuntime,
  FLOW_KEY,
  STATE_KEY,
  type FinalState,
  type FlowDefinition,
  type PauseOutcome,
  type PauseRequest,
} from "./registry";
import { format } from "node:util";
import { toJsonForm } from "../shared/jsonForm";
import { isStandardSchema as isSchema, validateWith, type StandardSchemaV1 } from "./standardSchema";

export { PauseTimeoutError, RunCancelledError, ValidationError } from "./errors";
export type { StandardSchemaV1 } from "./standardSchema";

type Schema = StandardSchemaV1;
type Output<S extends Schema> = StandardSchemaV1.InferOutput<S>;
type Input<S extends Schema> = StandardSchemaV1.InferInput<S>;

/** Prefect's default pause timeout: one hour. */
export const DEFAULT_PAUSE_TIMEOUT_SECONDS = 3600;

// ---- flows

export interface FlowOptions<P extends Schema | undefined = undefined> {
  /** Shown in the run history; defaults to the export name in kebab case (greetUser: greet-user). */
  name?: string;
  description?: string;
  /** A schema for the flow's parameters, checked before the flow starts. */
  params?: P;
  /** Send the flow's console.log/console.error to the run's logs. */
  logPrints?: boolean;
  /** Seconds the whole run may take. */
  timeout?: number;
}

export type FlowParams<P> = P extends Schema ? Output<P> : void;

export interface Flow<P extends Schema | undefined, R> {
  (params: P extends Schema ? Input<P> : void): Promise<R>;
  readonly [FLOW_KEY]: FlowDefinition;
}

/**
 * Declares a flow. Export it from a `*.flow.ts` file to run it from VS Code or `pauseflow run`.
 * Called directly (outside a runner) it simply runs, and a pause says no runner is attached.
 */
export function flow<R, P extends Schema | undefined = undefined>(
  options: FlowOptions<P>,
  fn: (params: FlowParams<P>) => R | Promise<R>,
): Flow<P, R>;
export function flow<R>(fn: () => R | Promise<R>): Flow<undefined, R>;
export function flow(optionsOrFn: FlowOptions<Schema | undefined> | (() => unknown), maybeFn?: (params: any) => unknown) {
  const options = typeof optionsOrFn === "function" ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn;
  if (typeof fn !== "function") throw new TypeError("flow(options, fn): fn must be a function");
  checkFlowOptions(options);
  const definition: FlowDefinition = {
    name: options.name,
    description: options.description,
    params: options.params,
    logPrints: options.logPrints ?? false,
    timeoutSeconds: options.timeout,
    fn,
  };
  const callable = async (params?: unknown) => {
    if (!definition.params) return fn(params);
    return fn(await parseOrThrow(definition.params, params ?? {}, "parameters"));
  };
  return Object.assign(callable, { [FLOW_KEY]: definition });
}

/** A JavaScript flow (or a cast) can pass anything: a bad option fails where it was written. */
function checkFlowOptions(options: FlowOptions<Schema | undefined>): void {
  if (typeof options !== "object" || options === null) throw optionError("flow", "the options must be an object", options);
  const { name, description, params, logPrints, timeout } = options;
  if (name !== undefined && (typeof name !== "string" || name === "")) throw optionError("flow", "name must be a non-empty string", name);
  if (description !== undefined && typeof description !== "string") throw optionError("flow", "description must be a string", description);
  if (params !== undefined && !isSchema(params)) throw optionError("flow", "params must be a zod schema (or any Standard Schema)", params);
  if (logPrints !== undefined && typeof logPrints !== "boolean") throw optionError("flow", "logPrints must be true or false", logPrints);
  if (timeout !== undefined && !isSeconds(timeout)) throw optionError("flow", "timeout must be a number of seconds above 0", timeout);
}

// ---- run input

export interface RunInput<S extends Schema> {
  readonly schema: S;
  readonly initialData?: Partial<Input<S>>;
  readonly description?: string;
  /** The same input with the form prefilled (Prefect's `with_initial_data`). */
  withInitialData(data: Partial<Input<S>>, options?: { description?: string }): RunInput<S>;
}

/** Prefect's RunInput: a schema the pause form is generated from, with optional prefilled data. */
export function runInput<S extends Schema>(
  schema: S,
  options: { initialData?: Partial<Input<S>>; description?: string } = {},
): RunInput<S> {
  return {
    schema,
    initialData: options.initialData,
    description: options.description,
    withInitialData: (data, more = {}) =>
      runInput(schema, { initialData: data, description: more.description ?? options.description }),
  };
}

// ---- pausing

export interface PauseOptions {
  /** Seconds to wait before the pause times out with PauseTimeoutError (default 3600; null: never). */
  timeout?: number | null;
  /** Names the pause (shown in the form and the run history); defaults to pause-1, pause-2, ... */
  key?: string;
  /** Markdown shown above the form. */
  description?: string;
  /** The form's heading; defaults to the schema's own title or description. */
  title?: string;
}

export interface PauseInputOptions<S extends Schema> extends PauseOptions {
  waitForInput: S | RunInput<S>;
}

/**
 * Pauses the flow run until a person answers in the form (or the pause times out).
 * - `pauseFlowRun()` or `pauseFlowRun({ timeout })`: a bare "Resume".
 * - `pauseFlowRun(schema)` or `pauseFlowRun({ waitForInput })`: resolves with the validated value.
 */
export function pauseFlowRun(options?: PauseOptions): Promise<void>;
export function pauseFlowRun<S extends Schema>(schema: S, options?: PauseOptions): Promise<Output<S>>;
export function pauseFlowRun<S extends Schema>(options: PauseInputOptions<S>): Promise<Output<S>>;
export async function pauseFlowRun(
  first?: Schema | PauseOptions | PauseInputOptions<Schema>,
  second: PauseOptions = {},
): Promise<unknown> {
  const [input, options] = isSchema(first) ? [first, second] : [(first as PauseInputOptions<Schema>)?.waitForInput, first ?? {}];
  const request = checkedPauseRequest(input, options);
  const runtime = currentRuntime();
  if (!runtime) {
    throw new Error(
      "pauseFlowRun() needs a Pauseflow runner, and none is attached to this process. " +
        "Run the flow from VS Code (Pauseflow: Run Flow...) or with `npx pauseflow run FILE`.",
    );
  }
  return unwrapOutcome(await runtime.pause(request));
}

/**
 * The pause as the runner gets it, its options checked here, at the call: a JavaScript flow (or a
 * cast) can pass anything, and a bad option must fail the flow where it was written.
 */
function checkedPauseRequest(input: Schema | RunInput<Schema> | undefined, options: PauseOptions): PauseRequest {
  const invalid = (what: string, value: unknown) => optionError("pauseFlowRun", what, value);
  if (typeof options !== "object" || options === null) throw invalid("the options must be an object", options);
  const asRunInput = input !== undefined && !isSchema(input) ? input : undefined;
  if (input !== undefined && !isSchema(input) && !isSchema(asRunInput?.schema)) {
    throw invalid("waitForInput must be a zod schema (or any Standard Schema) or a runInput()", input);
  }
  const { key, title, timeout } = options;
  const description = options.description ?? asRunInput?.description;
  if (key !== undefined && (typeof key !== "string" || key === "")) throw invalid("key must be a non-empty string", key);
  if (title !== undefined && typeof title !== "string") throw invalid("title must be a string", title);
  if (description !== undefined && typeof description !== "string") throw invalid("description must be a string", description);
  if (timeout !== undefined && timeout !== null && !isSeconds(timeout)) {
    throw invalid("timeout must be a number of seconds above 0 or null", timeout);
  }
  let initialData: unknown;
  try {
    initialData = toJsonForm(asRunInput?.initialData);
  } catch (error) {
    throw new TypeError(`pauseFlowRun: the initial data cannot be sent to the form as JSON (${(error as Error).message})`);
  }
  return {
    schema: asRunInput ? asRunInput.schema : (input as Schema | undefined),
    initialData,
    key,
    title,
    description,
    timeoutSeconds: timeout === undefined ? DEFAULT_PAUSE_TIMEOUT_SECONDS : timeout,
  };
}

function isSeconds(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function optionError(call: string, what: string, value: unknown): TypeError {
  return new TypeError(`${call}: ${what}, got ${shown(value)}`);
}

/** A value as a flow author would write it: "10", -5, NaN, ["x"]. */
function shown(value: unknown): string {
  if (typeof value === "number") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function unwrapOutcome(outcome: PauseOutcome): unknown {
  switch (outcome.outcome) {
    case "value":
      return outcome.value;
    case "invalid":
      throw new ValidationError(outcome.issues);
    case "timeout":
      throw new PauseTimeoutError(outcome.key, outcome.timeoutSeconds);
    case "cancelled":
      throw new RunCancelledError(outcome.reason);
  }
}

// ---- steps

/**
 * A piece of work done once: on the engine a durable step, whose result is recorded and returned
 * without running `fn` again when the run is recovered after a crash (code outside steps runs again).
 * Locally, and outside a runner, it is a plain call. The result must be JSON (or what DBOS can store).
 */
export async function step<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  if (typeof name !== "string" || name === "") throw optionError("step", "name must be a non-empty string", name);
  if (typeof fn !== "function") throw optionError("step", "fn must be a function", fn);
  const runtime = currentRuntime();
  return runtime?.step ? runtime.step(name, async () => fn()) : fn();
}

// ---- logging

export interface RunLogger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warning(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  critical(...args: unknown[]): void;
}

/** The run's logger: its lines go to the run's logs whatever `logPrints` says (outside a runner: the console). */
export function getRunLogger(): RunLogger {
  const runtime = currentRuntime();
  if (!runtime) {
    return { debug: console.debug, info: console.info, warning: console.warn, warn: console.warn, error: console.error, critical: console.error };
  }
  const at = (level: "debug" | "info" | "warning" | "error" | "critical") => (...args: unknown[]) =>
    runtime.log(level, format(...args));
  return { debug: at("debug"), info: at("info"), warning: at("warning"), warn: at("warning"), error: at("error"), critical: at("critical") };
}

// ---- final states a flow may return

function finalState(state: FinalState["state"], message?: string): FinalState {
  return { [STATE_KEY]: true, state, message };
}
/** `return Cancelled("Rejected by Ada")` ends the run Cancelled with that message. */
export const Cancelled = (message?: string) => finalState("Cancelled", message);
/** `return Failed("...")` ends the run Failed with that message. */
export const Failed = (message?: string) => finalState("Failed", message);
/** `return Completed("...")` ends the run Completed with that message. */
export const Completed = (message?: string) => finalState("Completed", message);

// ---- helpers

async function parseOrThrow(schema: Schema, value: unknown, what: string): Promise<unknown> {
  const result = await validateWith(schema, value);
  if (result.ok) return result.value;
  throw new ValidationError(result.issues, what);
}
