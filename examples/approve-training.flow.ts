// Approval: estimate what a training job costs and wait for a sign-off before spending it.
import { Cancelled, Completed, flow, getRunLogger, pauseFlowRun } from "pauseflow";
import { z } from "zod";

const GPU_HOUR_USD = 2.45;

const Decision = z
  .object({
    decision: z.enum(["approve", "reject"]).describe("Start the training job?"),
    comment: z.string().optional().describe("Required when you reject"),
  })
  .describe("Sign-off")
  .refine((d) => d.decision === "approve" || (d.comment ?? "").trim() !== "", {
    message: "Say why you reject it.",
    path: ["comment"],
  });

export const approveTraining = flow(
  {
    name: "approve-training",
    description: "Estimates the cost of a training job and waits for a sign-off.",
    params: z.object({
      model: z.string().default("resnet-50"),
      gpus: z.number().int().min(1).max(64).default(8),
      hours: z.number().positive().default(12),
    }),
  },
  async ({ model, gpus, hours }) => {
    const logger = getRunLogger();
    const cost = gpus * hours * GPU_HOUR_USD;
    logger.info(`Estimated cost of training ${model}: $${cost.toFixed(2)}`);

    const { decision, comment } = await pauseFlowRun({
      key: "sign-off",
      waitForInput: Decision,
      timeout: 24 * 3600,
      description: [
        `## Train **${model}**?`,
        ``,
        `| | |`,
        `|---|---|`,
        `| GPUs | ${gpus} |`,
        `| Hours | ${hours} |`,
        `| Price per GPU hour | $${GPU_HOUR_USD} |`,
        `| **Estimated cost** | **$${cost.toFixed(2)}** |`,
      ].join("\n"),
    });

    if (decision === "reject") {
      logger.warning(`Rejected: ${comment}`);
      return Cancelled(`Rejected by approver: ${comment}`);
    }
    logger.info(`Approved${comment ? ` (${comment})` : ""}; starting the training job.`);
    for (let epoch = 1; epoch <= 3; epoch++) logger.info(`Epoch ${epoch}/3 done`);
    return Completed(`Trained ${model} on ${gpus} GPUs`);
  },
);
