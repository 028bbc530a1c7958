// The messages between the extension host (or the CLI) and a runner child process.
// Every message is typed once here, with a zod schema that the receiver checks it against.
import * as z from "zod";
import { NotificationType, NotificationType0, RequestType } from "vscode-jsonrpc";

/** Bumped on any change a peer of another version could misread; exchanged by `run/start`. */
export const PROTOCOL_VERSION = 1;

export const RunState = z.enum(["Pending", "Running", "Paused", "Completed", "Failed", "Cancelled", "Crashed"]);
export type RunState = z.infer<typeof RunState>;
export const FINAL_STATES: readonly RunState[] = ["Completed", "Failed", "Cancelled", "Crashed"];

export const LogLevel = z.enum(["debug", "info", "warning", "error", "critical"]);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogRecord = z.object({
  /** Milliseconds since the epoch. */
  time: z.number(),
  level: LogLevel,
  message: z.string(),
  /** Where the line came from: the flow's logger, its console (logPrints), its raw output, the runner or the host. */
  source: z.enum(["flow", "print", "stdout", "stderr", "runner", "host"]),
});
export type LogRecord = z.infer<typeof LogRecord>;

/** A JSON Schema object as made by the runner; only the form renderer reads inside it. */
export const JsonSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchema>;

/** One problem with a candidate value, at the path of the field it concerns (empty: the whole form). */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

// ---- host -> runner

export const StartParams = z.object({
  protocolVersion: z.number(),
  runId: z.string(),
  runName: z.string(),
  /** Absolute path of the flow file. */
  file: z.string(),
  /** Export name or flow name; absent: the only flow in the file. */
  flow: z.string().optional(),
  /** Parameters for a flow with a `params` schema. */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Ask for the parameters with a form (a `run/pause` of kind "parameters") before the flow starts. */
  askForParams: z.boolean().optional(),
});
export type StartParams = z.infer<typeof StartParams>;
export const StartResult = z.object({
  protocolVersion: z.number(),
  flowName: z.string(),
});
export type StartResult = z.infer<typeof StartResult>;
export const startRequest = new RequestType<StartParams, StartResult, void>("run/start");

export const ValidateParams = z.object({ key: z.string(), value: z.unknown() });
export type ValidateParams = z.infer<typeof ValidateParams>;
export const ValidateResult = z.object({ ok: z.boolean(), issues: z.array(FieldIssue) });
export type ValidateResult = z.infer<typeof ValidateResult>;
export const validateRequest = new RequestType<ValidateParams, ValidateResult, void>("input/validate");

export const CancelParams = z.object({ reason: z.string().optional() });
export type CancelParams = z.infer<typeof CancelParams>;
export const cancelNotification = new NotificationType<CancelParams>("run/cancel");

// ---- runner -> host

export const StateParams = z.object({
  state: RunState,
  /** For final states: the reason, as shown in "Finished in state Failed('...')". */
  message: z.string().optional(),
});
export type StateParams = z.infer<typeof StateParams>;
/** Running, and the final state. (Paused is the `run/pause` request itself.) */
export const stateNotification = new NotificationType<StateParams>("run/state");

export const LogParams = z.object({ records: z.array(LogRecord) });
export type LogParams = z.infer<typeof LogParams>;
export const logNotification = new NotificationType<LogParams>("run/log");

export const PauseParams = z.object({
  key: z.string(),
  /** "parameters" asks for a flow's parameters before it starts; "pause" is a pauseFlowRun(). */
  kind: z.enum(["pause", "parameters"]),
  /** Always an object schema; a bare type is wrapped as the one field `value`. */
  jsonSchema: JsonSchema,
  /** True when the flow's schema is not an object and the form's `value` field is what the flow receives. */
  wrapped: z.boolean(),
  /** True for a pause without input: the form is a bare "Resume". */
  noInput: z.boolean(),
  initialData: z.unknown().optional(),
  /** Markdown. */
  description: z.string().optional(),
  title: z.string().optional(),
  timeoutSeconds: z.number().nullable(),
  /** Parts of the schema the form cannot render faithfully. */
  warnings: z.array(z.string()),
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
export const pauseRequest = new RequestType<PauseParams, PauseAnswer, void>("run/pause");

/** The runner's last message before it exits: everything it sent before has been handled once this is. */
export const exitNotification = new NotificationType0("run/exit");
