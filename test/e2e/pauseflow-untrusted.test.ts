// Pauseflow in an untrusted workspace (Restricted Mode), in real VS Code (code-server started
// without --disable-workspace-trust): running a flow runs the workspace's code, so no flow runs
// and the user is told why. A server of its own; the trusted scenarios are in pauseflow.test.ts.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { ensureCodeServer } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { pauseflowVsix } from "./harness/vsix";
import { withWorkbench } from "./harness/workbench";

let workspace = "";
let vsix = "";

before(() => {
  ensureCodeServer();
  vsix = pauseflowVsix();
  workspace = examplesWorkspace("pauseflow-e2e-untrusted-");
}, { timeout: 300_000 });

after(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test("9. untrusted workspace: Run Flow... shows the trust warning and no run starts", { timeout: 120_000 }, () =>
  withWorkbench("untrusted", { workspace, vsix: [vsix], disableWorkspaceTrust: false }, async (wb) => {
    await wb.waitForStatusBarItem("Restricted Mode", 60_000);
    // The flows are listed (reading them is safe) and the Runs view says why nothing can run.
    await wb.waitForTreeItems("Pauseflow", "Flows", "the Flows view to list the examples", (items) => items.some((i) => i.label === "greet-user"), 60_000);

    await wb.runCommand("Pauseflow: Run Flow...");
    await wb.pickQuickPick("greet-user");
    const warning = await wb.waitForNotification("Pauseflow runs flows only in a trusted workspace");
    assert.equal(warning, "Pauseflow runs flows only in a trusted workspace: running a flow runs the workspace's code.");
    await wb.screenshot("1-trust-warning");

    // No run: no form tab, nothing in the Runs view (its welcome text instead), nothing waiting.
    assert.deepEqual(await wb.tabTitles(), []);
    const runs = wb.page.locator(".part.sidebar .pane").filter({ has: wb.page.locator(".pane-header", { hasText: "Runs" }) }).first();
    await runs.locator(".welcome-view-content", { hasText: "This workspace is not trusted, so its flows cannot run" }).waitFor();
    assert.equal(await runs.locator(".monaco-list-row").count(), 0);
    assert.ok(!(await wb.statusBarItems()).some((t) => /paused/.test(t)));
    await wb.screenshot("2-no-run");
  }),
);
