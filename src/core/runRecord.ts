// A run as the host keeps it: in memory, in the Runs view, and in the history file. One zod model,
// so what is stored is read back with the same shape it was written with.
import * as z from "zod";
import { SourceLocation } from "../protocol/common";
import { PauseParams, RunSpec, RunState } from "../protocol/runner";

export const PauseRecord = z.object({
  key: z.string(),
  kind: PauseParams.shape.kind,
  /** The form held the flow's value as its one field `value` (see shared/formValue.ts). */
  wrapped: z.boolean().optional(),
  requestedAt: z.number(),
  /** Where the flow called pauseFlowRun(). */
  location: SourceLocation.optional(),
  endedAt: z.number().optional(),
  /** How it ended (see PauseEnd): submitted, invalid (the flow got a ValidationError), timedOut, cancelled, runEnded. */
  outcome: z.enum(["submitted", "invalid", "timedOut", "cancelled", "runEnded"]).optional(),
  /** The answer that ended it (form-shaped). */
  value: z.unknown().optional(),
});
export type PauseRecord = z.infer<typeof PauseRecord>;

export const RunRecord = z.object({
  id: z.string(),
  name: z.string(),
  /** The flow's name once the runner has loaded it; until then the requested name or the file's. */
  flowName: z.string(),
  spec: RunSpec,
  state: RunState,
  /** The reason of a final state, as in "Finished in state Failed('...')". */
  stateMessage: z.string().optional(),
  /** For a run that never started: which StartErrorCodes it failed with. */
  startErrorCode: z.number().optional(),
  createdAt: z.number(),
  endedAt: z.number().optional(),
  pauses: z.array(PauseRecord),
});
export type RunRecord = z.infer<typeof RunRecord>;
