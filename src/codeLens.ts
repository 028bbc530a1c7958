// "Run flow" above each flow definition in a flow file.
import * as vscode from "vscode";
import type { FlowIndex } from "./flowIndex";
import { findFlowDefinitions } from "./core/flowDiscovery";

export class RunFlowCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(index: FlowIndex) {
    this.onDidChangeCodeLenses = index.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return findFlowDefinitions(document.getText()).map((flow) => {
      const range = new vscode.Range(flow.line, flow.character, flow.line, flow.character);
      const title = vscode.workspace.isTrusted ? `$(play) Run flow ${flow.name}` : `$(shield) Trust the workspace to run ${flow.name}`;
      return new vscode.CodeLens(range, {
        title,
        command: vscode.workspace.isTrusted ? "pauseflow.runFlowItem" : "workbench.trust.manage",
        arguments: vscode.workspace.isTrusted ? [{ uri: document.uri, exportName: flow.exportName }] : [],
      });
    });
  }
}
