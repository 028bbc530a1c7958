// Self-test of the real-VS-Code harness: packages a tiny fixture extension, installs it into
// code-server and drives every helper once, then runs a mocha suite in the extension host.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureCodeServer } from "../../scripts/codeServer";
import { runExtensionTests } from "./harness/extensionTests";
import { packageVsix } from "./harness/vsix";
import { withWorkbench } from "./harness/workbench";

const fixture = join(import.meta.dirname, "fixtures", "harness-extension");
let workspace = "";
let vsix = "";

before(() => {
  ensureCodeServer(); // a few minutes the first time on a machine, then instant
  workspace = mkdtempSync(join(tmpdir(), "pauseflow-harness-ws-"));
  writeFileSync(join(workspace, "notes.txt"), "a file so the folder is not empty\n");
  vsix = packageVsix(fixture, { copy: true });
}, { timeout: 600_000 });

after(() => {
  rmSync(workspace, { recursive: true, force: true });
  if (vsix) rmSync(join(vsix, ".."), { recursive: true, force: true });
});

test("drives a packaged extension in code-server as a user would", { timeout: 120_000 }, () =>
  withWorkbench("harness", { workspace, vsix: [vsix] }, async (wb) => {
    assert.equal(await wb.waitForStatusBarItem("Harness: ready"), "Harness: ready");

    await wb.runCommand("Harness: Hello");
    await wb.waitForNotification("Hello from Harness");
    assert.equal(await wb.waitForOutput("Harness", "Hello from Harness"), "activated (1)\nHello from Harness");

    const items = await wb.treeItems("Harness", "Items");
    assert.deepEqual(items.map((i) => [i.label, i.description]), [["Alpha", "waiting"], ["Beta", "done"]]);
    assert.deepEqual(items.map((i) => i.ariaLabel), ["Alpha, waiting, paused", "Beta, done, completed"]);

    const panel = await wb.webview("Harness Panel");
    assert.equal(await panel.locator("h1").textContent(), "Harness Panel");
    await panel.getByRole("button", { name: "Ping" }).click();
    await wb.waitForOutput("Harness", "webview says: ping");
    await wb.screenshot("before-reload");

    await wb.reload();
    // A new extension host: the activation count kept in globalState went up.
    assert.equal(await wb.waitForOutput("Harness", "activated (2)"), "activated (2)");
    await wb.runCommand("Harness: Hello");
    const again = await wb.webview("Harness Panel");
    await again.getByRole("button", { name: "Ping" }).click();
    assert.equal(await wb.waitForOutput("Harness", "webview says: ping"), "activated (2)\nHello from Harness\nwebview says: ping");
    assert.ok((await wb.tabTitles()).includes("Harness Panel"));
    await wb.screenshot("after-reload");
  }),
);

test("runs a passing mocha suite in the real extension host (exit code 0)", { timeout: 120_000 }, async () => {
  const code = await runExtensionTests({
    extensionDevelopmentPath: fixture,
    extensionTestsPath: join(fixture, "suite", "pass.js"),
    workspace,
    scenario: "harness-extension-tests",
  });
  assert.equal(code, 0);
});

test("reports a failing mocha suite (exit code 1)", { timeout: 120_000 }, async () => {
  const lines: string[] = [];
  const code = await runExtensionTests({
    extensionDevelopmentPath: fixture,
    extensionTestsPath: join(fixture, "suite", "fail.js"),
    workspace,
    scenario: "harness-extension-tests-fail",
    saveLogsOnFailure: false,
    log: (line) => lines.push(line),
  });
  assert.equal(code, 1);
  assert.match(lines.join("\n"), /harness\.doesNotExist is not registered/);
});
