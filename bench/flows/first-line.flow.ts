import { flow } from "pauseflow";
import { z } from "zod";

const Greeting = z.object({ name: z.string().default("bench") });

export const firstLine = flow({ logPrints: true }, async () => {
  console.log(`hello ${Greeting.parse({}).name}`);
});
