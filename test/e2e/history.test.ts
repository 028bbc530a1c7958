// DESIGN.md section 5: a corrupt history file is set aside, the user is told, and the extension
// still starts and runs flows.
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { ensureCodeServer, waitFor } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { pauseflowVsix } from "./harness/vsix";
import { withWorkbench, type Workbench } from "./harness/workbench";

before(() => ensureCodeServer());

/** Runs the workspace's `quick` flow from the palette and waits for its last line. */
async function runQuickFlow(wb: Workbench): Promise<void> {
  await wb.runCommand("Pauseflow: Run Flow...");
  await wb.pickQuickPick("quick");
  await wb.waitForOutput("Pauseflow", /quick ran[^]*Finished in state Completed\(\)/);
}

test("a corrupt history file is set aside with a warning, and the extension still starts and runs flows", { timeout: 300_000 }, async () => {
  const workspace = examplesWorkspace();
  writeFileSync(join(workspace, "quick.flow.ts"), `import { flow, getRunLogger } from "pauseflow";\nexport const quick = flow(async () => getRunLogger().info("quick ran"));\n`);
  // Runs in the window (no runner host): the history is read again at the reload, as a host reads it when it starts.
  await withWorkbench("corrupt-history", { workspace, vsix: [pauseflowVsix()], settings: { "pauseflow.runnerHost": "window" } }, async (wb, server) => {
    await wb.openViewContainer("Pauseflow", 60_000); // the extension's contributions are in
    await runQuickFlow(wb);
    const storage = join(server.userDataDir, "User", "workspaceStorage");
    const historyFile = await waitFor("the history file", () =>
      readdirSync(storage)
        .map((d) => join(storage, d, "pauseflow.pauseflow", "runs.json"))
        .find((f) => existsSync(f) && readFileSync(f, "utf8").includes("quick")),
    );
    writeFileSync(historyFile, '{"version": 1, "runs": [{"id": 7');

    await wb.reload();
    const warning = await wb.waitForNotification(/Pauseflow could not read its run history/, 60_000);
    assert.match(warning, /it was set aside as .*runs\.json\.corrupt-\d+ and history starts empty/);
    const aside = readdirSync(dirname(historyFile)).filter((f) => f.startsWith("runs.json.corrupt-"));
    assert.equal(aside.length, 1);
    assert.equal(readFileSync(join(dirname(historyFile), aside[0]!), "utf8"), '{"version": 1, "runs": [{"id": 7', "the bad file is kept");
    await wb.screenshot("warning");

    await runQuickFlow(wb);
    const runs = await waitFor("the Runs view to list the new run only", async () => {
      const items = await wb.treeItems("Pauseflow", "Runs");
      return items.length === 1 ? items : undefined;
    });
    assert.equal(runs[0]!.label, "quick");
  });
});
