// The engine's commands: connecting (the password goes to SecretStorage, never to settings.json),
// running a flow on the engine, and acting on engine runs: their form, cancel, logs, and re-running
// a run from one of its pauses.
import * as vscode from "vscode";
import type { EngineClient } from "./engine/client";
import type { EngineRuns } from "./core/engineRuns";
import type { EnginePauseNode, EngineRunNode } from "./core/engineRows";
import { findFlowDefinitions } from "./core/flowDiscovery";
import { formatLogLine } from "./core/logFormat";
import type { FlowIndex } from "./flowIndex";
import type { FlowsNode } from "./flowsView";
import { whoAmI, type EngineForms } from "./engineForms";

const URL_SETTING = "engine.databaseUrl";
const SECRET_KEY = "pauseflow.engine.password";
export const ENGINE_LOG_SCHEME = "pauseflow-engine-log";

/** What dist/engine.js gives the extension host (loaded only when the user connects). */
interface EngineBundle {
  EngineClient: { open(url: string): Promise<EngineClient> };
  redactUrl(url: string): string;
}

export function loadEngineBundle(extensionUri: vscode.Uri): EngineBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(vscode.Uri.joinPath(extensionUri, "dist", "engine.js").fsPath) as EngineBundle;
}

/** The URL with the stored password put back, and how the URL reads without it. */
async function withPassword(secrets: vscode.SecretStorage, url: string): Promise<string> {
  const password = await secrets.get(SECRET_KEY);
  if (!password) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Connects with the URL in the settings (and the stored password), if there is one. */
export async function connectFromSettings(engine: EngineRuns, secrets: vscode.SecretStorage, warn: (message: string) => void): Promise<void> {
  const url = vscode.workspace.getConfiguration("pauseflow").get<string>(URL_SETTING)?.trim();
  if (!url) return;
  try {
    await engine.connect(await withPassword(secrets, url), where(url));
  } catch (error) {
    warn(`Pauseflow could not connect to the engine at ${where(url)}: ${(error as Error).message}`);
  }
}

export interface EngineCommandDeps {
  engine: EngineRuns;
  forms: EngineForms;
  index: FlowIndex;
  secrets: vscode.SecretStorage;
}

type EngineRunTarget = EngineRunNode | EnginePauseNode | string;

export function registerEngineCommands({ engine, forms, index, secrets }: EngineCommandDeps): vscode.Disposable[] {
  const runIdOf = (target: EngineRunTarget | undefined) => (typeof target === "string" ? target : target?.kind === "enginePause" ? target.runId : target?.id);
  const client = (): EngineClient | undefined => {
    if (!engine.api) void vscode.window.showWarningMessage("Not connected to the engine: run Pauseflow: Connect to Engine... first.");
    return engine.api;
  };
  const failed = (what: string) => (error: Error) => void vscode.window.showErrorMessage(`${what}: ${error.message}`);

  async function connect(): Promise<void> {
    const config = vscode.workspace.getConfiguration("pauseflow");
    const entered = await vscode.window.showInputBox({
      title: "Connect to Engine",
      prompt: "The engine's PostgreSQL database. A password in the URL is kept in VS Code's secret storage, not in your settings.",
      placeHolder: "postgres://user:password@host:5432/pauseflow",
      value: config.get<string>(URL_SETTING) ?? "",
      ignoreFocusOut: true,
    });
    if (!entered?.trim()) return;
    let url: URL;
    try {
      url = new URL(entered.trim());
    } catch {
      void vscode.window.showErrorMessage("That is not a URL: expected postgres://user:password@host:5432/database");
      return;
    }
    const password = decodeURIComponent(url.password);
    url.password = "";
    if (password) await secrets.store(SECRET_KEY, password);
    else await secrets.delete(SECRET_KEY);
    try {
      await engine.connect(await withPassword(secrets, url.toString()), where(url.toString()));
    } catch (error) {
      void vscode.window.showErrorMessage(`Pauseflow could not connect to the engine: ${(error as Error).message}`);
      return;
    }
    await config.update(URL_SETTING, url.toString(), vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(`Connected to the engine at ${where(url.toString())}.`);
  }

  async function runOnEngine(uri: vscode.Uri, exportName?: string): Promise<string | undefined> {
    const api = client();
    if (!api) return undefined;
    const document = await vscode.workspace.openTextDocument(uri);
    const flows = findFlowDefinitions(document.getText());
    const flow = exportName ? flows.find((f) => f.exportName === exportName) : flows.length === 1 ? flows[0] : await pick(flows);
    if (!flow) return undefined;
    const text = await vscode.window.showInputBox({
      title: `Run ${flow.name} on the engine`,
      prompt: "Parameters, a JSON object (the flow's defaults fill what you leave out). A worker that has this flow runs it.",
      value: "{}",
      validateInput: (value) => (isJsonObject(value) ? undefined : "A JSON object, such as {} or {\"gpus\": 2}"),
    });
    if (text === undefined) return undefined;
    try {
      const id = await api.start(flow.name, { params: JSON.parse(text) as Record<string, unknown>, startedBy: whoAmI() });
      void engine.refresh();
      void vscode.window.showInformationMessage(`Started ${flow.name} on the engine (run ${id.slice(0, 8)}).`);
      return id;
    } catch (error) {
      failed("Could not start the run")(error as Error);
      return undefined;
    }
  }

  const register = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(`pauseflow.${id}`, fn);
  return [
    register("connectEngine", connect),
    register("disconnectEngine", async () => {
      await engine.disconnect();
      await vscode.workspace.getConfiguration("pauseflow").update(URL_SETTING, undefined, vscode.ConfigurationTarget.Global);
      await secrets.delete(SECRET_KEY);
    }),
    register("refreshEngine", () => engine.refresh()),
    register("runOnEngine", async () => {
      const files = await index.all();
      const items = files.flatMap((file) => file.flows.map((flow) => ({ label: flow.name, detail: vscode.workspace.asRelativePath(file.uri), uri: file.uri, exportName: flow.exportName })));
      const picked = await vscode.window.showQuickPick(items, { title: "Run Flow on Engine", placeHolder: "Choose a flow to run on the engine" });
      return picked && runOnEngine(picked.uri, picked.exportName);
    }),
    register("runOnEngineItem", (target: FlowsNode | { uri: vscode.Uri | string; exportName: string }) => {
      if ("kind" in target) return target.kind === "flow" ? runOnEngine(target.uri, target.flow.exportName) : undefined;
      return runOnEngine(typeof target.uri === "string" ? vscode.Uri.file(target.uri) : target.uri, target.exportName);
    }),
    register("openEngineForm", (target?: EngineRunTarget) => {
      const id = runIdOf(target);
      if (id && client()) forms.open(id);
    }),
    register("cancelEngineRun", async (target?: EngineRunTarget) => {
      const id = runIdOf(target);
      const api = client();
      if (!id || !api) return;
      await api.cancel(id, whoAmI()).catch(failed("Could not cancel the run"));
      await engine.refresh();
    }),
    register("showEngineLogs", async (target?: EngineRunTarget) => {
      const id = runIdOf(target);
      if (!id || !client()) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: ENGINE_LOG_SCHEME, path: `/${id}.log` }));
      await vscode.languages.setTextDocumentLanguage(document, "log");
      await vscode.window.showTextDocument(document, { preview: true });
    }),
    register("rerunFromPause", async (target?: EnginePauseNode) => {
      const api = client();
      if (!target || !api) return;
      try {
        const id = await api.forkAt(target.runId, target.key);
        await engine.refresh();
        void vscode.window.showInformationMessage(`Re-running from pause '${target.key}' (run ${id.slice(0, 8)}).`);
      } catch (error) {
        failed("Could not re-run from this pause")(error as Error);
      }
    }),
    vscode.workspace.registerTextDocumentContentProvider(ENGINE_LOG_SCHEME, {
      async provideTextDocumentContent(uri) {
        const id = uri.path.replace(/^\//, "").replace(/\.log$/, "");
        const records = (await engine.api?.logs(id)) ?? [];
        return records.map((r) => `${formatLogLine(r, id)}${r.replayed ? " (replayed)" : ""}`).join("\n") + "\n";
      },
    }),
  ];
}

async function pick<T extends { name: string; exportName: string }>(flows: T[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(flows.map((flow) => ({ label: flow.name, description: flow.exportName, flow })), { title: "Run on Engine" });
  return picked?.flow;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
