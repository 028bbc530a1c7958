// The pauses of engine runs and the verdicts on their answers, in Pauseflow's own tables: written by
// the workflow (one statement each, outside DBOS's transactions) and read by any process.
//
// They were DBOS events first, but each setEvent is a transaction of eight statements, and an answer
// took three of them; answering 1000 pauses spent most of its time there. Plain writes are safe here
// because the workflow's code is deterministic: on recovery it replays, writing the same rows again
// (a pause's row is kept as first written; its end and verdicts are idempotent).
import type pg from "pg";
import { PauseHistoryEntry, StoredPause, Verdict } from "../protocol/engine";
import { retryWhileAway } from "./database";

/** NOTIFY channel of verdicts; the payload is the submission's id. */
export const VERDICT_CHANNEL = "pauseflow_verdicts";

export type PauseEnd = NonNullable<PauseHistoryEntry["ended"]>;

/** The run's pause number `index` (from 0) begins at DBOS step `step`. */
export function beginPause(pool: pg.Pool, runId: string, index: number, step: number, pause: StoredPause): Promise<unknown> {
  return retryWhileAway(() =>
    pool.query(
      `INSERT INTO pauseflow.pauses (run_id, ordinal, key, title, step, since, pause) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, ordinal) DO NOTHING`,
      [runId, index, pause.key, pause.title ?? null, step, pause.since, JSON.stringify(pause)],
    ),
  );
}

/** Ends the pause; with a submission, also its verdict, and wakes who waits for it. One statement. */
export function endPause(pool: pg.Pool, runId: string, index: number, end: PauseEnd, submissionId?: string): Promise<unknown> {
  const ended = JSON.stringify(end);
  if (submissionId === undefined) {
    return retryWhileAway(() => pool.query("UPDATE pauseflow.pauses SET ended = $3 WHERE run_id = $1 AND ordinal = $2", [runId, index, ended]));
  }
  return retryWhileAway(() =>
    pool.query(
      `WITH verdict AS (
         INSERT INTO pauseflow.verdicts (submission_id, run_id, verdict) VALUES ($4, $1, $5) ON CONFLICT (submission_id) DO NOTHING
       ), pause AS (
         UPDATE pauseflow.pauses SET ended = $3 WHERE run_id = $1 AND ordinal = $2
       )
       SELECT pg_notify('${VERDICT_CHANNEL}', $4)`,
      [runId, index, ended, submissionId, JSON.stringify({ verdict: "accepted" } satisfies Verdict)],
    ),
  );
}

/** A verdict that leaves the pause waiting (a rejection). */
export function storeVerdict(pool: pg.Pool, runId: string, submissionId: string, verdict: Verdict): Promise<unknown> {
  return retryWhileAway(() =>
    pool.query(
      `WITH verdict AS (
         INSERT INTO pauseflow.verdicts (submission_id, run_id, verdict) VALUES ($1, $2, $3) ON CONFLICT (submission_id) DO NOTHING
       )
       SELECT pg_notify('${VERDICT_CHANNEL}', $1)`,
      [submissionId, runId, JSON.stringify(verdict)],
    ),
  );
}

export async function readVerdict(pool: pg.Pool, submissionId: string): Promise<Verdict | null> {
  const { rows } = await pool.query<{ verdict: string }>("SELECT verdict FROM pauseflow.verdicts WHERE submission_id = $1", [submissionId]);
  return rows[0] ? Verdict.parse(JSON.parse(rows[0].verdict)) : null;
}

/** The pause the run waits at now; null when it waits at none, or is over (a run cancelled at a pause). */
export async function currentPause(pool: pg.Pool, runId: string): Promise<StoredPause | null> {
  const { rows } = await pool.query<{ pause: string }>(
    `SELECT p.pause FROM pauseflow.pauses p JOIN dbos.workflow_status s ON s.workflow_uuid = p.run_id
     WHERE p.run_id = $1 AND p.ended IS NULL AND s.status IN ('PENDING', 'ENQUEUED') ORDER BY p.ordinal DESC LIMIT 1`,
    [runId],
  );
  return rows[0] ? StoredPause.parse(JSON.parse(rows[0].pause)) : null;
}

/** Every pause of the run so far, in order, with how each ended. */
export async function pauseHistory(pool: pg.Pool, runId: string): Promise<PauseHistoryEntry[]> {
  const { rows } = await pool.query<{ key: string; title: string | null; step: number; since: string; ended: string | null }>(
    "SELECT key, title, step, since, ended FROM pauseflow.pauses WHERE run_id = $1 ORDER BY ordinal",
    [runId],
  );
  return rows.map((row) =>
    PauseHistoryEntry.parse({
      key: row.key,
      ...(row.title === null ? {} : { title: row.title }),
      step: row.step,
      since: Number(row.since),
      ...(row.ended === null ? {} : { ended: JSON.parse(row.ended) as unknown }),
    }),
  );
}
