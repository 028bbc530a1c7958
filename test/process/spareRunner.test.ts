// The runner started ahead of the next run (RunManager's `spare`, as the runner host keeps one):
// real runner processes, watched by their process ids.
import { strict as assert } from "node:assert";
import { statSync, symlinkSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HistoryStore } from "../../src/core/historyStore";
import { RunManager } from "../../src/core/runManager";
import { alive, RUNNER, neverAnswer, tempDir, until, writeFlow } from "../helpers";

function manager(nodePath?: () => string | undefined) {
  return new RunManager({
    runnerPath: RUNNER,
    store: new HistoryStore(tempDir(), () => {}),
    pauseHandler: neverAnswer,
    nodePath: nodePath ?? (() => undefined),
    historyLimit: () => 200,
    spare: true,
  });
}

const hello = writeFlow(`import { flow } from "pauseflow";\nexport const hello = flow({ logPrints: true }, async () => console.log("hello from the flow"));\n`);

test("a run takes the runner started ahead, and the next one is started behind it", async () => {
  const runs = manager();
  const spare = await until("a spare", () => runs.sparePid);
  const run = runs.start({ file: hello });
  assert.equal(run.pid, spare, "the run's runner is the spare");
  await run.finished;
  assert.equal(run.record.state, "Completed");
  assert.ok(run.logs.some((l) => l.message === "hello from the flow"));
  const next = await until("the next spare", () => runs.sparePid !== undefined && runs.sparePid !== spare && runs.sparePid);
  assert.ok(alive(next));
  // A second run in a row takes the new spare, with its own output only.
  const second = runs.start({ file: hello });
  assert.equal(second.pid, next);
  await second.finished;
  assert.deepEqual(second.logs.filter((l) => l.source === "print").map((l) => l.message), ["hello from the flow"]);
  await runs.dispose();
});

test("a spare is not used by a run with another Node executable, nor after the runner file changed; it is stopped", async () => {
  const node: { path?: string } = {};
  const runs = manager(() => node.path);
  const first = await until("a spare", () => runs.sparePid);
  node.path = join(tempDir(), "node");
  symlinkSync(process.execPath, node.path);
  const other = runs.start({ file: hello });
  assert.notEqual(other.pid, first, "a fresh runner for the other Node");
  await other.finished;
  assert.equal(other.record.state, "Completed");
  await until("the unfit spare to exit", () => !alive(first));

  // The extension was rebuilt (or updated): the runner file is newer than the spare.
  const forNewNode = await until("a spare for the new Node", () => runs.sparePid);
  const { atime, mtime } = statSync(RUNNER);
  utimesSync(RUNNER, atime, new Date(mtime.getTime() + 1000));
  try {
    const rebuilt = runs.start({ file: hello });
    assert.notEqual(rebuilt.pid, forNewNode, "a fresh runner from the new file");
    await rebuilt.finished;
    assert.equal(rebuilt.record.state, "Completed");
    await until("the stale spare to exit", () => !alive(forNewNode));
  } finally {
    utimesSync(RUNNER, atime, mtime);
  }
  await runs.dispose();
});

test("the spare stops when its manager is disposed (a runner host killed outright: test/process/runnerHost.test.ts)", async () => {
  const runs = manager();
  const spare = await until("a spare", () => runs.sparePid);
  await runs.dispose();
  await until("the spare to exit at dispose", () => !alive(spare));
});
