// Pauseflow end to end in real VS Code (code-server): the packaged extension (vsix/pauseflow-linux-x64.vsix)
// installed, a temporary copy of examples/ opened (files the flows write land there, not in the repo), and
// everything done as a user does it: the command palette, the form in its editor tab, the Output
// panel, the Runs view and its inline and context-menu actions, a window reload.
//
// One server and one window for all these scenarios, in order (each start costs 10-20 s). Later
// scenarios use runs that earlier ones made: re-run (7) re-runs the approve-training run of (5);
// Show Logs (10) opens the log of the greet-user run of (1), after the reload of (8); Re-run with
// Same Answers (16) and Export Answers File (17) use the get-shirt-order run of (3). The
// untrusted workspace needs a server of its own: pauseflow-untrusted.test.ts. Scenarios 8, 9 and 11
// run flows of their own, ticker.flow.ts and quick.flow.ts, written into the workspace copy beside
// the examples; scenario 12 one written into a temporary folder outside the workspace. Runs live
// in the runner host (the default): scenario 8 reloads the window, and 9 kills the host.
//
// Screenshots of the key steps: test-results/<scenario>/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureCodeServer, waitFor } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { pauseflowVsix } from "./harness/vsix";
import { PauseForm, SharedWorkbench, type TreeItem, type Workbench } from "./harness/workbench";

let workspace = "";
let shared: SharedWorkbench;
/** Runs made by one scenario that a later one uses. */
const made: { greetUser?: string; rejected?: string; shirt?: string } = {};

/** For scenario 11: two pauses, a moment of work (shorter than the 1.5 s an answered form stays), a third pause. */
const QUICK_PAUSES = `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

const Answer = z.object({ answer: z.string() });

export const quickPauses = flow({ name: "quick-pauses", logPrints: true }, async () => {
  await pauseFlowRun({ key: "first", waitForInput: Answer });
  await pauseFlowRun({ key: "second", waitForInput: Answer });
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await pauseFlowRun({ key: "third", waitForInput: Answer });
  console.log("done");
});
`;

/** For scenario 8: a run that logs a line every 100 ms, long enough to go on through a reload. */
const TICKS = 150;
const TICKER = `import { flow } from "pauseflow";

export const ticker = flow({ name: "ticker", logPrints: true }, async () => {
  for (let i = 0; i < ${TICKS}; i++) {
    console.log("tick " + i);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
`;

/** For scenario 15: a file path field (format: "path"). */
const PICK_FLOW = `import { existsSync } from "node:fs";
import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

export const pickReport = flow({ name: "pick-report", logPrints: true }, async () => {
  const { report } = await pauseFlowRun(z.object({ report: z.string().meta({ format: "path", description: "The report to read" }) }));
  console.log("report " + report + " exists: " + existsSync(report));
});
`;

/** The editor's gutter mark of a run waiting at a pause (media/pause-gutter.svg). */
const GUTTER_ICON = "pause-gutter.svg";

/** Settings over the harness's defaults: long log lines stay on one line in the Output view. */
const settings = { "[Log]": { "editor.wordWrap": "off" } };

before(async () => {
  ensureCodeServer();
  const vsix = pauseflowVsix();
  workspace = examplesWorkspace();
  writeFileSync(join(workspace, "quick.flow.ts"), QUICK_PAUSES);
  writeFileSync(join(workspace, "ticker.flow.ts"), TICKER);
  shared = await SharedWorkbench.start({ workspace, vsix: [vsix], settings }, "pauseflow-start");
  const { wb } = shared;
  // Activated (workspaceContains:**/*.flow.ts) and the flows found.
  await wb.waitForTreeItems("Pauseflow", "Flows", "the Flows view to list the examples", (items) => items.some((i) => i.label === "get-shirt-order"), 60_000);
  // Wide enough that the Runs view's rows are not cut short in the screenshots.
  await wb.resizeSideBar(480);
}, { timeout: 300_000 });

