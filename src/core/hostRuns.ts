// A window's runs when they live in the workspace folder's runner host (src/host/): attaches to the
// host, starting it (detached) when none answers, mirrors its runs, and answers its pauses with the
// window's pause handler. If the host goes away, its live runs are shown Crashed and a new host is
// started. No `vscode` here.
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { CancellationTokenSource, type MessageConnection } from "vscode-jsonrpc";
import { Emitter, type Event } from "../shared/events";
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from "vscode-jsonrpc/node";
import { onNotification, sendNotification, sendRequest, type Request } from "../protocol/checked";
import {
  answerRequest,
  attachRequest,
  cancelNotification,
  clearRequest,
  deleteRequest,
  HOST_PROTOCOL_VERSION,
  logNotification,
  logsRequest,
  pauseEndedNotification,
  pauseOpenedNotification,
  runChangedNotification,
  runsRemovedNotification,
  settingsNotification,
  startRequest,
  validateRequest,
  warningNotification,
  type HostSettings,
} from "../protocol/host";
import { isFinal, type LogRecord, type PauseEnding, type PauseParams, type RunSpec, type ValidateResult } from "../protocol/runner";
import { hostLocation, makeHostFolders, readHostInfo, socketAnswers, type HostLocation } from "./hostLocation";
import type { PauseHandler } from "./run";
import type { RunRecord } from "./runRecord";
import { HOST_LOST, markInterrupted, type LiveRun, type RunLogs, type Runs, type StartOptions } from "./runs";

/** How long a host that took the connection may take to answer host/attach. */
const ATTACH_TIMEOUT_MS = 5_000;

export interface HostRunsOptions {
  /** The workspace folder's storage: the host's history and socket live there. */
  storageDir: string;
  /** dist/runnerHost.js */
  hostScript: string;
  pauseHandler: PauseHandler;
  settings(): HostSettings;
  /** The Node executable for runners; undefined: the host's own. Read at each start. */
  nodePath(): string | undefined;
  warn(message: string): void;
  /** How long a host being started may take to answer. */
  startTimeoutMs?: number;
}


/**
 * For a window set to own its runs (`pauseflow.runnerHost: "window"`): the folder's runner host, if
 * one still runs, must go first, or both would write the history. A host with no live run is asked
 * to exit (its idle time set to none as this window leaves) and waited for. A host that stays (it
 * has live runs, or another window) is returned, to be used instead until it has gone.
 */
export async function hostInTheWay(options: HostRunsOptions, waitMs = 5_000): Promise<HostRuns | undefined> {
  const { socket } = hostLocation(options.storageDir);
  if (!(await socketAnswers(socket))) return undefined;
  const leaving = new HostRuns({ ...options, settings: () => ({ ...options.settings(), idleSeconds: 0 }) });
  await leaving.attach();
  const live = leaving.all.some((record) => !isFinal(record.state));
  await leaving.dispose();
  if (!live) {
    await stopsAnswering(socket, waitMs);
    if (!(await socketAnswers(socket))) return undefined;
  }
  const staying = new HostRuns(options);
  await staying.attach();
  return staying;
}

export class HostRuns implements Runs {
  private records: RunRecord[] = [];
  private readonly live = new Map<string, RemoteRun>();
  private readonly location: HostLocation;
  private connection: MessageConnection | undefined;
  private attaching: Promise<MessageConnection> | undefined;
  private disposed = false;
  /** The host's process id, once attached. */
  hostPid: number | undefined;

  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly logged = new Emitter<RunLogs>();
  readonly onDidLog: Event<RunLogs> = this.logged.event;

  constructor(private readonly options: HostRunsOptions) {
    this.location = hostLocation(options.storageDir);
  }

  /** Attaches to the folder's runner host, starting one when none answers; resolves once the runs are known. */
  async attach(): Promise<void> {
    await this.connected();
  }

  get all(): readonly RunRecord[] {
    return this.records;
  }

  find(id: string): RunRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  liveRun(id: string): LiveRun | undefined {
    const record = this.find(id);
    return record && !isFinal(record.state) ? this.remote(id) : undefined;
  }

  waiting(): LiveRun[] {
    const requestedAt = (run: RemoteRun) => run.record.pauses.at(-1)?.requestedAt ?? 0;
    return [...this.live.values()].filter((run) => run.pendingPause).sort((a, b) => requestedAt(a) - requestedAt(b));
  }

  async start(spec: RunSpec, options: StartOptions = {}): Promise<LiveRun> {
    const connection = await this.connected();
    const record = await sendRequest(connection, startRequest, { spec, flowName: options.flowName, answers: options.answers, answersFile: options.answersFile, nodePath: options.nodePath ?? this.options.nodePath(), debugPort: options.debugPort });
    this.upsert(record);
    return this.remote(record.id);
  }

