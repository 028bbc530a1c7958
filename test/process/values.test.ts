// Values JSON cannot carry (Map, Set, bigint, Date, File), answered from a CLI answers file in their
// documented JSON forms (README, "The pauseflow CLI"): the flow receives the real thing.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { messagesOf, runCli, startRun, writeFlow } from "../helpers";

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

test("initial data holding a map, a set, a bigint and a date reaches the form in their JSON forms, and back to the flow as themselves", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, runInput, getRunLogger } from "pauseflow";
import { z } from "zod";
const Order = runInput(z.object({ prices: z.map(z.string(), z.number()), tags: z.set(z.string()), big: z.bigint(), at: z.date() }));
export const values = flow(async () => {
  const v = await pauseFlowRun({ waitForInput: Order.withInitialData({ prices: new Map([["a", 1]]), tags: new Set(["x"]), big: 12n, at: new Date(0) }) });
  getRunLogger().info(\`got \${v.prices.get("a")} \${[...v.tags]} \${typeof v.big} \${v.at.toISOString()}\`);
});
`);
  let initialData: unknown;
  const run = startRun({ file }, async (_run, pause) => {
    initialData = pause.initialData;
    return { action: "submit", value: pause.initialData }; // the person submits the prefilled form as it is
  });
  const record = await run.finished;
  assert.equal(record.state, "Completed", messagesOf(run).join("\n"));
  assert.deepEqual(initialData, { prices: [["a", 1]], tags: ["x"], big: "12", at: "1970-01-01T00:00:00.000Z" });
  assert.ok(messagesOf(run).includes("got 1 x bigint 1970-01-01T00:00:00.000Z"), messagesOf(run).join("\n"));
});

test("dates inside a record, a tuple and a union are accepted from an answers file; an impossible calendar date is refused", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod";
export const dates = flow(async () => {
  const v = await pauseFlowRun(z.object({ byDay: z.record(z.string(), z.date()), pair: z.tuple([z.string(), z.date()]), either: z.union([z.number(), z.date()]) }));
  getRunLogger().info(\`got \${v.byDay.mon instanceof Date} \${v.pair[1] instanceof Date} \${v.either instanceof Date}\`);
});
`);
  const good = { byDay: { mon: "2026-11-23T09:00:00Z" }, pair: ["x", "2026-11-24"], either: "2026-11-25T10:00:00Z" };
  const r = await runCli(["run", file], { answers: [{ ...good, byDay: { mon: "2024-02-30" } }, good] });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(r.messages.includes("Answer 1 for pause 'pause-1' rejected:"), r.stdout);
  assert.ok(r.messages.includes("got true true true"), r.stdout);
});

test("zod 3 flows get the same: a map, a set, a bigint and an instanceof(Date) from an answers file, with no warning", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod/v3";
export const values = flow(async () => {
  const v = await pauseFlowRun(z.object({ prices: z.map(z.string(), z.number()), tags: z.set(z.string()), big: z.bigint(), at: z.instanceof(Date) }));
  getRunLogger().info(\`got \${v.prices.get("b")} \${[...v.tags]} \${v.big * 2n} \${v.at instanceof Date && v.at.toISOString()}\`);
});
`);
  const answer = { prices: [["a", 1], ["b", 2]], tags: ["x", "y"], big: "123456789012345678901234567890", at: "2026-11-25T10:00:00.000Z" };
  const r = await runCli(["run", file], { answers: [{ ...answer, at: "2026-02-30" }, answer] });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(r.messages.includes("Answer 1 for pause 'pause-1' rejected:"), r.stdout);
  assert.ok(r.messages.includes("got 2 x,y 246913578024691357802469135780 2026-11-25T10:00:00.000Z"), r.stdout);
  assert.doesNotMatch(r.stdout, /cannot be shown|edit it as JSON/);
});
