// The runner host's work: it owns a workspace folder's runs (a RunManager, the one writer of their
// history) and serves the windows attached to it. Every attached window sees every run, its logs
// and its pauses; any of them may answer a pause, and the runner decides which answer won.
import { timingSafeEqual } from "node:crypto";
import type { Socket } from "node:net";
import { ErrorCodes, ResponseError, type MessageConnection } from "vscode-jsonrpc";
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from "vscode-jsonrpc/node";
import { HistoryStore } from "../core/historyStore";
import { RunManager } from "../core/runManager";
import { HOST_LOST } from "../core/runs";
import type { PauseHandler } from "../core/run";
import { onNotification, onRequest, sendNotification, type Notification } from "../protocol/checked";
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
  type OpenPause,
} from "../protocol/host";
import { isFinal, type PauseAnswer } from "../protocol/runner";

export interface RunnerHostOptions {
  storageDir: string;
  runnerPath: string;
  token: string;
  settings: HostSettings;
  /** Called once the host has been idle (no run live, no window attached) for `settings.idleSeconds`. */
  onIdle(): void;
  log(message: string): void;
}

/** A pause waiting for any window's answer. */
interface WaitingPause extends OpenPause {
  answer(answer: PauseAnswer): void;
}

export class RunnerHost {
  readonly runs: RunManager;
  private readonly windows = new Set<MessageConnection>();
  private readonly waiting = new Map<string, WaitingPause>();
  /** Said while no window was attached: the next window to attach hears it. */
  private readonly unheard: string[] = [];
  private settings: HostSettings;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RunnerHostOptions) {
    this.settings = options.settings;
    this.runs = new RunManager({
      runnerPath: options.runnerPath,
      store: new HistoryStore(options.storageDir, (message) => this.warn(message)),
      pauseHandler: this.handlePause,
      nodePath: () => undefined,
      historyLimit: () => this.settings.historyLimit,
      interruptedBy: HOST_LOST,
      spare: true,
    });
    this.runs.onDidChangeRecord((record) => {
      this.broadcast(runChangedNotification, { record });
      this.checkIdle();
    });
    this.runs.onDidRemove((ids) => this.broadcast(runsRemovedNotification, { ids }));
    this.runs.onDidLog(({ record, logs }) => this.broadcast(logNotification, { id: record.id, logs }));
    this.checkIdle();
  }

  /** Serves one window's connection; nothing but host/attach with the right token is answered before it. */
  serve(socket: Socket): void {
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    const report = (method: string, detail: string) => this.options.log(`Rejected a malformed ${method} message from a window: ${detail}`);
    let attached = false;
    const attachedOnly =
      <P, R>(handler: (params: P) => R) =>
      (params: P): R => {
        if (!attached) throw new ResponseError(ErrorCodes.InvalidRequest, "Attach first (host/attach with the host's token).");
        return handler(params);
      };
    onRequest(connection, attachRequest, report, (params) => {
      if (!sameToken(params.token, this.options.token)) {
        setTimeout(() => socket.end(), 100); // once the refusal is written
        throw new ResponseError(ErrorCodes.InvalidRequest, "Wrong token: this runner host does not know this window.");
      }
      attached = true;
      this.windows.add(connection);
      this.settings = params.settings;
      this.checkIdle();
      return {
        protocolVersion: HOST_PROTOCOL_VERSION,
        pid: process.pid,
        runs: [...this.runs.all],
        open: [...this.waiting.values()].map(({ id, pause }) => ({ id, pause })),
        warnings: this.unheard.splice(0),
      };
    });
    onNotification(connection, settingsNotification, report, (settings) => {
      if (attached) this.settings = settings;
    });
    onRequest(
      connection,
      startRequest,
      report,
      attachedOnly(({ spec, flowName, nodePath, answers, answersFile, debugPort }) => this.runs.start(spec, { flowName, answers, answersFile, nodePath, debugPort }).record),
    );
    onNotification(connection, cancelNotification, report, ({ id, reason }) => attached && this.runs.cancel(id, reason));
    onRequest(
      connection,
      validateRequest,
      report,
      attachedOnly(({ id, key, value }) => this.runs.liveRun(id)?.validate(key, value) ?? { ok: false, issues: [{ path: [], message: "The run has ended." }] }),
    );
    onRequest(
      connection,
      answerRequest,
      report,
      attachedOnly(({ id, key, answer }) => {
        const waiting = this.waiting.get(id);
        if (!waiting || waiting.pause.key !== key) return { taken: false };
        waiting.answer(answer);
        return { taken: true };
      }),
    );
    onRequest(connection, deleteRequest, report, attachedOnly(({ id }) => this.runs.delete(id)));
    onRequest(
      connection,
      clearRequest,
      report,
      attachedOnly(async () => {
        await this.runs.clear();
        return null;
      }),
    );
    onRequest(connection, logsRequest, report, attachedOnly(({ id }) => this.runs.logs(id)));
    connection.onClose(() => {
      this.windows.delete(connection);
      this.checkIdle();
    });
    connection.listen();
  }

  /** A run's pause waits until one window answers it, or until it ends otherwise. */
  private readonly handlePause: PauseHandler = (run, pause, token) =>
    new Promise((resolve) => {
      const id = run.record.id;
      const waiting: WaitingPause = {
        id,
        pause,
        answer: (answer) => {
          if (this.waiting.get(id) === waiting) this.waiting.delete(id);
          ended.dispose();
          resolve(answer);
        },
      };
      const ended = token.onCancellationRequested(() => waiting.answer({ action: "cancel", reason: "The pause ended." }));
      this.waiting.set(id, waiting);
      this.broadcast(pauseOpenedNotification, { id, pause });
      void run.pauseEnded(pause.key).then((ending) => this.broadcast(pauseEndedNotification, { id, ending }));
    });

  private warn(message: string): void {
    this.options.log(message);
    if (this.windows.size) this.broadcast(warningNotification, { message });
    else this.unheard.push(message);
  }

  private broadcast<P>(message: Notification<P>, params: P): void {
    for (const window of this.windows) void sendNotification(window, message, params).catch(() => {});
  }

  /** Idle: no window attached and no run live. A paused run keeps the host up until the pause's own timeout ends it. */
  private checkIdle(): void {
    const idle = this.windows.size === 0 && this.runs.all.every((record) => isFinal(record.state));
    if (!idle) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    } else if (!this.idleTimer) {
      this.idleTimer = setTimeout(() => this.options.onIdle(), this.settings.idleSeconds * 1000);
    }
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const window of this.windows) window.dispose();
    await this.runs.dispose();
  }
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
