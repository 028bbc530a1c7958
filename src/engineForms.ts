// The pause forms of engine runs: the same form page as a local pause, one tab per run. A
// submission goes to the workflow, which checks it with the flow's own schema wherever its worker
// runs; its verdict comes back as the form's accepted or inline issues. Someone else may answer
// first: the form then says who, and when.
import { userInfo } from "node:os";
import * as vscode from "vscode";
import type { FormModel, HostMessage } from "./protocol/form";
import type { StoredPause } from "./protocol/engine";
import type { EngineClient } from "./engine/client";
import type { EngineRuns } from "./core/engineRuns";
import { shortId } from "./core/engineRows";
import { formatClock } from "./core/time";
import { toFlowValue } from "./shared/formValue";
import { formPage } from "./formPanels";

export const ENGINE_FORM_VIEW_TYPE = "pauseflow.engineForm";

/** How long the form waits for a worker's verdict. */
const VERDICT_WAIT_SECONDS = 30;

interface EngineForm {
  panel: vscode.WebviewPanel;
  pause: StoredPause | undefined;
  checking: boolean;
}

export class EngineForms implements vscode.Disposable {
  private readonly forms = new Map<string, EngineForm>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly engine: EngineRuns,
    private readonly log: (message: string) => void,
  ) {}

  /** Opens (or brings forward) the form of an engine run, showing the pause it waits at now. */
  open(runId: string): void {
    const existing = this.forms.get(runId);
    if (existing) {
      existing.panel.reveal();
      void this.show(runId);
      return;
    }
    const flow = this.engine.find(runId)?.flow ?? "engine run";
    const panel = vscode.window.createWebviewPanel(ENGINE_FORM_VIEW_TYPE, `${flow}: ${shortId(runId)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      // Images travel inside the pause as data: URIs; the page loads nothing but the extension's own files.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, "dist"), vscode.Uri.joinPath(this.extensionUri, "media")],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, "media", "pauseflow.svg");
    panel.webview.html = formPage(panel.webview, this.extensionUri, panel.title);
    this.forms.set(runId, { panel, pause: undefined, checking: false });
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(runId, message));
    panel.onDidDispose(() => this.forms.delete(runId));
  }

  private async receive(runId: string, raw: unknown): Promise<void> {
    const { WebviewMessage, describeProblems } = await import("./deferredModules");
    const parsed = WebviewMessage.safeParse(raw);
    if (!parsed.success) {
      this.log(`Rejected a malformed message from an engine form: ${describeProblems(parsed.error)}`);
      return;
    }
    const form = this.forms.get(runId);
    const client = this.engine.api;
    if (!form) return;
    if (!client) {
      this.post(runId, { type: "ended", reason: "Not connected to the engine: connect (Pauseflow: Connect to Engine...) and open the form again." });
      return;
    }
    const message = parsed.data;
    try {
      switch (message.type) {
        case "ready":
          await this.show(runId);
          return;
        case "cancelRun":
          await client.cancel(runId, whoAmI());
          this.post(runId, { type: "ended", reason: "The run was cancelled." });
          void this.engine.refresh();
          return;
        case "submit": {
          const pause = form.pause;
          if (!pause || form.checking) return;
          form.checking = true;
          try {
            await this.submit(client, runId, pause, pause.noInput ? {} : message.value);
          } finally {
            form.checking = false;
          }
          return;
        }
      }
    } catch (error) {
      this.post(runId, { type: "ended", reason: `The engine could not be reached: ${(error as Error).message}. Open the form again once it is back.` });
    }
  }

  /**
   * Sends the answer unless someone answered first (then says who); the workflow's verdict becomes
   * the form's accepted value or its inline issues.
   */
  private async submit(client: EngineClient, runId: string, pause: StoredPause, value: unknown): Promise<void> {
    const stillWaiting = async () => (await client.pause(runId))?.key === pause.key;
    if (!(await stillWaiting())) {
      this.post(runId, { type: "ended", reason: await this.whyNotWaiting(runId, pause.key) });
      void this.engine.refresh();
      return;
    }
    const result = await client.submit(runId, { key: pause.key, value, by: whoAmI() }, VERDICT_WAIT_SECONDS);
    void this.engine.refresh();
    if (result.verdict === "accepted") this.post(runId, { type: "accepted", value: toFlowValue(pause, value) });
    else if (!(await stillWaiting())) this.post(runId, { type: "ended", reason: await this.whyNotWaiting(runId, pause.key) });
    else if (result.verdict === "unchecked") {
      this.post(runId, { type: "ended", reason: `No worker checked the answer within ${VERDICT_WAIT_SECONDS} s. It stays stored, and is checked when a worker picks the run up.` });
    } else this.post(runId, { type: "invalid", issues: result.issues });
  }

  /** Sends the pause the run waits at now, or says why it waits at none. */
  private async show(runId: string): Promise<void> {
    const form = this.forms.get(runId);
    const client = this.engine.api;
    if (!form || !client) return;
    const pause = await client.pause(runId);
    form.pause = pause ?? undefined;
    if (!pause) {
      this.post(runId, { type: "ended", reason: await this.whyNotWaiting(runId) });
      return;
    }
    const { since: _since, deadline, timeoutSeconds: _timeout, ...params } = pause;
    const model: FormModel = { ...params, runId, runName: shortId(runId), flowName: this.engine.find(runId)?.flow ?? "", deadline };
    this.post(runId, { type: "show", form: model });
  }

  /** "This pause was answered by ada at 12:03:04.", or the run's state. */
  private async whyNotWaiting(runId: string, key?: string): Promise<string> {
    const client = this.engine.api!;
    const history = await client.pauses(runId);
    const pause = key === undefined ? history.at(-1) : history.find((p) => p.key === key);
    const ended = pause?.ended;
    if (ended?.outcome === "submitted") return `Pause '${pause!.key}' was answered by ${ended.by} at ${formatClock(ended.at)}.`;
    if (ended?.outcome === "timedOut") return `Pause '${pause!.key}' timed out.`;
    const run = await client.run(runId);
    return `This run is not waiting for input (it is ${run.state}).`;
  }

  private post(runId: string, message: HostMessage): void {
    void this.forms.get(runId)?.panel.webview.postMessage(message);
  }

  dispose(): void {
    for (const form of this.forms.values()) form.panel.dispose();
  }
}

/** Who answers: the OS user, as the CLI's `--as` defaults to. */
export function whoAmI(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}
