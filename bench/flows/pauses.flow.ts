import { flow, getRunLogger, pauseFlowRun } from "pauseflow";
import { z } from "zod";

const Label = z.object({ label: z.enum(["positive", "neutral", "negative"]), note: z.string().optional() });

/** Pauses `count` times and logs each round trip's duration in milliseconds, as JSON. */
export const pauses = flow({ params: z.object({ count: z.number().int() }) }, async ({ count }) => {
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await pauseFlowRun({ waitForInput: Label, key: `item-${i}` });
    durations.push(performance.now() - started);
  }
  getRunLogger().info(JSON.stringify(durations));
});
