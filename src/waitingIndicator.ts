// The status bar item that says how many runs wait for input; clicking it opens the oldest form.
import * as vscode from "vscode";
import type { Runs } from "./core/runs";

export class WaitingIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("pauseflow.waiting", vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly runs: Runs) {
    this.item.name = "Pauseflow: runs waiting for input";
    this.item.command = "pauseflow.openWaitingForm";
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
    this.subscription = runs.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const waiting = this.runs.waiting();
    if (waiting.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(debug-pause) ${waiting.length} paused`;
    this.item.tooltip = `Waiting for input: ${waiting.map((r) => `${r.record.flowName} (${r.record.name})`).join(", ")}. Click to open the oldest form.`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
