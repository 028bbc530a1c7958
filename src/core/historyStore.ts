// Run history on disk, in the extension's workspace storage: one JSON file of run records (newest
// first) and one JSON-lines file of log records per run, appended as lines arrive. No `vscode` here.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { describeProblems } from "../protocol/checked";
import { LogRecord } from "../protocol/runner";
import { RunRecord } from "./runRecord";

const HISTORY_VERSION = 1;

/** The file's frame: each run in it is read on its own, so that one bad run does not cost the others. */
const HistoryFile = z.object({ version: z.literal(HISTORY_VERSION), runs: z.array(z.unknown()) });

export class HistoryStore {
  private readonly recordsFile: string;
  private readonly logsDir: string;
  /** Appends per run, chained so that lines land in order. */
  private readonly appending = new Map<string, Promise<void>>();
  private saving: Promise<void> = Promise.resolve();
  /** Log records that could not be written, kept for the session so that Show Logs still has them. */
  private readonly unsavedLogs = new Map<string, LogRecord[]>();
  private warnedUnwritable = false;

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void,
  ) {
    this.recordsFile = join(dir, "runs.json");
    this.logsDir = join(dir, "logs");
  }

  /**
   * The stored runs, newest first. A file that cannot be read is set aside (renamed, never deleted)
   * and history starts empty; runs that cannot be read are set aside one by one, and the others kept.
   */
  load(): RunRecord[] {
    if (!existsSync(this.recordsFile)) return [];
    let stored: z.infer<typeof HistoryFile>;
    try {
      const parsed = HistoryFile.safeParse(JSON.parse(readFileSync(this.recordsFile, "utf8")));
      if (!parsed.success) return this.setAside(parsed.error.issues[0]?.message ?? "unexpected content");
      stored = parsed.data;
    } catch (error) {
      return this.setAside((error as Error).message);
    }
    const runs: RunRecord[] = [];
    const unreadable: unknown[] = [];
    let problem = "";
    for (const raw of stored.runs) {
      const run = RunRecord.safeParse(raw);
      if (run.success) runs.push(run.data);
      else {
        unreadable.push(raw);
        problem ||= describeProblems(run.error);
      }
    }
    if (unreadable.length) this.setAsideRuns(unreadable, runs.length, problem);
    return runs;
  }

  private setAside(problem: string): RunRecord[] {
    const asideFile = `${this.recordsFile}.corrupt-${Date.now()}`;
    try {
      renameSync(this.recordsFile, asideFile);
      this.warn(`Pauseflow could not read its run history (${problem}); it was set aside as ${asideFile} and history starts empty.`);
    } catch (error) {
      this.warn(`Pauseflow could not read its run history (${problem}) nor set it aside (${(error as Error).message}); history starts empty.`);
    }
    return [];
  }

  /** Keeps the runs that could not be read in a file of their own; the next save leaves them out of runs.json. */
  private setAsideRuns(unreadable: unknown[], kept: number, problem: string): void {
    const count = `${unreadable.length} run${unreadable.length === 1 ? "" : "s"}`;
    const asideFile = `${this.recordsFile}.unreadable-${Date.now()}`;
    try {
      writeFileSync(asideFile, JSON.stringify({ version: HISTORY_VERSION, runs: unreadable }));
      this.warn(`Pauseflow could not read ${count} of its history (${problem}); set aside in ${asideFile}, and the other ${kept} kept.`);
    } catch (error) {
      this.warn(`Pauseflow could not read ${count} of its history (${problem}) nor set them aside (${(error as Error).message}); the other ${kept} were kept.`);
    }
  }

  /** Writes all records; writes are queued, and each replaces the file atomically. */
  save(records: readonly RunRecord[]): Promise<void> {
    const text = JSON.stringify({ version: HISTORY_VERSION, runs: records });
    this.saving = this.saving.then(async () => {
      await mkdir(this.dir, { recursive: true });
      const temp = `${this.recordsFile}.tmp`;
      await writeFile(temp, text);
      await rename(temp, this.recordsFile);
    }).catch((error: Error) => this.cannotWrite(error));
    return this.saving;
  }

  appendLogs(runId: string, records: readonly LogRecord[]): Promise<void> {
    const text = records.map((r) => JSON.stringify(r)).join("\n") + "\n";
    const previous = this.appending.get(runId) ?? mkdir(this.logsDir, { recursive: true }).then(() => {});
    const next = previous
      .then(() => appendFile(this.logFile(runId), text))
      .catch((error: Error) => {
        this.unsavedLogs.set(runId, [...(this.unsavedLogs.get(runId) ?? []), ...records]);
        this.cannotWrite(error);
      });
    this.appending.set(runId, next);
    return next;
  }

  /** A run's stored log records (and those that could not be written); lines that cannot be read are skipped. */
  async readLogs(runId: string): Promise<LogRecord[]> {
    await this.appending.get(runId);
    return [...(await this.readLogFile(runId)), ...(this.unsavedLogs.get(runId) ?? [])];
  }

  private async readLogFile(runId: string): Promise<LogRecord[]> {
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
    this.unsavedLogs.delete(runId);
    await rm(this.logFile(runId), { force: true }).catch((error: Error) => this.cannotWrite(error));
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await Promise.all([this.saving, ...this.appending.values()]);
  }

  /** Said once: a storage folder that cannot be written fails every write after the first. */
  private cannotWrite(error: Error): void {
    if (this.warnedUnwritable) return;
    this.warnedUnwritable = true;
    this.warn(`Pauseflow cannot write its run history in ${this.dir} (${error.message}); this window keeps its runs and their logs in memory until it closes.`);
  }

  private logFile(runId: string): string {
    return join(this.logsDir, `${runId.replace(/[^\w-]/g, "_")}.jsonl`);
  }
}
