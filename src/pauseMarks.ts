// While a run waits at a pause, the editor shows it at the pauseFlowRun() line: a gutter icon and the
// CodeLenses "Waiting for input (run)", "Open Form" and "Cancel Run". The marks go when the run moves on.
import * as vscode from "vscode";
import { pauseMarks, type PauseMark } from "./core/pauseMarks";
import type { Runs } from "./core/runs";

export class PauseMarks implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];
  private marks: PauseMark[] = [];

  constructor(
    private readonly runs: Runs,
    extensionUri: vscode.Uri,
  ) {
    this.decoration = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(extensionUri, "media", "pause-gutter.svg"),
      gutterIconSize: "contain",
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor("editor.stackFrameHighlightBackground"),
      overviewRulerColor: new vscode.ThemeColor("charts.yellow"),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.subscriptions = [
      this.changed,
      this.decoration,
      runs.onDidChange(() => this.update()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
    ];
    this.update();
  }

  private update(): void {
    const marks = pauseMarks(this.runs.waiting());
    if (JSON.stringify(marks) === JSON.stringify(this.marks)) return;
    this.marks = marks;
    this.decorate();
    this.changed.fire();
  }

  private decorate(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const here = this.marksIn(editor.document);
      editor.setDecorations(
        this.decoration,
        here.map((mark) => ({
          range: new vscode.Range(mark.line, 0, mark.line, 0),
          hoverMessage: `Flow run '${mark.runName}' of ${mark.flowName} is waiting for input at pause '${mark.key}'.`,
        })),
      );
    }
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return this.marksIn(document).flatMap((mark) => {
      const range = new vscode.Range(mark.line, mark.character, mark.line, mark.character);
      return [
        // A lens with no command is a label.
        new vscode.CodeLens(range, { title: `$(debug-pause) Waiting for input (${mark.runName})`, command: "" }),
        new vscode.CodeLens(range, { title: "Open Form", command: "pauseflow.openForm", arguments: [mark.runId] }),
        new vscode.CodeLens(range, { title: "Cancel Run", command: "pauseflow.cancelRun", arguments: [mark.runId, "Cancelled from the editor."] }),
      ];
    });
  }

  private marksIn(document: vscode.TextDocument): PauseMark[] {
    if (document.uri.scheme !== "file") return [];
    return this.marks.filter((mark) => mark.file === document.uri.fsPath && mark.line < document.lineCount);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
