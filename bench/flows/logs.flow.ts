import { flow } from "pauseflow";
import { z } from "zod";

export const logs = flow({ logPrints: true, params: z.object({ count: z.number().int() }) }, async ({ count }) => {
  for (let i = 0; i < count; i++) console.log(`line ${i}`);
});
