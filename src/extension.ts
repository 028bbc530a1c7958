// Activation: builds the parts and wires them together. Work starts only when the user asks.
import "./zodJitless";
import * as vscode from "vscode";
import { CODE_LENS_SELECTOR, RunFlowCodeLens } from "./codeLens";
import { registerCommands } from "./commands";
import { FlowIndex } from "./flowIndex";
import { FlowsView } from "./flowsView";
import { FORM_VIEW_TYPE, FormPanels } from "./formPanels";
import { HistoryStore } from "./core/historyStore";
import { LogChannel } from "./logChannel";
import { LOG_SCHEME, LogDocuments } from "./logDocuments";
import { RunManager } from "./core/runManager";
import { RunsView } from "./runsView";
import { settings } from "./settings";
import { WaitingIndicator } from "./waitingIndicator";

/** What the extension hands to other extensions and to its own tests. */
export interface PauseflowApi {
  runs: RunManager;
  /** The Runs view's data. */
  runsView: RunsView;
  /** The Flows view's data. */
  flows: FlowsView;
}

let runs: RunManager | undefined;

export function activate(context: vscode.ExtensionContext): PauseflowApi {
  const logs = new LogChannel();
  const warn = (message: string) => {
    logs.channel.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  const store = new HistoryStore((context.storageUri ?? context.globalStorageUri).fsPath, warn);
  const forms = new FormPanels(context.extensionUri, (message) => logs.channel.warn(message));
  runs = new RunManager({
    runnerPath: context.asAbsolutePath("dist/runner.js"),
    store,
    pauseHandler: forms.handlePause,
    nodePath: () => settings.nodePath,
    historyLimit: () => settings.historyLimit,
  });

  const index = new FlowIndex();
  const runsView = new RunsView(runs);
  const flows = new FlowsView(index);
  const logDocuments = new LogDocuments(runs);
  context.subscriptions.push(
    logs,
    runs.onDidLog((entry) => logs.add(entry)),
    forms,
    index,
    runsView,
    flows,
    new WaitingIndicator(runs),
    vscode.window.registerTreeDataProvider("pauseflow.flows", flows),
    vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, new RunFlowCodeLens(index)),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logDocuments),
    vscode.window.registerWebviewPanelSerializer(FORM_VIEW_TYPE, forms.serializer),
    ...registerCommands({ runs, index, forms, logs, logDocuments }),
  );
  return { runs, runsView, flows };
}

export async function deactivate(): Promise<void> {
  await runs?.dispose();
}