after(async () => {
  await shared?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const scenario = (title: string, folder: string, fn: (wb: Workbench) => Promise<void>): void =>
  void test(title, { timeout: 120_000 }, () => shared.scenario(folder, async (wb) => {
    await fresh(wb);
    await fn(wb);
  }));

scenario("1. greet-user: the name typed in the form is greeted in the Output; the run completes", "greet-user", async (wb) => {
  await runFlow(wb, "greet-user");
  const form = await PauseForm.open(wb, /^greet-user: \S+$/);
  const run = await form.runName();
  assert.equal(await wb.activeTab(), `greet-user: ${run}`);
  assert.equal(await form.subtitle(), `Paused run of flow greet-user (run ${run})`);
  await wb.waitForStatusBarItem("1 paused");
  await form.fill("Value", "Ada Lovelace");
  await wb.screenshot("1-form-filled");
  await form.submit();
  const accepted = await form.status();
  assert.match(accepted, /^Submitted: the flow continues with this value\./);
  await wb.screenshot("2-accepted");

  await wb.waitForOutput("Pauseflow", `[${run}] Hello, Ada Lovelace!`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  const item = await runItem(wb, run, / · completed in /);
  assert.equal(item.label, "greet-user");
  assert.match(item.description, new RegExp(`^${run} · \\d{1,2}:\\d\\d:\\d\\d(?:\\s[AP]M)? · completed in \\d`));
  // An accepted form closes its tab after a moment.
  await waitFor("the form's tab to close itself", async () => !(await wb.tabTitles()).includes(`greet-user: ${run}`), 10_000);
  await wb.screenshot("3-completed");
  made.greetUser = run;

  // The accepted form shows the value as the flow got it: a bare `z.string()` pause's value
  // unwrapped, not the `{ value }` the form sends.
  assert.equal(accepted.replace(/^.*value\.\s*/, ""), JSON.stringify("Ada Lovelace"), `the accepted form said: ${accepted}`);
});

scenario("2. greet-user-with-default: the form is prefilled with 'anonymous'; kept as is, it says Hello, stranger!", "greet-user-with-default", async (wb) => {
  await runFlow(wb, "greet-user-with-default");
  const form = await PauseForm.open(wb, /^greet-user-with-default: \S+$/);
  const run = await form.runName();
  await waitFor("the Name field to be prefilled", async () => (await form.input("Name").inputValue()) === "anonymous", 10_000);
  await wb.screenshot("1-prefilled");
  // Submitted with the keyboard shortcut.
  await form.input("Name").focus();
  await wb.page.keyboard.press("Control+Enter");
  await wb.waitForOutput("Pauseflow", `[${run}] Hello, stranger!`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  await runItem(wb, run, / · completed in /);
});

scenario("3. get-shirt-order: small + green is refused next to Color and the run stays paused; medium + red completes it", "shirt", async (wb) => {
  await runFlow(wb, "get-shirt-order");
  const form = await PauseForm.open(wb, /^get-shirt-order: \S+$/);
  const run = await form.runName();
  assert.equal(await form.frame.locator("vscode-single-select").count(), 2);
  assert.equal((await form.frame.locator(".schema-description").textContent())?.trim(), "Shirt order options");
  await wb.screenshot("1-form-with-dropdowns");

  await form.choose("Size", "small");
  await form.choose("Color", "green");
  await form.submit();
  assert.equal(await form.error("Color"), "We don't carry that combination.");
  assert.equal(await form.editable(), true, "the form takes a new answer");
  await wb.screenshot("2-inline-error");
  await runItem(wb, run, / · waiting at pause-1$/);
  await wb.waitForStatusBarItem("1 paused");
  assert.ok(!(await wb.outputText("Pauseflow")).includes(`[${run}] Resuming`), "the refused value did not resume the flow");

  await form.choose("Size", "medium");
  await form.choose("Color", "red");
  await form.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  await runItem(wb, run, / · completed in /);

  const pauses = await expandRun(wb, "get-shirt-order", run);
  assert.deepEqual(pauses.map((p) => p.label), ["pause-1"]);
  assert.match(pauses[0]!.description, /^\{"size":"medium","color":"red"\} · \d{1,2}:\d\d:\d\d(?:\s[AP]M)?$/);
  await wb.screenshot("3-completed-in-runs-view");
  assert.ok(!(await wb.statusBarItems()).some((t) => /paused/.test(t)), "no run waits any more");  made.shirt = run;
});

scenario("4. label-reviews: the parameters form, then three reviews labelled; the labels file is written in the workspace", "label-reviews", async (wb) => {
  await runFlow(wb, "label-reviews");
  const params = await PauseForm.open(wb, "Parameters: label-reviews");
  const run = await params.runName();
  assert.equal(await params.subtitle(), `Parameters for a run of flow label-reviews (run ${run})`);
  assert.equal(await params.input("Threshold").inputValue(), "0.8");
  assert.equal(await params.input("Output").inputValue(), "out/labels.json");
  await wb.screenshot("1-parameters");
  await params.submit(); // "Start run" with the defaults
  await wb.waitForOutput("Pauseflow", `[${run}] 6 reviews, 3 below confidence 0.8`);

  // review id -> [the model's label (prefilled), the label given, a note]
  const answers: [string, string, string, string][] = [
    ["r2", "neutral", "negative", ""],
    ["r4", "negative", "neutral", "sarcasm, not negative"],
    ["r5", "positive", "positive", ""],
  ];
  let tabAtFirstPause = "";
  for (const [id, predicted, label, note] of answers) {
    // The parameters form's tab, retitled for the run's pauses.
    const form = await PauseForm.open(wb, `label-reviews: ${run}`);
    await form.frame.locator(".markdown h3", { hasText: `Review ${id}` }).waitFor();
    assert.equal(await form.subtitle(), `Paused run of flow label-reviews (run ${run})`);
    // The product's picture, a file of the workspace, is shown with the review (the CSP lets only local files in).
    const picture = form.frame.locator(".markdown img");
    await waitFor(`the picture of ${id} to load`, () => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 10_000);
    tabAtFirstPause ||= await wb.activeTab();
    await waitFor(`the Label of ${id} to be prefilled with the model's '${predicted}'`, async () => (await form.chosen("Label")) === predicted, 10_000);
    if (id === "r2") await wb.screenshot("2-first-review");
    if (label !== predicted) await form.choose("Label", label);
    if (note) await form.fill("Note", note);
    await form.submit();
    await wb.waitForOutput("Pauseflow", `[${run}] Review ${id}: ${label}${label === predicted ? "" : ` (model said ${predicted})`}`);
  }

  const file = join(workspace, "out", "labels.json");
  await wb.waitForOutput("Pauseflow", `[${run}] Wrote 6 labels to ${file}`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), {
    r1: { label: "positive", by: "model" },
    r2: { label: "negative", by: "person" },
    r3: { label: "negative", by: "model" },
    r4: { label: "neutral", by: "person", note: "sarcasm, not negative" },
    r5: { label: "positive", by: "person" },
    r6: { label: "positive", by: "model" },
  });
  await runItem(wb, run, / · completed in /);
  const pauses = await expandRun(wb, "label-reviews", run);
  assert.deepEqual(pauses.map((p) => [p.label, p.description.replace(/ · \d{1,2}:\d\d:\d\d(?:\s[AP]M)?$/, "")]), [
    ["parameters", '{"threshold":0.8,"output":"out/labels.json"}'],
    ["label-r2", '{"label":"negative"}'],
    ["label-r4", '{"label":"neutral","note":"sarcasm, not negative"}'],
    ["label-r5", '{"label":"positive"}'],
  ]);
  await wb.screenshot("3-completed-in-runs-view");

  // After the parameters form, the run's pauses reuse its tab, titled for what it now shows.
  assert.equal(tabAtFirstPause, `label-reviews: ${run}`, "the tab of a pause form is titled '<flow>: <run>'");
});

scenario("5. approve-training rejected: a comment is required to reject; with one the run ends Cancelled", "approve-training-rejected", async (wb) => {
  await runFlow(wb, "approve-training");
  const params = await PauseForm.open(wb, "Parameters: approve-training");
  const run = await params.runName();
  assert.deepEqual(
    [await params.input("Model").inputValue(), await params.input("Gpus").inputValue(), await params.input("Hours").inputValue()],
    ["resnet-50", "8", "12"],
  );
  await params.fill("Gpus", "2"); // not the default, so that the re-run (scenario 7) shows it kept them
  await wb.screenshot("1-parameters");
  await params.submit();

  // The parameters form's tab, retitled for the run's pause.
  const form = await PauseForm.open(wb, `approve-training: ${run}`);
  await form.field("Decision").waitFor();
  assert.equal(await form.subtitle(), `Paused run of flow approve-training (run ${run})`);
  assert.match(await form.text(), /GPUs\s+2\s/);
  assert.match(await form.text(), /Estimated cost\s+\$58\.80/);
  await wb.waitForOutput("Pauseflow", `[${run}] Estimated cost of training resnet-50: $58.80`);

  await form.choose("Decision", "reject");
  await form.submit();
  assert.equal(await form.error("Comment"), "Say why you reject it.");
  await wb.screenshot("2-comment-required");
  await runItem(wb, run, / · waiting at sign-off$/);
  await wb.waitForStatusBarItem("1 paused");

  await form.fill("Comment", "Too expensive this quarter");
  await form.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Rejected: Too expensive this quarter`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Cancelled('Rejected by approver: Too expensive this quarter')`);
  const item = await runItem(wb, run, / · cancelled in /);
  assert.equal(item.label, "approve-training");
  await wb.screenshot("3-cancelled");
  made.rejected = run;
});

scenario("6. Cancel Run in the Runs view: the run ends cancelled and its open form turns read-only with the reason", "cancel-from-runs-view", async (wb) => {
  await runFlow(wb, "get-shirt-order");
  const form = await PauseForm.open(wb, /^get-shirt-order: \S+$/);
  const run = await form.runName();
  await form.choose("Size", "large"); // half filled in
  await runItem(wb, run, / · waiting at pause-1$/);
  await wb.screenshot("1-paused");

  await wb.treeItemAction(await runRow(wb, "get-shirt-order", run), "Cancel Run");
  assert.equal(await form.status(), "The run was cancelled: Cancelled from the Runs view.");
  assert.equal(await form.editable(), false);
  assert.equal(await form.field("Size").locator("vscode-single-select").evaluate((el) => (el as HTMLElement & { disabled: boolean }).disabled), true);
  await runItem(wb, run, / · cancelled in /);
  await wb.waitForOutput("Pauseflow", new RegExp(`\\[${run}\\] Finished in state Cancelled\\(`));
  assert.ok(!(await wb.statusBarItems()).some((t) => /paused/.test(t)), "no run waits any more");
  await wb.screenshot("2-cancelled");
});

scenario("7. Re-run a finished approve-training run: no parameters form, the same parameters", "rerun", async (wb) => {
  assert.ok(made.rejected, "needs the approve-training run of scenario 5");
  await wb.treeItemAction(await runRow(wb, "approve-training", made.rejected), "Re-run");

  const form = await PauseForm.open(wb, /^approve-training: \S+$/);
  const run = await form.runName();
  assert.notEqual(run, made.rejected);
  assert.equal(await form.subtitle(), `Paused run of flow approve-training (run ${run})`, "straight to the sign-off, no parameters form");
  assert.ok(!(await wb.tabTitles()).includes("Parameters: approve-training"));
  // The run's first pause shows the parameters of the run it re-runs: 2 GPUs, not the default 8.
  assert.match(await form.text(), /GPUs\s+2\s/);
  assert.match(await form.text(), /Estimated cost\s+\$58\.80/);
  await wb.waitForOutput("Pauseflow", `[${run}] Estimated cost of training resnet-50: $58.80`);
  await wb.screenshot("1-sign-off-of-rerun");

  await form.choose("Decision", "approve");
  await form.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed('Trained resnet-50 on 2 GPUs')`);
  await runItem(wb, run, / · completed in /);
  const pauses = await expandRun(wb, "approve-training", run);
  assert.deepEqual(pauses.map((p) => p.label), ["sign-off"]);
  assert.match(pauses[0]!.description, /^\{"decision":"approve"\} · /);
  await wb.screenshot("2-completed");
});

scenario("8. A window reload: the runs go on in the runner host, a paused run's form comes back with what was typed, and no log line is lost", "reload", async (wb) => {
  await runFlow(wb, "ticker");
  const isTicker = (i: TreeItem) => i.level === 1 && i.label === "ticker" && / · running$/.test(i.description);
  const ticker = (await wb.waitForTreeItems("Pauseflow", "Runs", "the ticker to run", (items) => items.some(isTicker))).find(isTicker)!.description.split(" · ")[0]!;
  await runFlow(wb, "get-shirt-order");
  const form = await PauseForm.open(wb, /^get-shirt-order: \S+$/);
  const run = await form.runName();
  await form.choose("Size", "medium");
  await runItem(wb, run, / · waiting at pause-1$/);
  await wb.screenshot("1-before-reload");

  await wb.reload();

  // The form's tab comes back under its title, with the size chosen before, and takes the answer.
  const restored = await PauseForm.open(wb, `get-shirt-order: ${run}`, 60_000);
  await waitFor("the restored form to take input", async () => (await restored.editable()) && (await restored.chosen("Size")) === "medium", 30_000);
  await runItem(wb, run, / · waiting at pause-1$/);
  await wb.screenshot("2-restored-form");
  await restored.choose("Color", "red");
  await restored.submit();
  await runItem(wb, run, / · completed in /);
  // The Output shows what was logged after the reload; Show Logs has the whole run.
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  const shirtLog = await showLogs(wb, "get-shirt-order", run);
  assert.match(shirtLog, /Pausing flow, execution will continue when this flow run is resumed\.[^]*Resuming flow run execution![^]*We'll send you your shirt in \{"size":"medium","color":"red"\} ASAP![^]*Finished in state Completed\(\)$/);

  // The ticker went on through the reload: every line, in order, once.
  await runItem(wb, ticker, / · completed in /);
  // The editor draws only the lines in view: the first ones in order, then the document's length
  // (its last line number, from the status bar) and its last lines.
  await wb.treeItemMenu(await runRow(wb, "ticker", ticker), "Show Logs");
  await wb.tab(new RegExp(`^ticker ${ticker}(\\.log)?$`));
  const head = await waitFor("the ticker's log", async () => ((await wb.editorText()).includes("tick 10") ? await wb.editorText() : ""), 15_000);
  const firstTicks = head.split("\n").flatMap((line) => /- (tick \d+)$/.exec(line)?.[1] ?? []);
  assert.deepEqual(firstTicks, Array.from({ length: firstTicks.length }, (_, i) => `tick ${i}`));
  await wb.page.keyboard.press("Control+End");
  // One line per tick, the first and the last line, and the empty line after the last newline.
  await wb.waitForStatusBarItem(`Ln ${TICKS + 3}, Col 1`);
  const tail = await wb.editorText();
  assert.match(tail, new RegExp(`- tick ${TICKS - 2}\\n.*- tick ${TICKS - 1}\\n.*Finished in state Completed\\(\\)`));
  await wb.screenshot("3-ticker-log");
});

scenario("9. kill -9 of the runner host: the paused run shows Crashed with the reason, and Resume Interrupted Run completes it from its recorded answers", "host-killed", async (wb) => {
  await runFlow(wb, "quick-pauses");
  const form = await PauseForm.open(wb, /^quick-pauses: \S+$/);
  const run = await form.runName();
  await form.fill("Answer", "one");
  await form.submit();
  await runItem(wb, run, / · waiting at second$/);
  await form.fill("Answer", "two");
  await form.submit();
  await runItem(wb, run, / · waiting at third$/);

  const hostPid = runnerHostPid(shared.server.userDataDir);
  process.kill(hostPid, "SIGKILL");
  await runItem(wb, run, / · crashed in /);
  await wb.waitForNotification(/The runner host stopped unexpectedly/);
  await wb.screenshot("1-crashed");
  await waitFor("a new runner host", () => runnerHostPid(shared.server.userDataDir, hostPid), 30_000);

  await wb.treeItemMenu(await runRow(wb, "quick-pauses", run), "Resume Interrupted Run");
  const dialog = wb.page.locator(".monaco-dialog-box");
  await dialog.waitFor({ timeout: 10_000 });
  assert.match(await dialog.innerText(), /code before each pause runs again/);
  await dialog.locator(".monaco-button", { hasText: /^Resume$/ }).click();

  // "first" and "second" take their recorded answers; the run waits at "third", which had none.
  const resumed = await PauseForm.open(wb, new RegExp(`^quick-pauses: (?!${run}$)\\S+$`));
  const resumedRun = await resumed.runName();
  await runItem(wb, resumedRun, / · waiting at third$/);
  await resumed.fill("Answer", "three");
  await resumed.submit();
  await runItem(wb, resumedRun, / · completed in /);
  const pauses = await expandRun(wb, "quick-pauses", resumedRun);
  assert.deepEqual(pauses.map((p) => [p.label, p.description.split(" · ")[0]]), [
    ["first", '{"answer":"one"}'],
    ["second", '{"answer":"two"}'],
    ["third", '{"answer":"three"}'],
  ]);
  await wb.screenshot("2-resumed");
});

scenario("10. Show Logs on a finished run opens its log lines in a read-only document", "show-logs", async (wb) => {
  assert.ok(made.greetUser, "needs the greet-user run of scenario 1");
  const run = made.greetUser;
  await wb.treeItemMenu(await runRow(wb, "greet-user", run), "Show Logs");
  await wb.tab(new RegExp(`^greet-user ${run}(\\.log)?$`));
  const text = await waitFor("the log document to show the run's lines", async () => {
    const t = await wb.editorText();
    return t.includes("Finished in state Completed()") ? t : "";
  }, 15_000);
  const lines = text.split("\n").filter(Boolean);
  assert.match(lines[0]!, new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\| INFO +\\| Flow run '${run}' - Beginning flow run '${run}' for flow 'greet-user'$`));
  assert.ok(lines.some((l) => l.endsWith(`Flow run '${run}' - Hello, Ada Lovelace!`)), text);
  assert.ok(lines.at(-1)!.endsWith(`Flow run '${run}' - Finished in state Completed()`), text);
  await wb.screenshot("1-log-document");

  // Read-only: typing changes nothing, and VS Code says why.
  await wb.page.locator(".part.editor .editor-group-container.active .monaco-editor .view-lines").first().click();
  await wb.page.keyboard.type("typed");
  await wb.page.locator(".monaco-editor-overlaymessage", { hasText: "Cannot edit in read-only editor" }).first().waitFor({ timeout: 10_000 });
  assert.equal(await wb.editorText(), text);
  assert.equal(await wb.page.locator(".tabs-container .tab.dirty").count(), 0);
});

