// The Waiting for Input view: every run waiting at a pause, local and on the engine, oldest first,
// with the count in its badge. Clicking one opens its form.
import * as vscode from "vscode";
import type { EngineRuns } from "./core/engineRuns";
import { engineRunNode, type EngineRunNode } from "./core/engineRows";
import type { Runs } from "./core/runs";
import { runNode, type RunNode } from "./core/runRows";
import { themeIcon } from "./runsView";

type WaitingNode = RunNode | EngineRunNode;

export class WaitingView implements vscode.TreeDataProvider<WaitingNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<WaitingNode>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly runs: Runs,
    private readonly engine: EngineRuns,
  ) {
    this.view = vscode.window.createTreeView("pauseflow.waiting", { treeDataProvider: this });
    this.subscriptions = [runs.onDidChange(() => this.refresh()), engine.onDidChange(() => this.refresh())];
    this.refresh();
  }

  private refresh(): void {
    this.changed.fire();
    const count = this.getChildren().length;
    this.view.badge = count ? { value: count, tooltip: `${count} run${count === 1 ? "" : "s"} waiting for input` } : undefined;
  }

  getChildren(node?: WaitingNode): WaitingNode[] {
    if (node) return [];
    const local = this.runs.waiting().map((run) => runNode(run.record));
    const engine = [...this.engine.paused()].reverse().map((run) => engineRunNode(run));
    return [...local, ...engine];
  }

  getTreeItem(node: WaitingNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `waiting/${node.id}`;
    item.description = node.kind === "engineRun" ? `engine · ${node.description}` : node.description;
    item.iconPath = themeIcon(node.icon);
    item.contextValue = node.contextValue;
    item.command =
      node.kind === "engineRun"
        ? { command: "pauseflow.openEngineForm", title: "Open Form", arguments: [node.id] }
        : { command: "pauseflow.openForm", title: "Open Form", arguments: [node.id] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}
