// Why a run on the engine was cancelled, kept beside DBOS's own CANCELLED status: who cancelled it,
// or that it ran out of time (a flow's `timeout`), in which case it reads as Failed, as locally.
import type pg from "pg";
import type { EngineResult } from "../protocol/engine";
import { secondsText } from "../sdk/errors";

const TIMEOUT_MARK = "timeout:";

/** The `by` of a run ended at its flow's timeout. */
export function timeoutMark(seconds: number): string {
  return `${TIMEOUT_MARK}${seconds}`;
}

/** Records who cancelled, and why when it was not a person's choice (the first record wins). */
export async function recordCancel(pool: pg.Pool, runId: string, by: string, reason?: string): Promise<void> {
  await pool.query("INSERT INTO pauseflow.cancellations (run_id, by, at, reason) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id) DO NOTHING", [runId, by, Date.now(), reason ?? null]);
}

export function cancelledEnd(by: string | undefined, reason?: string | null): EngineResult {
  if (by?.startsWith(TIMEOUT_MARK)) return { state: "Failed", message: `Flow run exceeded timeout of ${secondsText(Number(by.slice(TIMEOUT_MARK.length)))}` };
  return { state: "Cancelled", message: reason ?? (by ? `Cancelled by ${by}.` : "Cancelled.") };
}

export async function cancelledEndOf(pool: pg.Pool, runId: string): Promise<EngineResult> {
  const { rows } = await pool.query<{ by: string; reason: string | null }>("SELECT by, reason FROM pauseflow.cancellations WHERE run_id = $1", [runId]);
  return cancelledEnd(rows[0]?.by, rows[0]?.reason);
}
