// "Run flow" and "Debug" above each flow definition in the files that match the flow-file setting.
import * as vscode from "vscode";
import { findFlowDefinitions } from "./core/flowDiscovery";
import type { EngineRuns } from "./core/engineRuns";
import type { FlowIndex } from "./flowIndex";

/** Flow files are TypeScript or JavaScript; which of them are flow files is the index's to say. */
export const CODE_LENS_SELECTOR: vscode.DocumentSelector = [
  { scheme: "file", language: "typescript" },
  { scheme: "file", language: "javascript" },
];

export class RunFlowCodeLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  private readonly changed = new vscode.EventEmitter<void>();

  constructor(
    private readonly index: FlowIndex,
    private readonly engine: EngineRuns,
  ) {
    this.onDidChangeCodeLenses = this.changed.event;
    index.onDidChange(() => this.changed.fire());
    engine.onDidChangeStatus(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!(await this.index.has(document.uri))) return [];
    return findFlowDefinitions(document.getText()).flatMap((flow) => {
      const range = new vscode.Range(flow.line, flow.character, flow.line, flow.character);
      const title = vscode.workspace.isTrusted ? `$(play) Run flow ${flow.name}` : `$(shield) Trust the workspace to run ${flow.name}`;
      const target = { uri: document.uri, exportName: flow.exportName };
      const lenses = [
        new vscode.CodeLens(range, {
          title,
          command: vscode.workspace.isTrusted ? "pauseflow.runFlowItem" : "workbench.trust.manage",
          arguments: vscode.workspace.isTrusted ? [target] : [],
        }),
      ];
      if (vscode.workspace.isTrusted) lenses.push(new vscode.CodeLens(range, { title: "$(debug-alt) Debug", command: "pauseflow.debugFlowItem", arguments: [target] }));
      if (this.engine.status.kind !== "off") lenses.push(new vscode.CodeLens(range, { title: "$(server-environment) Run on engine", command: "pauseflow.runOnEngineItem", arguments: [target] }));
      return lenses;
    });
  }
}
