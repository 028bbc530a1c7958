import { flow, pauseFlowRun, runInput, ValidationError } from "pauseflow";
import { z } from "zod";

// Literal dropdowns and a validator; the flow may still loop on ValidationError
const ShirtOrder = runInput(
  z.object({
    size: z.enum(["small", "medium", "large", "xlarge"]),
    color: z.enum(["red", "green", "black"]),
  })
    .describe("Shirt order options")
    .refine((o) => !(o.color === "green" && o.size === "small"), {
      message: "We don't carry that combination.",
      path: ["color"],
    }),
);
export const getShirtOrder = flow({ logPrints: true }, async () => {
  let order;
  while (!order) {
    try {
      order = await pauseFlowRun({ waitForInput: ShirtOrder });
      console.log(`We'll send you your shirt in ${JSON.stringify(order)} ASAP!`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      console.log("Invalid size and color combination.");
    }
  }
});
