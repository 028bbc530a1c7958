// "Show Logs" on a run: its stored log, as a read-only document (pauseflow-log:/<name>.log?<run id>).
import * as vscode from "vscode";
import { formatLogLine } from "./core/logFormat";
import type { Runs } from "./core/runs";

export const LOG_SCHEME = "pauseflow-log";

export class LogDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly runs: Runs) {}

  uriFor(runId: string): vscode.Uri {
    const record = this.runs.find(runId);
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${record?.flowName ?? "run"} ${record?.name ?? runId}.log`, query: runId });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const record = this.runs.find(uri.query);
    if (!record) return "This run is no longer in the history.";
    const logs = await this.runs.logs(record.id);
    return logs.map((l) => formatLogLine(l, record.name)).join("\n") + "\n";
  }
}
