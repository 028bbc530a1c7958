// What a paused run costs in processes: the runner, and nothing under it (DESIGN.md section 10).
// Linux only: the processes are read from /proc.
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { neverAnswer, reach, startRun, writeFlow } from "../helpers";

/** The pids of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text ? text.split(" ").map(Number) : [];
}

async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("a paused run is one process: the esbuild service that transpiled the flow has stopped", { skip: process.platform !== "linux" }, async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun } from "pauseflow";\nimport { z } from "zod";\nimport { greeting } from "./greeting";\n` +
      `export const f = flow(async () => { await pauseFlowRun(z.object({ name: z.string() }), { key: "name" }); console.log(greeting); });\n`,
  );
  writeFileSync(join(dirname(file), "greeting.ts"), `export const greeting: string = "hello";\n`);
  const run = startRun({ file }, neverAnswer);
  try {
    await reach(run, "Paused");
    const children = await waitFor(() => childrenOf(run.pid!), (c) => c.length === 0);
    assert.deepEqual(children, [], "the paused runner has no child processes");
  } finally {
    run.cancel();
    await run.finished;
  }
  assert.equal(run.record.state, "Cancelled");
});
