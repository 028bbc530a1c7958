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
import { HostRuns } from "./core/hostRuns";
import type { Runs } from "./core/runs";
import { RunsView } from "./runsView";
import { settings } from "./settings";
import { WaitingIndicator } from "./waitingIndicator";
import { WaitingView } from "./waitingView";
import { EngineRuns } from "./core/engineRuns";
import { EngineForms } from "./engineForms";
import { connectFromSettings, loadEngineBundle, registerEngineCommands } from "./engineCommands";

/** What the extension hands to other extensions and to its own tests. */
export interface PauseflowApi {
  /** The window's runs: in the folder's runner host (HostRuns), or the window's own (RunManager). */
  runs: Runs;
  /** The Runs view's data. */
  runsView: RunsView;
  /** The Flows view's data. */
  flows: FlowsView;
  /** The engine connection and the runs it lists. */
  engine: EngineRuns;
}

let runs: Runs | undefined;
let engine: EngineRuns | undefined;

export function activate(context: vscode.ExtensionContext): PauseflowApi {
  const logs = new LogChannel();
  const warn = (message: string) => {
    logs.channel.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  const storageDir = (context.storageUri ?? context.globalStorageUri).fsPath;
  const forms = new FormPanels(context.extensionUri, (message) => logs.channel.warn(message));
  runs = settings.runnerHost === "window" ? windowRuns(context, storageDir, forms, warn) : hostRuns(context, storageDir, forms, warn);

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

/** Runs as children of this window: a reload interrupts them. */
function windowRuns(context: vscode.ExtensionContext, storageDir: string, forms: FormPanels, warn: (message: string) => void): RunManager {
  return new RunManager({
    runnerPath: context.asAbsolutePath("dist/runner.js"),
    store: new HistoryStore(storageDir, warn),
    pauseHandler: forms.handlePause,
    nodePath: () => settings.nodePath,
    historyLimit: () => settings.historyLimit,
  });
}

/** Runs in the folder's runner host: they go on through a reload, and the restored form tabs find them again. */
function hostRuns(context: vscode.ExtensionContext, storageDir: string, forms: FormPanels, warn: (message: string) => void): HostRuns {
  const runs = new HostRuns({
    storageDir,
    hostScript: context.asAbsolutePath("dist/runnerHost.js"),
    pauseHandler: forms.handlePause,
    settings: () => ({ historyLimit: settings.historyLimit, idleSeconds: settings.runnerHostIdleSeconds }),
    nodePath: () => settings.nodePath,
    warn,
  });
  const attached = runs.attach().catch((error: Error) => warn(`Could not reach the runner host: ${error.message}`));
  forms.restoreWith(async (runId) => {
    await attached;
    return runs.liveRun(runId) ?? runs.find(runId);
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("pauseflow.historyLimit") || event.affectsConfiguration("pauseflow.runnerHostIdleMinutes")) runs.settingsChanged();
    }),
  );
  return runs;
}

export async function deactivate(): Promise<void> {
  await Promise.all([runs?.dispose(), engine?.dispose()]);
}