  cancel(id: string, reason?: string): void {
    if (this.connection) void sendNotification(this.connection, cancelNotification, { id, reason }).catch(() => {});
  }

  async delete(id: string): Promise<boolean> {
    return this.request(deleteRequest, { id });
  }

  async clear(): Promise<void> {
    await this.request(clearRequest, {});
  }

  async logs(id: string): Promise<LogRecord[]> {
    return this.request(logsRequest, { id });
  }

  /** Tells the host the window's settings again (they changed). */
  settingsChanged(): void {
    if (this.connection) void sendNotification(this.connection, settingsNotification, this.options.settings()).catch(() => {});
  }

  /** The window goes away; the host and its runs stay. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.connection?.dispose();
    this.connection = undefined;
  }

  async request<P, R>(message: Request<P, R>, params: P): Promise<R> {
    return sendRequest(await this.connected(), message, params);
  }

  private connected(): Promise<MessageConnection> {
    if (this.connection) return Promise.resolve(this.connection);
    this.attaching ??= this.attachOrStart().finally(() => (this.attaching = undefined));
    return this.attaching;
  }

  private async attachOrStart(): Promise<MessageConnection> {
    const attached = await this.tryAttach();
    if (attached) return attached;
    this.startHost();
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 15_000);
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const connection = await this.tryAttach();
      if (connection) return connection;
    }
    throw new Error(`The runner host did not start. The end of its log (${this.location.log}):\n${lastLines(this.location.log, 5)}`);
  }

  private startHost(): void {
    makeHostFolders(this.location);
    const log = openSync(this.location.log, "a", 0o600);
    const { historyLimit, idleSeconds } = this.options.settings();
    const child = spawn(
      process.execPath,
      [this.options.hostScript, "--storage", this.options.storageDir, "--idle-seconds", String(idleSeconds), "--history-limit", String(historyLimit)],
      { detached: true, stdio: ["ignore", log, log], windowsHide: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" } },
    );
    child.unref();
  }

  /** Connects and attaches to the host that host.json names; undefined when none answers there. */
  private async tryAttach(): Promise<MessageConnection | undefined> {
    if (this.disposed) throw new Error("The window is closing.");
    const info = readHostInfo(this.location);
    if (!info) return undefined;
    const socket = await openSocket(info.socket);
    if (!socket) return undefined;
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    this.listen(connection);
    connection.listen();
    let result;
    try {
      // A host killed a moment ago may still take the connection and then never answer.
      const gone = new Promise<never>((_, reject) => {
        socket.once("close", () => reject(new Error("the host went away")));
        setTimeout(() => reject(new Error("the host did not answer")), ATTACH_TIMEOUT_MS).unref();
      });
      gone.catch(() => {});
      result = await Promise.race([sendRequest(connection, attachRequest, { token: info.token, protocolVersion: HOST_PROTOCOL_VERSION, settings: this.options.settings() }), gone]);
    } catch {
      connection.dispose();
      socket.destroy();
      return undefined;
    }
    if (result.protocolVersion !== HOST_PROTOCOL_VERSION) {
      if (result.runs.every((record) => isFinal(record.state))) {
        // A host of another version with no live run: it is told to leave as soon as this window
        // does, and once it has gone the caller starts a host of this version.
        await sendNotification(connection, settingsNotification, { ...this.options.settings(), idleSeconds: 0 }).catch(() => {});
        connection.dispose();
        socket.destroy();
        await stopsAnswering(info.socket, 5_000);
        return undefined;
      }
      connection.dispose();
      throw new Error(
        `The runner host (pid ${result.pid}) speaks protocol ${result.protocolVersion} and this window ${HOST_PROTOCOL_VERSION}: it is from another version of Pauseflow. It exits once its runs are over; reload the window then.`,
      );
    }
    this.connection = connection;
    this.hostPid = result.pid;
    connection.onClose(() => this.lost(connection));
    this.records = result.runs;
    for (const run of this.live.values()) run.close();
    this.live.clear();
    for (const { id, pause } of result.open) this.opened(id, pause);
    for (const message of result.warnings) this.options.warn(message);
    this.changed.fire();
    return connection;
  }

  private listen(connection: MessageConnection): void {
    const report = (method: string, detail: string) => this.options.warn(`Rejected a malformed ${method} message from the runner host: ${detail}`);
    onNotification(connection, runChangedNotification, report, ({ record }) => this.upsert(record));
    onNotification(connection, runsRemovedNotification, report, ({ ids }) => {
      this.records = this.records.filter((r) => !ids.includes(r.id));
      this.changed.fire();
    });
    onNotification(connection, logNotification, report, ({ id, logs }) => {
      const record = this.find(id);
      if (record) this.logged.fire({ record, logs });
    });
    onNotification(connection, pauseOpenedNotification, report, ({ id, pause }) => this.opened(id, pause));
    onNotification(connection, pauseEndedNotification, report, ({ id, ending }) => {
      this.live.get(id)?.ended(ending);
      this.changed.fire();
    });
    onNotification(connection, warningNotification, report, ({ message }) => this.options.warn(message));
  }

