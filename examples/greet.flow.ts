import { flow, pauseFlowRun, runInput } from "pauseflow";
import { z } from "zod";

// pause_flow_run(str): a bare type
export const greetUser = flow({ name: "greet-user", logPrints: true }, async () => {
  const name = await pauseFlowRun(z.string());
  console.log(`Hello, ${name}!`);
});

// RunInput with initial data
const UserNameInput = runInput(z.object({ name: z.string() }));
export const greetUserWithDefault = flow({ logPrints: true }, async () => {
  const input = await pauseFlowRun({
    waitForInput: UserNameInput.withInitialData({ name: "anonymous" }),
  });
  console.log(input.name === "anonymous" ? "Hello, stranger!" : `Hello, ${input.name}!`);
});
