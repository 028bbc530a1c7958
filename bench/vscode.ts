// Pause round trips measured in real VS Code (code-server with the packaged .vsix), through the
// form a person uses. Called by bench/main.mjs; prints nothing, returns the figures.
//
// A bench flow written into a temporary workspace pauses `repeats` times in one run, each pause a
// one-field form answered through the form, and appends Date.now() to a JSON-lines file just
// before each pauseFlowRun and just after it returns. In the form's page, Date.now() is taken in
// the animation frame that first shows the form's control, and when Submit is clicked. Both are
// this machine's clock (runner process and Chromium), in milliseconds. A second flow with one
// pause then runs once, to time a new tab once the window has shown a webview before.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { ensureCodeServer, waitFor } from "../scripts/codeServer";
import { PauseForm, withWorkbench, type Workbench } from "../test/e2e/harness/workbench";

export interface VsCodeBench {
  /** Pauses answered in the measured run. */
  pauses: number;
  /**
   * Median ms from the flow calling pauseFlowRun to the form's first control painted, for the
   * pauses after a run's first: the run's tab is open and shows the next form.
   */
  pauseToFormVisibleMs: number;
  /** The same for a run's first pause, which opens a new tab (a webview loads the form's page); one sample. */
  newTabPauseToFormVisibleMs: number;
  /**
   * The same for the first webview of the window (VS Code sets up its webview machinery first);
   * one sample: what a person sees at the first pause after opening the window.
   */
  firstWebviewPauseToFormVisibleMs: number;
  /** Median ms from the click on Submit to the flow's code after `await pauseFlowRun(...)` running. */
  submitToFlowContinuesMs: number;
}

function benchFlows(pauses: number): string {
  return `import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

const Answer = z.object({ answer: z.string().describe("Anything") });

async function pauseTimes(name: string, pauses: number) {
  const times = join(__dirname, name + ".jsonl");
  for (let i = 1; i <= pauses; i++) {
    appendFileSync(times, JSON.stringify({ i, paused: Date.now() }) + "\\n");
    await pauseFlowRun({ key: "bench-" + i, waitForInput: Answer, description: "Bench pause " + i });
    appendFileSync(times, JSON.stringify({ i, resumed: Date.now() }) + "\\n");
  }
}

export const benchPauses = flow({ name: "bench-pauses" }, () => pauseTimes("bench-pauses", ${pauses}));
export const benchNewTab = flow({ name: "bench-new-tab" }, () => pauseTimes("bench-new-tab", 1));
`;
}

/**
 * Runs the bench flow with `repeats` pauses (at least 2), answering each through the form, then
 * the one-pause flow, and returns the figures. Starts its own code-server and stops it afterwards
 * (~30 s in all here).
 */
