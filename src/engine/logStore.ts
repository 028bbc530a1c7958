// The log lines of engine runs, in Pauseflow's own table: written in batches by the worker (one
// insert per batch, not one transaction per line), numbered per run, and read or followed live by any
// process (LISTEN/NOTIFY wakes followers; a poll covers a missed notification).
// DBOS streams were the first choice, but a stream write is a workflow operation: replayed code would
// not write its lines again, so they could not be marked as replayed, and every line costs a transaction.
import type pg from "pg";
import { EngineLogRecord } from "../protocol/engine";

const CHANNEL = "pauseflow_logs";
const BATCH = 500;
const FLUSH_MS = 20;

/** The worker's writer: records queue in memory and leave in batches, in order per run. */
export class LogWriter {
  private queue: { runId: string; record: EngineLogRecord }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  write(runId: string, record: EngineLogRecord): void {
    this.queue.push({ runId, record });
    if (this.queue.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Sends what is queued; resolves once everything queued so far is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0);
    if (batch.length) this.flushing = this.flushing.then(() => this.insert(batch));
    return this.flushing;
  }

  private async insert(batch: { runId: string; record: EngineLogRecord }[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const rows = batch.map(({ runId, record: r }) => [runId, r.seq, r.time, r.level, r.source, r.message, r.replayed]);
        const runs = [...new Set(batch.map((b) => b.runId))].join(",").slice(0, 7000);
        await this.pool.query(
          `WITH stored AS (
             INSERT INTO pauseflow.log_lines (run_id, seq, time, level, source, message, replayed)
             SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bool[])
             ON CONFLICT (run_id, seq) DO NOTHING
           )
           SELECT pg_notify('${CHANNEL}', $8)`,
          [...columns(rows, 7), runs],
        );
        return;
      } catch (error) {
        // The database is away for a while: keep the lines and try again (for about 20 minutes), as DBOS does with its own writes.
        if (attempt >= 600) {
          process.stderr.write(`worker: ${batch.length} log lines could not be stored: ${(error as Error).message}\n`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }
}

function columns(rows: unknown[][], count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) => rows.map((row) => row[i]));
}

/** The next number for a run's lines: a run taken over by another worker goes on after what was stored. */
export async function nextSeq(pool: pg.Pool, runId: string): Promise<number> {
  const { rows } = await pool.query<{ next: number }>("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM pauseflow.log_lines WHERE run_id = $1", [runId]);
  return rows[0]!.next;
}

function isFinalLine(record: EngineLogRecord): boolean {
  return record.source === "runner" && record.message.startsWith("Finished in state ");
}

export async function readLogs(pool: pg.Pool, runId: string, afterSeq = 0): Promise<EngineLogRecord[]> {
  const { rows } = await pool.query<{ seq: number; time: string; level: string; source: string; message: string; replayed: boolean }>(
    "SELECT seq, time, level, source, message, replayed FROM pauseflow.log_lines WHERE run_id = $1 AND seq > $2 ORDER BY seq",
    [runId, afterSeq],
  );
  return rows.map((row) => EngineLogRecord.parse({ ...row, time: Number(row.time) }));
}

/** A run's final line once its status is final; a cancel sets the status before the worker stores that line. */
const FINAL_LINE_GRACE_MS = 5_000;

/**
 * Calls `onRecords` with the run's lines in order, then with each new batch as it is stored, until
 * the run's final line ("Finished in state ...") is delivered, or `isDone()` has said the run is over
 * for a while with none (its worker is gone), or `signal` aborts.
 */
export async function followLogs(
  pool: pg.Pool,
  runId: string,
  onRecords: (records: EngineLogRecord[]) => void,
  isDone: () => Promise<boolean>,
  signal?: AbortSignal,
): Promise<void> {
  const listener = await pool.connect();
  let wake: (() => void) | undefined;
  const onNotification = (message: pg.Notification) => {
    if (message.payload?.split(",").includes(runId)) wake?.();
  };
  listener.on("notification", onNotification);
  await listener.query(`LISTEN ${CHANNEL}`);
  let last = 0;
  let overSince: number | undefined;
  try {
    for (;;) {
      const records = await readLogs(pool, runId, last);
      if (records.length) {
        last = records.at(-1)!.seq;
        onRecords(records);
        if (records.some(isFinalLine)) return;
      }
      if (signal?.aborted) return;
      if (overSince === undefined && (await isDone())) overSince = Date.now();
      if (overSince !== undefined && Date.now() - overSince >= FINAL_LINE_GRACE_MS) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, overSince === undefined ? 1_000 : 200);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
  } finally {
    listener.off("notification", onNotification);
    await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
    listener.release();
  }
}
