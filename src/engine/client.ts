// What any process does with runs on the engine: start one, list them, read a pause, answer it and
// wait for the workflow's verdict, cancel, read or follow the logs, wait for the end. Used by the
// CLI; the extension will use the same.
import { randomUUID } from "node:crypto";
import { DBOSClient } from "@dbos-inc/dbos-sdk";
import type pg from "pg";
import {
  ANSWER_TOPIC,
  ENGINE_APP,
  ENGINE_QUEUE,
  EngineResult,
  StoredPause,
  type EngineLogRecord,
  type EngineRunSummary,
  type PauseHistoryEntry,
  type StartInput,
} from "../protocol/engine";
import { isFinal, type RunState } from "../protocol/runner";
import { toFlowIssue, toFormValue } from "../shared/formValue";
import type { FieldIssue } from "../protocol/common";
import { checkPauseflowDatabase, connect } from "./database";
import { cancelledEnd, recordCancel } from "./cancellations";
import { NotifyWatcher } from "./notifyWatch";
import { followLogs, readLogs } from "./logStore";
import { currentPause, pauseHistory, readVerdict, VERDICT_CHANNEL } from "./pauseStore";

/** A request the run cannot take (no such run, not paused, over): the CLI prints it and exits 2. */
export class RunRequestError extends Error {
  override name = "RunRequestError";
}

export type AnswerResult =
  | { verdict: "accepted" }
  | { verdict: "rejected"; issues: FieldIssue[] }
  /** No worker gave a verdict in time; the answer stays stored for when one picks the run up. */
  | { verdict: "unchecked" };

interface StatusRow {
  id: string;
  flow: string;
  status: string;
  created_at: string;
  updated_at: string;
  output: string | null;
  error: string | null;
  pause: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

const RUNS_QUERY = `
  SELECT s.workflow_uuid AS id, s.name AS flow, s.status, s.created_at, s.updated_at,
         COALESCE(o.output, s.output) AS output, COALESCE(o.error, s.error) AS error, p.key AS pause,
         c.by AS cancelled_by, c.reason AS cancel_reason
  FROM dbos.workflow_status s
  LEFT JOIN dbos.workflow_output o ON o.workflow_uuid = s.workflow_uuid
  LEFT JOIN pauseflow.pauses p ON p.run_id = s.workflow_uuid AND p.ended IS NULL
  LEFT JOIN pauseflow.cancellations c ON c.run_id = s.workflow_uuid
  WHERE s.application_name = '${ENGINE_APP}'`;

/** Without a notification, a verdict is looked for this often. */
const VERDICT_POLL_MS = 1_000;

export class EngineClient {
  private readonly verdicts: NotifyWatcher;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly dbos: DBOSClient,
  ) {
    this.verdicts = new NotifyWatcher(pool, VERDICT_CHANNEL);
  }

