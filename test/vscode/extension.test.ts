// Integration tests through the VS Code API, in a real extension host: activation, commands, the
// views' data, and runs started and cancelled through the commands. The workspace is examples/.
import { strict as assert } from "node:assert";
import * as vscode from "vscode";
import type { PauseflowApi } from "../../src/extension";
import type { RunRecord } from "../../src/core/runRecord";

const EXTENSION_ID = "pauseflow.pauseflow";

async function api(): Promise<PauseflowApi> {
  const extension = vscode.extensions.getExtension<PauseflowApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "a workspace folder is open");
  return vscode.Uri.joinPath(folder.uri, name);
}

async function until<T>(what: string, read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Pauseflow in a real extension host", () => {
  it("activates and returns its API", async () => {
    const { runs } = await api();
    assert.ok(Array.isArray(runs.all));
  });

  it("registers every command it contributes", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it("lists the workspace's flows in the Flows view", async () => {
    const { flows } = await api();
    const files = await flows.getChildren();
    const names = (await Promise.all(files.map((f) => flows.getChildren(f)))).flat().map((n) => (n.kind === "flow" ? n.flow.name : ""));
    for (const name of ["greet-user", "greet-user-with-default", "get-shirt-order", "label-reviews", "approve-training"]) {
      assert.ok(names.includes(name), `${name} in ${names.join(", ")}`);
    }
  });

  it("shows each flow file's folder relative to the workspace, and nothing for a file at its root", async () => {
    const { flows } = await api();
    const files = await flows.getChildren();
    assert.ok(files.length > 0);
    for (const file of files) assert.equal(flows.getTreeItem(file).description, undefined, "examples/ keeps its flows at the root");
  });

  it("runs a flow from its command, shows it paused in the Runs view, and cancels it", async () => {
    const { runs, runsView } = await api();
    const runId = await vscode.commands.executeCommand<string>("pauseflow.runFlowItem", { uri: workspaceFile("shirt.flow.ts"), exportName: "getShirtOrder" });
    assert.ok(runId);
    // The flow's name from the start, not its export name until the runner has loaded it.
    assert.equal((await runsView.getChildren()).find((n) => n.id === runId)?.label, "get-shirt-order");
    const record = await until("the run to pause", () => (runs.find(runId)?.state === "Paused" ? runs.find(runId) : undefined));
    const node = (await runsView.getChildren()).find((n) => n.id === runId);
    assert.equal(node?.label, "get-shirt-order");
    assert.equal(node?.kind === "run" && node.contextValue, "run-paused");
    // The pause itself comes from the runner host just after the run's state.
    await until("the run to wait for input", () => (runs.waiting().length === 1 ? true : undefined));
    await vscode.commands.executeCommand("pauseflow.cancelRun", runId);
    await until("the run to end", () => (record.state === "Cancelled" ? true : undefined));
    assert.equal(record.stateMessage, "Cancelled from the Runs view.");
  });

  it("re-runs a run with its parameters, without asking for them again", async () => {
    const { runs } = await api();
    const first = await vscode.commands.executeCommand<string>("pauseflow.runFlowItem", { uri: workspaceFile("approve-training.flow.ts"), exportName: "approveTraining" });
    const parametersAsked = await until("the parameters form", () => runs.liveRun(first)?.pendingPause);
    assert.equal(parametersAsked.kind, "parameters");
    await vscode.commands.executeCommand("pauseflow.cancelRun", first);
    const original: RunRecord = await until("the first run to end", () => (runs.find(first)?.endedAt ? runs.find(first) : undefined));
    original.spec.params = { model: "bert", gpus: 2, hours: 1 };
    const second = await vscode.commands.executeCommand<string>("pauseflow.rerun", first);
    const pause = await until("the sign-off pause", () => runs.liveRun(second)?.pendingPause);
    assert.equal(pause.key, "sign-off", "the re-run goes straight to the flow's own pause");
    assert.match(pause.description ?? "", /Train \*\*bert\*\*/);
    await vscode.commands.executeCommand("pauseflow.cancelRun", second);
    await until("the re-run to end", () => (runs.find(second)?.state === "Cancelled" ? true : undefined));
  });

  it("opens a run's stored logs as a read-only document", async () => {
    const { runs } = await api();
    const finished = runs.all.find((r) => r.endedAt);
    assert.ok(finished);
    await vscode.commands.executeCommand("pauseflow.showLogs", finished.id);
    const editor = await until("the log document", () => vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.scheme, "pauseflow-log");
    assert.match(editor.document.getText(), /Finished in state Cancelled\('Cancelled from the Runs view\.'\)/);
  });
});
