// What a paused run costs in processes: the runner, and nothing under it (DESIGN.md section 10).
// Linux only: the processes are read from /proc.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { neverAnswer, reach, startRun, writeFlow } from "../helpers";

/** The processes whose parent is `pid` (zombies included, until they are reaped), as "pid command". */
function childrenOf(pid: number): string[] {
  const children: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const close = stat.lastIndexOf(")");
    const [, ppid] = stat.slice(close + 2).split(" ");
    if (Number(ppid) === pid) children.push(`${entry} ${stat.slice(stat.indexOf("(") + 1, close)}`);
  }
  return children;
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
