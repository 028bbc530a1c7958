// DESIGN.md section 5: a malformed message from the webview is rejected and logged, and nothing
// is resumed. The messages are posted through VS Code's own webview channel (the function the
// webview's host frame gives acquireVsCodeApi), as a compromised or buggy form page would.
import { strict as assert } from "node:assert";
import { before, test } from "node:test";
import { ensureCodeServer } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { pauseflowVsix } from "./harness/vsix";
import { withWorkbench } from "./harness/workbench";

before(() => ensureCodeServer());

test("malformed messages from a form are logged and ignored; the run stays paused", { timeout: 240_000 }, async () => {
  const workspace = examplesWorkspace();
  await withWorkbench("form-messages", { workspace, vsix: [pauseflowVsix()] }, async (wb) => {
    await wb.openViewContainer("Pauseflow", 60_000); // the extension's contributions are in
    await wb.runCommand("Pauseflow: Run Flow...");
    await wb.pickQuickPick("get-shirt-order");
    const form = await wb.webview(/^get-shirt-order: /);
    await form.locator("vscode-single-select").first().waitFor();

    const host = wb.page.locator("iframe.webview.ready").filter({ visible: true }).first().contentFrame();
    await host.locator("body").evaluate(() => {
      const post = (window as unknown as { __vscode_post_message__(channel: string, data: unknown): void }).__vscode_post_message__;
      for (const message of [
        { type: "resume" },
        { nope: 1 },
        "submit",
        { type: "cancelRun", andAlso: "this" },
        { type: "submit", value: { size: "small", color: "green" }, sneaky: true },
      ]) {
        post("onmessage", { message });
      }
    });

    // The Output view wraps long lines: compare with the white space folded.
    const output = (await wb.waitForOutput("Pauseflow", /(Rejected a malformed message from a form[^]*){5}/)).replace(/\s+/g, " ");
    assert.match(output, /Rejected a malformed message from a form: type: Invalid discriminator value/);
    assert.match(output, /Rejected a malformed message from a form: \(root\): Invalid input: expected object, received string/);
    assert.match(output, /Rejected a malformed message from a form: \(root\): Unrecognized key: "andAlso"/);
    assert.doesNotMatch(output, /Resuming flow run execution!|Finished in state/);
    assert.ok((await wb.statusBarItems()).some((item) => /1 paused/.test(item)), "the run still waits");
    await wb.screenshot("still-paused");
  });
});
