// The Flows view: each flow file of the workspace and the flows in it, each with a run button.
import * as vscode from "vscode";
import type { FlowDefinitionSite } from "./core/flowDiscovery";
import { folderDescription } from "./core/workspacePaths";
import type { FlowFile, FlowIndex } from "./flowIndex";

export type FlowsNode = { kind: "file"; file: FlowFile } | { kind: "flow"; uri: vscode.Uri; flow: FlowDefinitionSite };

export class FlowsView implements vscode.TreeDataProvider<FlowsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: FlowIndex) {
    this.subscription = index.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: FlowsNode): Promise<FlowsNode[]> {
    if (!node) return (await this.index.all()).filter((f) => f.flows.length > 0).map((file) => ({ kind: "file", file }));
    if (node.kind === "file") return node.file.flows.map((flow) => ({ kind: "flow", uri: node.file.uri, flow }));
    return [];
  }

  getTreeItem(node: FlowsNode): vscode.TreeItem {
    if (node.kind === "file") {
      const item = new vscode.TreeItem(node.file.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = folderDescription(node.file.uri.path, (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: f.uri.path })));
      item.contextValue = "flowFile";
      return item;
    }
    const item = new vscode.TreeItem(node.flow.name, vscode.TreeItemCollapsibleState.None);
    item.description = node.flow.exportName === node.flow.name ? undefined : node.flow.exportName;
    item.iconPath = new vscode.ThemeIcon("symbol-event");
    item.contextValue = "flow";
    item.tooltip = `${node.flow.name} (export ${node.flow.exportName}) in ${vscode.workspace.asRelativePath(node.uri)}`;
    item.command = { command: "vscode.open", title: "Open", arguments: [node.uri, { selection: new vscode.Range(node.flow.line, 0, node.flow.line, 0) }] };
    return item;
  }
}
