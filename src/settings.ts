import * as vscode from "vscode";

/**
 * The extension's settings, read fresh at each use (they can change at any time). Their defaults
 * live in package.json's `contributes.configuration` alone, which VS Code always supplies.
 */
export const settings = {
  /** The glob of flow files: what the Flows view, the quick pick and the CodeLens follow. */
  get flowFiles(): string {
    return read<string>("flowFiles");
  },
  get revealLogsOnRun(): boolean {
    return read<boolean>("revealLogsOnRun");
  },
  get historyLimit(): number {
    return read<number>("historyLimit");
  },
  /** undefined: VS Code's own Node.js. */
  get nodePath(): string | undefined {
    return read<string>("nodePath").trim() || undefined;
  },
  /** "host": runs live in the folder's runner host and outlive the window; "window": they are the window's children. */
  get runnerHost(): "host" | "window" {
    return read<string>("runnerHost") === "window" ? "window" : "host";
  },
  get runnerHostIdleSeconds(): number {
    return Math.max(0, read<number>("runnerHostIdleMinutes")) * 60;
  },
  get keepFormOpenAfterSubmit(): boolean {
    return read<boolean>("keepFormOpenAfterSubmit");
  },
  get notifyOnPause(): boolean {
    return read<boolean>("notifyOnPause");
  },
};

function read<T>(name: string): T {
  return vscode.workspace.getConfiguration("pauseflow").get<T>(name) as T;
}
