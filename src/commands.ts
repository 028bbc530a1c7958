// The extension's commands: running flows, and acting on runs from the Runs view.
import * as vscode from "vscode";
import { findFlowDefinitions } from "./core/flowDiscovery";
import type { FlowDebugging } from "./flowDebugging";
import type { FlowIndex } from "./flowIndex";
import type { FlowsNode } from "./flowsView";
import type { FormPanels } from "./formPanels";
import type { LogChannel } from "./logChannel";
import type { LogDocuments } from "./logDocuments";
import { answersCommandLine, answersFileOf, AnswersFileError, formatAnswersFile, parseAnswersFile } from "./core/answersFile";
import type { RunRecord } from "./core/runRecord";
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
  debugging: FlowDebugging;
}

/** A flow to run: from the Flows view, a CodeLens, or a test through executeCommand. */
type FlowTarget = FlowsNode | { uri: vscode.Uri | string; exportName: string };
/** A run: a Runs view node, or its id. */
type RunTarget = RunsNode | string;

export function registerCommands({ runs, runsLoaded, index, forms, logs, logDocuments, debugging }: CommandDeps): vscode.Disposable[] {
  const runIdOf = (target: RunTarget | undefined): string | undefined =>
    typeof target === "string" ? target : target?.kind === "pause" ? target.runId : target?.id;

  /** False (and the user told why) in an untrusted workspace. */
  async function mayRun(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    const choice = await vscode.window.showWarningMessage(
      "Pauseflow runs flows only in a trusted workspace: running a flow runs the workspace's code.",
      "Manage Workspace Trust",
    );
    if (choice) await vscode.commands.executeCommand("workbench.trust.manage");
    return false;
  }

  /**
   * Runs a flow: its parameters asked for in a form, or, with an answers file, no form at all. A
   * debugged run's runner waits for VS Code's debugger before the flow loads.
   */
  async function startFlow(uri: vscode.Uri, exportName: string, how: { answersFile?: unknown[]; debug?: boolean } = {}): Promise<string | undefined> {
    const { answersFile, debug } = how;
    if (!(await mayRun())) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    // The flow's name from the start, as the Flows view shows it (the runner confirms it once loaded).
    const site = (await index.all()).find((f) => f.uri.toString() === uri.toString())?.flows.find((f) => f.exportName === exportName);
    const spec = { file: uri.fsPath, flow: exportName, askForParams: answersFile ? undefined : true };
    const run = debug ? await debugging.start(spec, { flowName: site?.name }) : await runs.start(spec, { flowName: site?.name, answersFile });
    if (settings.revealLogsOnRun) logs.show();
    return run.record.id;
  }

  async function pickFlow(files: { uri: vscode.Uri; flows: { exportName: string; name: string }[] }[], title = "Run Flow") {
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
    return vscode.window.showQuickPick(items, { title, placeHolder: `Choose a flow to ${title === "Run Flow" ? "run" : "debug"}`, matchOnDescription: true, matchOnDetail: true });
  }

  async function startCurrentFile(uri: vscode.Uri | undefined, debug: boolean): Promise<string | undefined> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) return undefined;
    const flows = findFlowDefinitions(document.getText());
    if (flows.length === 0) {
      void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(document.uri)} exports no flow (a flow is made with flow() from "pauseflow").`);
      return undefined;
    }
    const picked = flows.length === 1 ? flows[0] : await pickFlow([{ uri: document.uri, flows }], debug ? "Debug Flow" : "Run Flow");
    return picked && startFlow(document.uri, picked.exportName, { debug });
  }

  function startFlowItem(target: FlowTarget, debug: boolean): Promise<string | undefined> | undefined {
    if ("kind" in target) return target.kind === "flow" ? startFlow(target.uri, target.flow.exportName, { debug }) : undefined;
    return startFlow(typeof target.uri === "string" ? vscode.Uri.file(target.uri) : target.uri, target.exportName, { debug });
  }

  /** Runs a past run's flow again with the parameters it ran with (no parameters form), or debugs it so. */
  async function rerun(target: RunTarget | undefined, debug: boolean): Promise<string | undefined> {
    const record = runs.find(runIdOf(target) ?? "");
    if (!record) return undefined;
    if (!vscode.workspace.isTrusted) return startFlow(vscode.Uri.file(record.spec.file), record.spec.flow ?? "", { debug });
    const options = { flowName: record.flowName };
    const run = debug ? await debugging.start(rerunSpec(record), options) : await runs.start(rerunSpec(record), options);
    if (settings.revealLogsOnRun) logs.show();
    return run.record.id;
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
    register("debugFlow", async () => {
      const picked = await pickFlow(await index.all(), "Debug Flow");
      return picked && startFlow(picked.uri, picked.exportName, { debug: true });
    }),
    register("runCurrentFile", (uri?: vscode.Uri) => startCurrentFile(uri, false)),
    register("debugCurrentFile", (uri?: vscode.Uri) => startCurrentFile(uri, true)),
    register("runFlowItem", (target: FlowTarget) => startFlowItem(target, false)),
    register("debugFlowItem", (target: FlowTarget) => startFlowItem(target, true)),
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
    register("rerun", (target?: RunTarget) => rerun(target, false)),
    register("debugAgain", (target?: RunTarget) => rerun(target, true)),
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
    register("rerunWithAnswers", async (target?: RunTarget) => {
      const record = runs.find(runIdOf(target) ?? "");
      if (!record || !(await mayRun())) return undefined;
      const run = await runs.start(rerunSpec(record), { flowName: record.flowName, answers: recordedAnswers(record) });
      if (settings.revealLogsOnRun) logs.show();
      return run.record.id;
    }),
    register("exportAnswers", async (target?: RunTarget, to?: vscode.Uri) => {
      const record = runs.find(runIdOf(target) ?? "");
      return record && exportAnswers(record, to);
    }),
    register("runWithAnswersFile", async (flowTarget?: { uri: vscode.Uri | string; exportName: string }, answersUri?: vscode.Uri) => {
      const picked = flowTarget ?? (await pickFlow(await index.all()));
      if (!picked) return undefined;
      const flowUri = typeof picked.uri === "string" ? vscode.Uri.file(picked.uri) : picked.uri;
      const file =
        answersUri ??
        (
          await vscode.window.showOpenDialog({
            title: "Run with Answers File",
            openLabel: "Run with These Answers",
            defaultUri: vscode.Uri.joinPath(flowUri, ".."),
            filters: { "Answers file": ["json"] },
          })
        )?.[0];
      if (!file) return undefined;
      let answersFile: unknown[];
      try {
        answersFile = parseAnswersFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), vscode.workspace.asRelativePath(file));
      } catch (error) {
        void vscode.window.showErrorMessage(`Cannot run with this answers file: ${error instanceof AnswersFileError ? error.message : (error as Error).message}`);
        return undefined;
      }
      return startFlow(flowUri, picked.exportName, { answersFile });
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

/**
 * Writes a run's answers as a `pauseflow run --answers` file (asking where, unless `to` is given),
 * then offers to open it and gives the command line that runs it. Resolves with the file written.
 */
async function exportAnswers(record: RunRecord, to: vscode.Uri | undefined): Promise<string | undefined> {
  const answers = answersFileOf(record);
  if (answers.length === 0) {
    void vscode.window.showInformationMessage(`'${record.name}' has no accepted answer to export.`);
    return undefined;
  }
  const flowFile = vscode.Uri.file(record.spec.file);
  const target =
    to ??
    (await vscode.window.showSaveDialog({
      title: `Export Answers of '${record.name}'`,
      saveLabel: "Export",
      defaultUri: vscode.Uri.joinPath(flowFile, "..", `${record.flowName}.${record.name}.answers.json`),
      filters: { "Answers file": ["json"] },
    }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatAnswersFile(answers)));
  const commandLine = answersCommandLine(record, vscode.workspace.asRelativePath(flowFile, false), vscode.workspace.asRelativePath(target, false));
  void vscode.window
    .showInformationMessage(`Wrote ${answers.length} answer${answers.length === 1 ? "" : "s"} of '${record.name}' to ${vscode.workspace.asRelativePath(target)}. Run them headless with: ${commandLine}`, "Open File", "Copy Command Line")
    .then(async (choice) => {
      if (choice === "Open File") await vscode.window.showTextDocument(target);
      else if (choice === "Copy Command Line") await vscode.env.clipboard.writeText(commandLine);
    });
  return target.fsPath;
}
