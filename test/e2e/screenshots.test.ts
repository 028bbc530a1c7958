// The README's pictures, taken in real VS Code (code-server) with the packaged extension, each
// checked before it is taken: the shirt order's form with the refinement's message next to Color,
// the Runs view with runs in three states (two expanded to what was submitted at their pauses),
// and the Pauseflow output channel. In Dark Modern, then in Light Modern, picked with
// "Preferences: Color Theme" in the same window.
//
// The pictures land in test-results/readme/; with PAUSEFLOW_UPDATE_SCREENSHOTS=1 they are also
// copied to media/readme/, which the README links.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { after, before, test } from "node:test";
import type { Locator } from "playwright-core";
import { ensureCodeServer, repoRoot, waitFor } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { pauseflowVsix } from "./harness/vsix";
import { PauseForm, withWorkbench, type TreeItem, type Workbench } from "./harness/workbench";

/** Each theme's label in the theme picker, and what its side bar and a webview's body show. */
const themes = [
  { name: "dark", label: "Dark Modern", sideBar: "rgb(24, 24, 24)", body: "vscode-dark" },
  { name: "light", label: "Light Modern", sideBar: "rgb(248, 248, 248)", body: "vscode-light" },
] as const;

const settings = { "workbench.colorTheme": themes[0].label, "[Log]": { "editor.wordWrap": "off" } };

const mediaDir = join(repoRoot, "media", "readme");
const update = process.env.PAUSEFLOW_UPDATE_SCREENSHOTS === "1";
/** Each picture is in the README and in every .vsix: keep it small. */
const maxBytes = 150_000;

let workspace = "";
let vsix = "";

before(() => {
  ensureCodeServer();
  vsix = pauseflowVsix();
  workspace = examplesWorkspace();
}, { timeout: 300_000 });

