// Engine mode in real VS Code (code-server): the extension connects to a throwaway PostgreSQL
// cluster through Pauseflow: Connect to Engine..., a run started from a shell with
// `pauseflow start` shows in Waiting for Input, its pause is answered in the form (a rejection
// first, inline), and the Runs view shows the run completed with who answered. Then: a teammate
// answering first, Run on Engine, Cancel Run, Show Logs, the database lost and back, and Re-run
// from This Pause.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureCodeServer, waitFor } from "../../scripts/codeServer";
import { cli, cluster, flowFolder, freshDatabase, removeCluster, WorkerProcess } from "../engine/harness";
import { pauseflowVsix } from "./harness/vsix";
import { PauseForm, withWorkbench } from "./harness/workbench";

const SIGN_OFF = `import { flow, pauseFlowRun, getRunLogger } from "pauseflow";
import { z } from "zod";

export const signOff = flow({ name: "sign-off" }, async () => {
  const answer = await pauseFlowRun({
    key: "approval",
    description: "## Approve the budget?\\n\\n![The budget](chart.svg)",
    waitForInput: z
      .object({ approver: z.string(), amount: z.number() })
      .refine((v) => v.approver !== "Bob", { message: "Bob wrote this budget; someone else approves it", path: ["approver"] }),
  });
  getRunLogger().info(\`approved by \${answer.approver}: \${answer.amount}\`);
});
`;

/** The picture beside the flow: it travels inside the pause, since the form may be on another machine. */
const CHART = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#3a7"/></svg>';

let vsix = "";
let url = "";
let folder = "";
let worker: WorkerProcess | undefined;

before(async () => {
  ensureCodeServer();
  vsix = pauseflowVsix();
  url = await freshDatabase();
  folder = flowFolder({ "sign-off.flow.ts": SIGN_OFF, "chart.svg": CHART });
  worker = await WorkerProcess.start(url, [folder]);
}, { timeout: 300_000 });

after(async () => {
  await worker?.stop();
  await removeCluster();
});

