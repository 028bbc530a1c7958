import * as vscode from "vscode";

/** The extension's settings, read fresh at each use (they can change at any time). */
export const settings = {
  get flowFiles(): string {
    return config().get("flowFiles", "**/*.flow.{ts,mts,js,mjs}");
  },
  get revealLogsOnRun(): boolean {
    return config().get("revealLogsOnRun", true);
  },
  get historyLimit(): number {
    return config().get("historyLimit", 200);
  },
  /** undefined: VS Code's own Node.js. */
  get nodePath(): string | undefined {
    return config().get<string>("nodePath")?.trim() || undefined;
  },
  get keepFormOpenAfterSubmit(): boolean {
    return config().get("keepFormOpenAfterSubmit", false);
  },
  get notifyOnPause(): boolean {
    return config().get("notifyOnPause", true);
  },
};

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("pauseflow");
}
