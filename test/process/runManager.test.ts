// The run manager the extension uses, with real runner processes and a real history folder.
import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HistoryStore } from "../../src/core/historyStore";
import type { PauseHandler } from "../../src/core/run";
import { RunManager } from "../../src/core/runManager";
import { RUNNER, neverAnswer, reach, tempDir, writeFlow } from "../helpers";

function manager(dir: string, pauseHandler: PauseHandler = neverAnswer, historyLimit = 200) {
  const warnings: string[] = [];
  const runs = new RunManager({
    runnerPath: RUNNER,
    store: new HistoryStore(dir, (m) => warnings.push(m)),
    pauseHandler,
    nodePath: () => undefined,
    historyLimit: () => historyLimit,
  });
  return { runs, warnings };
}

const quick = writeFlow(`import { flow, getRunLogger } from "pauseflow";\nexport const quick = flow(async () => getRunLogger().info("quick ran"));\n`);
const waits = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nexport const waits = flow(async () => { await pauseFlowRun({ key: "gate" }); });\n`);

test("history and logs outlive the manager; a run cut off while paused comes back as interrupted", async () => {
  const dir = tempDir();
  const first = manager(dir).runs;
  await first.start({ file: quick }).finished;
  const paused = first.start({ file: waits });
  await reach(paused, "Paused");
  await first.dispose(); // the window reloads

  const second = manager(dir).runs;
  assert.deepEqual(second.all.map((r) => [r.flowName, r.state]), [["waits", "Crashed"], ["quick", "Completed"]]);
  assert.equal(second.all[0]!.stateMessage, "Interrupted: the window was closed or reloaded while the run was Paused.");
  assert.equal(second.all[0]!.pauses[0]!.outcome, "runEnded");
  const logs = await second.logs(second.all[1]!.id);
  assert.ok(logs.some((l) => l.message === "quick ran"));
  assert.equal(logs.at(-1)!.message, "Finished in state Completed()");
});

test("a re-run uses the parameters the first run was given in its parameters form, without asking again", async () => {
  const file = writeFlow(
    `import { flow, getRunLogger } from "pauseflow";\nimport { z } from "zod";\nexport const p = flow({ params: z.object({ n: z.number() }) }, async ({ n }) => getRunLogger().info("n is " + n));\n`,
  );
  let asked = 0;
  const { runs } = manager(tempDir(), async (_run, pause) => {
    asked++;
    assert.equal(pause.kind, "parameters");
    return { action: "submit", value: { n: 7 } };
  });
  const first = runs.start({ file, askForParams: true });
  await first.finished;
  const again = runs.rerun(first.record.id)!;
  await again.finished;
  assert.equal(asked, 1);
  assert.deepEqual(again.record.spec.params, { n: 7 });
  assert.ok(again.logs.some((l) => l.message === "n is 7"));
});

test("history keeps the newest runs up to the limit; delete and clear leave live runs alone", async () => {
  const { runs } = manager(tempDir(), neverAnswer, 2);
  for (let i = 0; i < 3; i++) await runs.start({ file: quick }).finished;
  assert.equal(runs.all.length, 2);
  const live = runs.start({ file: waits });
  await reach(live, "Paused");
  assert.equal(await runs.delete(live.record.id), false);
  assert.equal(runs.waiting().length, 1);
  await runs.clear();
  assert.deepEqual(runs.all.map((r) => r.id), [live.record.id]);
  runs.cancel(live.record.id);
  assert.equal((await live.finished).state, "Cancelled");
});

test("a storage folder that cannot be written: one warning saying where, and finished runs keep their logs for the session", async () => {
  const blocker = join(tempDir(), "a-file");
  writeFileSync(blocker, "not a folder");
  const { runs, warnings } = manager(join(blocker, "storage"));
  const run = runs.start({ file: quick });
  await run.finished;
  await runs.start({ file: quick }).finished;
  await runs.dispose();
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0]!, /^Pauseflow cannot write its run history in .*a-file\/storage \(.+\); this window keeps its runs and their logs in memory until it closes\.$/);
  const logs = await runs.logs(run.record.id);
  assert.ok(logs.some((l) => l.message === "quick ran"), JSON.stringify(logs));
  assert.equal(logs.at(-1)!.message, "Finished in state Completed()");
});
