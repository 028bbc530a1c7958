// The Runs view: run history newest first, each run with its pauses as children, and, while
// connected to the engine, an Engine row holding the engine's runs (from any worker and teammate)
// with their pauses and who answered them. A badge counts the runs waiting for input.
import * as vscode from "vscode";
import type { Runs } from "./core/runs";
import type { EngineRuns } from "./core/engineRuns";
import { engineGroupNode, enginePauseNodes, engineRunNode, type EngineGroupNode, type EnginePauseNode, type EngineRunNode } from "./core/engineRows";
import { pauseNodes, pauseTooltip, runNode, runTooltip, type PauseNode, type RunNode, type ViewIcon } from "./core/runRows";

export type RunsNode = RunNode | PauseNode | EngineGroupNode | EngineRunNode | EnginePauseNode;

export class RunsView implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<RunsNode>;
  private readonly subscriptions: vscode.Disposable[];
  private readonly knownPauses = new Map<string, RunsNode[]>();

  constructor(
    private readonly runs: Runs,
    private readonly engine: EngineRuns,
  ) {
    this.view = vscode.window.createTreeView("pauseflow.runs", { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [runs.onDidChange(() => this.refresh()), engine.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire();
    const waiting = this.runs.waiting().length + this.engine.paused().length;
    this.view.badge = waiting ? { value: waiting, tooltip: `${waiting} run${waiting === 1 ? "" : "s"} waiting for input` } : undefined;
  }

  getChildren(node?: RunsNode): RunsNode[] | Promise<RunsNode[]> {
    if (!node) {
      const status = this.engine.status;
      const local = this.runs.all.map((record) => runNode(record));
      return status.kind === "off" ? local : [engineGroupNode(status, this.engine.runs), ...local];
    }
    switch (node.kind) {
      case "engine":
        return this.engine.runs.map((run) => engineRunNode(run));
      case "engineRun":
        return this.enginePauses(node.id);
      case "run": {
        const record = this.runs.find(node.id);
        return record ? pauseNodes(record) : [];
      }
      default:
        return [];
    }
  }

  /**
   * A run's pauses, read when its row is expanded. The tree waits for every expanded row before it
   * redraws, so a database that does not answer must not hold it: then the last pauses read are shown.
   */
  private async enginePauses(runId: string): Promise<RunsNode[]> {
    const api = this.engine.api;
    const known = this.knownPauses.get(runId) ?? [];
    if (!api || this.engine.status.kind !== "connected") return known;
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000).unref());
    const history = await Promise.race([api.pauses(runId).catch(() => undefined), timeout]);
    if (!history) return known;
    const nodes = enginePauseNodes(runId, history);
    this.knownPauses.set(runId, nodes);
    return nodes;
  }

  getParent(node: RunsNode): RunsNode | undefined {
    const status = this.engine.status;
    switch (node.kind) {
      case "pause": {
        const record = this.runs.find(node.runId);
        return record && runNode(record);
      }
      case "engineRun":
        return status.kind === "off" ? undefined : engineGroupNode(status, this.engine.runs);
      case "enginePause": {
        const run = this.engine.find(node.runId);
        return run && engineRunNode(run);
      }
      default:
        return undefined;
    }
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, this.collapsible(node));
    item.id = node.id;
    item.description = node.description;
    item.iconPath = themeIcon(node.icon);
    switch (node.kind) {
      case "run":
        item.contextValue = node.contextValue;
        item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
        if (node.contextValue === "run-paused") item.command = { command: "pauseflow.openForm", title: "Open Form", arguments: [node] };
        break;
      case "engineRun":
        item.contextValue = node.contextValue;
        item.tooltip = `${node.label} — engine run ${node.id}`;
        item.accessibilityInformation = { label: `engine run ${node.label}, ${node.description}` };
        if (node.contextValue === "engine-run-paused") item.command = { command: "pauseflow.openEngineForm", title: "Open Form", arguments: [node] };
        break;
      case "enginePause":
        item.contextValue = "engine-pause";
        break;
      case "engine":
        item.contextValue = "engine";
        item.tooltip = "Runs on the engine (DBOS over Postgres), from every worker";
        break;
      default:
        item.contextValue = node.contextValue;
    }
    return item;
  }

  private collapsible(node: RunsNode): vscode.TreeItemCollapsibleState {
    switch (node.kind) {
      case "engine":
        return vscode.TreeItemCollapsibleState.Expanded;
      case "engineRun":
        return node.contextValue === "engine-run-paused" ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      case "run":
        if (!node.hasPauses) return vscode.TreeItemCollapsibleState.None;
        return node.contextValue === "run-paused" ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      default:
        return vscode.TreeItemCollapsibleState.None;
    }
  }

  /** Hover text of local runs, built on demand. */
  resolveTreeItem(item: vscode.TreeItem, node: RunsNode): vscode.TreeItem {
    if (node.kind !== "run" && node.kind !== "pause") return item;
    const record = this.runs.find(node.kind === "run" ? node.id : node.runId);
    if (record) item.tooltip = node.kind === "run" ? runTooltip(record) : pauseTooltip(record.pauses[node.index]!);
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

export function themeIcon(icon: ViewIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
