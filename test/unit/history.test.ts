import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { HistoryStore } from "../../src/core/historyStore";
import type { RunRecord } from "../../src/core/runRecord";
import { tempDir } from "../helpers";

const record = (id: string, state: RunRecord["state"] = "Completed"): RunRecord => ({
  id,
  name: `name-${id}`,
  flowName: "flow",
  spec: { file: "/x/a.flow.ts", flow: "a", params: { n: 1 } },
  state,
  createdAt: 1,
  endedAt: 2,
  pauses: [{ key: "pause-1", kind: "pause", requestedAt: 1, endedAt: 2, outcome: "submitted", value: { value: "Ada" } }],
});

test("records and logs round-trip through the files", async () => {
  const dir = tempDir();
  const store = new HistoryStore(dir, (m) => assert.fail(m));
  await store.save([record("b"), record("a")]);
  await store.appendLogs("a", [{ time: 1, level: "info", message: "one", source: "flow" }]);
  await store.appendLogs("a", [{ time: 2, level: "error", message: "two", source: "print" }]);
  const again = new HistoryStore(dir, (m) => assert.fail(m));
  assert.deepEqual(again.load(), [record("b"), record("a")]);
  assert.deepEqual((await again.readLogs("a")).map((l) => l.message), ["one", "two"]);
  await again.deleteLogs("a");
  assert.deepEqual(await again.readLogs("a"), []);
});

test("a corrupt history file is set aside with a warning, and history starts empty", () => {
  for (const content of ["{ not json", JSON.stringify({ version: 1, runs: "none" }), JSON.stringify({ version: 99, runs: [] })]) {
    const dir = tempDir();
    writeFileSync(join(dir, "runs.json"), content);
    const warnings: string[] = [];
    const store = new HistoryStore(dir, (m) => warnings.push(m));
    assert.deepEqual(store.load(), []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^Pauseflow could not read its run history \(.+\); it was set aside as .*runs\.json\.corrupt-\d+ and history starts empty\.$/);
    const aside = readdirSync(dir).find((f) => f.startsWith("runs.json.corrupt-"))!;
    assert.equal(readFileSync(join(dir, aside), "utf8"), content, "the bad file is kept, not deleted");
    assert.ok(!existsSync(join(dir, "runs.json")));
  }
});

test("one run that cannot be read is set aside on its own; every run that reads well is kept, and the warning says how many", () => {
  const dir = tempDir();
  const bad = { ...record("bad"), createdAt: "yesterday" };
  writeFileSync(join(dir, "runs.json"), JSON.stringify({ version: 1, runs: [record("c"), bad, record("a")] }));
  const warnings: string[] = [];
  const store = new HistoryStore(dir, (m) => warnings.push(m));
  assert.deepEqual(store.load(), [record("c"), record("a")]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^Pauseflow could not read 1 run of its history \(createdAt: Invalid input: expected number, received string\); set aside in .*runs\.json\.unreadable-\d+, and the other 2 kept\.$/);
  const aside = readdirSync(dir).find((f) => f.startsWith("runs.json.unreadable-"))!;
  assert.deepEqual(JSON.parse(readFileSync(join(dir, aside), "utf8")).runs, [bad], "the unreadable run is kept, not deleted");
});

test("a log file cut short by a crash keeps its whole lines", async () => {
  const dir = tempDir();
  const store = new HistoryStore(dir, () => {});
  await store.appendLogs("r", [{ time: 1, level: "info", message: "kept", source: "flow" }]);
  mkdirSync(join(dir, "logs"), { recursive: true });
  appendFileSync(join(dir, "logs", "r.jsonl"), '{"time": 2, "level": "inf');
  assert.deepEqual((await store.readLogs("r")).map((l) => l.message), ["kept"]);
});
