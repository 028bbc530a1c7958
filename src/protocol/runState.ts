// A run's states, with no zod: the views read them at activation, which does not load zod.
// protocol/runner.ts makes the schema that checks them on the wire.

export const RUN_STATES = ["Pending", "Running", "Paused", "Completed", "Failed", "Cancelled", "Crashed"] as const;
export type RunState = (typeof RUN_STATES)[number];
const FINAL_STATES: readonly RunState[] = ["Completed", "Failed", "Cancelled", "Crashed"];

/** A run in a final state is over; any other (Pending, Running, Paused) is live. */
export function isFinal(state: RunState): boolean {
  return FINAL_STATES.includes(state);
}
