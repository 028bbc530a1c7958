// ML labeling: the model labels product reviews; a person labels the ones it is unsure of.
// Reading the reviews and writing the labels are steps: on the engine, a run recovered after a
// crash gets the reviews it started with and writes its labels once (README, Engine mode).
import { flow, getRunLogger, pauseFlowRun, runInput, step } from "pauseflow";
import { z } from "zod";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const LABELS = ["positive", "neutral", "negative"] as const;

const Review = z.object({
  id: z.string(),
  text: z.string(),
  predicted: z.enum(LABELS),
  confidence: z.number().min(0).max(1),
  /** A picture of the product, relative to this folder: the form shows it with the review. */
  image: z.string().optional(),
});

const LabelInput = runInput(
  z
    .object({
      label: z.enum(LABELS).describe("The sentiment of the review"),
      note: z.string().max(200).optional().describe("Anything the next person should know"),
    })
    .describe("Label this review"),
);

export const labelReviews = flow(
  {
    name: "label-reviews",
    description: "Asks a person to label the reviews the model is not confident about.",
    logPrints: true,
    params: z.object({
      threshold: z.number().min(0).max(1).default(0.8).describe("Ask about predictions below this confidence"),
      output: z.string().default("out/labels.json").describe("Where to write the labels, relative to this folder"),
    }),
  },
  async ({ threshold, output }) => {
    const logger = getRunLogger();
    const reviews = await step("load reviews", async () =>
      z.array(Review).parse(JSON.parse(readFileSync(resolve(__dirname, "data/reviews.json"), "utf8"))),
    );
    const unsure = reviews.filter((r) => r.confidence < threshold);
    logger.info(`${reviews.length} reviews, ${unsure.length} below confidence ${threshold}`);

    const labels: Record<string, { label: string; by: "model" | "person"; note?: string }> = {};
    for (const review of reviews) {
      if (review.confidence >= threshold) {
        labels[review.id] = { label: review.predicted, by: "model" };
        continue;
      }
      const answer = await pauseFlowRun({
        key: `label-${review.id}`,
        waitForInput: LabelInput.withInitialData({ label: review.predicted }),
        description: [
          `### Review ${review.id}`,
          ...(review.image ? [`![The product](${review.image})`, ``] : []),
          `> ${review.text}`,
          ``,
          `The model says **${review.predicted}** with confidence **${Math.round(review.confidence * 100)}%**.`,
        ].join("\n"),
      });
      labels[review.id] = { label: answer.label, by: "person", ...(answer.note ? { note: answer.note } : {}) };
      console.log(`Review ${review.id}: ${answer.label}${answer.label === review.predicted ? "" : ` (model said ${review.predicted})`}`);
    }

    const file = resolve(__dirname, output);
    await step("write labels", async () => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(labels, null, 2)}\n`);
    });
    console.log(`Wrote ${Object.keys(labels).length} labels to ${file}`);
  },
);
