// The flow files of the workspace and the flows each defines, kept current as files change.
import * as vscode from "vscode";
import { findFlowDefinitions, type FlowDefinitionSite } from "./core/flowDiscovery";
import { settings } from "./settings";

export interface FlowFile {
  uri: vscode.Uri;
  flows: FlowDefinitionSite[];
}

export class FlowIndex implements vscode.Disposable {
  private files = new Map<string, FlowFile>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private scanning: Promise<void> | undefined;

  constructor() {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration("pauseflow.flowFiles") && this.rescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      // Unsaved edits move flows around too: the CodeLens follows the text being typed.
      vscode.workspace.onDidChangeTextDocument((e) => this.files.has(e.document.uri.toString()) && this.update(e.document.uri, e.document.getText())),
    );
  }

  /** Every flow file, sorted by path; scans the workspace on first use. */
  async all(): Promise<FlowFile[]> {
    await (this.scanning ??= this.scan());
    return [...this.files.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  /** Whether the file matches the flow-file setting (and is not under node_modules). */
  async has(uri: vscode.Uri): Promise<boolean> {
    await (this.scanning ??= this.scan());
    return this.files.has(uri.toString());
  }

  rescan(): void {
    this.scanning = this.scan();
  }

  private async scan(): Promise<void> {
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(settings.flowFiles);
    this.watcher.onDidCreate((uri) => this.reload(uri));
    this.watcher.onDidChange((uri) => this.reload(uri));
    this.watcher.onDidDelete((uri) => this.files.delete(uri.toString()) && this.changed.fire());
    const uris = await vscode.workspace.findFiles(settings.flowFiles, "**/node_modules/**");
    const files = await Promise.all(uris.map(async (uri) => ({ uri, flows: findFlowDefinitions(await read(uri)) })));
    this.files = new Map(files.map((f) => [f.uri.toString(), f]));
    this.changed.fire();
  }

  private async reload(uri: vscode.Uri): Promise<void> {
    if (uri.path.includes("/node_modules/")) return;
    this.update(uri, await read(uri));
  }

  private update(uri: vscode.Uri, text: string): void {
    const flows = findFlowDefinitions(text);
    const before = this.files.get(uri.toString());
    if (before && JSON.stringify(before.flows) === JSON.stringify(flows)) return;
    this.files.set(uri.toString(), { uri, flows });
    this.changed.fire();
  }

  dispose(): void {
    this.watcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

async function read(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return "";
  }
}
