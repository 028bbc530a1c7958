// All runs of a window: starts them, keeps their records (live and past) newest first, stores
// them and their logs, prunes old ones, and tells the views what changed. No `vscode` here.
import { Emitter, type Event } from "../shared/events";
import type { HistoryStore } from "./historyStore";
import { isFinal, type LogRecord, type RunSpec } from "../protocol/runner";
import { Run, type PauseHandler } from "./run";
import { answersFileHandler, recordedAnswersHandler } from "./scriptedAnswers";
import { SpareRunner } from "./spareRunner";
import type { RunRecord } from "./runRecord";
import { generateRunName } from "./runNames";
import { markInterrupted, rerunSpec, type RecordedAnswers, type RunLogs, type Runs, type StartOptions } from "./runs";

export interface RunManagerOptions {
  runnerPath: string;
  store: HistoryStore;
  pauseHandler: PauseHandler;
  /** The Node executable for runners; undefined: the host's own. Read at each start. */
  nodePath(): string | undefined;
  /** How many finished runs history keeps. Read at each prune. */
  historyLimit(): number;
  killAfterMs?: number;
  /** Why runs found unfinished in history (and live runs at dispose) did not go on; default: a window reload. */
  interruptedBy?: string;
  /** Keep a runner started ahead, so that a run starts without waiting for Node (the runner host does). */
  spare?: boolean;
}

/** How long after a run took the spare the next one is started. */
const SPARE_AFTER_MS = 200;

export class RunManager implements Runs {
  private records: RunRecord[];
  private readonly live = new Map<string, Run>();
  /** A save is queued behind the one being written: it writes the records as they are then. */
  private saveQueued = false;
  private lastSave: Promise<void> = Promise.resolve();

  private readonly changed = new Emitter<void>();
  /** A run started, changed state, paused, ended, or was deleted. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly logged = new Emitter<RunLogs>();
  readonly onDidLog: Event<RunLogs> = this.logged.event;
  private readonly recordChanged = new Emitter<RunRecord>();
  /** One run started or changed. */
  readonly onDidChangeRecord: Event<RunRecord> = this.recordChanged.event;
  private readonly removed = new Emitter<string[]>();
  /** Runs deleted, cleared or pruned from history. */
  readonly onDidRemove: Event<string[]> = this.removed.event;

  private readonly spare: SpareRunner | undefined;

  constructor(private readonly options: RunManagerOptions) {
    if (options.spare) {
      this.spare = new SpareRunner(options.runnerPath);
      this.spare.warm(options.nodePath());
    }
    this.records = options.store.load();
    const interrupted = this.records.filter((r) => !isFinal(r.state));
    for (const record of interrupted) markInterrupted(record, this.interruptedBy);
    if (interrupted.length) void options.store.save(this.records);
  }

  /** The process id of the runner started ahead, while there is one. */
  get sparePid(): number | undefined {
    return this.spare?.pid;
  }

  /** Every run, newest first. */
  get all(): readonly RunRecord[] {
    return this.records;
  }

  find(id: string): RunRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  liveRun(id: string): Run | undefined {
    return this.live.get(id);
  }

  /** Live runs waiting at a pause, the longest waiting first. */
  waiting(): Run[] {
    return [...this.live.values()]
      .filter((run) => run.pendingPause)
      .sort((a, b) => (a.record.pauses.at(-1)?.requestedAt ?? 0) - (b.record.pauses.at(-1)?.requestedAt ?? 0));
  }