export async function benchInVsCode(vsixPath: string, repeats = 10): Promise<VsCodeBench> {
  const pauses = Math.max(2, Math.floor(repeats));
  ensureCodeServer({ quiet: true });
  const workspace = mkdtempSync(join(tmpdir(), "pauseflow-vscode-bench-"));
  writeFileSync(join(workspace, "bench.flow.ts"), benchFlows(pauses));
  let result: VsCodeBench | undefined;
  try {
    const settings = { "pauseflow.revealLogsOnRun": false };
    await withWorkbench("vscode-bench", { workspace, vsix: [vsixPath], settings }, async (wb) => {
      await wb.waitForTreeItems("Pauseflow", "Flows", "the Flows view to list the bench flows", (items) => items.some((i) => i.label === "bench-new-tab"), 60_000);
      // Runs in every frame made from now on, and acts in webview frames only.
      await wb.page.addInitScript(WATCH_FORMS);
      const run = await runAndAnswer(wb, workspace, "bench-pauses", pauses);
      // The next run opens a tab of its own.
      await wb.runCommand("View: Close All Editors");
      await waitFor("the bench tab to close", async () => (await wb.tabTitles()).length === 0, 30_000);
      const newTab = await runAndAnswer(wb, workspace, "bench-new-tab", 1);
      result = {
        pauses,
        pauseToFormVisibleMs: median(run.toForm.slice(1)),
        newTabPauseToFormVisibleMs: newTab.toForm[0]!,
        firstWebviewPauseToFormVisibleMs: run.toForm[0]!,
        submitToFlowContinuesMs: median(run.toResume),
      };
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  return result!;
}

/** Runs a bench flow from the palette and answers its pauses; per pause: ms to the form on screen, ms from Submit to the flow going on. */
async function runAndAnswer(wb: Workbench, workspace: string, flow: string, pauses: number): Promise<{ toForm: number[]; toResume: number[] }> {
  await wb.runCommand("Pauseflow: Run Flow...");
  await wb.pickQuickPick(flow);
  const form = await PauseForm.open(wb, new RegExp(`^${flow}: `), 60_000);
  const webview = await waitFor("the webview's frame", () => benchFrame(wb.page), 30_000);
  const bench = () => webview.evaluate(() => (window as unknown as BenchWindow).__bench);
  for (let i = 1; i <= pauses; i++) {
    await waitFor(`bench form ${i} on screen`, async () => (await bench()).visible[i], 30_000, 10);
    await form.fill("Answer", `answer ${i}`);
    await form.button("Submit").click();
  }
  const times = await waitFor("the flow to resume from every pause", () => {
    const lines = readFileSync(join(workspace, `${flow}.jsonl`), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { i: number; paused?: number; resumed?: number });
    return lines.filter((l) => l.resumed !== undefined).length === pauses ? lines : undefined;
  }, 30_000, 20);
  const page = await bench();
  if (page.clicks.length !== pauses) throw new Error(`saw ${page.clicks.length} clicks on Submit for ${pauses} pauses`);
  const at = (i: number, key: "paused" | "resumed") => times.find((t) => t.i === i && t[key] !== undefined)![key]!;
  const toForm: number[] = [];
  const toResume: number[] = [];
  for (let i = 1; i <= pauses; i++) {
    toForm.push(page.visible[i]! - at(i, "paused"));
    toResume.push(at(i, "resumed") - page.clicks[i - 1]!);
  }
  return { toForm, toResume };
}

interface BenchWindow {
  __bench: { visible: Record<number, number>; clicks: number[] };
}

/** The webview frame (VS Code's pre/index.html) that WATCH_FORMS instrumented and that shows a form. */
async function benchFrame(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const showsForm = await frame
      .evaluate(() => (window as unknown as Partial<BenchWindow>).__bench !== undefined && [...document.querySelectorAll("iframe")].some((f) => f.contentDocument?.querySelector("#app .page")))
      .catch(() => false);
    if (showsForm) return frame;
  }
  return undefined;
}

/**
 * Init script (a string: tsx's name helpers do not exist in the page). VS Code's webview frame
 * (pre/index.html) holds the form's page in an inner frame of the same origin, whose document it
 * rewrites (which drops any timer or listener put there early). So the watching is done from the
 * webview frame: at each animation frame it looks into the inner document for a new pause's form
 * ("Bench pause <n>" in its description) with its first control rendered, and takes the time: the
 * frame that paints it. It also times each click on Submit in the inner document, as it is
 * dispatched. Nothing is polled from outside, which slows the page down.
 */
const WATCH_FORMS = `(() => {
  if (!/\\/webview\\/browser\\/pre\\/index\\.html/.test(location.href)) return;
  const bench = { visible: {}, clicks: [] };
  window.__bench = bench;
  function timeClicks(event) {
    const button = event.target && event.target.closest && event.target.closest("vscode-button");
    if (button && button.textContent.trim() === "Submit") bench.clicks.push(Date.now());
  }
  function check() {
    for (const frame of document.querySelectorAll("iframe")) {
      const doc = frame.contentDocument;
      // Only once the form's page is written into it (rewriting the document drops its listeners).
      if (!doc || !doc.getElementById("app")) continue;
      if (!doc.__benchClicks) {
        doc.__benchClicks = true;
        doc.addEventListener("click", timeClicks, true);
      }
      const page = doc.querySelector("#app .page:not(.read-only)");
      const description = page && page.querySelector(".markdown");
      const match = description && /Bench pause (\\d+)/.exec(description.textContent);
      const control = page && page.querySelector("[data-label] vscode-textfield");
      if (match && !bench.visible[match[1]] && control && control.shadowRoot && control.shadowRoot.querySelector("input") && control.getBoundingClientRect().height > 0) {
        bench.visible[match[1]] = Date.now();
      }
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
