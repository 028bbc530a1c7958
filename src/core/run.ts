// One run, seen from the host (the extension or the CLI): it forks the runner child process,
// speaks the protocol with it, and keeps the run's record and logs. No `vscode` here.
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { CancellationTokenSource, Emitter, ResponseError, type CancellationToken, type Event, type MessageConnection } from "vscode-jsonrpc";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import { finishedLine } from "./logFormat";
import type { PauseRecord, RunRecord } from "./runRecord";
import { MalformedReplyError, onNotification, onRequest, sendNotification, sendRequest } from "../protocol/checked";
import {
  cancelNotification,
  exitNotification,
  isFinal,
  logNotification,
  pauseRequest,
  PROTOCOL_VERSION,
  startRequest,
  StartErrorCodes,
  stateNotification,
  validateRequest,
  type LogLevel,
  type LogRecord,
  type PauseAnswer,
  type PauseParams,
  type RunSpec,
  type RunState,
  type StateParams,
  type ValidateResult,
} from "../protocol/runner";

/** Answers a pause (shows the form, reads answers...). The token is cancelled when the pause ends otherwise. */
export type PauseHandler = (run: Run, pause: PauseParams, token: CancellationToken) => Promise<PauseAnswer>;

export interface RunOptions {
  /** dist/runner.js */
  runnerPath: string;
  /** The Node executable; default: this process's own (VS Code's, with ELECTRON_RUN_AS_NODE). */
  nodePath?: string;
  /** Working directory of the child; default: the flow file's folder. */
  cwd?: string;
  pauseHandler: PauseHandler;
  /** How long a cancelled runner may take to exit before it is killed. */
  killAfterMs?: number;
  name: string;
}

const STDERR_TAIL_LINES = 10;

export class Run {
  readonly record: RunRecord;
  readonly logs: LogRecord[] = [];
  /** The pause the run waits at, if any. */
  pendingPause: PauseParams | undefined;
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
  private readonly pauseTokens = new Set<CancellationTokenSource>();
  /** The final state the runner reported; the run ends with it once the child has exited and its output is read. */
  private reported: StateParams | undefined;
  private resolveFinished!: (record: RunRecord) => void;

  constructor(spec: RunSpec, private readonly options: RunOptions) {
    this.record = {
      id: randomUUID(),
      name: options.name,
      flowName: spec.flow ?? spec.file.replace(/^.*[\\/]/, ""),
      spec,
      state: "Pending",
      createdAt: Date.now(),
      pauses: [],
    };
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** Why the run is being cancelled, once cancel was asked. */
  get cancelReason(): string | undefined {
    return this.cancelledWith;
  }

  /** The runner child's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get isFinal(): boolean {
    return isFinal(this.record.state);
  }

  start(): this {
    // The file as an argument lets the runner start transpiling it before run/start arrives.
    const child = fork(this.options.runnerPath, [this.record.spec.file], {
      execPath: this.options.nodePath ?? process.execPath,
      // Not this process's flags: the extension host's (or a test runner's) are not the runner's.
      execArgv: [],
      cwd: this.options.cwd,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
    });
    this.child = child;
    createInterface({ input: child.stdout! }).on("line", (line) => this.addLogs([logLine("info", line, "stdout")]));
    createInterface({ input: child.stderr! }).on("line", (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      this.addLogs([logLine("error", line, "stderr")]);
    });
    child.on("error", (error) => this.end("Crashed", `The runner could not start: ${error.message}`));
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    this.connection = connection;
    const report = (method: string, detail: string) =>
      this.addLogs([logLine("error", `Rejected a malformed ${method} message from the runner: ${detail}`, "host")]);
    // The run ends once the child has exited, its output is read ("close"), and the connection has
    // handled its last messages: those are queued, and "close" can come before them. A runner that
    // exits normally says so last (run/exit); one that dies gets a moment for what it sent.
    const handledAll = new Promise<void>((resolve) => {
      onNotification(connection, exitNotification, report, () => resolve());
      child.once("disconnect", () => setTimeout(resolve, 250));
    });
    child.on("close", (code, signal) => void handledAll.then(() => this.onChildClosed(code, signal)));
    // A grandchild that inherited stdout could hold "close" back for ever.
    child.on("exit", (code, signal) => (this.exitFallback = setTimeout(() => this.onChildClosed(code, signal), 2000)));
    onNotification(connection, logNotification, report, (p) => this.addLogs(p.records));
    onNotification(connection, stateNotification, report, (p) => this.onState(p));
    onRequest(connection, pauseRequest, report, (p, token) => this.onPause(p, token));
    connection.onError(([error]) => report("(unreadable)", error.message));
    connection.listen();

    const { file, flow, params, askForParams } = this.record.spec;
    void sendRequest(connection, startRequest, { protocolVersion: PROTOCOL_VERSION, runId: this.record.id, runName: this.record.name, file, flow, params, askForParams }).then(
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

  /** Checks a candidate value for the waiting pause with the flow's own schema, in the runner. */
  async validate(key: string, value: unknown): Promise<ValidateResult> {
    const ended = { ok: false, issues: [{ path: [], message: "The run has ended." }] };
    if (!this.connection || this.isFinal) return ended;
    try {
      return await sendRequest(this.connection, validateRequest, { key, value });
    } catch (error) {
      if (error instanceof MalformedReplyError) return { ok: false, issues: [{ path: [], message: "The runner sent an unreadable answer." }] };
      return ended; // the runner went away while it checked
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
    const pause: PauseRecord = { key: params.key, kind: params.kind, wrapped: params.wrapped, requestedAt: Date.now() };
    this.record.pauses.push(pause);
    this.record.state = "Paused";
    this.pendingPause = params;
    this.changed.fire(this);
    const source = new CancellationTokenSource();
    this.pauseTokens.add(source);
    const subscription = runnerToken.onCancellationRequested(() => source.cancel());
    try {
      const answer = await this.options.pauseHandler(this, params, source.token);
      // An answer after the pause ended (timed out, run cancelled) goes nowhere: the runner moved on.
      if (!source.token.isCancellationRequested) {
        if (answer.action === "submit") pause.value = answer.value;
        // What was asked for is what a re-run of this run uses.
        if (answer.action === "submit" && params.kind === "parameters") this.record.spec.params = answer.value as Record<string, unknown>;
        pause.outcome = answer.action === "submit" ? "submitted" : answer.action === "timeout" ? "timedOut" : "cancelled";
      }
      return answer;
    } catch (error) {
      if (source.token.isCancellationRequested) return { action: "cancel", reason: "The pause ended." };
      throw error;
    } finally {
      if (!pause.outcome) pause.outcome = this.cancelledWith !== undefined || this.isFinal ? "cancelled" : "timedOut";
      pause.endedAt = Date.now();
      subscription.dispose();
      this.pauseTokens.delete(source);
      if (this.pendingPause === params) this.pendingPause = undefined;
      this.changed.fire(this);
    }
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
    for (const source of this.pauseTokens) source.cancel();
    this.changed.fire(this);
    this.resolveFinished(this.record);
  }

  private addLogs(records: LogRecord[]): void {
    for (const r of records) this.logs.push(r);
    this.logged.fire(records);
  }
}

function logLine(level: LogLevel, message: string, source: LogRecord["source"]): LogRecord {
  return { time: Date.now(), level, message, source };
}
