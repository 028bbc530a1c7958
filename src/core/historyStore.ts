// Run history on disk, in the extension's workspace storage: one JSON file of run records (newest
// first) and one JSON-lines file of log records per run, appended as lines arrive. No `vscode` here.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { LogRecord } from "../protocol/runner";
import { RunRecord } from "./runRecord";

const HISTORY_VERSION = 1;

const HistoryFile = z.object({ version: z.literal(HISTORY_VERSION), runs: z.array(RunRecord) });

export class HistoryStore {
  private readonly recordsFile: string;
  private readonly logsDir: string;
  /** Appends per run, chained so that lines land in order. */
  private readonly appending = new Map<string, Promise<void>>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.recordsFile = join(dir, "runs.json");
    this.logsDir = join(dir, "logs");
  }

  /**
   * The stored runs, newest first. A file that cannot be read is set aside (renamed, never deleted)
   * with a warning, and history starts empty.
   */
  load(): RunRecord[] {
    if (!existsSync(this.recordsFile)) return [];
    let problem: string;
    try {
      const parsed = HistoryFile.safeParse(JSON.parse(readFileSync(this.recordsFile, "utf8")));
      if (parsed.success) return parsed.data.runs;
      problem = parsed.error.issues[0]?.message ?? "unexpected content";
    } catch (error) {
      problem = (error as Error).message;
    }
    const asideFile = `${this.recordsFile}.corrupt-${Date.now()}`;
    try {
      renameSync(this.recordsFile, asideFile);
      this.warn(`Pauseflow could not read its run history (${problem}); it was set aside as ${asideFile} and history starts empty.`);
    } catch (error) {
      this.warn(`Pauseflow could not read its run history (${problem}) nor set it aside (${(error as Error).message}); history starts empty.`);
    }
    return [];
  }

  /** Writes all records; writes are queued, and each replaces the file atomically. */
  save(records: readonly RunRecord[]): Promise<void> {
    const text = JSON.stringify({ version: HISTORY_VERSION, runs: records });
    this.saving = this.saving.then(async () => {
      await mkdir(this.dir, { recursive: true });
      const temp = `${this.recordsFile}.tmp`;
      await writeFile(temp, text);
      await rename(temp, this.recordsFile);
    }).catch((error: Error) => this.warn(`Pauseflow could not save its run history: ${error.message}`));
    return this.saving;
  }

  appendLogs(runId: string, records: readonly LogRecord[]): Promise<void> {
    const text = records.map((r) => JSON.stringify(r)).join("\n") + "\n";
    const previous = this.appending.get(runId) ?? mkdir(this.logsDir, { recursive: true }).then(() => {});
    const next = previous.then(() => appendFile(this.logFile(runId), text)).catch((error: Error) => this.warn(`Pauseflow could not save logs: ${error.message}`));
    this.appending.set(runId, next);
    return next;
  }

  /** A run's stored log records; lines that cannot be read are skipped. */
  async readLogs(runId: string): Promise<LogRecord[]> {
    await this.appending.get(runId);
    let text: string;
    try {
      text = await readFile(this.logFile(runId), "utf8");
    } catch {
      return [];
    }
    const records: LogRecord[] = [];
    for (const line of text.split("\n")) {
      if (!line) continue;
      try {
        const parsed = LogRecord.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // A line cut short by a crash: the others still count.
      }
    }
    return records;
  }

  async deleteLogs(runId: string): Promise<void> {
    await this.appending.get(runId);
    this.appending.delete(runId);
    await rm(this.logFile(runId), { force: true });
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await Promise.all([this.saving, ...this.appending.values()]);
  }

  private logFile(runId: string): string {
    return join(this.logsDir, `${runId.replace(/[^\w-]/g, "_")}.jsonl`);
  }
}