  /** A record changed in place, as the window's own runs change: what holds it sees the change. */
  private upsert(record: RunRecord): void {
    const known = this.find(record.id);
    if (known) {
      for (const key of Object.keys(known) as (keyof RunRecord)[]) if (!(key in record)) delete known[key];
      Object.assign(known, record);
    } else this.records.unshift(record);
    if (isFinal(record.state)) {
      this.live.get(record.id)?.close();
      this.live.delete(record.id);
    }
    this.changed.fire();
  }

  private remote(id: string): RemoteRun {
    let run = this.live.get(id);
    if (!run) {
      run = new RemoteRun(this, id);
      this.live.set(id, run);
    }
    return run;
  }

  /** A pause opened in the host: this window's pause handler may answer it. */
  private opened(id: string, pause: PauseParams): void {
    const run = this.remote(id);
    const token = run.opened(pause);
    this.changed.fire(); // the run waits: views, the status bar and the badge count it now
    void this.options.pauseHandler(run, pause, token).then(
      (answer) => {
        // Answered elsewhere, or over: whatever this form says now is for nobody.
        if (token.isCancellationRequested || !this.connection) return;
        void sendRequest(this.connection, answerRequest, { id, key: pause.key, answer }).catch(() => {});
      },
      (error: Error) => this.options.warn(`Could not answer pause '${pause.key}': ${error.message}`),
    );
  }

  /** The host went away: its live runs cannot go on. They show Crashed, and a new host is started. */
  private lost(connection: MessageConnection): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    if (this.disposed) return;
    for (const record of this.records) if (!isFinal(record.state)) markInterrupted(record, HOST_LOST);
    for (const run of this.live.values()) run.close();
    this.live.clear();
    this.changed.fire();
    this.options.warn(`The runner host stopped unexpectedly (it was killed, or crashed); its live runs are recorded as Crashed. Starting a new one.`);
    void this.connected().catch((error: Error) => this.options.warn(error.message));
  }
}

/** A live run of the host, as this window sees it. */
class RemoteRun implements LiveRun {
  pendingPause: PauseParams | undefined;
  private pauseToken: CancellationTokenSource | undefined;
  private readonly endings = new Map<string, { promise: Promise<PauseEnding>; resolve(ending: PauseEnding): void }>();

  constructor(
    private readonly owner: HostRuns,
    readonly id: string,
  ) {}

  get record(): RunRecord {
    return this.owner.find(this.id)!;
  }

  async validate(key: string, value: unknown): Promise<ValidateResult> {
    try {
      return await this.owner.request(validateRequest, { id: this.id, key, value });
    } catch (error) {
      return { ok: false, issues: [{ path: [], message: `The runner host could not check this answer: ${(error as Error).message}` }] };
    }
  }

  pauseEnded(key: string): Promise<PauseEnding> {
    return this.endings.get(key)?.promise ?? Promise.resolve({ key, outcome: "runEnded" });
  }

  opened(pause: PauseParams): CancellationTokenSource["token"] {
    this.pauseToken?.cancel();
    let resolve!: (ending: PauseEnding) => void;
    const promise = new Promise<PauseEnding>((r) => (resolve = r));
    this.endings.set(pause.key, { promise, resolve });
    this.pendingPause = pause;
    this.pauseToken = new CancellationTokenSource();
    return this.pauseToken.token;
  }

  ended(ending: PauseEnding): void {
    this.endings.get(ending.key)?.resolve(ending);
    if (this.pendingPause?.key !== ending.key) return;
    this.pendingPause = undefined;
    this.pauseToken?.cancel();
  }

  /** The run is over (or the host gone): a pause still open ended with it. */
  close(): void {
    if (this.pendingPause) this.ended({ key: this.pendingPause.key, outcome: "runEnded" });
  }
}

function openSocket(path: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once("connect", () => resolve(socket));
    socket.once("error", () => resolve(undefined));
  });
}

function lastLines(file: string, count: number): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-count).join("\n");
  } catch (error) {
    return (error as Error).message;
  }
}

/** Waits until nothing answers on the socket, or the time is up. */
async function stopsAnswering(socket: string, waitMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < waitMs && (await socketAnswers(socket))) await new Promise((resolve) => setTimeout(resolve, 100));
}
