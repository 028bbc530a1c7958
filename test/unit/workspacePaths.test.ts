// Paths against the workspace folders (src/core/workspacePaths.ts): the Flows view's folders, and
// where a form's file path picker starts and which picked files it answers with.
import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { answerPath, folderDescription, folderOf } from "../../src/core/workspacePaths";

const one = [{ name: "flows", path: "/home/ada/flows" }];

test("a flow file's folder, relative to the workspace folder; nothing at its root", () => {
  assert.equal(folderDescription("/home/ada/flows/shirt.flow.ts", one), undefined);
  assert.equal(folderDescription("/home/ada/flows/review/intake.flow.ts", one), "review");
  assert.equal(folderDescription("/home/ada/flows/a/b/c.flow.ts", one), "a/b");
  assert.equal(folderDescription("/home/ada/flows/x.flow.ts", [{ name: "flows", path: "/home/ada/flows/" }]), undefined, "a folder path with a trailing slash");
  assert.equal(folderDescription("/c:/work/flows/sub/x.flow.ts", [{ name: "flows", path: "/c:/work/flows" }]), "sub", "a Windows URI path");
});

test("a folder whose name starts like the workspace's is not inside it", () => {
  assert.equal(folderDescription("/home/ada/flows-old/x.flow.ts", one), "/home/ada/flows-old");
});

test("with several workspace folders, the folder's name leads, as in VS Code's own labels; the innermost folder wins", () => {
  const two = [
    { name: "flows", path: "/home/ada/flows" },
    { name: "api", path: "/home/ada/api" },
    { name: "nested", path: "/home/ada/api/jobs" },
  ];
  assert.equal(folderDescription("/home/ada/flows/x.flow.ts", two), "flows");
  assert.equal(folderDescription("/home/ada/api/src/x.flow.ts", two), "api/src");
  assert.equal(folderDescription("/home/ada/api/jobs/x.flow.ts", two), "nested");
});

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