  start(spec: RunSpec, options: StartOptions = {}): Run {
    const nodePath = options.nodePath ?? this.options.nodePath();
    const run = new Run(spec, {
      name: generateRunName((name) => this.records.some((r) => r.name === name)),
      flowName: options.flowName,
      runnerPath: this.options.runnerPath,
      nodePath,
      child: this.spare?.take(nodePath),
      pauseHandler: this.pauseHandlerFor(options, (line) => run.note("warning", line)),
      killAfterMs: this.options.killAfterMs,
      debugPort: options.debugPort,
    });
    this.records.unshift(run.record);
    this.live.set(run.record.id, run);
    run.onDidChange(() => this.changedRecord(run.record));
    run.onDidLog((logs) => {
      void this.options.store.appendLogs(run.record.id, logs);
      this.logged.fire({ record: run.record, logs });
    });
    void run.finished.then(() => {
      this.live.delete(run.record.id);
      this.prune();
      this.changedRecord(run.record);
    });
    run.start();
    // The next spare once this run has had the processor to itself for a moment.
    if (this.spare) setTimeout(() => this.spare?.warm(nodePath), SPARE_AFTER_MS).unref();
    this.changedRecord(run.record);
    return run;
  }

  private pauseHandlerFor({ answers, answersFile }: StartOptions, print: (line: string) => void): PauseHandler {
    if (answersFile) return answersFileHandler(answersFile, print);
    return answers ? recordedAnswersHandler(answers, this.options.pauseHandler) : this.options.pauseHandler;
  }

  /** Runs a past run's flow again with the parameters it ran with (no parameters form). */
  rerun(id: string, answers?: RecordedAnswers): Run | undefined {
    const record = this.find(id);
    return record && this.start(rerunSpec(record), { flowName: record.flowName, answers });
  }

  cancel(id: string, reason?: string): void {
    this.live.get(id)?.cancel(reason);
  }

  /** Deletes a finished run and its logs; a live run is not deleted. */
  async delete(id: string): Promise<boolean> {
    if (this.live.has(id)) return false;
    const before = this.records.length;
    this.records = this.records.filter((r) => r.id !== id);
    if (this.records.length === before) return false;
    this.removedRecords([id]);
    await this.options.store.deleteLogs(id);
    return true;
  }

  /** Deletes every finished run; live runs stay. */
  async clear(): Promise<void> {
    const gone = this.records.filter((r) => !this.live.has(r.id));
    this.records = this.records.filter((r) => this.live.has(r.id));
    this.removedRecords(gone.map((r) => r.id));
    await Promise.all(gone.map((r) => this.options.store.deleteLogs(r.id)));
  }

  /** A run's log records: in memory while it is live, from storage afterwards. */
  async logs(id: string): Promise<LogRecord[]> {
    return this.live.get(id)?.logs ?? this.options.store.readLogs(id);
  }

  /**
   * The window is going away: live runs cannot go on without their host. They are recorded as
   * interrupted (never dropped) and their runners stopped.
   */
  async dispose(): Promise<void> {
    this.spare?.dispose();
    const unsaved = this.saveQueued || this.live.size > 0;
    for (const run of this.live.values()) {
      markInterrupted(run.record, this.interruptedBy);
      run.kill();
    }
    this.live.clear();
    if (unsaved) await this.options.store.save(this.records);
    await this.options.store.flush();
  }

  private prune(): void {
    const limit = Math.max(0, this.options.historyLimit());
    let finished = 0;
    const kept: RunRecord[] = [];
    const gone: string[] = [];
    for (const record of this.records) {
      if (this.live.has(record.id) || ++finished <= limit) kept.push(record);
      else {
        gone.push(record.id);
        void this.options.store.deleteLogs(record.id);
      }
    }
    this.records = kept;
    if (gone.length) this.removed.fire(gone);
  }

  private get interruptedBy(): string {
    return this.options.interruptedBy ?? "the window was closed or reloaded";
  }

  private changedRecord(record: RunRecord): void {
    this.recordChanged.fire(record);
    this.saveSoon();
  }

  private removedRecords(ids: string[]): void {
    this.removed.fire(ids);
    this.saveSoon();
  }

  private saveSoon(): void {
    this.changed.fire();
    // As soon as the write before it is done: a pause or an answer is on disk within a write's time
    // (a runner host killed right after keeps it), and a burst of changes costs one write, not one each.
    if (this.saveQueued) return;
    this.saveQueued = true;
    this.lastSave = this.lastSave.then(() => {
      this.saveQueued = false;
      return this.options.store.save(this.records);
    });
  }

}

