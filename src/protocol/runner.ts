// The messages between the extension host (or the CLI) and a runner child process: each method
// paired with the zod schemas of its params and its reply, which the receiver checks.
import * as z from "zod";
import { notification, request } from "./checked";
import { FieldIssue, JsonSchema, LogLevel, SourceLocation } from "./common";
import { isFinal, RUN_STATES } from "./runState";

/** Bumped on any change a peer of another version could misread; exchanged by `run/start`. */
export const PROTOCOL_VERSION = 3;

export const RunState = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunState>;
export { isFinal };

export { LogLevel } from "./common";

export const LogRecord = z.object({
  /** Milliseconds since the epoch. */
  time: z.number(),
  level: LogLevel,
  message: z.string(),
  /** Where the line came from: the flow's logger, its console (logPrints), its raw output, the runner or the host. */
  source: z.enum(["flow", "print", "stdout", "stderr", "runner", "host"]),
});
export type LogRecord = z.infer<typeof LogRecord>;

/** What to run: kept in the run's record, sent in run/start, reused by a re-run. */
export const RunSpec = z.object({
  /** Absolute path of the flow file. */
  file: z.string(),
  /** Export name or flow name; absent: the only flow in the file. */
  flow: z.string().optional(),
  /** Parameters for a flow with a `params` schema. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Ask for the parameters with a form (a `run/pause` of kind "parameters") before the flow starts. */
  askForParams: z.boolean().optional(),
});
export type RunSpec = z.infer<typeof RunSpec>;

// ---- host -> runner

export const StartParams = z.object({
  protocolVersion: z.number(),
  runId: z.string(),
  runName: z.string(),
  ...RunSpec.shape,
  /** Debug the run: the runner opens the inspector on this loopback port and waits for a debugger before loading the flow. */
  debugPort: z.number().int().min(1).max(65535).optional(),
});
export type StartParams = z.infer<typeof StartParams>;
export const StartResult = z.object({
  protocolVersion: z.number(),
  flowName: z.string(),
});
export type StartResult = z.infer<typeof StartResult>;
export const startRequest = request("run/start", StartParams, StartResult);
/** The error codes of a failed run/start, so the CLI and the extension can tell them apart. */
export const StartErrorCodes = {
  ProtocolMismatch: -32001,
  LoadFailed: -32002,
  FlowNotFound: -32003,
} as const;

export const ValidateParams = z.object({ key: z.string(), value: z.unknown() });
export type ValidateParams = z.infer<typeof ValidateParams>;
export const ValidateResult = z.object({ ok: z.boolean(), issues: z.array(FieldIssue) });
export type ValidateResult = z.infer<typeof ValidateResult>;
export const validateRequest = request("input/validate", ValidateParams, ValidateResult);

export const CancelParams = z.object({ reason: z.string().optional() });
export type CancelParams = z.infer<typeof CancelParams>;
export const cancelNotification = notification("run/cancel", CancelParams);

// ---- runner -> host

export const StateParams = z.object({
  state: RunState,
  /** For final states: the reason, as shown in "Finished in state Failed('...')". */
  message: z.string().optional(),
});
export type StateParams = z.infer<typeof StateParams>;
/** Running, and the final state. (Paused is the `run/pause` request itself.) */
export const stateNotification = notification("run/state", StateParams);

/**
 * Log records do not travel as JSON-RPC messages: the runner writes them to a pipe of their own,
 * this file descriptor, one JSON array of records per line, with blocking writes. A flow that logs
 * faster than the host reads is slowed there instead of running ahead, and a runner killed in a
 * flood leaves the head of what it logged, without gaps.
 */
export const LOG_FD = 4;
export const LogBatch = z.array(LogRecord);

export const PauseParams = z.object({
  key: z.string(),
  /** "parameters" asks for a flow's parameters before it starts; "pause" is a pauseFlowRun(). */
  kind: z.enum(["pause", "parameters"]),
  /** Always an object schema; a bare type is wrapped as the one field `value` (see shared/formValue.ts). */
  jsonSchema: JsonSchema,
  /** True when the flow's schema is not an object and the form's `value` field is what the flow receives. */
  wrapped: z.boolean(),
  /** True for a pause without input: the form is a bare "Resume". */
  noInput: z.boolean(),
  /** Form-shaped, like a submission. */
  initialData: z.unknown().optional(),
  /** Markdown. */
  description: z.string().optional(),
  title: z.string().optional(),
  timeoutSeconds: z.number().nullable(),
  /** Parts of the schema the form cannot render faithfully. */
  warnings: z.array(z.string()),
  /** Where the flow called pauseFlowRun(), source-mapped (absent for parameters, or when no frame of the flow's own was found). */
  location: SourceLocation.optional(),
});
export type PauseParams = z.infer<typeof PauseParams>;
export const PauseAnswer = z.discriminatedUnion("action", [
  /** The form-shaped value (for a wrapped pause: `{ value }`). */
  z.object({ action: z.literal("submit"), value: z.unknown() }),
  z.object({ action: z.literal("cancel"), reason: z.string().optional() }),
  /** The pause ends now as if its time had run out. */
  z.object({ action: z.literal("timeout") }),
]);
export type PauseAnswer = z.infer<typeof PauseAnswer>;
export const pauseRequest = request("run/pause", PauseParams, PauseAnswer);

/**
 * How a pause ended, decided once, in the runner: the first of an accepted answer, its timeout and a
 * cancel wins, and only that is recorded and shown. (The host adds "runEnded" for a runner that went away.)
 */
export const PauseEnd = z.discriminatedUnion("outcome", [
  /** The flow resumed with this answer (form-shaped). */
  z.object({ key: z.string(), outcome: z.literal("submitted"), value: z.unknown() }),
  /** The answer failed the flow's schema when it arrived: the flow got a ValidationError. */
  z.object({ key: z.string(), outcome: z.literal("invalid"), value: z.unknown(), issues: z.array(FieldIssue) }),
  /** The flow got a PauseTimeoutError, after this many seconds (its timeout, or less when timed out on request). */
  z.object({ key: z.string(), outcome: z.literal("timedOut"), seconds: z.number() }),
  z.object({ key: z.string(), outcome: z.literal("cancelled"), reason: z.string() }),
]);
export type PauseEnd = z.infer<typeof PauseEnd>;
export const pauseEndedNotification = notification("pause/ended", PauseEnd);

/** How a pause ended as the host tells it: the runner's decision, or "runEnded" when the run ended first (a crash, a kill). */
export const PauseEnding = z.discriminatedUnion("outcome", [...PauseEnd.options, z.object({ key: z.string(), outcome: z.literal("runEnded") })]);
export type PauseEnding = z.infer<typeof PauseEnding>;

/** The runner's last message before it exits: everything it sent before has been handled once this is. */
export const exitNotification = notification("run/exit", z.undefined());
