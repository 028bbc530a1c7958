// What activation loads (DESIGN.md section 10): the built extension, activated with a stand-in for
// the `vscode` module (activateWithStandIn.cjs), must not run zod or vscode-jsonrpc's Node side (the
// sockets to the runner host). They come right after activation returns, when the runs load.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const extension = join(__dirname, "..", "..", "dist", "extension.js");

test("activation loads neither zod nor vscode-jsonrpc's sockets; the runs' owner loads them right after", () => {
  const child = spawnSync(process.execPath, [join(__dirname, "activateWithStandIn.cjs"), extension], { encoding: "utf8", timeout: 30_000 });
  assert.equal(child.status, 0, child.stderr);
  const [atActivation, later] = JSON.parse(child.stdout) as { zod: boolean; net: boolean }[];
  assert.deepEqual(atActivation, { after: "activation", zod: false, net: false });
  // The check can fail: once the deferred modules load, both are there.
  assert.deepEqual(later, { after: "the runs loaded", zod: true, net: true });
});
