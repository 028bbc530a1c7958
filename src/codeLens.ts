// "Run flow" above each flow definition in the files that match the flow-file setting.
import * as vscode from "vscode";
import { findFlowDefinitions } from "./core/flowDiscovery";
import type { FlowIndex } from "./flowIndex";

/** Flow files are TypeScript or JavaScript; which of them are flow files is the index's to say. */
export const CODE_LENS_SELECTOR: vscode.DocumentSelector = [
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "javascript" },
];

export class RunFlowCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly index: FlowIndex) {
    this.onDidChangeCodeLenses = index.onDidChange;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!(await this.index.has(document.uri))) return [];
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
