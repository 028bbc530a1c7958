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
import { WaitingView } from "./waitingView";
import { EngineRuns } from "./core/engineRuns";
import { EngineForms } from "./engineForms";
import { connectFromSettings, loadEngineBundle, registerEngineCommands } from "./engineCommands";

/** What the extension hands to other extensions and to its own tests. */
export interface PauseflowApi {
  runs: RunManager;
  /** The Runs view's data. */
  runsView: RunsView;
  /** The Flows view's data. */
  flows: FlowsView;
  /** The engine connection and the runs it lists. */
  engine: EngineRuns;
}

let runs: RunManager | undefined;
let engine: EngineRuns | undefined;

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

  engine = new EngineRuns((url) => loadEngineBundle(context.extensionUri).EngineClient.open(url));
  const engineForms = new EngineForms(context.extensionUri, engine, (message) => logs.channel.warn(message));
  engine.onDidChangeStatus((status) => {
    void vscode.commands.executeCommand("setContext", "pauseflow.engineConnected", status.kind !== "off");
    if (status.kind === "lost") warn(`Lost the engine's database (${status.message}); reconnecting by itself.`);
  });

  const index = new FlowIndex();
  const runsView = new RunsView(runs, engine);
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
    new WaitingView(runs, engine),
    engineForms,
    vscode.window.registerTreeDataProvider("pauseflow.flows", flows),
    vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, new RunFlowCodeLens(index, engine)),
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logDocuments),
    vscode.window.registerWebviewPanelSerializer(FORM_VIEW_TYPE, forms.serializer),
    ...registerCommands({ runs, index, forms, logs, logDocuments }),
    ...registerEngineCommands({ engine, forms: engineForms, index, secrets: context.secrets }),
  );
  void connectFromSettings(engine, context.secrets, warn);
  return { runs, runsView, flows, engine };
}

export async function deactivate(): Promise<void> {
  await Promise.all([runs?.dispose(), engine?.dispose()]);
}
