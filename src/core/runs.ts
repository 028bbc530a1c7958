// What a window needs of the runs, whoever owns them: the window itself (RunManager, runs as its
// children) or the runner host it attaches to (HostRuns). Views, commands and forms use only this.
import type { Event } from "../shared/events";
import type { LogRecord, PauseEnding, PauseParams, RunSpec, ValidateResult } from "../protocol/runner";
import type { RunRecord } from "./runRecord";

/** A run that has not ended. */
export interface LiveRun {
  readonly record: RunRecord;
  /** The pause the run waits at, if any. */
  readonly pendingPause: PauseParams | undefined;
  /** Checks a candidate answer with the flow's own schema; any failure is an issue that says what failed. */
  validate(key: string, value: unknown): Promise<ValidateResult>;
  /** How the pause `key` ended, once it has: only this is shown and recorded. */
  pauseEnded(key: string): Promise<PauseEnding>;
}

/** Log lines of one run, as they arrive. */
export interface RunLogs {
  record: RunRecord;
  logs: LogRecord[];
}

/** Answers to give a run's pauses, by key, in the order they come. */
export type RecordedAnswers = Record<string, unknown[]>;

export interface StartOptions {
  /** The flow's name, when the caller knows it already (the runner reports it once loaded). */
  flowName?: string;
  /** Pauses with a recorded answer get it (if the flow's schema still takes it) instead of a form. */
  answers?: RecordedAnswers;
  /**
   * An answers file's entries (as `pauseflow run --answers`): each answers the next pause, a refused
   * one is logged and the next tried, and a pause with none left cancels the run. No form opens.
   */
  answersFile?: unknown[];
  /** The Node executable for this run's runner; default: the owner's own choice. */
  nodePath?: string;
  /** Debug the run: its runner waits for a debugger on this loopback port before loading the flow. */
  debugPort?: number;
}

export interface Runs {
  /** Every run, newest first. */
  readonly all: readonly RunRecord[];
  find(id: string): RunRecord | undefined;
  liveRun(id: string): LiveRun | undefined;
  /** Live runs waiting at a pause, the longest waiting first. */
  waiting(): LiveRun[];
  start(spec: RunSpec, options?: StartOptions): LiveRun | Promise<LiveRun>;
  cancel(id: string, reason?: string): void;
  /** Deletes a finished run and its logs; a live run is not deleted. */
  delete(id: string): Promise<boolean>;
  /** Deletes every finished run; live runs stay. */
  clear(): Promise<void>;
  /** A run's log records, all of them. */
  logs(id: string): Promise<LogRecord[]>;
  /** A run started, changed state, paused, ended, or was deleted. */
  readonly onDidChange: Event<void>;
  readonly onDidLog: Event<RunLogs>;
  dispose(): Promise<void>;
}

/** The answers a run's pauses were given and took, by key in order: what a resumed or replayed run gets again. */
export function recordedAnswers(record: RunRecord): RecordedAnswers {
  const answers: RecordedAnswers = {};
  for (const pause of record.pauses) {
    if (pause.kind === "pause" && pause.outcome === "submitted") (answers[pause.key] ??= []).push(pause.value);
  }
  return answers;
}

/**
 * The last answer the flow `flowName` accepted at a pause of this kind and key (form-shaped), from
 * `records` (newest first), if any: what "Fill from Last Answer" fills a form with.
 */
export function lastAcceptedAnswer(records: readonly RunRecord[], flowName: string, pause: Pick<PauseParams, "key" | "kind">): { value: unknown } | undefined {
  for (const record of records) {
    if (record.flowName !== flowName) continue;
    const found = record.pauses.findLast((p) => p.key === pause.key && p.kind === pause.kind && p.outcome === "submitted");
    if (found) return { value: found.value };
  }
  return undefined;
}

/** What a re-run of a past run runs: its flow, with the parameters it ran with (no parameters form). */
export function rerunSpec(record: RunRecord): RunSpec {
  return { file: record.spec.file, flow: record.spec.flow, params: record.spec.params };
}

const INTERRUPTED = "Interrupted: ";

/** Why a runner host's live runs did not go on. */
export const HOST_LOST = "the runner host stopped (it was killed, or crashed)";

/** Ends a record whose run could not go on (its owner went away), saying why; its open pause ends with it. */
export function markInterrupted(record: RunRecord, by: string): void {
  const was = record.state;
  record.state = "Crashed";
  record.stateMessage = `${INTERRUPTED}${by} while the run was ${was}.`;
  record.endedAt ??= Date.now();
  for (const pause of record.pauses) {
    if (pause.outcome) continue;
    pause.outcome = "runEnded";
    pause.endedAt = record.endedAt;
  }
}

/** A run cut off by its owner going away (a reload, a killed host): it can be resumed from its recorded answers. */
export function isInterrupted(record: RunRecord): boolean {
  return record.state === "Crashed" && (record.stateMessage ?? "").startsWith(INTERRUPTED);
}
