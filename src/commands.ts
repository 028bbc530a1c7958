// The extension's commands: running flows, and acting on runs from the Runs view.
import * as vscode from "vscode";
import { findFlowDefinitions } from "./core/flowDiscovery";
import type { FlowIndex } from "./flowIndex";
import type { FlowsNode } from "./flowsView";
import type { FormPanels } from "./formPanels";
import type { LogChannel } from "./logChannel";
import type { LogDocuments } from "./logDocuments";
import { recordedAnswers, rerunSpec, type Runs } from "./core/runs";
import type { RunsNode } from "./runsView";
import { settings } from "./settings";

export interface CommandDeps {
  runs: Runs;
  /** Settles once the runs' owner has loaded (right after activation): commands wait for it. */
  runsLoaded: Promise<unknown>;
  index: FlowIndex;
  forms: FormPanels;
  logs: LogChannel;
  logDocuments: LogDocuments;
}

/** A flow to run: from the Flows view, a CodeLens, or a test through executeCommand. */
type FlowTarget = FlowsNode | { uri: vscode.Uri | string; exportName: string };
/** A run: a Runs view node, or its id. */
type RunTarget = RunsNode | string;

export function registerCommands({ runs, runsLoaded, index, forms, logs, logDocuments }: CommandDeps): vscode.Disposable[] {
  const runIdOf = (target: RunTarget | undefined): string | undefined =>
    typeof target === "string" ? target : target?.kind === "pause" ? target.runId : target?.id;

  async function startFlow(uri: vscode.Uri, exportName: string): Promise<string | undefined> {
    if (!vscode.workspace.isTrusted) {
      const choice = await vscode.window.showWarningMessage(
        "Pauseflow runs flows only in a trusted workspace: running a flow runs the workspace's code.",
        "Manage Workspace Trust",
      );
      if (choice) await vscode.commands.executeCommand("workbench.trust.manage");
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    // The flow's name from the start, as the Flows view shows it (the runner confirms it once loaded).
    const site = (await index.all()).find((f) => f.uri.toString() === uri.toString())?.flows.find((f) => f.exportName === exportName);
    const run = await runs.start({ file: uri.fsPath, flow: exportName, askForParams: true }, { flowName: site?.name });
    if (settings.revealLogsOnRun) logs.show();
    return run.record.id;
  }

  async function pickFlow(files: { uri: vscode.Uri; flows: { exportName: string; name: string }[] }[]) {
    const items = files.flatMap((file) =>
      file.flows.map((flow) => ({
        label: flow.name,
        description: flow.exportName === flow.name ? undefined : flow.exportName,
        detail: vscode.workspace.asRelativePath(file.uri),
        uri: file.uri,
        exportName: flow.exportName,
      })),
    );
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`No flows found (flow files match ${settings.flowFiles} and export a flow()).`);
      return undefined;
    }
    return vscode.window.showQuickPick(items, { title: "Run Flow", placeHolder: "Choose a flow to run", matchOnDescription: true, matchOnDetail: true });
  }

  const register = (id: string, fn: (...args: any[]) => unknown) =>
    vscode.commands.registerCommand(`pauseflow.${id}`, async (...args: unknown[]) => {
      await runsLoaded;
      return fn(...args);
    });
  return [
    register("runFlow", async () => {
      const picked = await pickFlow(await index.all());
      return picked && startFlow(picked.uri, picked.exportName);
    }),
    register("runCurrentFile", async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) return undefined;
      const flows = findFlowDefinitions(document.getText());
      if (flows.length === 0) {
        void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(document.uri)} exports no flow (a flow is made with flow() from "pauseflow").`);
        return undefined;
      }
      const picked = flows.length === 1 ? flows[0] : await pickFlow([{ uri: document.uri, flows }]);
      return picked && startFlow(document.uri, picked.exportName);
    }),
    register("runFlowItem", (target: FlowTarget) => {
      if ("kind" in target) return target.kind === "flow" ? startFlow(target.uri, target.flow.exportName) : undefined;
      return startFlow(typeof target.uri === "string" ? vscode.Uri.file(target.uri) : target.uri, target.exportName);
    }),
    register("openForm", (target?: RunTarget) => {
      const run = runs.liveRun(runIdOf(target) ?? "");
      if (run?.pendingPause) forms.open(run);
      else void vscode.window.showInformationMessage("That run is not waiting for input.");
    }),
    register("openWaitingForm", () => {
      const [oldest] = runs.waiting();
      if (oldest) forms.open(oldest);
      else void vscode.window.showInformationMessage("No run is waiting for input.");
    }),
    // A view passes its selection second; the editor's CodeLens passes a reason of its own.
    register("cancelRun", (target?: RunTarget, reason?: unknown) => runs.cancel(runIdOf(target) ?? "", typeof reason === "string" ? reason : "Cancelled from the Runs view.")),
    register("rerun", async (target?: RunTarget) => {
      const record = runs.find(runIdOf(target) ?? "");
      if (!record) return undefined;
      if (!vscode.workspace.isTrusted) return startFlow(vscode.Uri.file(record.spec.file), record.spec.flow ?? "");
      const run = await runs.start(rerunSpec(record), { flowName: record.flowName });
      if (settings.revealLogsOnRun) logs.show();
      return run.record.id;
    }),
    register("resumeRun", async (target?: RunTarget) => {
      const record = runs.find(runIdOf(target) ?? "");
      if (!record || !vscode.workspace.isTrusted) return undefined;
      const answers = recordedAnswers(record);
      const count = Object.values(answers).reduce((n, values) => n + values.length, 0);
      const choice = await vscode.window.showWarningMessage(
        `Resume '${record.name}' from the start of ${record.flowName}?`,
        {
          modal: true,
          detail: `The flow runs again from its start, so the code before each pause runs again. Each pause gets its recorded answer (${count} recorded), and the run waits at the first pause that has none.`,
        },
        "Resume",
      );
      if (!choice) return undefined;
      const run = await runs.start(rerunSpec(record), { flowName: record.flowName, answers });
      if (settings.revealLogsOnRun) logs.show();
      return run.record.id;
    }),
    register("showLogs", async (target?: RunTarget) => {
      const id = runIdOf(target);
      if (!id) return;
      const document = await vscode.workspace.openTextDocument(logDocuments.uriFor(id));
      await vscode.languages.setTextDocumentLanguage(document, "log");
      await vscode.window.showTextDocument(document, { preview: true });
    }),
    register("goToSource", async (target?: RunTarget | FlowsNode) => {
      let uri: vscode.Uri;
      let exportName: string | undefined;
      if (target && typeof target !== "string" && target.kind === "flow") {
        uri = target.uri;
        exportName = target.flow.exportName;
      } else {
        const record = runs.find(runIdOf(target as RunTarget) ?? "");
        if (!record) return;
        uri = vscode.Uri.file(record.spec.file);
        exportName = record.spec.flow;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const sites = findFlowDefinitions(document.getText());
      const site = sites.find((f) => f.exportName === exportName) ?? sites.find((f) => f.name === exportName);
      const position = new vscode.Position(site?.line ?? 0, site?.character ?? 0);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
    }),
    register("goToPause", async (target?: RunsNode) => {
      if (target?.kind !== "pause") return;
      const location = runs.find(target.runId)?.pauses[target.index]?.location;
      if (!location) return;
      const position = new vscode.Position(location.line - 1, location.column - 1);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(location.file));
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
    }),
    register("deleteRun", (target?: RunTarget) => runs.delete(runIdOf(target) ?? "")),
    register("clearHistory", async () => {
      const finished = runs.all.filter((r) => !runs.liveRun(r.id)).length;
      if (finished === 0) return;
      const choice = await vscode.window.showWarningMessage(`Delete ${finished} finished run${finished === 1 ? "" : "s"} and their logs?`, { modal: true }, "Clear History");
      if (choice) await runs.clear();
    }),
    register("refreshFlows", () => index.rescan()),
    register("showOutput", () => logs.show()),
  ];
}
