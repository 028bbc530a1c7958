// Values JSON cannot carry (Map, Set, bigint, Date, File), answered from a CLI answers file in their
// documented JSON forms (README, "The pauseflow CLI"): the flow receives the real thing.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { runCli, writeFlow } from "../helpers";

test("a flow pausing on a map, a set, a bigint, an instanceof(Date) and a file receives them from an answers file", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod";
export const values = flow(async () => {
  const log = getRunLogger();
  const prices = await pauseFlowRun(z.map(z.string(), z.number()));
  log.info(\`received \${prices.constructor.name} with \${prices.size} entries, b=\${prices.get("b")}\`);
  const tags = await pauseFlowRun(z.set(z.string()));
  log.info(\`received \${tags.constructor.name} \${[...tags].join(",")}\`);
  const big = await pauseFlowRun(z.bigint());
  log.info(\`typeof \${typeof big} \${big * 2n}\`);
  const at = await pauseFlowRun(z.instanceof(Date));
  log.info(\`instanceof Date \${at instanceof Date} \${at.toISOString()}\`);
  const doc = await pauseFlowRun(z.object({ doc: z.file() }));
  log.info(\`instanceof File \${doc.doc instanceof File} \${doc.doc.name} \${doc.doc.type}: \${await doc.doc.text()}\`);
});
`);
  const r = await runCli(["run", file], {
    answers: [
      [["a", 1], ["b", 2]],
      ["x", "y"],
      "123456789012345678901234567890",
      "2026-11-25T10:00:00.000Z",
      { doc: { name: "note.txt", type: "text/plain", base64: Buffer.from("hello file").toString("base64") } },
    ],
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const line of [
    "received Map with 2 entries, b=2",
    "received Set x,y",
    "typeof bigint 246913578024691357802469135780",
    "instanceof Date true 2026-11-25T10:00:00.000Z",
    "instanceof File true note.txt text/plain: hello file",
  ]) {
    assert.ok(r.messages.includes(line), `missing "${line}" in:\n${r.stdout}`);
  }
  assert.ok(!r.stdout.includes("rejected"), r.stdout);
});

test("an answer not in the JSON form is rejected with the schema's own message, and the next one is tried", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod";
export const big = flow(async () => { getRunLogger().info(\`typeof \${typeof (await pauseFlowRun(z.bigint()))}\`); });
`);
  const r = await runCli(["run", file], { answers: ["12a", "12"] });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(r.messages.includes("Answer 1 for pause 'pause-1' rejected:"), r.stdout);
  assert.match(r.stdout, /expected bigint/i);
  assert.ok(r.messages.includes("typeof bigint"), r.stdout);
});
