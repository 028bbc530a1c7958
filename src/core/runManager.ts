// All runs of a window: starts them, keeps their records (live and past) newest first, stores
// them and their logs, prunes old ones, and tells the views what changed. No `vscode` here.
import { Emitter, type Event } from "vscode-jsonrpc";
import type { HistoryStore } from "./historyStore";
import { isFinal, type LogRecord, type RunSpec } from "../protocol/runner";
import { Run, type PauseHandler } from "./run";
import type { RunRecord } from "./runRecord";
import { generateRunName } from "./runNames";

export interface RunManagerOptions {
  runnerPath: string;
  store: HistoryStore;
  pauseHandler: PauseHandler;
  /** The Node executable for runners; undefined: the host's own. Read at each start. */
  nodePath(): string | undefined;
  /** How many finished runs history keeps. Read at each prune. */
  historyLimit(): number;
  killAfterMs?: number;
}

/** Log lines of one run, as they arrive. */
export interface RunLogs {
  record: RunRecord;
  logs: LogRecord[];
}

const SAVE_DELAY_MS = 100;

export class RunManager {
  private records: RunRecord[];
  private readonly live = new Map<string, Run>();
  private saveTimer: NodeJS.Timeout | undefined;

  private readonly changed = new Emitter<void>();
  /** A run started, changed state, paused, ended, or was deleted. */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly logged = new Emitter<RunLogs>();
  readonly onDidLog: Event<RunLogs> = this.logged.event;

  constructor(private readonly options: RunManagerOptions) {
    this.records = options.store.load();
    const interrupted = this.records.filter((r) => !isFinal(r.state));
    for (const record of interrupted) markInterrupted(record);
    if (interrupted.length) void options.store.save(this.records);
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

  /** @param flowName the flow's name, when the caller knows it already (the runner reports it once loaded) */
  start(spec: RunSpec, flowName?: string): Run {
    const run = new Run(spec, {
      name: generateRunName((name) => this.records.some((r) => r.name === name)),
      flowName,
      runnerPath: this.options.runnerPath,
      nodePath: this.options.nodePath(),
      pauseHandler: this.options.pauseHandler,
      killAfterMs: this.options.killAfterMs,
    });
    this.records.unshift(run.record);
    this.live.set(run.record.id, run);
    run.onDidChange(() => this.recordChanged());
    run.onDidLog((logs) => {
      void this.options.store.appendLogs(run.record.id, logs);
      this.logged.fire({ record: run.record, logs });
    });
    void run.finished.then(() => {
      this.live.delete(run.record.id);
      this.prune();
      this.recordChanged();
    });
    run.start();
    this.recordChanged();
    return run;
  }

  /** Runs a past run's flow again with the parameters it ran with (no parameters form). */
  rerun(id: string): Run | undefined {
    const record = this.find(id);
    return record && this.start({ file: record.spec.file, flow: record.spec.flow, params: record.spec.params }, record.flowName);
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
    this.recordChanged();
    await this.options.store.deleteLogs(id);
    return true;
  }

  /** Deletes every finished run; live runs stay. */
  async clear(): Promise<void> {
    const gone = this.records.filter((r) => !this.live.has(r.id));
    this.records = this.records.filter((r) => this.live.has(r.id));
    this.recordChanged();
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
    const unsaved = this.saveTimer !== undefined || this.live.size > 0;
    clearTimeout(this.saveTimer);
    for (const run of this.live.values()) {
      markInterrupted(run.record);
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
    for (const record of this.records) {
      if (this.live.has(record.id) || ++finished <= limit) kept.push(record);
      else void this.options.store.deleteLogs(record.id);
    }
    this.records = kept;
  }

  private recordChanged(): void {
    this.changed.fire();
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.options.store.save(this.records);
    }, SAVE_DELAY_MS);
  }
}

function markInterrupted(record: RunRecord): void {
  const was = record.state;
  record.state = "Crashed";
  record.stateMessage = `Interrupted: the window was closed or reloaded while the run was ${was}.`;
  record.endedAt ??= Date.now();
  for (const pause of record.pauses) {
    if (pause.outcome) continue;
    pause.outcome = "runEnded";
    pause.endedAt = record.endedAt;
  }
}
