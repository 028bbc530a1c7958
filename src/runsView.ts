// The Runs view: run history newest first, each run with its pauses as children. A badge on the
// view counts the runs waiting for input.
import * as vscode from "vscode";
import type { RunManager } from "./core/runManager";
import { pauseNodes, pauseTooltip, runNode, runTooltip, type PauseNode, type RunNode, type ViewIcon } from "./core/runRows";

export type RunsNode = RunNode | PauseNode;

export class RunsView implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<RunsNode>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: RunManager) {
    this.view = vscode.window.createTreeView("pauseflow.runs", { treeDataProvider: this, showCollapseAll: true });
    this.subscription = runs.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire();
    const waiting = this.runs.waiting().length;
    this.view.badge = waiting ? { value: waiting, tooltip: `${waiting} run${waiting === 1 ? "" : "s"} waiting for input` } : undefined;
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.runs.all.map((record) => runNode(record));
    const record = node.kind === "run" ? this.runs.find(node.id) : undefined;
    return record ? pauseNodes(record) : [];
  }

  getParent(node: RunsNode): RunsNode | undefined {
    if (node.kind === "run") return undefined;
    const record = this.runs.find(node.runId);
    return record && runNode(record);
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    const collapsible =
      node.kind === "run" && node.hasPauses
        ? node.contextValue === "run-paused"
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.iconPath = themeIcon(node.icon);
    if (node.kind === "run") {
      item.contextValue = node.contextValue;
      item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
      if (node.contextValue === "run-paused") item.command = { command: "pauseflow.openForm", title: "Open Form", arguments: [node] };
    } else {
      item.contextValue = "pause";
    }
    return item;
  }

  /** Hover text, built on demand. */
  resolveTreeItem(item: vscode.TreeItem, node: RunsNode): vscode.TreeItem {
    const record = this.runs.find(node.kind === "run" ? node.id : node.runId);
    if (record) item.tooltip = node.kind === "run" ? runTooltip(record) : pauseTooltip(record.pauses[node.index]!);
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

function themeIcon(icon: ViewIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
