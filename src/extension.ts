// Activation: builds the parts and wires them together. Work starts only when the user asks. The
// runs' owner (with zod and vscode-jsonrpc) is loaded right after activation returns.
import { bundleStarted } from "./activationClock";
import * as vscode from "vscode";
import { CODE_LENS_SELECTOR, RunFlowCodeLens } from "./codeLens";
import { registerCommands } from "./commands";
import { FlowDebugging } from "./flowDebugging";
import { FlowIndex } from "./flowIndex";
import { FlowsView } from "./flowsView";
import { FORM_VIEW_TYPE, FormPanels } from "./formPanels";
import { LogChannel } from "./logChannel";
import { LOG_SCHEME, LogDocuments } from "./logDocuments";
import { LazyRuns } from "./core/lazyRuns";
import type { Runs } from "./core/runs";
import type { HostRuns } from "./deferredModules";
import type { HostRunsOptions } from "./core/hostRuns";
import { PauseMarks } from "./pauseMarks";
import { RunsView } from "./runsView";
import { settings } from "./settings";
import { WaitingIndicator } from "./waitingIndicator";
import { WaitingView } from "./waitingView";
import { EngineRuns } from "./core/engineRuns";
import { setViewLocale } from "./core/time";
import { EngineForms } from "./engineForms";
import { connectFromSettings, loadEngineBundle, registerEngineCommands } from "./engineCommands";
import { registerFolderTypesCommand } from "./folderTypesCommand";

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
  /** What activation cost, in ms: evaluating the bundle, and activate() itself. */
  activation: { loadMs: number; activateMs: number };
}

const bundleLoaded = performance.now();
let runs: Runs | undefined;
let engine: EngineRuns | undefined;

export function activate(context: vscode.ExtensionContext): PauseflowApi {
  const activateStarted = performance.now();
  setViewLocale(vscode.env.language);
  const logs = new LogChannel();
  const warn = (message: string) => {
    logs.channel.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  const storageDir = (context.storageUri ?? context.globalStorageUri).fsPath;
  const forms = new FormPanels(context.extensionUri, (message) => logs.channel.warn(message), () => runs?.all ?? []);
  const lazyRuns = new LazyRuns(async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const later = await import("./deferredModules");
    return settings.runnerHost === "window" ? windowRuns(later, context, storageDir, forms, warn) : hostRuns(later, context, storageDir, forms, warn);
  });
  runs = lazyRuns;
  lazyRuns.loaded.catch((error: Error) => warn(`Pauseflow could not load its runs: ${error.message}`));
  forms.restoreWith(async (runId) => {
    const owner = await lazyRuns.loaded;
    return owner.liveRun(runId) ?? owner.find(runId);
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
  const pauseMarks = new PauseMarks(runs, context.extensionUri);
  const debugging = new FlowDebugging(runs, context.extensionUri);
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
    vscode.languages.registerCodeLensProvider(CODE_LENS_SELECTOR, pauseMarks),
    pauseMarks,
    vscode.workspace.registerTextDocumentContentProvider(LOG_SCHEME, logDocuments),
    vscode.window.registerWebviewPanelSerializer(FORM_VIEW_TYPE, forms.serializer),
    debugging,
    ...registerCommands({ runs, runsLoaded: lazyRuns.loaded.catch(() => undefined), index, forms, logs, logDocuments, debugging }),
    ...registerEngineCommands({ engine, forms: engineForms, index, secrets: context.secrets }),
    registerFolderTypesCommand(context.extensionPath),
  );
  void connectFromSettings(engine, context.secrets, warn);
  const activation = { loadMs: bundleLoaded - bundleStarted, activateMs: performance.now() - activateStarted };
  logs.channel.trace(`Activated: the bundle loaded in ${activation.loadMs.toFixed(1)} ms, activate() took ${activation.activateMs.toFixed(1)} ms.`);
  return { runs, runsView, flows, engine, activation };
}

type Deferred = typeof import("./deferredModules");

/**
 * Runs as children of this window: a reload interrupts them. A runner host still running for the
 * folder goes first (or is used until it has gone), so that the history has one writer.
 */
async function windowRuns(later: Deferred, context: vscode.ExtensionContext, storageDir: string, forms: FormPanels, warn: (message: string) => void): Promise<Runs> {
  const host = await later.hostInTheWay(hostRunsOptions(context, storageDir, forms, warn));
  if (host) {
    warn(
      'pauseflow.runnerHost is "window", but the folder\'s runner host still has live runs (or another window): this window uses it, so that the history has one writer. Reload the window once its runs have ended.',
    );
    return host;
  }
  return new later.RunManager({
    runnerPath: context.asAbsolutePath("dist/runner.js"),
    store: new later.HistoryStore(storageDir, warn),
    pauseHandler: forms.handlePause,
    nodePath: () => settings.nodePath,
    historyLimit: () => settings.historyLimit,
  });
}

/** Runs in the folder's runner host: they go on through a reload, and the restored form tabs find them again. Ready once attached (or known unreachable). */
async function hostRuns(later: Deferred, context: vscode.ExtensionContext, storageDir: string, forms: FormPanels, warn: (message: string) => void): Promise<HostRuns> {
  const runs = new later.HostRuns(hostRunsOptions(context, storageDir, forms, warn));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("pauseflow.historyLimit") || event.affectsConfiguration("pauseflow.runnerHostIdleMinutes")) runs.settingsChanged();
    }),
  );
  await runs.attach().catch((error: Error) => warn(`Could not reach the runner host: ${error.message}`));
  return runs;
}

function hostRunsOptions(context: vscode.ExtensionContext, storageDir: string, forms: FormPanels, warn: (message: string) => void): HostRunsOptions {
  return {
    storageDir,
    hostScript: context.asAbsolutePath("dist/runnerHost.js"),
    pauseHandler: forms.handlePause,
    settings: () => ({ historyLimit: settings.historyLimit, idleSeconds: settings.runnerHostIdleSeconds }),
    nodePath: () => settings.nodePath,
    warn,
  };
}

export async function deactivate(): Promise<void> {
  await Promise.all([runs?.dispose(), engine?.dispose()]);
}
