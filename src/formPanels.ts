// The pause forms: one webview panel (editor tab) per paused run, reused for its next pauses. It
// answers the run's pauses: a submission is checked in the runner with the flow's own schema and
// only a value that passed resumes the flow.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { formHtml, imageFolder } from "./formHtml";
import { toFlowValue } from "./shared/formValue";
import type { FormModel, HostMessage } from "./protocol/form";
import type { PauseAnswer, PauseParams } from "./protocol/runner";
import { describePauseEnding } from "./core/pauseEnding";
import { answerPath, folderOf } from "./core/workspacePaths";
import type { PauseHandler } from "./core/run";
import { lastAcceptedAnswer, type LiveRun } from "./core/runs";
import type { RunRecord } from "./core/runRecord";
import { isRecord } from "./shared/guards";
import { settings } from "./settings";

export const FORM_VIEW_TYPE = "pauseflow.form";

/** How long an accepted form stays visible before its tab closes itself. */
const CLOSE_AFTER_ACCEPT_MS = 1500;

/** A pause whose form is out, waiting for a submission. */
interface OpenPause {
  run: LiveRun;
  pause: PauseParams;
  model: FormModel;
  answer(answer: PauseAnswer): void;
  checking: boolean;
}

export class FormPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();
  private readonly pending = new Map<string, OpenPause>();
  /** Finds a restored tab's run (host mode): its runs outlive a window reload. */
  private findRestored: ((runId: string) => Promise<LiveRun | RunRecord | undefined>) | undefined;
  /** Runs whose tab the user closed: their next pauses notify instead of opening a tab again. */
  private readonly closedByUser = new Set<string>();
  /** When this window's forms began: a pause older than that was not this window's to open. */
  private readonly openedAt = Date.now();
  /** Tabs about to close after an accepted submit; the run's next pause keeps its tab. */
  private readonly closing = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: (message: string) => void,
    /** Every run, newest first: where "Fill from Last Answer" finds its answer. */
    private readonly history: () => readonly RunRecord[] = () => [],
  ) {}

  /** The runs' pause handler: shows the form and resolves with the accepted value, or a cancel. */
  readonly handlePause: PauseHandler = (run, pause, token) =>
    new Promise<PauseAnswer>((resolve) => {
      const runId = run.record.id;
      const model = formModel(run, pause, lastAcceptedAnswer(this.history(), run.record.flowName, pause));
      // The pause ended without this form's answer (timed out, cancelled, run ended): say how.
      const ended = token.onCancellationRequested(() => {
        answer({ action: "cancel", reason: "The pause ended." }); // goes nowhere: the runner has moved on
        if (this.pending.get(runId) !== entry) return;
        this.pending.delete(runId);
        void run.pauseEnded(pause.key).then((ending) => this.post(runId, { type: "ended", reason: describePauseEnding(ending, run.record.state) }));
      });
      const answer = (value: PauseAnswer) => {
        ended.dispose();
        resolve(value);
      };
      const entry: OpenPause = { run, pause, model, answer, checking: false };
      this.pending.set(runId, entry);
      clearTimeout(this.closing.get(runId));
      this.closing.delete(runId);
      const panel = this.panels.get(runId);
      if (panel) {
        this.showForm(runId, entry);
        if (!panel.visible) void this.notify(run);
      } else if (this.closedByUser.has(runId) || (run.record.pauses.at(-1)?.requestedAt ?? Date.now()) < this.openedAt) {
        // Paused before this window was (a reload, a second window): its tab, if it had one, comes
        // back with the window and finds this pause when VS Code restores it; no tab is forced open.
        void this.notify(run);
      } else {
        this.open(run);
      }
    });

  /** Opens (or brings forward) the form of a run waiting at a pause. */
  open(run: LiveRun): void {
    const runId = run.record.id;
    const existing = this.panels.get(runId);
    if (existing) {
      existing.reveal();
      return;
    }
    this.closedByUser.delete(runId);
    const entry = this.pending.get(runId);
    const panel = vscode.window.createWebviewPanel(FORM_VIEW_TYPE, entry ? tabTitle(entry) : run.record.flowName, vscode.ViewColumn.Active, this.webviewOptions(run.record.spec.file));
    this.attach(panel, runId);
  }

  /** Restored tabs look their run up with this (host mode) instead of saying the run is gone. */
  restoreWith(find: (runId: string) => Promise<LiveRun | RunRecord | undefined>): void {
    this.findRestored = find;
  }

  /**
   * After a window reload: a tab whose run lives on (in the runner host) is the run's form again,
   * with what was typed; otherwise the form says the run is gone instead of taking input.
   */
  readonly serializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      const runId = savedRunId(state);
      const found = runId && !this.panels.has(runId) ? await this.findRestored?.(runId) : undefined;
      if (runId && found) {
        const record = "record" in found ? found.record : found;
        panel.webview.options = this.webviewOptions(record.spec.file);
        this.attach(panel, runId);
        return;
      }
      panel.webview.options = this.webviewOptions();
      panel.webview.html = this.html(panel.webview, panel.title);
      panel.webview.onDidReceiveMessage(() =>
        panel.webview.postMessage({ type: "ended", reason: "This run was interrupted by a window reload; the form no longer takes input." } satisfies HostMessage),
      );
    },
  };

  private attach(panel: vscode.WebviewPanel, runId: string): void {
    this.panels.set(runId, panel);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, "media", "pauseflow.svg");
    panel.webview.html = this.html(panel.webview, panel.title);
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(runId, message));
    panel.onDidDispose(() => {
      this.panels.delete(runId);
      if (this.pending.has(runId)) this.closedByUser.add(runId);
    });
  }

  private async receive(runId: string, raw: unknown): Promise<void> {
    const { WebviewMessage, describeProblems } = await import("./deferredModules");
    const parsed = WebviewMessage.safeParse(raw);
    if (!parsed.success) {
      this.log(`Rejected a malformed message from a form: ${describeProblems(parsed.error)}`);
      return;
    }
    const message = parsed.data;
    const entry = this.pending.get(runId);
    switch (message.type) {
      case "ready":
        if (entry) this.showForm(runId, entry);
        else this.post(runId, { type: "ended", reason: "This run is not waiting for input any more." });
        return;
      case "cancelRun":
        if (!entry) return;
        this.pending.delete(runId);
        entry.answer({ action: "cancel", reason: "Cancelled from the form." });
        this.post(runId, { type: "ended", reason: "The run was cancelled." });
        return;
      case "pickPath":
        if (entry) await this.pickPath(runId, entry, message.requestId);
        return;
      case "timeOut": {
        if (!entry) return;
        this.pending.delete(runId);
        entry.answer({ action: "timeout" });
        // What the runner decided: an answer or a cancel may have come first.
        const ending = await entry.run.pauseEnded(entry.pause.key);
        this.post(runId, { type: "ended", reason: describePauseEnding(ending, entry.run.record.state) });
        return;
      }
      case "submit": {
        if (!entry) {
          this.post(runId, { type: "ended", reason: "This run is not waiting for input any more." });
          return;
        }
        if (entry.checking) return; // one check at a time: a second submit cannot resume twice
        entry.checking = true;
        const value = entry.pause.noInput ? {} : message.value;
        const check = await entry.run.validate(entry.pause.key, value).finally(() => (entry.checking = false));
        if (this.pending.get(runId) !== entry) return; // the pause ended while the runner checked
        if (!check.ok) {
          this.post(runId, { type: "invalid", issues: check.issues });
          return;
        }
        this.pending.delete(runId);
        entry.answer({ action: "submit", value });
        // "Accepted" only once the runner has decided the pause with this answer: a timeout or a
        // cancel may have come first.
        const ending = await entry.run.pauseEnded(entry.pause.key);
        if (ending.outcome !== "submitted") {
          this.post(runId, { type: "ended", reason: describePauseEnding(ending, entry.run.record.state) });
          return;
        }
        // Shown as the flow receives it: a bare-type pause's value unwrapped.
        this.post(runId, { type: "accepted", value: toFlowValue(entry.pause, ending.value) });
        if (!settings.keepFormOpenAfterSubmit) this.closeSoon(runId);
        return;
      }
    }
  }

  /** A file path field's "Browse...": an open dialog at the flow's workspace folder; a file outside the workspace is refused. */
  private async pickPath(runId: string, entry: OpenPause, requestId: number): Promise<void> {
    const folders = workspaceFolderPaths();
    const start = folderOf(entry.run.record.spec.file, folders);
    const picked = await vscode.window.showOpenDialog({
      defaultUri: start ? vscode.Uri.file(start) : undefined,
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      openLabel: "Choose",
      title: "Choose a file in the workspace",
    });
    const file = picked?.[0];
    if (!file) {
      this.post(runId, { type: "pathPicked", requestId });
      return;
    }
    const answer = answerPath(file.fsPath, folders);
    if ("refused" in answer) void vscode.window.showWarningMessage(answer.refused);
    this.post(runId, { type: "pathPicked", requestId, ...answer });
  }

  private closeSoon(runId: string): void {
    clearTimeout(this.closing.get(runId));
    this.closing.set(
      runId,
      setTimeout(() => {
        this.closing.delete(runId);
        if (!this.pending.has(runId)) this.panels.get(runId)?.dispose();
      }, CLOSE_AFTER_ACCEPT_MS),
    );
  }

  private async notify(run: LiveRun): Promise<void> {
    if (!settings.notifyOnPause) return;
    const choice = await vscode.window.showInformationMessage(`Flow run '${run.record.name}' (${run.record.flowName}) is waiting for input.`, "Open Form");
    if (choice === "Open Form" && this.pending.has(run.record.id)) this.open(run);
  }

  /** Sends the form; relative image links in its description resolve against the flow file's folder, when the page may load from it. */
  private showForm(runId: string, entry: OpenPause): void {
    const panel = this.panels.get(runId);
    if (!panel) return;
    panel.title = tabTitle(entry); // a parameters form's tab goes on with the run's pauses
    const images = imageFolder(entry.run.record.spec.file, workspaceFolderPaths());
    const resourceBase = images && `${panel.webview.asWebviewUri(vscode.Uri.file(images)).toString()}/`;
    this.post(runId, { type: "show", form: { ...entry.model, resourceBase } });
  }

  private post(runId: string, message: HostMessage): void {
    void this.panels.get(runId)?.webview.postMessage(message);
  }

  private webviewOptions(flowFile?: string): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const roots = [vscode.Uri.joinPath(this.extensionUri, "dist"), vscode.Uri.joinPath(this.extensionUri, "media")];
    const images = flowFile && imageFolder(flowFile, workspaceFolderPaths());
    if (images) roots.push(vscode.Uri.file(images));
    return { enableScripts: true, localResourceRoots: roots, enableFindWidget: true };
  }


  private html(webview: vscode.Webview, title: string): string {
    return formPage(webview, this.extensionUri, title);
  }

  dispose(): void {
    for (const timer of this.closing.values()) clearTimeout(timer);
    for (const panel of this.panels.values()) panel.dispose();
  }
}

function formModel(run: LiveRun, { timeoutSeconds, ...pause }: PauseParams, last: { value: unknown } | undefined): FormModel {
  const requestedAt = run.record.pauses.at(-1)?.requestedAt ?? Date.now();
  return {
    ...pause,
    runId: run.record.id,
    runName: run.record.name,
    flowName: run.record.flowName,
    deadline: timeoutSeconds === null ? null : requestedAt + timeoutSeconds * 1000,
    lastAnswer: last?.value,
    canTimeOut: pause.kind === "pause",
  };
}

/** The run a form tab showed, from the state the page saved (webview/page.ts SavedState). */
function savedRunId(state: unknown): string | undefined {
  const form = isRecord(state) && isRecord(state.form) ? state.form : undefined;
  return typeof form?.runId === "string" ? form.runId : undefined;
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
}

function tabTitle({ run, pause }: OpenPause): string {
  return pause.kind === "parameters" ? `Parameters: ${run.record.flowName}` : `${run.record.flowName}: ${run.record.name}`;
}


/** The form page for a webview: the extension's script and stylesheet, with a fresh nonce. */
export function formPage(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return formHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString("base64"),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "dist", "webview.js")).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "media", "form.css")).toString(),
    title,
  });
}
