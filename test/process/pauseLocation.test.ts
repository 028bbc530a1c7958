// Issue 12: where each pause is in the flow's source, a failed flow's stack as its author needs it,
// and a starting run's flow name. Through the real runner child process.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { PauseHandler } from "../../src/core/run";
import { EXAMPLES, runCli, startRun, tempDir, writeFiles, writeFlow } from "../helpers";

/** Answers every pause (a bare "Resume" or a one-field string form) and keeps what the runner said of each. */
function answering(seen: { key: string; location: unknown }[]): PauseHandler {
  return async (_run, pause) => {
    seen.push({ key: pause.key, location: pause.location });
    return { action: "submit", value: pause.noInput ? {} : pause.wrapped ? { value: "Ada" } : { size: "medium", color: "red" } };
  };
}

test("a pause reports the .ts line of its pauseFlowRun( call, the first line of a call spanning several, and the run's record keeps it", async () => {
  const file = writeFlow(
    [
      `import { flow, pauseFlowRun } from "pauseflow";`,
      `import { z } from "zod";`,
      ``,
      `type Name = string;`,
      `export const askTwice = flow(async () => {`,
      `  const name: Name = await pauseFlowRun(z.string(), { key: "one-line" });`,
      `  await pauseFlowRun({`,
      `    waitForInput: z.string(),`,
      `    key: "spanning",`,
      `    description: "several lines",`,
      `  });`,
      `  return name;`,
      `});`,
    ].join("\n"),
  );
  const seen: { key: string; location: unknown }[] = [];
  const record = await startRun({ file }, answering(seen)).finished;
  assert.equal(record.state, "Completed", record.stateMessage);
  const expected = [
    { key: "one-line", location: { file, line: 6, column: 28 } },
    { key: "spanning", location: { file, line: 7, column: 9 } },
  ];
  assert.deepEqual(seen, expected);
  assert.deepEqual(record.pauses.map((p) => ({ key: p.key, location: p.location })), expected);
});

test("a pause called from a helper in another local file is at the helper's line; the examples' pauses at their pauseFlowRun lines", async () => {
  const dir = tempDir();
  const file = writeFiles(dir, {
    "ask.flow.ts": `import { flow } from "pauseflow";\nimport { ask } from "./lib/ask";\nexport const viaHelper = flow(async () => {\n  await ask();\n});\n`,
    "lib/ask.ts": `import { pauseFlowRun } from "pauseflow";\n\nexport async function ask(): Promise<void> {\n  await pauseFlowRun();\n}\n`,
  });
  const seen: { key: string; location: unknown }[] = [];
  const record = await startRun({ file }, answering(seen)).finished;
  assert.equal(record.state, "Completed", record.stateMessage);
  assert.deepEqual(seen, [{ key: "pause-1", location: { file: join(dir, "lib", "ask.ts"), line: 4, column: 9 } }]);

  const shirt = join(EXAMPLES, "shirt.flow.ts");
  const line = readFileSync(shirt, "utf8").split("\n").findIndex((text) => text.includes("pauseFlowRun(")) + 1;
  const shirtSeen: { key: string; location: unknown }[] = [];
  const shirtRun = await startRun({ file: shirt, flow: "getShirtOrder" }, answering(shirtSeen)).finished;
  assert.equal(shirtRun.state, "Completed", shirtRun.stateMessage);
  assert.equal((shirtSeen[0]!.location as { file: string; line: number }).file, shirt);
  assert.equal((shirtSeen[0]!.location as { file: string; line: number }).line, line);
});

test("the parameters form has no location (it is not a pauseFlowRun call)", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nimport { z } from "zod";\nexport const p = flow({ params: z.object({ n: z.number() }) }, async () => {});\n`);
  const seen: { key: string; location: unknown }[] = [];
  const record = await startRun({ file, askForParams: true }, async (_run, pause) => {
    seen.push({ key: pause.key, location: pause.location });
    return { action: "submit", value: { n: 1 } };
  }).finished;
  assert.equal(record.state, "Completed", record.stateMessage);
  assert.deepEqual(seen, [{ key: "parameters", location: undefined }]);
});

test("a failed flow's logged stack starts with the flow's own .ts frame, no SDK frame ahead of it; the full stack is at debug level", async () => {
  const file = writeFlow(
    [
      `import { flow, pauseFlowRun } from "pauseflow";`,
      `async function askBadly(): Promise<void> {`,
      `  await pauseFlowRun({ key: 7 } as unknown as { key: string });`,
      `}`,
      `export const bad = flow(async () => {`,
      `  await askBadly();`,
      `});`,
    ].join("\n"),
  );
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1, r.stdout);
  const index = r.messages.findIndex((m) => m === "Encountered exception during execution:");
  assert.ok(index >= 0, r.stdout);
  assert.equal(r.levels[index], "ERROR");
  // A multi-line entry: its lines follow the prefixed one, up to the next entry.
  const entry = r.messages.slice(index + 1, r.levels.findIndex((level, i) => i > index && level !== ""));
  assert.equal(entry[0], "TypeError: pauseFlowRun: key must be a non-empty string, got 7");
  assert.equal(entry[1], `    at askBadly (${file}:3:9)`, r.stdout);
  assert.equal(entry[2], `    at Object.fn (${file}:6:9)`, r.stdout);
  assert.ok(entry.slice(1).every((line) => line.includes(file) || /frames? of Pauseflow and Node hidden/.test(line)), entry.join("\n"));
  assert.match(entry.at(-1)!, /^ {4}\(\d+ frames of Pauseflow and Node hidden; the full stack is logged at debug level\)$/);
  const full = r.messages.findIndex((m) => m === "Full stack:");
  assert.equal(r.levels[full], "DEBUG", r.stdout);
  assert.match(r.messages[full + 2]!, /^ {4}at \S+ \(.*(dist\/sdk\.js|src\/sdk\/index\.ts):\d+:\d+\)$/, "the full stack has the SDK's frames (the development build maps them to its source)");
});

test("a starting run shows its flow's name from the start, before the runner has loaded the flow", async () => {
  const file = writeFlow(
    [
      `import { flow, pauseFlowRun } from "pauseflow";`,
      `export const intakeReview = flow({ name: "intake-review" }, async () => {});`,
      `export const secondLook = flow(async () => {});`,
    ].join("\n"),
  );
  const byExport = startRun({ file, flow: "intakeReview" }, answering([]));
  assert.equal(byExport.record.state, "Pending");
  assert.equal(byExport.record.flowName, "intake-review");
  const names = new Set<string>();
  byExport.onDidChange((run) => names.add(run.record.flowName));
  assert.equal((await byExport.finished).flowName, "intake-review");
  assert.deepEqual([...names], ["intake-review"], "the name never changes");

  const byName = startRun({ file, flow: "second-look" }, answering([]));
  assert.equal(byName.record.flowName, "second-look");
  await byName.finished;
  const only = writeFlow(`import { flow } from "pauseflow";\nexport const intakeReview = flow({ name: "intake-review" }, async () => {});\n`);
  const unnamed = startRun({ file: only }, answering([]));
  assert.equal(unnamed.record.flowName, "intake-review");
  await unnamed.finished;
});