after(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test("README pictures: the shirt form with its inline error, the Runs view, the Output; dark and light", { timeout: 240_000 }, () =>
  withWorkbench("readme", { workspace, vsix: [vsix], settings }, async (wb) => {
    // Wide enough for the longest log line in the panel, once the panel spans the window.
    await wb.page.setViewportSize({ width: 1140, height: 800 });
    await wb.waitForTreeItems("Pauseflow", "Flows", "the Flows view to list the examples", (items) => items.some((i) => i.label === "get-shirt-order"), 60_000);
    await wb.resizeSideBar(520);
    await wb.runCommand("View: Set Panel Alignment to Justify");

    // Four runs: completed, cancelled (a rejected sign-off), completed, and one waiting with the
    // refinement's message in its form.
    const greet = await startRun(wb, "greet-user", /^greet-user: \S+$/);
    await greet.fill("Value", "Ada Lovelace");
    await finish(wb, greet, "Completed()");

    const params = await startRun(wb, "approve-training", "Parameters: approve-training");
    const approval = await params.runName();
    await params.submit();
    const signOff = await PauseForm.open(wb, `approve-training: ${approval}`);
    await signOff.choose("Decision", "reject");
    await signOff.fill("Comment", "Too expensive");
    await finish(wb, signOff, "Cancelled('Rejected by approver: Too expensive')");

    await wb.runCommand("View: Clear Output"); // the Output picture shows the two shirt orders
    const shipped = await startRun(wb, "get-shirt-order", /^get-shirt-order: \S+$/);
    await shipped.choose("Size", "medium");
    await shipped.choose("Color", "red");
    const shippedRun = await finish(wb, shipped, "Completed()");

    const form = await startRun(wb, "get-shirt-order", /^get-shirt-order: \S+$/);
    const waiting = await form.runName();
    await form.choose("Size", "small");
    await form.choose("Color", "green");
    await form.submit();
    assert.equal(await form.error("Color"), "We don't carry that combination.");

    const runs = await wb.waitForTreeItems("Pauseflow", "Runs", "the four runs in their states", (items) =>
      ["waiting at pause-1", "completed in", "cancelled in", "completed in"].every((state, i) => items.filter((item) => item.level === 1)[i]?.description.includes(state)));
    assert.deepEqual(runs.filter((i) => i.level === 1).map((i) => i.label), ["get-shirt-order", "get-shirt-order", "approve-training", "greet-user"]);
    assert.equal(runs[0]!.description.split(" · ")[0], waiting);
    // Which runs the view shows expanded depends on when it drew them: none, then the two pictured.
    const runsHeader = wb.page.locator(".part.sidebar .pane-header", { hasText: "Runs" }).first();
    await runsHeader.hover();
    await runsHeader.locator('.action-label[aria-label="Collapse All"]').click();
    await wb.waitForTreeItems("Pauseflow", "Runs", "every run collapsed", (items) => items.every((i) => i.level === 1));
    assert.deepEqual(await pausesOf(wb, "approve-training", approval), [
      ["parameters", '{"model":"resnet-50","gpus":8,"hours":12}'],
      ["sign-off", '{"decision":"reject","comment":"Too expensive"}'],
    ]);
    assert.deepEqual(await pausesOf(wb, "get-shirt-order", shippedRun), [["pause-1", '{"size":"medium","color":"red"}']]);

    // Nothing over the pictures: no Flows view (its rows show the temporary folder), no
    // notification, no selected row, no hover.
    await collapseView(wb, "Flows");
    await wb.runCommand("Notifications: Clear All Notifications");
    const formTab = await wb.tab(`get-shirt-order: ${waiting}`);

    for (const theme of themes) {
      if (theme !== themes[0]) {
        await wb.runCommand("Preferences: Color Theme");
        await wb.pickQuickPick(theme.label);
      }
      const sideBar = wb.page.locator(".part.sidebar");
      await waitFor(`the ${theme.label} theme`, async () => (await sideBar.evaluate((el) => getComputedStyle(el).backgroundColor)) === theme.sideBar, 15_000);
      await waitFor(`the form to follow the ${theme.label} theme`, async () => (await form.frame.locator("body").getAttribute("class"))?.split(" ").includes(theme.body), 15_000);

      // The form, from its tab to its buttons, with the panel out of its way.
      await wb.runCommand("View: Hide Panel");
      await formTab.click(); // the focus, and so no selection or cursor, out of the side bar and the panel
      const editor = (await box(wb.page.locator(".part.editor")))!;
      await wb.page.mouse.move(editor.x + editor.width - 10, editor.y + editor.height - 10);
      await form.frame.locator("body").evaluate((body) => body.ownerDocument.defaultView?.scrollTo(0, 0));
      assert.deepEqual([await form.chosen("Size"), await form.chosen("Color")], ["small", "green"]);
      assert.equal(await form.error("Color"), "We don't carry that combination.");
      assert.equal(await form.editable(), true);
      const actions = (await box(form.frame.locator(".actions")))!;
      await picture(wb, `form-${theme.name}`, { ...editor, height: Math.min(editor.height, actions.y + actions.height + 24 - editor.y) });

      // The Pauseflow side bar, down to the last run's row.
      const items = await wb.treeItems("Pauseflow", "Runs");
      assert.deepEqual(items.map((i) => i.level), [1, 1, 2, 1, 2, 2, 1], JSON.stringify(items));
      const lastRow = (await box(sideBar.locator(".monaco-list-row").last()))!;
      const side = (await box(sideBar))!;
      await picture(wb, `runs-${theme.name}`, { ...side, height: lastRow.y + lastRow.height + 12 - side.y });

      // The Output view, as wide as the window, down to its last line.
      const output = await wb.waitForOutput("Pauseflow", `[${waiting}] Pausing flow`);
      for (const line of [`[${shippedRun}] Resuming flow run execution!`, `[${shippedRun}] We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`, `[${shippedRun}] Finished in state Completed()`]) {
        assert.ok(output.includes(line), `the Output shows ${line}:\n${output}`);
      }
      await formTab.click();
      const panel = (await box(wb.page.locator(".part.panel")))!;
      const bottom = await wb.page.locator(".part.panel .monaco-editor .view-line").evaluateAll((lines) => Math.max(...lines.map((l) => l.getBoundingClientRect().bottom)));
      await picture(wb, `output-${theme.name}`, { ...panel, height: Math.min(panel.height, bottom + 12 - panel.y) });
    }
  }),
);

/** Runs a flow from the command palette and returns the form that opens in the tab with this title. */
async function startRun(wb: Workbench, flow: string, tab: string | RegExp): Promise<PauseForm> {
  await wb.runCommand("Pauseflow: Run Flow...");
  await wb.pickQuickPick(flow);
  return PauseForm.open(wb, tab);
}

/** Submits the form, waits for its run to end in this state and closes its tab; returns the run's name. */
async function finish(wb: Workbench, form: PauseForm, state: string): Promise<string> {
  const run = await form.runName();
  await form.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state ${state}`);
  await wb.runCommand("View: Close All Editors");
  return run;
}

/** Expands a run in the Runs view and returns its pauses as [key, submitted value]. */
async function pausesOf(wb: Workbench, flow: string, run: string): Promise<[string, string][]> {
  const row = await wb.treeRow("Pauseflow", "Runs", { label: flow, description: new RegExp(`^${run} · `) });
  if ((await row.getAttribute("aria-expanded")) !== "true") await row.locator(".monaco-tl-twistie").click();
  await wb.page.keyboard.press("Escape"); // no row left selected
  const below = (items: TreeItem[]) => items.slice(items.findIndex((i) => i.description.startsWith(`${run} · `)) + 1);
  const items = await wb.waitForTreeItems("Pauseflow", "Runs", `run ${run}'s pauses`, (items) => below(items)[0]?.level === 2);
  const rest = below(items);
  const end = rest.findIndex((i) => i.level !== 2);
  return rest.slice(0, end < 0 ? undefined : end).map((p) => [p.label, p.description.replace(/ · \d{1,2}:\d\d:\d\d(?:\s[AP]M)?$/, "")]);
}

async function collapseView(wb: Workbench, view: string): Promise<void> {
  const header = wb.page.locator(".part.sidebar .pane-header", { hasText: view }).first();
  if ((await header.getAttribute("aria-expanded")) === "true") await header.click();
  await waitFor(`the ${view} view to collapse`, async () => (await header.getAttribute("aria-expanded")) === "false", 5_000);
}

function box(locator: Locator) {
  return locator.first().boundingBox();
}

/** Saves test-results/readme/<name>.png cut to clip (and media/readme/<name>.png with PAUSEFLOW_UPDATE_SCREENSHOTS=1). */
async function picture(wb: Workbench, name: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  const file = await wb.screenshot(name, clip);
  const bytes = statSync(file).size;
  assert.ok(bytes < maxBytes, `${name}.png is ${bytes} bytes, more than ${maxBytes}`);
  if (!update) return;
  mkdirSync(mediaDir, { recursive: true });
  copyFileSync(file, join(mediaDir, basename(file)));
}
