import { strict as assert } from "node:assert";
import { test } from "node:test";
import { folderDescription } from "../../src/core/workspacePaths";

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
