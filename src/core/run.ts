// One run, seen from the host (the extension or the CLI): it forks the runner child process,
// speaks the protocol with it, and keeps the run's record and logs. No `vscode` here.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { CancellationTokenSource, ErrorCodes, ResponseError, type CancellationToken, type MessageConnection } from "vscode-jsonrpc"
import { Emitter, type Event } from "../shared/events";;
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import { secondsText } from "../sdk/errors";
import { flowNameIn } from "./flowDiscovery";
import { finishedLine } from "./logFormat";
import { forkRunner } from "./runnerProcess";
import type { PauseRecord, RunRecord } from "./runRecord";
import type { LiveRun } from "./runs";
import { describeProblems, MalformedReplyError, onNotification, onRequest, sendNotification, sendRequest } from "../protocol/checked";
import {
  cancelNotification,
  exitNotification,
  isFinal,
  LOG_FD,
  LogBatch,
  pauseEndedNotification,
  pauseRequest,
  PROTOCOL_VERSION,
  startRequest,
  StartErrorCodes,
  stateNotification,
  validateRequest,
  type LogLevel,
  type LogRecord,
  type PauseAnswer,
  type PauseEnd,
  type PauseEnding,
  type PauseParams,
  type RunSpec,
  type RunState,
  type StateParams,
  type ValidateResult,
} from "../protocol/runner";

/** Answers a pause (shows the form, reads answers...). The token is cancelled when the pause ends otherwise. */
export type PauseHandler = (run: LiveRun, pause: PauseParams, token: CancellationToken) => Promise<PauseAnswer>;

export interface RunOptions {
  /** dist/runner.js */
  runnerPath: string;
  /** The Node executable; default: this process's own (VS Code's, with ELECTRON_RUN_AS_NODE). */
  nodePath?: string;
  /** A runner started ahead (a spare) to use instead of forking one. */
  child?: ChildProcess;
  pauseHandler: PauseHandler;
  /** How long the runner may take to check an answer before the check is given up (default 10 s). */
  answerTimeoutMs?: number;
  /** How long a cancelled runner may take to exit before it is killed. */
  killAfterMs?: number;
  name: string;
  /** The flow's name as far as the host knows it before the runner has loaded the flow. */
  flowName?: string;
  /** The runner waits for a debugger on this loopback port before loading the flow. */
  debugPort?: number;
}

/** A note the host queues for itself behind a runner's last message (never sent over the wire). */
const CHANNEL_CLOSED = "$/pauseflow/channelClosed";
const STDERR_TAIL_LINES = 10;
const INSPECTOR_NOTICE = /^(Debugger listening on ws:|For help, see: https:\/\/nodejs\.org\/|Debugger attached\.|Debugger ending on ws:|Waiting for the debugger to disconnect\.\.\.)/;

/** The pause the run waits at. */
interface OpenPause {
  params: PauseParams;
  record: PauseRecord;
  /** Cancelled when the pause ends: the pause handler stops waiting for an answer. */
  token: CancellationTokenSource;
  end(ending: PauseEnding): void;
}

export class Run implements LiveRun {
  readonly record: RunRecord;
  readonly logs: LogRecord[] = [];
  readonly finished: Promise<RunRecord>;

  private readonly changed = new Emitter<Run>();
  readonly onDidChange: Event<Run> = this.changed.event;
  private readonly logged = new Emitter<LogRecord[]>();
  readonly onDidLog: Event<LogRecord[]> = this.logged.event;

  private child: ChildProcess | undefined;
  private connection: MessageConnection | undefined;
  private cancelledWith: string | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private exitFallback: NodeJS.Timeout | undefined;
  private readonly stderrTail: string[] = [];
  private open: OpenPause | undefined;
  /** How each pause ended (by key; the latest pause of a key), once it has. */
  private readonly endings = new Map<string, Promise<PauseEnding>>();
  /** The final state the runner reported; the run ends with it once the child has exited and its output is read. */
  private reported: StateParams | undefined;
  private resolveFinished!: (record: RunRecord) => void;

