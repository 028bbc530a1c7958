// The messages between the extension host and the pause form webview (postMessage).
// The host checks every message from the webview with these schemas before acting on it.
import * as z from "zod";
import { FieldIssue } from "./common";
import { PauseParams } from "./runner";

/** Everything the form needs to render one pause (or a flow's parameters): the pause as the runner sent it, and its run. */
export const FormModel = PauseParams.omit({ timeoutSeconds: true }).extend({
  runId: z.string(),
  runName: z.string(),
  flowName: z.string(),
  /** Webview URI that relative image links in the description resolve against (the flow file's folder). */
  resourceBase: z.string().optional(),
  /** Epoch milliseconds when the pause times out; null: never. */
  deadline: z.number().nullable(),
  /** The last accepted answer of this flow's pause of this key, from the run history (form-shaped): "Fill from Last Answer". */
  lastAnswer: z.unknown().optional(),
  /** The pause can be timed out from the form ("Time Out Now"); not on the engine, where a pause's time cannot be cut short. */
  canTimeOut: z.boolean().optional(),
});
export type FormModel = z.infer<typeof FormModel>;

// ---- host -> webview
export const HostMessage = z.discriminatedUnion("type", [
  /** Render this form (the webview keeps what was typed if it is the same run and pause). */
  z.object({ type: z.literal("show"), form: FormModel }),
  /** The submitted value failed the flow's schema: show these next to their fields; the run stays paused. */
  z.object({ type: z.literal("invalid"), issues: z.array(FieldIssue) }),
  /** The value was accepted and the flow resumed: show it read-only. */
  z.object({ type: z.literal("accepted"), value: z.unknown() }),
  /** The pause is over without this form (cancelled, timed out, run ended, window reloaded): read-only with the reason. */
  z.object({ type: z.literal("ended"), reason: z.string() }),
  /**
   * The answer to `pickPath`: the absolute path of the file chosen in the workspace, or why it was
   * refused (a file outside the workspace); neither when the dialog was dismissed.
   */
  z.object({ type: z.literal("pathPicked"), requestId: z.number(), path: z.string().optional(), refused: z.string().optional() }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

// ---- webview -> host (strict: a message with anything unexpected is rejected, not trimmed)
export const WebviewMessage = z.discriminatedUnion("type", [
  /** The webview has loaded and wants its form. */
  z.strictObject({ type: z.literal("ready") }),
  /** The form's value, shaped like `jsonSchema` (for a wrapped pause: `{ value }`; for no input: `{}`). */
  z.strictObject({ type: z.literal("submit"), value: z.unknown() }),
  /** The user confirmed "Cancel run". */
  z.strictObject({ type: z.literal("cancelRun") }),
  /** A file path field's "Browse...": show an open dialog in the workspace; `current` is what the field holds. */
  z.strictObject({ type: z.literal("pickPath"), requestId: z.number().int(), current: z.string() }),
  /** "Time Out Now": the pause ends as if its time had run out (the flow gets a PauseTimeoutError). */
  z.strictObject({ type: z.literal("timeOut") }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;
