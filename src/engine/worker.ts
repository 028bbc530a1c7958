// `pauseflow worker`: runs flows on the engine. It loads every flow file under the given paths with
// the runner's loader, registers each exported flow as a DBOS workflow named by the flow's name, and
// takes runs from the `pauseflow` queue. Workers heartbeat; a run whose worker has been silent too
// long is taken over by a live one (DBOS alone recovers a run only on a worker with the same executor id).
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import { DBOS, DBOSClient, type DLogger } from "@dbos-inc/dbos-sdk";
import type pg from "pg";
import { ENGINE_APP, ENGINE_QUEUE, StartInput } from "../protocol/engine";
import { setRuntime } from "../sdk/registry";
import { compileModule, findFlows, installImportFallback, transpile, type LoadedFlow } from "../runner/loadFlow";
import { connect, migrate } from "./database";
import { EngineRun, engineRuntime, routeConsoleToRuns } from "./engineRun";
import { LogWriter } from "./logStore";

export interface WorkerOptions {
  url: string;
  paths: string[];
  /** Runs held at once by this worker, paused ones included; none: no limit. */
  concurrency?: number;
  /** A run whose worker has not been seen for this long is taken over. */
  takeoverAfterSeconds: number;
  print(line: string): void;
}

/** A worker that cannot start: the CLI prints the message alone and exits 2. */
export class WorkerError extends Error {
  override name = "WorkerError";
}

const HEARTBEAT_MS = 5_000;
const FLOW_FILE = /\.flow\.(ts|mts|cts|js|mjs|cjs)$/;

export interface LoadedFlowFile {
  file: string;
  flow: LoadedFlow;
}

/** Every flow under the paths, and the application version: a hash of their bundled code. */
export async function loadFlows(paths: string[]): Promise<{ flows: LoadedFlowFile[]; version: string }> {
  const files = [...new Set(paths.flatMap((path) => flowFiles(resolve(path))))].sort();
  if (files.length === 0) throw new WorkerError(`no flow files (*.flow.ts, *.flow.js) in ${paths.join(", ")}`);
  const hash = createHash("sha256");
  const flows: LoadedFlowFile[] = [];
  for (const file of files) {
    const code = await transpile(file);
    hash.update(`${relative(process.cwd(), file)}\0${code}\0`);
    for (const flow of findFlows(compileModule(file, code))) flows.push({ file, flow });
  }
  const byName = new Map<string, LoadedFlowFile>();
  for (const loaded of flows) {
    const other = byName.get(loaded.flow.name);
    if (other) {
      throw new WorkerError(
        `two flows are named '${loaded.flow.name}': ${other.flow.exportName} in ${other.file} and ${loaded.flow.exportName} in ${loaded.file}; a worker runs each name once, so rename one`,
      );
    }
    byName.set(loaded.flow.name, loaded);
  }
  return { flows, version: hash.digest("hex").slice(0, 16) };
}

function flowFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new WorkerError(`no such file or folder: ${path}`);
  }
  if (stat.isFile()) return [path];
  const found: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isFile() && FLOW_FILE.test(entry.name) && !full.includes(`${"/"}node_modules${"/"}`)) found.push(full);
  }
  return found;
}

/** Starts a worker; resolves once it is ready, with a function that drains and stops it. */
export async function startWorker(options: WorkerOptions): Promise<{ executorId: string; stop(): Promise<void> }> {
  installImportFallback(join(__dirname, "sdk.js"));
  setRuntime(engineRuntime);
  routeConsoleToRuns();
  const { flows, version } = await loadFlows(options.paths);
  const pool = await connect(options.url);
  await migrate(pool, options.url);

  const executorId = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await heartbeat(pool, executorId, version, flows.length, Date.now());
  const logs = new LogWriter(pool);
  DBOS.setConfig({
    name: ENGINE_APP,
    systemDatabaseUrl: options.url,
    applicationVersion: version,
    executorID: executorId,
    runMigrations: false,
    logger: stderrLogger,
  });
  const control = await DBOSClient.create({ systemDatabaseUrl: options.url, systemDatabasePoolSize: 2, applicationName: ENGINE_APP });
  for (const { file, flow } of flows) {
    DBOS.registerWorkflow((input: unknown) => EngineRun.execute({ flow, file, logs, pool, control }, StartInput.parse(input ?? {})), { name: flow.name });
  }
  await DBOS.launch();
  await DBOS.registerQueue(ENGINE_QUEUE, { workerConcurrency: options.concurrency, minPollingIntervalMs: 200, onConflict: "always_update" });

  const startedAt = Date.now();
  const timer = setInterval(() => {
    void heartbeat(pool, executorId, version, flows.length, startedAt)
      .then(() => takeOver(pool, executorId, version, options.takeoverAfterSeconds * 1000))
      .catch((error: Error) => process.stderr.write(`worker: ${error.message}\n`));
  }, HEARTBEAT_MS);
  options.print(`Worker ${executorId} ready: ${flows.length} flow${flows.length === 1 ? "" : "s"}`);

  return {
    executorId,
    async stop() {
      clearInterval(timer);
      // No new runs; the runs held here stay as they are in the database (a paused run stays paused)
      // and live workers take them over at once, since this one says it is gone.
      await DBOS.shutdown();
      await logs.flush();
      await control.destroy();
      await pool.query("UPDATE pauseflow.workers SET last_seen = 0, draining = true WHERE executor_id = $1", [executorId]).catch(() => {});
      await pool.end();
    },
  };
}

async function heartbeat(pool: pg.Pool, executorId: string, version: string, flows: number, startedAt: number): Promise<void> {
  await pool.query(
    `INSERT INTO pauseflow.workers (executor_id, host, pid, version, flows, started_at, last_seen)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (executor_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`,
    [executorId, hostname(), process.pid, version, flows, startedAt, Date.now()],
  );
}

/**
 * Claims each worker of this version silent for longer than `afterMs` (one live worker wins the
 * claim, by deleting its row) and puts its unfinished runs back on the queue, where a live worker
 * recovers them from what DBOS recorded.
 */
async function takeOver(pool: pg.Pool, executorId: string, version: string, afterMs: number): Promise<void> {
  const { rows: dead } = await pool.query<{ executor_id: string }>(
    "DELETE FROM pauseflow.workers WHERE version = $1 AND executor_id <> $2 AND last_seen < $3 RETURNING executor_id",
    [version, executorId, Date.now() - afterMs],
  );
  for (const { executor_id } of dead) {
    const { rows } = await pool.query<{ workflow_uuid: string }>(
      "SELECT workflow_uuid FROM dbos.workflow_status WHERE executor_id = $1 AND status = 'PENDING'",
      [executor_id],
    );
    for (const { workflow_uuid } of rows) await DBOS.resumeWorkflow(workflow_uuid, { queueName: ENGINE_QUEUE });
  }
}

/** DBOS's own messages go to stderr, warnings and errors only: stdout is the worker's. */
const stderrLogger: DLogger = {
  info: () => {},
  debug: () => {},
  warn: (entry) => process.stderr.write(`dbos: ${String(entry)}\n`),
  error: (entry) => process.stderr.write(`dbos: ${entry instanceof Error ? entry.message : String(entry)}\n`),
};
