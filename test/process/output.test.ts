// Nothing a flow writes is lost: its raw stdout and stderr reach the run's logs to the last byte,
// and the CLI's own output reaches a slow reader to its final line.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, ROOT, neverAnswer, startRun, tempDir, writeFlow } from "../helpers";

test("a flow that prints 5000 lines to stdout and 5000 to stderr and returns: every line reaches the logs, the last ones included", async () => {
  const file = writeFlow(
    `import { flow } from "pauseflow";\n` +
      `export const loud = flow(async () => {\n` +
      `  for (let i = 0; i < 5000; i++) { process.stdout.write("out " + i + "\\n"); process.stderr.write("err " + i + "\\n"); }\n` +
      `});\n`,
  );
  const run = startRun({ file }, neverAnswer);
  const record = await run.finished;
  assert.equal(record.state, "Completed", record.stateMessage);
  const out = run.logs.filter((l) => l.source === "stdout").map((l) => l.message);
  const err = run.logs.filter((l) => l.source === "stderr").map((l) => l.message);
  assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => `out ${i}`));
  assert.deepEqual(err, Array.from({ length: 5000 }, (_, i) => `err ${i}`));
});

test("a flow that prints 8 MB in one line: the whole line reaches the logs", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const big = flow(async () => { process.stdout.write("x".repeat(8 * 2 ** 20) + "\\n"); });\n`);
  const run = startRun({ file }, neverAnswer);
  await run.finished;
  const line = run.logs.find((l) => l.source === "stdout");
  assert.equal(line?.message.length, 8 * 2 ** 20);
});

test("the CLI's output reaches a slow pipe to its last line: 'Finished in state Completed()'", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const chatty = flow({ logPrints: true }, async () => { for (let i = 0; i < 20000; i++) console.log("line " + i); });\n`);
  // The reader starts reading only a second after the CLI has started writing.
  const shell = spawn("sh", ["-c", `"${process.execPath}" "${CLI}" run "${file}" | (sleep 1; cat)`], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  shell.stdout.on("data", (d) => (stdout += d));
  const code = await new Promise<number | null>((resolve) => shell.on("close", resolve));
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split("\n");
  assert.equal(lines.filter((l) => / - line \d+$/.test(l)).length, 20000);
  assert.match(lines.at(-1)!, /Finished in state Completed\(\)$/);
});

test("the built CLI is executable, so npx can run it after every build", () => {
  assert.doesNotThrow(() => accessSync(CLI, constants.X_OK), `${CLI} has no execute bit`);
});

test("a runner killed in the middle of a log flood: what was kept is the head of what the flow logged, with no gaps", async () => {
  const file = writeFlow(
    `import { flow, getRunLogger } from "pauseflow";\nexport const flood = flow(async () => { const log = getRunLogger(); for (let i = 0; ; i++) log.info("record " + i); });\n`,
  );
  const run = startRun({ file }, neverAnswer);
  await new Promise<void>((resolve) => {
    const sub = run.onDidLog(() => {
      if (run.logs.filter((l) => l.source === "flow").length < 20_000) return;
      sub.dispose();
      resolve();
    });
  });
  process.kill(run.pid!, "SIGKILL");
  const record = await run.finished;
  assert.equal(record.state, "Crashed");
  const kept = run.logs.filter((l) => l.source === "flow").map((l) => l.message);
  assert.ok(kept.length >= 20_000);
  assert.deepEqual(kept, Array.from({ length: kept.length }, (_, i) => `record ${i}`));
});

test("a flow that logs faster than the host reads is held back, not allowed to run ahead", async () => {
  const progress = join(tempDir(), "progress");
  const file = writeFlow(
    `import { flow, getRunLogger } from "pauseflow";\nimport { writeFileSync } from "node:fs";\n` +
      `export const flood = flow(async () => {\n  const log = getRunLogger();\n` +
      `  for (let i = 1; i <= 300000; i++) { log.info("record " + i); if (i % 1000 === 0) writeFileSync(${JSON.stringify(progress)}, String(i)); }\n});\n`,
  );
  const run = startRun({ file }, neverAnswer);
  await new Promise<void>((resolve) => {
    const sub = run.onDidLog(() => {
      if (!run.logs.some((l) => l.source === "flow")) return;
      sub.dispose();
      resolve();
    });
  });
  // The host stops reading for a second (its event loop is busy): the flow must wait for it.
  const until = Date.now() + 1000;
  while (Date.now() < until);
  const aheadAfterStall = Number(readFileSync(progress, "utf8"));
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.equal(run.logs.filter((l) => l.source === "flow").length, 300_000, "and nothing is lost");
  assert.ok(aheadAfterStall < 100_000, `the flow logged ${aheadAfterStall} records while the host read none`);
});
