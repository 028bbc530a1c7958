import { Completed, flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

/** Pauses once; its result's message is the time (Date.now()) its code went on after the pause. */
export const enginePause = flow({ name: "engine-pause" }, async () => {
  await pauseFlowRun(z.object({ n: z.number().int() }), { timeout: null });
  return Completed(String(Date.now()));
});

/** Ends at once: the runs that fill the database for the Runs view. */
export const engineDone = flow({ name: "engine-done" }, async () => {});