scenario("11. A run's pauses reuse its form tab: answered quickly, the tab is not closed and opened again", "tab-reuse", async (wb) => {
  // An accepted form's tab closes itself 1.5 s after the answer unless a pause is waiting then.
  // Here: answer "first", answer "second" 0.8 s later, the flow works 1.2 s and pauses at "third".
  // When the 1.5 s of "first" are up, no pause waits (the flow is working) but "second" was
  // answered only 0.7 s before, so the tab should stay (its own 1.5 s end after "third" came).
  const webviewFramesGone: string[] = [];
  const onDetach = (frame: { url(): string }) => {
    if (/\/webview\/browser\/pre\//.test(frame.url())) webviewFramesGone.push(`${new Date().toISOString()} ${frame.url().slice(-60)}`);
  };
  await runFlow(wb, "quick-pauses");
  const form = await PauseForm.open(wb, /^quick-pauses: \S+$/);
  const run = await form.runName();
  await runItem(wb, run, / · waiting at first$/);
  wb.page.on("framedetached", onDetach);
  try {
    await form.fill("Answer", "one");
    const firstAnswered = Date.now();
    await form.submit();
    await runItem(wb, run, / · waiting at second$/);
    await form.fill("Answer", "two");
    await waitFor("0.8 s after the first answer", () => Date.now() - firstAnswered >= 800, 5_000, 10);
    await form.submit();
    await runItem(wb, run, / · waiting at third$/);
  } finally {
    wb.page.off("framedetached", onDetach);
  }
  const third = await PauseForm.open(wb, `quick-pauses: ${run}`);
  await third.fill("Answer", "three");
  await wb.screenshot("1-third-pause");
  await third.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  // An accepted form's tab closes after a moment unless the run pauses again first: quick pauses
  // keep one tab (no new webview to load, no flicker).
  assert.deepEqual(webviewFramesGone, [], "the run's form tab was closed and opened again between its pauses");
});

/** For scenario 12: a flow kept outside the workspace, whose description shows a picture beside it. */
const OUTSIDE_FLOW = `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

export const outside = flow({ name: "outside-flow" }, async () => {
  await pauseFlowRun({ description: "Beside the flow: ![the picture](picture.svg)", waitForInput: z.object({ answer: z.string() }) });
});
`;

scenario("12. A flow outside the workspace runs, but its form may load nothing from the flow's folder, and says why its picture is missing", "outside-workspace", async (wb) => {
  const outside = mkdtempSync(join(tmpdir(), "pauseflow-outside-"));
  try {
    copyFileSync(join(workspace, "data", "images", "gadget.svg"), join(outside, "picture.svg"));
    writeFileSync(join(outside, "outside.flow.ts"), OUTSIDE_FLOW);
    await wb.openFile(join(outside, "outside.flow.ts"));
    await wb.runCommand("Pauseflow: Run Current File");
    const form = await PauseForm.open(wb, /^outside-flow: \S+$/);
    const run = await form.runName();
    assert.match(await form.text(), /the picture \(picture\.svg not shown: images are shown only for flows inside the workspace\)/);
    assert.equal(await form.frame.locator(".markdown img").count(), 0);
    // The page's own files load from the extension's folder; the same address pointed at the flow's
    // folder is refused: the webview's roots do not include it.
    const script = (await form.frame.locator("script[src]").first().getAttribute("src")) ?? "";
    const loads = (url: string) =>
      form.frame.locator("body").evaluate(
        (_, src) =>
          new Promise<boolean>((done) => {
            const img = new Image();
            img.onload = () => done(true);
            img.onerror = () => done(false);
            img.src = src;
          }),
        url,
      );
    assert.equal(await loads(script.replace(/\/dist\/webview\.js$/, "/media/pauseflow.svg")), true, `the extension's own picture loads (${script})`);
    assert.equal(await loads(`${new URL(script).origin}${join(outside, "picture.svg")}`), false, "the flow's folder is closed to the page");
    await wb.screenshot("1-form-without-picture");
    await form.fill("Answer", "fine");
    await form.submit();
    await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

/** For scenario 13: a helper (not a flow) whose one error exists only through the type zod infers for a pause. */
const TYPED_HELPER = `import { pauseFlowRun } from "pauseflow";
import { z } from "zod";

export async function askNumber() {
  const x = await pauseFlowRun(z.object({ n: z.number() }));
  return x.n.toUpperCase();
}
`;

scenario("13. With nothing installed in the folder, TypeScript knows \"pauseflow\" and \"zod\": no Cannot find module, hovers show zod's inferred types, a real type error is in the Problems panel", "types", async (wb) => {
  const helper = join(workspace, "typed-helper.ts");
  writeFileSync(helper, TYPED_HELPER);
  try {
    await wb.openFile(helper);
    // Only the inferred type of the pause's value makes this an error; with no types it would be `any`.
    const rows = await wb.waitForProblems("the type error of typed-helper.ts", (rows) => rows.some((r) => r.includes("toUpperCase")), 120_000);
    await wb.screenshot("1-type-error");
    assert.deepEqual(rows, [
      "1 problems in file typed-helper.ts of folder .",
      "Error: Property 'toUpperCase' does not exist on type 'number'. at line 6 and character 14. generated by ts",
    ]);
    assert.match(await wb.hoverAt(5, 9), /const x: \{\s*n: number;\s*\}/);

    const flowFile = join(workspace, "shirt.flow.ts");
    await wb.openFile(flowFile);
    const line = readFileSync(flowFile, "utf8").split("\n").findIndex((l) => l.includes("waitForInput: ShirtOrder"));
    const column = readFileSync(flowFile, "utf8").split("\n")[line]!.indexOf("ShirtOrder") + 1;
    assert.match(await wb.hoverAt(line + 1, column), /^const ShirtOrder: RunInput<z\.ZodObject</);
    await wb.screenshot("2-flow-hover");
    const after = await wb.problems();
    assert.deepEqual(after.filter((r) => /Cannot find module|shirt\.flow\.ts/.test(r)), [], `the Problems panel: ${JSON.stringify(after)}`);
  } finally {
    rmSync(helper, { force: true });
  }
});

scenario("14. Pauseflow: Add Types to Folder says what it will write, and after Add Types the folder has the declarations and a tsconfig.json pointing at them", "add-types", async (wb) => {
  const tsconfig = join(workspace, "tsconfig.json");
  try {
    await wb.runCommand("Pauseflow: Add Types to Folder");
    const dialog = wb.page.locator(".monaco-dialog-box");
    await dialog.waitFor({ timeout: 10_000 });
    const text = await dialog.innerText();
    assert.match(text, /Add the types of "pauseflow" and "zod" to /);
    assert.match(text, /into \.pauseflow\/types\/ \(replacing what is there\), and creates tsconfig\.json with allowJs and these compilerOptions\.paths entries:/);
    assert.match(text, /"pauseflow": \["\.\/\.pauseflow\/types\/pauseflow\/sdk\/index\.d\.ts"\]/);
    await wb.screenshot("1-confirmation");
    assert.ok(!existsSync(tsconfig), "nothing is written before the answer");
    await dialog.locator(".monaco-button", { hasText: /^Add Types$/ }).click();
    await wb.waitForNotification(/^Added the types of "pauseflow" and "zod" to .* \(tsconfig\.json\)\.$/);
    const written = JSON.parse(readFileSync(tsconfig, "utf8"));
    assert.deepEqual(written.compilerOptions.paths.zod, ["./.pauseflow/types/zod/index.d.cts"]);
    assert.ok(existsSync(join(workspace, ".pauseflow", "types", "pauseflow", "sdk", "index.d.ts")));
    assert.ok(existsSync(join(workspace, ".pauseflow", "types", "zod", "index.d.cts")));
  } finally {
    // Later scenarios see the examples as they were.
    rmSync(tsconfig, { force: true });
    rmSync(join(workspace, ".pauseflow"), { recursive: true, force: true });
  }
});

scenario("15. triage-ticket: a discriminated union; the action picked in the form shows its own fields, and the flow gets that action's object", "triage-union", async (wb) => {
  await runFlow(wb, "triage-ticket");
  const form = await PauseForm.open(wb, /^triage-ticket: \S+$/);
  const run = await form.runName();
  assert.equal(await form.chosen("Action"), "Choose...");
  assert.equal(await form.frame.locator("[data-label=Team], [data-label=Reason], [data-label=Days]").count(), 0, "no action's fields before one is picked");
  await form.choose("Action", "close");
  await form.field("Reason").waitFor();
  await form.choose("Action", "escalate");
  assert.equal(await form.field("Reason").isHidden(), true, "the other action's fields go");
  await form.choose("Team", "security");
  await form.fill("Severity", "2");
  await wb.screenshot("1-escalate-filled");
  await form.submit();
  const accepted = await form.status();
  // Shown as the flow got it: the chosen action's object, with its tag, not wrapped as `value`.
  assert.deepEqual(JSON.parse(accepted.slice(accepted.indexOf("{"))), { action: "escalate", team: "security", severity: 2 });
  await wb.waitForOutput("Pauseflow", `[${run}] Triage decision: {"action":"escalate","team":"security","severity":2}`);
  await wb.waitForOutput("Pauseflow", `[${run}] Escalated to security at severity 2`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  await wb.screenshot("2-output");

  // A file path field: Browse shows VS Code's open dialog; a file outside the workspace is refused
  // at the field, one inside fills the box with its absolute path.
  writeFileSync(join(workspace, "pick.flow.ts"), PICK_FLOW);
  await runFlow(wb, "pick-report");
  const pick = await PauseForm.open(wb, /^pick-report: \S+$/);
  const pickRun = await pick.runName();
  await pick.button("Browse for a file in the workspace").click();
  await wb.answerFileDialog("/etc/hostname");
  assert.match(await pick.error("Report"), /^\/etc\/hostname is outside the workspace \(.*\): choose a file inside it\.$/);
  const reviews = join(workspace, "data", "reviews.json");
  await pick.button("Browse for a file in the workspace").click();
  await wb.answerFileDialog(reviews);
  await waitFor("the picked path in the box", async () => (await pick.input("Report").inputValue()) === reviews, 10_000);
  await wb.screenshot("3-path-picked");
  await pick.submit();
  await wb.waitForOutput("Pauseflow", `[${pickRun}] report ${reviews} exists: true`);
});

scenario("16. Re-run with Same Answers completes the shirt order of scenario 3 with no form tab; in a new run's form, Fill from Last Answer fills it and Time Out Now ends the pause, saying PauseTimeoutError was raised", "rerun-same-answers", async (wb) => {
  assert.ok(made.shirt, "needs the get-shirt-order run of scenario 3");
  await wb.treeItemMenu(await runRow(wb, "get-shirt-order", made.shirt), "Re-run with Same Answers");
  const finished = await wb.waitForOutput("Pauseflow", /\[[a-z0-9-]+\] Finished in state Completed\(\)/);
  const run = /\[([a-z0-9-]+)\] Finished in state Completed\(\)/.exec(finished)![1]!;
  assert.notEqual(run, made.shirt);
  await wb.waitForOutput("Pauseflow", `[${run}] We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`);
  assert.deepEqual(await wb.tabTitles(), [], "no form tab was opened");
  await runItem(wb, run, / · completed in /);
  const pauses = await expandRun(wb, "get-shirt-order", run);
  assert.match(pauses[0]!.description, /^\{"size":"medium","color":"red"\} · /);
  await wb.screenshot("1-replayed-without-a-form");

  // A new run's form offers that answer; Time Out Now then ends the pause instead.
  await runFlow(wb, "get-shirt-order");
  const form = await PauseForm.open(wb, /^get-shirt-order: \S+$/);
  const timedOut = await form.runName();
  await form.developerAction("Fill from Last Answer");
  assert.equal(await form.chosen("Size"), "medium");
  assert.equal(await form.chosen("Color"), "red");
  await form.developerAction("Time Out Now");
  assert.match(await form.status(), /^The pause timed out after \d+ seconds?: PauseTimeoutError was raised in the flow, and no answer reached it\.$/);
  await wb.waitForOutput("Pauseflow", `[${timedOut}] Finished in state Failed("Flow run encountered an exception: PauseTimeoutError: Pause 'pause-1' timed out after`);
  assert.ok(!(await wb.outputText("Pauseflow")).includes(`[${timedOut}] Resuming`), "nothing resumed after the timeout");
  await runItem(wb, timedOut, / · failed in /);
  await wb.screenshot("2-timed-out-form");
});

scenario("17. Export Answers File: the shirt order's answers become a file that `pauseflow run` completes the flow with; Run with Answers File... runs it with no form", "export-answers", async (wb) => {
  assert.ok(made.shirt, "needs the get-shirt-order run of scenario 3");
  const file = join(workspace, "shirt-order.answers.json");
  await wb.treeItemMenu(await runRow(wb, "get-shirt-order", made.shirt), "Export Answers File...");
  await wb.answerFileDialog(file);
  const told = await wb.waitForNotification(/^Wrote 1 answer of /);
  await wb.screenshot("1-exported");
  assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), [{ size: "medium", color: "red" }]);
  const commandLine = / Run them headless with: (npx pauseflow run .*)$/.exec(told)?.[1];
  assert.equal(commandLine, "npx pauseflow run shirt.flow.ts --flow getShirtOrder --answers shirt-order.answers.json");

  // The CLI as the notification gives it, from the workspace folder (the repo's build stands for `npx pauseflow`).
  const args = commandLine.split(" ").slice(2);
  const cli = spawnSync(process.execPath, [join(import.meta.dirname, "..", "..", "dist", "cli.js"), ...args], { cwd: workspace, encoding: "utf8", timeout: 60_000 });
  assert.equal(cli.status, 0, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /We'll send you your shirt in \{"size":"medium","color":"red"\} ASAP![^]*Finished in state Completed\(\)\n$/);

  await wb.runCommand("Pauseflow: Run with Answers File...");
  await wb.pickQuickPick("get-shirt-order");
  await wb.answerFileDialog(file);
  const finished = await wb.waitForOutput("Pauseflow", /\[[a-z0-9-]+\] Finished in state Completed\(\)/);
  const run = /\[([a-z0-9-]+)\] Finished in state Completed\(\)/.exec(finished)![1]!;
  await wb.waitForOutput("Pauseflow", `[${run}] We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`);
  assert.deepEqual(await wb.tabTitles(), [], "no form tab was opened");
  await wb.screenshot("2-run-with-answers-file");
});

scenario("18. The pause at its line: while greet-user waits, its pauseFlowRun line has the gutter mark and the CodeLens; Go to Pause opens it there; answered, the marks are gone", "pause-at-its-line", async (wb) => {
  const source = readFileSync(join(workspace, "greet.flow.ts"), "utf8").split("\n");
  const line = source.findIndex((text) => text.includes("pauseFlowRun(z.string())")) + 1;
  const column = source[line - 1]!.indexOf("pauseFlowRun") + 1;
  assert.ok(line > 0, "greet.flow.ts has greet-user's pause");
  await wb.openFile("greet.flow.ts");
  const noMarks = await wb.editorMarks(GUTTER_ICON);
  assert.deepEqual(noMarks.gutter, [], "no run waits yet");
  assert.ok(!noMarks.lenses.some((l) => l.text.includes("Waiting for input")), JSON.stringify(noMarks.lenses));

  await runFlow(wb, "greet-user");
  const form = await PauseForm.open(wb, /^greet-user: \S+$/);
  const run = await form.runName();
  await (await wb.fileTab("greet.flow.ts")).click();
  const marks = await waitFor("the pause's marks in the editor", async () => {
    const seen = await wb.editorMarks(GUTTER_ICON);
    return seen.gutter.length > 0 && seen.lenses.some((l) => l.text.includes("Waiting for input")) ? seen : undefined;
  }, 15_000);
  assert.deepEqual(marks.gutter, [line], "the gutter mark is on the pauseFlowRun line");
  assert.deepEqual(marks.lenses.filter((l) => l.text.includes("Waiting for input")), [{ line, text: `Waiting for input (${run}) | Open Form | Cancel Run` }]);
  await wb.screenshot("1-marked");

  // Go to Pause, from the pause row's inline action and from its context menu, opens the file at the call.
  await expandRun(wb, "greet-user", run);
  const pauseRow = () => wb.treeRow("Pauseflow", "Runs", { label: "pause-1", description: /^waiting · / });
  await wb.runCommand("View: Close All Editors");
  await wb.treeItemAction(await pauseRow(), "Go to Pause");
  await waitFor("greet.flow.ts open at the pause", async () => (await wb.activeFile()) === "greet.flow.ts" && (await wb.statusBarItems()).includes(`Ln ${line}, Col ${column}`), 15_000);
  await wb.runCommand("View: Close All Editors");
  await wb.treeItemMenu(await pauseRow(), "Go to Pause");
  await waitFor("greet.flow.ts open at the pause again", async () => (await wb.activeFile()) === "greet.flow.ts" && (await wb.statusBarItems()).includes(`Ln ${line}, Col ${column}`), 15_000);
  await wb.screenshot("2-gone-to-pause");

  // The CodeLens's Open Form brings the run's form back.
  await wb.clickCodeLens("Open Form");
  const answering = await PauseForm.open(wb, `greet-user: ${run}`);
  await answering.fill("Value", "Grace");
  await answering.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  await (await wb.fileTab("greet.flow.ts")).click();
  const after = await waitFor("the marks to go", async () => {
    const seen = await wb.editorMarks(GUTTER_ICON);
    return seen.gutter.length === 0 && !seen.lenses.some((l) => l.text.includes("Waiting for input")) ? seen : undefined;
  }, 15_000);
  assert.ok(after.lenses.some((l) => l.text.includes("Run flow greet-user")), "the editor's other CodeLenses are still there");
  await wb.screenshot("3-answered-unmarked");
});

scenario("19. Debug Flow: a breakpoint set with F9 stops the run at its line in the .ts; continued, the form opens and the run completes; Debug Again, stopped, cancels the run", "debug", async (wb) => {
  const file = join(workspace, "greet.flow.ts");
  await wb.openFile(file);
  const line = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes("await pauseFlowRun(z.string())")) + 1;
  await wb.runCommand("Go to Line/Column...");
  await wb.page.keyboard.type(String(line));
  await wb.page.keyboard.press("Enter");
  await wb.page.keyboard.press("F9");
  await wb.page.locator(".part.editor .monaco-editor .codicon-debug-breakpoint").first().waitFor({ timeout: 10_000 });

  await wb.runCommand("Pauseflow: Debug Flow...");
  await wb.pickQuickPick("greet-user");
  // Stopped at the breakpoint, in the flow's own .ts file: the debug toolbar, the call stack, the line.
  await wb.page.locator(".debug-toolbar").waitFor({ timeout: 60_000 });
  const topFrame = wb.page.locator(".debug-call-stack .monaco-list-row .stack-frame").first();
  await waitFor("the call stack to show the flow's frame", async () => /greet\.flow\.ts\s*\d+:\d+/.test(await topFrame.innerText().catch(() => "")), 30_000);
  assert.match((await topFrame.innerText()).replace(/\s+/g, " "), new RegExp(`greet\\.flow\\.ts\\s*${line}:`));
  await wb.page.locator(".part.editor .monaco-editor .codicon-debug-stackframe").first().waitFor({ timeout: 10_000 });
  await wb.screenshot("1-stopped-at-breakpoint");

  await wb.page.locator('.debug-toolbar .action-label[aria-label^="Continue"]').click();
  const form = await PauseForm.open(wb, /^greet-user: \S+$/);
  const run = await form.runName();
  await form.fill("Value", "Grace Hopper");
  await form.submit();
  await wb.waitForOutput("Pauseflow", `[${run}] Hello, Grace Hopper!`);
  await wb.waitForOutput("Pauseflow", `[${run}] Finished in state Completed()`);
  await wb.page.locator(".debug-toolbar").waitFor({ state: "hidden", timeout: 30_000 });
  await wb.screenshot("2-completed");

  // Debug Again from the Runs view stops at the same breakpoint; stopping the session cancels the run.
  await wb.openViewContainer("Pauseflow");
  await wb.treeItemMenu(await runRow(wb, "greet-user", run), "Debug Again");
  const newest = (items: TreeItem[]) => items.find((i) => i.level === 1)!;
  const runs = await wb.waitForTreeItems("Pauseflow", "Runs", "the debugged re-run at the top", (items) => newest(items).label === "greet-user" && !newest(items).description.startsWith(`${run} · `));
  const rerun = newest(runs).description.split(" · ")[0]!;
  await wb.page.locator(".debug-toolbar").waitFor({ timeout: 60_000 });
  await wb.page.locator(".part.editor .monaco-editor .codicon-debug-stackframe").first().waitFor({ timeout: 30_000 });
  await wb.page.locator('.debug-toolbar .action-label[aria-label^="Disconnect"], .debug-toolbar .action-label[aria-label^="Stop"]').first().click();
  await wb.openViewContainer("Pauseflow");
  await runItem(wb, rerun, / · cancelled in /);
  await wb.waitForOutput("Pauseflow", `[${rerun}] Finished in state Cancelled('Cancelled: the debug session was stopped.')`);
  await wb.screenshot("3-stopped-cancels");
  // The breakpoint off again, as it was set.
  await wb.openFile(file);
  await wb.runCommand("Go to Line/Column...");
  await wb.page.keyboard.type(String(line));
  await wb.page.keyboard.press("Enter");
  await wb.page.keyboard.press("F9");
  await waitFor("the breakpoint to be gone", async () => (await wb.page.locator(".part.editor .monaco-editor .codicon-debug-breakpoint").count()) === 0, 10_000);
});

// ---- helpers

/** Opens a run's Show Logs document and returns its text once it has the run's last line. */
async function showLogs(wb: Workbench, flow: string, run: string): Promise<string> {
  await wb.treeItemMenu(await runRow(wb, flow, run), "Show Logs");
  await wb.tab(new RegExp(`^${flow} ${run}(\\.log)?$`));
  return waitFor(`the log of ${run}`, async () => {
    const text = await wb.editorText();
    return /Finished in state \w+\(.*\)$/.test(text.trim()) ? text.trim() : "";
  }, 15_000);
}

/** The runner host's pid from its host.json in the window's workspace storage, once it is not `not`. */
function runnerHostPid(userDataDir: string, not?: number): number {
  const storage = join(userDataDir, "User", "workspaceStorage");
  for (const folder of readdirSync(storage)) {
    const info = join(storage, folder, "pauseflow.pauseflow", "runner-host", "host.json");
    if (!existsSync(info)) continue;
    const pid = (JSON.parse(readFileSync(info, "utf8")) as { pid: number }).pid;
    if (pid !== not) return pid;
  }
  return 0;
}

/** Each scenario starts with no editors open, nothing in the Output view and no dialog up. */
async function fresh(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press("Escape");
  await wb.runCommand("View: Close All Editors");
  await wb.showOutput("Pauseflow");
  await wb.runCommand("View: Clear Output");
  await waitFor("the Output view to be empty", async () => (await wb.outputText("Pauseflow")) === "", 10_000);
}

async function runFlow(wb: Workbench, flow: string): Promise<void> {
  await wb.runCommand("Pauseflow: Run Flow...");
  await wb.pickQuickPick(flow);
}

/** The Runs view's row of this run (its description starts with the run's name). */
function runRow(wb: Workbench, flow: string, run: string) {
  return wb.treeRow("Pauseflow", "Runs", { label: flow, description: new RegExp(`^${run} · `) });
}

/** Waits until the Runs view shows this run with a description matching `state`. */
async function runItem(wb: Workbench, run: string, state: RegExp): Promise<TreeItem> {
  const mine = (i: TreeItem) => i.level === 1 && i.description.startsWith(`${run} · `);
  const items = await wb.waitForTreeItems("Pauseflow", "Runs", `run ${run} to show ${state}`, (items) => items.some((i) => mine(i) && state.test(i.description)));
  return items.find(mine)!;
}

/** Expands a run in the Runs view and returns its pause rows. */
async function expandRun(wb: Workbench, flow: string, run: string): Promise<TreeItem[]> {
  const row = await runRow(wb, flow, run);
  if ((await row.getAttribute("aria-expanded")) === "false") await row.locator(".monaco-tl-twistie").click();
  const items = await wb.waitForTreeItems("Pauseflow", "Runs", `run ${run} to show its pauses`, (items) => {
    const at = items.findIndex((i) => i.level === 1 && i.description.startsWith(`${run} · `));
    return at >= 0 && items[at]!.expanded === true && items[at + 1]?.level === 2;
  });
  const at = items.findIndex((i) => i.level === 1 && i.description.startsWith(`${run} · `));
  const pauses: TreeItem[] = [];
  for (const item of items.slice(at + 1)) {
    if (item.level !== 2) break;
    pauses.push(item);
  }
  return pauses;
}