test("12. engine: a run started from a shell is answered in the form, and the Runs view says who answered", { timeout: 180_000 }, () =>
  withWorkbench("engine", { workspace: folder, vsix: [vsix] }, async (wb) => {
    await wb.waitForTreeItems("Pauseflow", "Flows", "the Flows view to list sign-off", (items) => items.some((i) => i.label === "sign-off"), 60_000);
    await wb.runCommand("Pauseflow: Connect to Engine...");
    await wb.answerInputBox(url);
    await wb.waitForNotification(/^Connected to the engine at 127\.0\.0\.1:\d+\/t_[0-9a-f]+\.$/);

    const started = await cli(url, ["start", join(folder, "sign-off.flow.ts")]);
    assert.equal(started.code, 0, started.stderr);
    const id = started.stdout.trim();
    const short = id.slice(0, 8);
    const waiting = await wb.waitForTreeItems("Pauseflow", "Waiting for Input", "the run to wait for input", (items) => items.some((i) => i.description.includes(short)), 30_000);
    assert.match(waiting.find((i) => i.description.includes(short))!.description, /^engine · [0-9a-f]{8} · \d{1,2}:\d\d:\d\d(?:\s[AP]M)? · waiting at approval$/);
    await wb.screenshot("1-waiting-for-input");

    await (await wb.treeRow("Pauseflow", "Waiting for Input", { description: new RegExp(short) })).click();
    const form = await PauseForm.open(wb, `sign-off: ${short}`);
    await form.frame.locator(".markdown h2", { hasText: "Approve the budget?" }).waitFor();
    const picture = form.frame.locator(".markdown img[alt='The budget']");
    assert.match((await picture.getAttribute("src")) ?? "", /^data:image\/svg\+xml;base64,/);
    await waitFor("the picture to show", () => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 120), 10_000);
    await form.fill("Approver", "Bob");
    await form.fill("Amount", "900");
    await form.submit();
    // Checked by the workflow on the worker, with the flow's own refinement; shown inline, the run stays paused.
    assert.equal(await form.error("Approver"), "Bob wrote this budget; someone else approves it");
    await form.fill("Approver", "Ada");
    await form.submit();
    assert.match(await form.status(), /^Submitted: the flow continues with this value\.\n\{\n  "approver": "Ada",\n  "amount": 900\n\}$/);
    await wb.screenshot("2-accepted");

    assert.equal((await cli(url, ["wait", id])).stdout.trim(), "Finished in state Completed()");
    const me = userInfo().username;
    const rows = await wb.waitForTreeItems("Pauseflow", "Runs", "the engine run to show completed", (items) =>
      items.some((i) => i.label === "sign-off" && i.description.startsWith(short) && i.description.endsWith("completed")), 30_000);
    assert.ok(rows.some((i) => i.label === "Engine"), JSON.stringify(rows));
    // Expand the run: its pause, with the answer and who gave it.
    const run = await wb.treeRow("Pauseflow", "Runs", { label: "sign-off", description: new RegExp(`^${short}`) });
    if ((await run.getAttribute("aria-expanded")) === "false") await run.locator(".monaco-tl-twistie").click();
    const pauses = await wb.waitForTreeItems("Pauseflow", "Runs", "the pause row", (items) => items.some((i) => i.label === "approval"), 30_000);
    assert.match(pauses.find((i) => i.label === "approval")!.description, new RegExp(`^\\{"approver":"Ada","amount":900\\} · answered by ${me} · \\d{1,2}:\\d\\d:\\d\\d(?:\\s[AP]M)?$`));
    await wb.screenshot("3-runs-view");
    assert.ok((await cli(url, ["logs", id])).messages.includes("approved by Ada: 900"));

    // A teammate answers from a shell while this form is open: submitting then says who answered first.
    const second = (await cli(url, ["start", join(folder, "sign-off.flow.ts")])).stdout.trim();
    await (await wb.treeRow("Pauseflow", "Waiting for Input", { description: new RegExp(second.slice(0, 8)) })).click();
    const open = await PauseForm.open(wb, `sign-off: ${second.slice(0, 8)}`);
    await open.fill("Approver", "Ada");
    await open.fill("Amount", "10");
    const teammate = await cli(url, ["answer", second, "--value", '{"approver":"Grace","amount":20}', "--as", "grace"]);
    assert.equal(teammate.code, 0, teammate.stdout + teammate.stderr);
    await open.submit();
    assert.match(await open.status(), /^Pause 'approval' was answered by grace at \d{1,2}:\d\d:\d\d(\s[AP]M)?\.$/);
    assert.equal(await open.editable(), false);
    await wb.screenshot("4-answered-by-someone-else");

    // Run on Engine from the palette, then Cancel Run and Show Logs from the Runs view's menu.
    await wb.runCommand("Pauseflow: Run Flow on Engine...");
    await wb.pickQuickPick("sign-off");
    await wb.answerInputBox("{}");
    const note = await wb.waitForNotification(/^Started sign-off on the engine \(run [0-9a-f]{8}\)\.$/);
    const third = /run ([0-9a-f]{8})/.exec(note)![1]!;
    await wb.waitForTreeItems("Pauseflow", "Waiting for Input", "the engine-started run to wait", (items) => items.some((i) => i.description.includes(third)), 30_000);
    await wb.treeItemMenu(await wb.treeRow("Pauseflow", "Runs", { label: "sign-off", description: new RegExp(`^${third}`) }), "Cancel Run");
    await wb.waitForTreeItems("Pauseflow", "Runs", "the run to show cancelled", (items) => items.some((i) => i.description.startsWith(third) && i.description.endsWith("cancelled")), 30_000);
    await wb.treeItemMenu(await wb.treeRow("Pauseflow", "Runs", { label: "sign-off", description: new RegExp(`^${third}`) }), "Show Logs");
    const text = await waitFor("the engine run's log document", async () => {
      const t = await wb.editorText();
      return t.includes("Finished in state") ? t : "";
    }, 15_000);
    assert.ok(text.trimEnd().endsWith(`Finished in state Cancelled('Cancelled by ${me}.')`), text);

    // The database goes away for a while: one warning, the Engine row says so, and it comes back by itself.
    const pg = await cluster();
    pg.stop();
    try {
      await wb.waitForNotification(/^Lost the engine's database \(.+\); reconnecting by itself\.$/, 30_000);
      await wb.waitForTreeItems("Pauseflow", "Runs", "the Engine row to say it is unreachable", (items) => items.some((i) => i.label === "Engine" && i.description.endsWith("unreachable, reconnecting")), 30_000);
    } finally {
      pg.start();
    }
    await wb.waitForTreeItems("Pauseflow", "Runs", "the Engine row to be back", (items) => items.some((i) => i.label === "Engine" && /· 3 runs$/.test(i.description)), 30_000);

    // Re-run from This Pause: a new run repeats the old one up to that pause and waits there again.
    // The teammate's run, expanded (VS Code applies a row's expanded state only when it first draws it).
    const graceRun = await wb.treeRow("Pauseflow", "Runs", { label: "sign-off", description: new RegExp(`^${second.slice(0, 8)}`) });
    if ((await graceRun.getAttribute("aria-expanded")) === "false") await graceRun.locator(".monaco-tl-twistie").click();
    const gracePause = await wb.treeRow("Pauseflow", "Runs", { label: "approval", description: /answered by grace/ });
    await wb.treeItemMenu(gracePause, "Re-run from This Pause");
    const forked = /run ([0-9a-f]{8})/.exec(await wb.waitForNotification(/^Re-running from pause 'approval' \(run [0-9a-f]{8}\)\.$/))![1]!;
    await wb.waitForTreeItems("Pauseflow", "Waiting for Input", "the re-run to wait at approval", (items) => items.some((i) => i.description.includes(forked) && i.description.endsWith("waiting at approval")), 30_000);
  }),
);
