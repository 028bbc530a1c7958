// Every example, run through the CLI with an answers file, as a user would run it.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { EXAMPLES, runCli, tempDir } from "../helpers";

const example = (name: string) => join(EXAMPLES, name);

test("greet-user: a bare string pause, answered with the bare value", async () => {
  const r = await runCli(["run", example("greet.flow.ts"), "--flow", "greetUser"], { answers: ["Ada"] });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.messages[0]!, /^Beginning flow run '[a-z]+-[a-z]+' for flow 'greet-user'$/);
  assert.deepEqual(r.messages.slice(1), [
    "Pausing flow, execution will continue when this flow run is resumed.",
    "Resuming flow run execution!",
    "Hello, Ada!",
    "Finished in state Completed()",
  ]);
});

test("greet-user-with-default: the flow can tell the prefilled value from a typed one", async () => {
  const stranger = await runCli(["run", example("greet.flow.ts"), "--flow", "greet-user-with-default"], { answers: [{ name: "anonymous" }] });
  assert.equal(stranger.code, 0, stranger.stdout);
  assert.ok(stranger.messages.includes("Hello, stranger!"), stranger.stdout);
  const grace = await runCli(["run", example("greet.flow.ts"), "--flow", "greetUserWithDefault"], { answers: [{ name: "Grace" }] });
  assert.ok(grace.messages.includes("Hello, Grace!"), grace.stdout);
});

test("shirt order: a refinement rejects small+green at color, the flow stays paused, medium+red completes", async () => {
  const r = await runCli(["run", example("shirt.flow.ts")], {
    answers: [
      { size: "small", color: "green" },
      { size: "medium", color: "red" },
    ],
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.messages.slice(1), [
    "Pausing flow, execution will continue when this flow run is resumed.",
    "Answer 1 for pause 'pause-1' rejected:",
    "  color: We don't carry that combination.",
    "Resuming flow run execution!",
    `We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`,
    "Finished in state Completed()",
  ]);
});

test("shirt order: an answer outside the enum is rejected with zod's message", async () => {
  const r = await runCli(["run", example("shirt.flow.ts")], { answers: [{ size: "huge", color: "red" }, { size: "large", color: "black" }] });
  assert.equal(r.code, 0, r.stdout);
  assert.ok(r.messages.some((m) => /^ {2}size: Invalid option: expected one of "small"\|"medium"\|"large"\|"xlarge"$/.test(m)), r.stdout);
});

test("label-reviews: asks about the low-confidence reviews only and writes every label to the file", async () => {
  const output = join(tempDir(), "labels.json");
  const r = await runCli(["run", example("label-reviews.flow.ts"), "--params", JSON.stringify({ output })], {
    answers: [{ label: "neutral" }, { label: "positive", note: "sarcasm?" }, { label: "positive" }],
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(r.messages.includes("6 reviews, 3 below confidence 0.8"), r.stdout);
  assert.ok(r.messages.includes("Review r4: positive (model said negative)"), r.stdout);
  assert.ok(r.messages.includes(`Wrote 6 labels to ${output}`), r.stdout);
  const labels = JSON.parse(readFileSync(output, "utf8"));
  assert.deepEqual(labels.r2, { label: "neutral", by: "person" });
  assert.deepEqual(labels.r4, { label: "positive", by: "person", note: "sarcasm?" });
  assert.deepEqual(labels.r1, { label: "positive", by: "model" });
  assert.equal(Object.keys(labels).length, 6);
});

test("label-reviews: a higher threshold asks about more reviews", async () => {
  const output = join(tempDir(), "labels.json");
  const r = await runCli(["run", example("label-reviews.flow.ts"), "--params", JSON.stringify({ output, threshold: 0.99 })], {
    answers: Array.from({ length: 6 }, () => ({ label: "neutral" })),
  });
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.messages.filter((m) => m.startsWith("Pausing flow")).length, 6);
});

test("approve-training: approved, the job runs and the run completes", async () => {
  const r = await runCli(["run", example("approve-training.flow.ts"), "--params", '{"gpus": 2, "hours": 10}'], { answers: [{ decision: "approve" }] });
  assert.equal(r.code, 0, r.stdout);
  assert.ok(r.messages.includes("Estimated cost of training resnet-50: $49.00"), r.stdout);
  assert.ok(r.messages.includes("Epoch 3/3 done"), r.stdout);
  assert.equal(r.messages.at(-1), "Finished in state Completed('Trained resnet-50 on 2 GPUs')");
});

test("approve-training: a rejection needs a comment, then ends the run Cancelled with it", async () => {
  const r = await runCli(["run", example("approve-training.flow.ts")], {
    answers: [{ decision: "reject" }, { decision: "reject", comment: "too pricey" }],
  });
  assert.equal(r.code, 3, r.stdout);
  assert.ok(r.messages.includes("  comment: Say why you reject it."), r.stdout);
  assert.equal(r.messages.at(-1), "Finished in state Cancelled('Rejected by approver: too pricey')");
});

test("triage-ticket: a discriminated union answered with the chosen action's object, its answers file with a refused severity first", async () => {
  const answers = JSON.parse(readFileSync(join(EXAMPLES, "answers", "triage.json"), "utf8")) as unknown[];
  const r = await runCli(["run", example("triage.flow.ts")], { answers });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /severity: Too big: expected number to be <=4/);
  assert.ok(r.messages.includes('Triage decision: {"action":"escalate","team":"infra","severity":2}'), r.stdout);
  assert.ok(r.messages.includes("Escalated to infra at severity 2"), r.stdout);
});
