// What Pauseflow keeps in the engine's database, read and written by the worker, the CLI and the
// extension: the DBOS names it uses (queue, message topic) and each stored shape once, as
// a zod schema checked where it is read. A run on the engine is a DBOS workflow; its id is the run's id.
import * as z from "zod";
import { FieldIssue } from "./common";
import { LogRecord, PauseParams, RunState } from "./runner";

/** The DBOS application name and queue every flow's workflow runs from. */
export const ENGINE_APP = "pauseflow";
export const ENGINE_QUEUE = "pauseflow";

/** Message topic of answers (`Submission`) sent to a run. Pauses and verdicts are in Pauseflow's tables (engine/pauseStore.ts). */
export const ANSWER_TOPIC = "pauseflow.answer";

/** The workflow's one argument. */
export const StartInput = z.object({
  params: z.record(z.string(), z.unknown()).optional(),
  /** Who started the run (the OS user of `pauseflow start`). */
  startedBy: z.string().optional(),
});
export type StartInput = z.infer<typeof StartInput>;

/** A pause as any process reads it: what the form needs, and when it times out. */
export const StoredPause = PauseParams.extend({
  /** Milliseconds since the epoch. */
  since: z.number(),
  deadline: z.number().nullable(),
});
export type StoredPause = z.infer<typeof StoredPause>;

/** An answer to a run's pause. `id` names its verdict; `by` is who answered. */
export const Submission = z.object({
  id: z.string().min(1),
  key: z.string(),
  /** Form-shaped, as a form submits it (a wrapped pause: `{ value }`). */
  value: z.unknown(),
  by: z.string(),
  /** Milliseconds since the epoch. */
  at: z.number(),
});
export type Submission = z.infer<typeof Submission>;

export const Verdict = z.discriminatedUnion("verdict", [
  z.object({ verdict: z.literal("accepted") }),
  z.object({ verdict: z.literal("rejected"), issues: z.array(FieldIssue) }),
]);
export type Verdict = z.infer<typeof Verdict>;

/** One pause of a run, and how it ended: who answered and when, or its timeout, or the run's cancel. */
export const PauseHistoryEntry = z.object({
  key: z.string(),
  title: z.string().optional(),
  since: z.number(),
  /** The workflow step the pause began at: a fork from it re-runs the run from this pause. */
  step: z.number(),
  ended: z
    .discriminatedUnion("outcome", [
      z.object({ outcome: z.literal("submitted"), at: z.number(), by: z.string(), value: z.unknown() }),
      z.object({ outcome: z.literal("timedOut"), at: z.number() }),
    ])
    .optional(),
});
export type PauseHistoryEntry = z.infer<typeof PauseHistoryEntry>;

/** The workflow's output: how the flow ended (a flow returning Cancelled(...) ends Cancelled, not Completed). */
export const EngineResult = z.object({
  state: z.enum(["Completed", "Failed", "Cancelled"]),
  message: z.string().optional(),
});
export type EngineResult = z.infer<typeof EngineResult>;

/** A log record of an engine run, numbered in order; `replayed` marks a line printed again by code that re-ran on recovery. */
export const EngineLogRecord = LogRecord.extend({ seq: z.number(), replayed: z.boolean() });
export type EngineLogRecord = z.infer<typeof EngineLogRecord>;

/** A run as `pauseflow runs --json` and the Runs view list it. */
export const EngineRunSummary = z.object({
  id: z.string(),
  flow: z.string(),
  state: RunState,
  /** The key of the pause it waits at, or null. */
  pause: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** A final state's reason, as in "Finished in state Failed('...')". */
  message: z.string().optional(),
});
export type EngineRunSummary = z.infer<typeof EngineRunSummary>;