  constructor(spec: RunSpec, private readonly options: RunOptions) {
    this.record = {
      id: randomUUID(),
      name: options.name,
      flowName: options.flowName ?? flowNameAhead(spec),
      spec,
      state: "Pending",
      createdAt: Date.now(),
      pauses: [],
    };
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** The pause the run waits at, if any. */
  get pendingPause(): PauseParams | undefined {
    return this.open?.params;
  }

  /** How the pause `key` ended, once the runner has decided it: only this is shown and recorded. */
  pauseEnded(key: string): Promise<PauseEnding> {
    return this.endings.get(key) ?? Promise.resolve({ key, outcome: "runEnded" });
  }

  /** The runner child's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isFinal(): boolean {
    return isFinal(this.record.state);
  }

  start(): this {
    const child = this.options.child ?? forkRunner(this.options.runnerPath, this.options.nodePath, this.record.spec.file);
    this.child = child;
    createInterface({ input: child.stdout! }).on("line", (line) => this.addLogs([logLine("info", line, "stdout")]));
    createInterface({ input: child.stderr! }).on("line", (line) => {
      // What Node's inspector says of itself in a debugged run is not the flow's error output.
      if (this.options.debugPort !== undefined && INSPECTOR_NOTICE.test(line)) return this.addLogs([logLine("debug", line, "runner")]);
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      this.addLogs([logLine("error", line, "stderr")]);
    });
    child.on("error", (error) => this.end("Crashed", `The runner could not start: ${error.message}`));
    const reader = new IPCMessageReader(child);
    const connection = createMessageConnection(reader, new IPCMessageWriter(child));
    this.connection = connection;
    const report = (method: string, detail: string) =>
      this.addLogs([logLine("error", `Rejected a malformed ${method} message from the runner: ${detail}`, "host")]);
    createInterface({ input: child.stdio[LOG_FD] as Readable }).on("line", (line) => this.onLogLine(line, report));
    // The run ends once the child has exited, its output is read ("close"), and the connection has
    // handled its last messages: those are queued, and "close" can come before them, by seconds in a
    // busy host. A runner that exits normally says so last (run/exit). For one that dies, a note is
    // queued behind what it sent once its channel has closed: when that note is handled, so is the rest.
    const handledAll = new Promise<void>((resolve) => {
      onNotification(connection, exitNotification, report, () => resolve());
      connection.onNotification(CHANNEL_CLOSED, () => resolve());
      child.once("disconnect", () => child.emit("message", { jsonrpc: "2.0", method: CHANNEL_CLOSED }));
    });
    const closed = (code: number | null, signal: NodeJS.Signals | null) => void handledAll.then(() => this.onChildClosed(code, signal));
    child.on("close", closed);
    // A grandchild that inherited stdout could hold "close" back for ever.
    child.on("exit", (code, signal) => (this.exitFallback = setTimeout(() => closed(code, signal), 2000)));
    onNotification(connection, stateNotification, report, (p) => this.onState(p));
    onNotification(connection, pauseEndedNotification, report, (p) => this.onPauseEnded(p));
    onRequest(connection, pauseRequest, report, (p, token) => this.onPause(p, token));
    // What the runner sent and could not be read. (A failed send is the sender's to report.)
    reader.onError((error) => report("(unreadable)", error.message));
    connection.listen();

    const { file, flow, params, askForParams } = this.record.spec;
    void sendRequest(connection, startRequest, { protocolVersion: PROTOCOL_VERSION, runId: this.record.id, runName: this.record.name, file, flow, params, askForParams, debugPort: this.options.debugPort }).then(
      (result) => {
        if (result.protocolVersion !== PROTOCOL_VERSION) {
          this.failToStart(StartErrorCodes.ProtocolMismatch, `The runner answered run/start with protocol ${result.protocolVersion}, the host speaks ${PROTOCOL_VERSION}.`);
          return;
        }
        this.record.flowName = result.flowName;
        this.changed.fire(this);
      },
      (error: Error) => {
        const code = error instanceof ResponseError ? error.code : error instanceof MalformedReplyError ? StartErrorCodes.ProtocolMismatch : StartErrorCodes.LoadFailed;
        this.failToStart(code, error.message);
      },
    );
    return this;
  }

  /**
   * Checks a candidate value for the waiting pause with the flow's own schema, in the runner. Any
   * failure is an issue that says what failed; the pause waits on.
   */
  async validate(key: string, value: unknown): Promise<ValidateResult> {
    const problem = (message: string): ValidateResult => ({ ok: false, issues: [{ path: [], message }] });
    if (!this.connection || this.isFinal) return problem("The run has ended.");
    const deadline = this.options.answerTimeoutMs ?? 10_000;
    const cancel = new CancellationTokenSource();
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<"overdue">((resolve) => (timer = setTimeout(() => resolve("overdue"), deadline)));
    try {
      const answer = await Promise.race([sendRequest(this.connection, validateRequest, { key, value }, cancel.token), overdue]);
      if (answer !== "overdue") return answer;
      cancel.cancel();
      return problem(`The runner did not answer within ${secondsText(deadline / 1000)} (is it stopped or busy?); the run is still paused, so try again.`);
    } catch (error) {
      if (this.isFinal || isConnectionGone(error)) return problem("The run has ended.");
      if (error instanceof MalformedReplyError) return problem(`The runner sent an unreadable answer: ${error.message}`);
      if (error instanceof ResponseError && error.code === ErrorCodes.MessageWriteError) return problem(`This answer could not be sent to the runner: ${error.message}`);
      return problem(`The runner could not check this answer: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Asks the runner to stop; a runner that does not exit in time is killed. */
  cancel(reason = "Cancelled by user."): void {
    if (this.isFinal || this.cancelledWith !== undefined) return;
    this.cancelledWith = reason;
    if (this.connection) sendNotification(this.connection, cancelNotification, { reason }).catch(() => {});
    this.killTimer = setTimeout(() => this.child?.kill("SIGKILL"), this.killAfterMs);
  }

  private get killAfterMs(): number {
    return this.options.killAfterMs ?? 3000;
  }

  /** Kills the runner now (the host is going away). */
  kill(): void {
    this.child?.kill("SIGKILL");
  }

  /** A line of the host's own in the run's logs. */
  note(level: LogLevel, message: string): void {
    this.addLogs([logLine(level, message, "host")]);
  }

  /** One batch of log records from the log pipe, checked like any message. */
  private onLogLine(line: string, report: (what: string, detail: string) => void): void {
    let batch;
    try {
      batch = LogBatch.safeParse(JSON.parse(line));
    } catch (error) {
      report("log", `not JSON (${(error as Error).message})`);
      return;
    }
    if (batch.success) this.addLogs(batch.data);
    else report("log", describeProblems(batch.error));
  }

  private onState(params: StateParams): void {
    if (this.isFinal || this.reported) return;
    if (isFinal(params.state)) {
      this.reported = params;
      return;
    }
    this.record.state = params.state;
    this.changed.fire(this);
  }

  private async onPause(params: PauseParams, runnerToken: CancellationToken): Promise<PauseAnswer> {
    const record: PauseRecord = { key: params.key, kind: params.kind, wrapped: params.wrapped, requestedAt: Date.now(), location: params.location };
    this.record.pauses.push(record);
    this.record.state = "Paused";
    const token = new CancellationTokenSource();
    this.endings.set(params.key, new Promise((end) => (this.open = { params, record, token, end })));
    this.changed.fire(this);
    const subscription = runnerToken.onCancellationRequested(() => token.cancel());
    try {
      // Only an answer the runner accepts ends the pause, and the runner says so (pause/ended).
      return await this.options.pauseHandler(this, params, token.token);
    } catch (error) {
      if (token.token.isCancellationRequested) return { action: "cancel", reason: "The pause ended." };
      throw error;
    } finally {
      subscription.dispose();
    }
  }

  private onPauseEnded(end: PauseEnd): void {
    const open = this.open;
    if (!open || open.params.key !== end.key) return;
    if (end.outcome === "submitted" || end.outcome === "invalid") open.record.value = end.value;
    // What was asked for is what a re-run of this run uses.
    if (end.outcome === "submitted" && open.params.kind === "parameters") this.record.spec.params = end.value as Record<string, unknown>;
    this.closePause(end);
  }

  private closePause(ending: PauseEnding): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    open.record.outcome = ending.outcome;
    open.record.endedAt = Date.now();
    open.token.cancel();
    open.end(ending);
    this.changed.fire(this);
  }

  private failToStart(code: number, message: string): void {
    if (this.isFinal || this.reported) return;
    this.record.startErrorCode = code;
    this.reported = { state: "Failed", message };
  }

  private onChildClosed(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.isFinal) return;
    clearTimeout(this.killTimer);
    this.connection?.dispose();
    if (this.reported) {
      this.end(this.reported.state, this.reported.message);
      return;
    }
    if (this.cancelledWith !== undefined) {
      const killed = signal === "SIGKILL" ? ` The runner did not stop within ${this.killAfterMs / 1000} s and was killed.` : "";
      this.end("Cancelled", `${this.cancelledWith}${killed}`);
      return;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.stderrTail.length ? `; last stderr lines:\n${this.stderrTail.join("\n")}` : "";
    this.end("Crashed", `The runner process ${how} before the run finished${tail}`);
  }

  private end(state: RunState, message: string | undefined): void {
    if (this.isFinal) return;
    this.record.state = state;
    this.record.stateMessage = message;
    this.record.endedAt = Date.now();
    clearTimeout(this.exitFallback);
    const level = state === "Failed" || state === "Crashed" ? "error" : "info";
    this.addLogs([logLine(level, finishedLine(state, message), "host")]);
    if (this.open) this.closePause({ key: this.open.params.key, outcome: "runEnded" });
    this.changed.fire(this);
    this.resolveFinished(this.record);
  }

  private addLogs(records: LogRecord[]): void {
    for (const r of records) this.logs.push(r);
    this.logged.fire(records);
  }
}

/** The flow's name before the runner has loaded it (which confirms it): read from its file, as the Flows view does. */
function flowNameAhead(spec: RunSpec): string {
  let text = "";
  try {
    text = readFileSync(spec.file, "utf8");
  } catch {
    // The runner says what is wrong with the file.
  }
  return flowNameIn(text, spec.flow) ?? spec.flow ?? basename(spec.file);
}

function isConnectionGone(error: unknown): boolean {
  return error instanceof ResponseError && (error.code === ErrorCodes.PendingResponseRejected || error.code === ErrorCodes.ConnectionInactive);
}

function logLine(level: LogLevel, message: string, source: LogRecord["source"]): LogRecord {
  return { time: Date.now(), level, message, source };
}
