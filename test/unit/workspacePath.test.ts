// Where a form's file path picker starts, and which picked files it answers with (src/core/workspacePath.ts).
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { answerPath, folderOf } from "../../src/core/workspacePath";

const ws = resolve("/work/ws");
const other = resolve("/work/other");

test("a file inside a workspace folder is answered with its absolute path", () => {
  assert.deepEqual(answerPath(join(ws, "data", "a.csv"), [other, ws]), { path: join(ws, "data", "a.csv") });
});

test("a file outside every workspace folder is refused, saying where it may be", () => {
  const answer = answerPath(resolve("/etc/passwd"), [ws]);
  assert.ok("refused" in answer);
  assert.match(answer.refused, /passwd is outside the workspace \(.*ws\): choose a file inside it\./);
  assert.ok("refused" in answerPath(`${ws}-sibling/x`, [ws]), "a folder whose name starts like the workspace's is not inside it");
  assert.ok("refused" in answerPath(join(ws, "..", "x"), [ws]));
  assert.match((answerPath(join(ws, "a"), []) as { refused: string }).refused, /none is open/);
});

test("the dialog starts at the flow's workspace folder, else the first", () => {
  assert.equal(folderOf(join(other, "x.flow.ts"), [ws, other]), other);
  assert.equal(folderOf("/elsewhere/x.flow.ts", [ws, other]), ws);
  assert.equal(folderOf("/elsewhere/x.flow.ts", []), undefined);
});
