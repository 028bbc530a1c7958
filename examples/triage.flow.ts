// Triage: a person decides what happens to a support ticket. Each action has its own fields (a
// discriminated union): the form shows a picker for the action, then that action's fields, and the
// flow receives the chosen action's object.
import { flow, getRunLogger, pauseFlowRun } from "pauseflow";
import { z } from "zod";

const Decision = z
  .discriminatedUnion("action", [
    z.object({
      action: z.literal("escalate"),
      team: z.enum(["infra", "security", "billing"]),
      severity: z.number().int().min(1).max(4).describe("1 is the most urgent"),
    }),
    z.object({ action: z.literal("close"), reason: z.string().min(1).describe("Sent to the reporter") }),
    z.object({ action: z.literal("snooze"), days: z.number().int().min(1).max(30) }),
  ])
  .describe("What happens to the ticket");

export const triageTicket = flow({ name: "triage-ticket", description: "Waits for a person to escalate, close or snooze a ticket." }, async () => {
  const logger = getRunLogger();
  const decision = await pauseFlowRun({
    key: "triage",
    waitForInput: Decision,
    description: "**Ticket #4521**: the nightly export failed twice with `ETIMEDOUT`.",
  });
  logger.info(`Triage decision: ${JSON.stringify(decision)}`);
  switch (decision.action) {
    case "escalate":
      logger.info(`Escalated to ${decision.team} at severity ${decision.severity}`);
      break;
    case "close":
      logger.info(`Closed: ${decision.reason}`);
      break;
    case "snooze":
      logger.info(`Snoozed for ${decision.days} days`);
      break;
  }
});