  /** Connects to a Pauseflow database; a wrong URL, password or database is a DatabaseError naming it. */
  static async open(url: string): Promise<EngineClient> {
    const pool = await connect(url);
    try {
      await checkPauseflowDatabase(pool, url);
      const dbos = await DBOSClient.create({ systemDatabaseUrl: url, systemDatabasePoolSize: 4, applicationName: ENGINE_APP });
      return new EngineClient(pool, dbos);
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.verdicts.close();
    await this.dbos.destroy();
    await this.pool.end();
  }

  /** Enqueues a run of the flow of that name; a worker that has it takes it. Returns the run's id. */
  async start(flowName: string, input: StartInput): Promise<string> {
    const handle = await this.dbos.enqueue({ workflowName: flowName, queueName: ENGINE_QUEUE }, input);
    return handle.workflowID;
  }

  /** Newest first. */
  async runs(options: { paused?: boolean; limit?: number } = {}): Promise<EngineRunSummary[]> {
    const where = options.paused ? " AND s.status = 'PENDING' AND p.key IS NOT NULL" : "";
    const { rows } = await this.pool.query<StatusRow>(`${RUNS_QUERY}${where} ORDER BY s.created_at DESC LIMIT $1`, [options.limit ?? 1000]);
    return rows.map((row) => this.summary(row)).filter((run) => !options.paused || run.state === "Paused");
  }

  async run(id: string): Promise<EngineRunSummary> {
    const { rows } = await this.pool.query<StatusRow>(`${RUNS_QUERY} AND s.workflow_uuid = $1`, [id]);
    if (!rows[0]) throw new RunRequestError(`no run '${id}' in this database`);
    return this.summary(rows[0]);
  }

  private summary(row: StatusRow): EngineRunSummary {
    const { state, message } = this.stateOf(row, row.pause !== null);
    return {
      id: row.id,
      flow: row.flow,
      state,
      pause: state === "Paused" ? row.pause : null,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      ...(message === undefined ? {} : { message }),
    };
  }

  private stateOf(row: StatusRow, paused: boolean): { state: RunState; message?: string } {
    switch (row.status) {
      case "ENQUEUED":
        return { state: paused ? "Paused" : "Pending" };
      case "PENDING":
        return { state: paused ? "Paused" : "Running" };
      case "SUCCESS": {
        const result = EngineResult.safeParse(this.dbos.serializer.parse(row.output));
        return result.success ? result.data : { state: "Completed" };
      }
      case "CANCELLED":
        return cancelledEnd(row.cancelled_by ?? undefined, row.cancel_reason);
      case "ERROR":
        return { state: "Failed", message: describeStoredError(this.dbos.serializer.parse(row.error)) };
      default:
        return { state: "Crashed", message: `The engine gave up on the run (${row.status}).` };
    }
  }

  /** The pause the run waits at now, or null. */
  async pause(id: string): Promise<StoredPause | null> {
    return currentPause(this.pool, id);
  }

  /** Every pause of the run so far, with who answered each and when. */
  async pauses(id: string): Promise<PauseHistoryEntry[]> {
    return pauseHistory(this.pool, id);
  }

  /**
   * Sends an answer (the value the flow receives) to the pause the run waits at, and waits for the
   * workflow's verdict, checked with the flow's own schema. Issue paths are the flow's.
   */
  async answer(id: string, options: { key?: string; value: unknown; by: string; waitSeconds: number }): Promise<AnswerResult> {
    const pause = await currentPause(this.pool, id);
    if (!pause) {
      const run = await this.run(id);
      if (isFinal(run.state)) throw new RunRequestError(`run '${id}' is over (${run.state}); there is nothing to answer`);
      throw new RunRequestError(`run '${id}' is not waiting for input (it is ${run.state})`);
    }
    if (options.key !== undefined && options.key !== pause.key) {
      throw new RunRequestError(`run '${id}' waits at pause '${pause.key}', not '${options.key}'`);
    }
    const result = await this.submit(id, { key: pause.key, value: toFormValue(pause, options.value), by: options.by }, options.waitSeconds);
    return result.verdict === "rejected" ? { verdict: "rejected", issues: result.issues.map((issue) => toFlowIssue(pause, issue)) } : result;
  }

  /** Sends a form-shaped answer to pause `key` and waits for the verdict; issue paths are the form's. */
  async submit(id: string, answer: { key: string; value: unknown; by: string }, waitSeconds: number): Promise<AnswerResult> {
    const submission = { id: randomUUID(), ...answer, at: Date.now() };
    const watch = await this.verdicts.watch(submission.id);
    try {
      await this.dbos.send(id, submission, ANSWER_TOPIC, submission.id);
      const deadline = Date.now() + waitSeconds * 1000;
      for (;;) {
        const verdict = await readVerdict(this.pool, submission.id);
        if (verdict !== null) return verdict;
        const left = deadline - Date.now();
        if (left <= 0) return { verdict: "unchecked" };
        await watch.next(Math.min(left, VERDICT_POLL_MS));
      }
    } finally {
      watch.dispose();
    }
  }

  /** A new run that repeats this one up to pause `key` and waits there again (DBOS forkWorkflow). */
  async forkAt(id: string, key: string): Promise<string> {
    const pause = (await this.pauses(id)).find((p) => p.key === key);
    if (!pause) throw new RunRequestError(`run '${id}' has no pause '${key}'`);
    return this.dbos.forkWorkflow(id, pause.step, { queueName: ENGINE_QUEUE });
  }

  /** Records who cancelled (and why, when not by choice), then cancels; a run waiting at a pause is woken so it ends at once. */
  async cancel(id: string, by: string, reason?: string): Promise<void> {
    const run = await this.run(id);
    if (isFinal(run.state)) throw new RunRequestError(`run '${id}' is already over (${run.state})`);
    await recordCancel(this.pool, id, by, reason);
    await this.dbos.cancelWorkflow(id);
    await this.dbos.send(id, { wake: "cancelled" }, ANSWER_TOPIC);
  }

  async logs(id: string): Promise<EngineLogRecord[]> {
    await this.run(id);
    return readLogs(this.pool, id);
  }

  /** The run's lines so far, then each new one, until the run is over. */
  async followLogs(id: string, onRecords: (records: EngineLogRecord[]) => void, signal?: AbortSignal): Promise<void> {
    await this.run(id);
    await followLogs(this.pool, id, onRecords, async () => isFinal((await this.run(id)).state), signal);
  }

  /** Resolves with the run once it is in a final state. */
  async wait(id: string, signal?: AbortSignal): Promise<EngineRunSummary> {
    for (;;) {
      const run = await this.run(id);
      if (isFinal(run.state) || signal?.aborted) return run;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function describeStoredError(error: unknown): string {
  if (error instanceof Error) return `Flow run encountered an exception: ${error.name}: ${error.message}`;
  return `Flow run encountered an exception: ${String(error)}`;
}
