// The engine's database: connecting with one clear error per way it can fail, telling Pauseflow's
// database from another, and creating the schemas once (DBOS's system tables and Pauseflow's own).
import { DBOS } from "@dbos-inc/dbos-sdk";
import pg from "pg";

/** Raised for a database the command cannot use; the CLI prints its message alone and exits 2. */
export class DatabaseError extends Error {
  override name = "DatabaseError";
}

/** How long a command waits for the server to answer at all. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Pauseflow's tables' version, in `pauseflow.meta`. */
const SCHEMA_VERSION = "1";

const PAUSEFLOW_SCHEMA = `
CREATE SCHEMA IF NOT EXISTS pauseflow;
CREATE TABLE IF NOT EXISTS pauseflow.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS pauseflow.log_lines (
  run_id text NOT NULL,
  seq integer NOT NULL,
  time bigint NOT NULL,
  level text NOT NULL,
  source text NOT NULL,
  message text NOT NULL,
  replayed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE IF NOT EXISTS pauseflow.workers (
  executor_id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  version text NOT NULL,
  flows integer NOT NULL,
  started_at bigint NOT NULL,
  last_seen bigint NOT NULL,
  draining boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS pauseflow.pauses (
  run_id text NOT NULL,
  ordinal integer NOT NULL,
  key text NOT NULL,
  title text,
  step integer NOT NULL,
  since bigint NOT NULL,
  pause text NOT NULL,
  ended text,
  PRIMARY KEY (run_id, ordinal)
);
CREATE TABLE IF NOT EXISTS pauseflow.verdicts (submission_id text PRIMARY KEY, run_id text NOT NULL, verdict text NOT NULL);
CREATE TABLE IF NOT EXISTS pauseflow.cancellations (run_id text PRIMARY KEY, by text NOT NULL, at bigint NOT NULL, reason text);
INSERT INTO pauseflow.meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING;
`;

/** The URL as it may be shown: without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

export function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseError(`the database URL is not a URL: expected postgres://user:password@host:port/database`);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DatabaseError(`the database URL must start with postgres:// (it starts with ${parsed.protocol}//)`);
  }
}

export function newPool(url: string, max = 4): pg.Pool {
  checkUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A dropped connection of an idle client is reported here; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/** How long a write waits out a database that is away, as DBOS waits with its own writes. */
const AWAY_FOR_AT_MOST_MS = 20 * 60_000;

/**
 * Runs `write` again while the database cannot be reached (restarting, refusing connections), for
 * up to 20 minutes; any other error is thrown at once.
 */
export async function retryWhileAway<T>(write: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseAway(error) || Date.now() - started > AWAY_FOR_AT_MOST_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2_000)));
    }
  }
}

/** A lost or refused connection, or a server shutting down or starting, rather than a refused statement. */
function isDatabaseAway(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (/^08|^57P0[123]$/.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|AI_AGAIN)$/.test(code))) return true;
  return typeof message === "string" && /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(message);
}

/** Connects once, turning each way of failing into one line that names the problem. */
export async function connect(url: string): Promise<pg.Pool> {
  const pool = newPool(url);
  try {
    await pool.query("SELECT 1");
    return pool;
  } catch (error) {
    await pool.end().catch(() => {});
    throw describeConnectError(error, url);
  }
}

export function describeConnectError(error: unknown, url: string): DatabaseError {
  const e = error as { code?: string; message?: string };
  const parsed = new URL(url);
  const where = `${parsed.hostname}:${parsed.port || 5432}`;
  const user = decodeURIComponent(parsed.username) || "(no user)";
  const database = decodeURIComponent(parsed.pathname.slice(1)) || user;
  switch (e.code) {
    case "ECONNREFUSED":
      return new DatabaseError(`cannot reach the database at ${where}: connection refused (is PostgreSQL running there?)`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new DatabaseError(`cannot reach the database at ${where}: no such host`);
    case "28P01":
      return new DatabaseError(`the database at ${where} refused the password for user '${user}'`);
    case "28000":
      return new DatabaseError(`the database at ${where} does not let user '${user}' in: ${e.message}`);
    case "3D000":
      return new DatabaseError(`the server at ${where} has no database '${database}'`);
    default:
      if (/timeout/i.test(e.message ?? "")) return new DatabaseError(`no answer from the database at ${where} within ${CONNECT_TIMEOUT_MS / 1000} s`);
      return new DatabaseError(`cannot use the database at ${where}: ${e.message ?? String(error)}`);
  }
}

/** For the commands that use a Pauseflow database: one that has no Pauseflow tables is refused. */
export async function checkPauseflowDatabase(pool: pg.Pool, url: string): Promise<void> {
  const { rows } = await pool.query<{ ok: boolean }>("SELECT to_regclass('pauseflow.meta') IS NOT NULL AND to_regclass('dbos.workflow_status') IS NOT NULL AS ok");
  if (!rows[0]?.ok) {
    throw new DatabaseError(`${redactUrl(url)} is not a Pauseflow database (it has no Pauseflow tables): start a worker on it first (pauseflow worker --db URL PATH), or check the URL`);
  }
}

/**
 * Creates DBOS's system tables and Pauseflow's, once, under an advisory lock: workers started at the
 * same moment wait for one another instead of failing on "tuple concurrently updated". A database
 * that holds other tables and no Pauseflow tables is someone else's: refused.
 */
export async function migrate(pool: pg.Pool, url: string): Promise<void> {
  const client = await pool.connect();
  try {
    // Polled, not waited for: a session blocked in pg_advisory_lock holds a snapshot, and DBOS's
    // migration (CREATE INDEX CONCURRENTLY) waits for every snapshot to end.
    while (!(await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext('pauseflow.migrate')) AS locked")).rows[0]!.locked) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await client.query<{ pauseflow: boolean; others: string[] | null }>(`
      SELECT to_regclass('pauseflow.meta') IS NOT NULL AS pauseflow,
             array_agg(DISTINCT table_schema::text) FILTER (WHERE table_schema NOT IN ('pauseflow', 'dbos')) AS others
      FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
    const { pauseflow, others } = rows[0]!;
    if (!pauseflow && others?.length) {
      throw new DatabaseError(
        `${redactUrl(url)} is not a Pauseflow database: it holds other tables (in ${others.join(", ")}); give Pauseflow a database of its own`,
      );
    }
    await DBOS.migrate(url);
    await client.query(PAUSEFLOW_SCHEMA);
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('pauseflow.migrate'))").catch(() => {});
    client.release();
  }
}
