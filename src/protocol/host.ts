// The messages between a window (the extension) and the runner host, the detached process that owns
// a workspace folder's runs (src/host/): each method paired with the zod schemas of its params and
// its reply, which the receiver checks. They travel over a local socket, and the first must be
// host/attach with the token the host wrote beside the socket.
import * as z from "zod";
import { notification, request } from "./checked";
import { LogRecord, PauseAnswer, PauseEnding, PauseParams, RunSpec, ValidateResult } from "./runner";
import { RunRecord } from "../core/runRecord";

/** Bumped on any change a peer of another version could misread; exchanged by host/attach. */
export const HOST_PROTOCOL_VERSION = 2;

/** What a window's settings say about the host; sent at attach and whenever they change. */
export const HostSettings = z.object({
  historyLimit: z.number(),
  /** How long the host stays up with no run live and no window attached. */
  idleSeconds: z.number(),
});
export type HostSettings = z.infer<typeof HostSettings>;

export const OpenPause = z.object({ id: z.string(), pause: PauseParams });
export type OpenPause = z.infer<typeof OpenPause>;

// ---- window -> host

export const attachRequest = request(
  "host/attach",
  z.object({ token: z.string(), protocolVersion: z.number(), settings: HostSettings }),
  z.object({
    protocolVersion: z.number(),
    pid: z.number(),
    /** Every run, newest first. */
    runs: z.array(RunRecord),
    /** The pauses that wait for an answer now. */
    open: z.array(OpenPause),
    /** What the host had to say while no window was attached. */
    warnings: z.array(z.string()),
  }),
);

export const settingsNotification = notification("host/settings", HostSettings);

export const StartParams = z.object({
  spec: RunSpec,
  /** The flow's name, when the window knows it already. */
  flowName: z.string().optional(),
  /** The Node executable for the runner; absent: the host's own. */
  nodePath: z.string().optional(),
  /** Answers to give pauses by key, in order, before any form is asked (a resumed or replayed run). */
  answers: z.record(z.string(), z.array(z.unknown())).optional(),
  /** An answers file's entries, in order (as `pauseflow run --answers`): no form is asked. */
  answersFile: z.array(z.unknown()).optional(),
  /** Debug the run: its runner waits for a debugger on this loopback port. */
  debugPort: z.number().int().optional(),
});
export type StartParams = z.infer<typeof StartParams>;
export const startRequest = request("runs/start", StartParams, RunRecord);

const RunId = z.object({ id: z.string() });
export const cancelNotification = notification("runs/cancel", RunId.extend({ reason: z.string().optional() }));
export const validateRequest = request("runs/validate", RunId.extend({ key: z.string(), value: z.unknown() }), ValidateResult);
/** Answers the pause `key` of a run; `taken` is false when that pause is not waiting any more. */
export const answerRequest = request("runs/answer", RunId.extend({ key: z.string(), answer: PauseAnswer }), z.object({ taken: z.boolean() }));
export const deleteRequest = request("runs/delete", RunId, z.boolean());
export const clearRequest = request("runs/clear", z.object({}), z.null());
export const logsRequest = request("runs/logs", RunId, z.array(LogRecord));

// ---- host -> window

/** A run started or changed (state, pauses, name...): its whole record. */
export const runChangedNotification = notification("runs/changed", z.object({ record: RunRecord }));
export const runsRemovedNotification = notification("runs/removed", z.object({ ids: z.array(z.string()) }));
export const logNotification = notification("runs/log", RunId.extend({ logs: z.array(LogRecord) }));
/** A run waits at a pause: any attached window may answer it. */
export const pauseOpenedNotification = notification("pause/opened", OpenPause);
export const pauseEndedNotification = notification("pause/ended", RunId.extend({ ending: PauseEnding }));
export const warningNotification = notification("host/warning", z.object({ message: z.string() }));
