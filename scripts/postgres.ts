// A throwaway PostgreSQL cluster for engine-mode tests and the bench: Debian's binaries
// (apt-get install postgresql), initdb into a temporary folder, pg_ctl on a free loopback port,
// removed by stop(). As root the server runs as the `postgres` user (initdb refuses root).
// Never a shared server, never a mock.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./codeServer";

export interface Postgres {
  /** postgres://pauseflow:<password>@127.0.0.1:<port>/pauseflow */
  url: string;
  port: number;
  password: string;
  /** A URL of the same server for another database (created empty by `createDatabase`). */
  urlFor(database: string): string;
  createDatabase(name: string): void;
  /** Runs SQL as the superuser through psql, returning its unaligned output. */
  sql(statement: string, database?: string): string;
  /** Stops the server (fast shutdown); `start()` brings it back on the same port with the same data. */
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder. */
  remove(): void;
}

const PASSWORD = "pauseflow-test";

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  const bin = version && join(root, version, "bin");
  if (!bin || !existsSync(join(bin, "initdb"))) {
    throw new Error("PostgreSQL's server binaries are not installed: apt-get install postgresql (node scripts/setupMachine.mjs does it)");
  }
  return bin;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  const asRoot = process.getuid?.() === 0;
  const folder = mkdtempSync(join(tmpdir(), "pauseflow-pg-"));
  const data = join(folder, "data");
  const passwordFile = join(folder, "password");
  writeFileSync(passwordFile, PASSWORD);
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(folder, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  chmodSync(folder, 0o700);
  const run = (command: string, args: string[], input?: string) =>
    execFileSync(asRoot ? "runuser" : join(bin, command), asRoot ? ["-u", "postgres", "--", join(bin, command), ...args] : args, {
      encoding: "utf8",
      input,
      stdio: ["pipe", "pipe", "pipe"],
    });
  run("initdb", ["-D", data, "-U", "pauseflow", `--pwfile=${passwordFile}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const log = join(folder, "server.log");
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => void run("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "30", "start"]);
  const stop = () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  start();
  const sql = (statement: string, database = "postgres") =>
    run("psql", ["-h", folder, "-p", String(port), "-U", "pauseflow", "-d", database, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", statement]).trim();
  const urlFor = (database: string) => `postgres://pauseflow:${PASSWORD}@127.0.0.1:${port}/${database}`;
  sql("CREATE DATABASE pauseflow");
  let removed = false;
  // A test process that dies leaves no server behind.
  process.once("exit", () => remove());
  function remove(): void {
    if (removed) return;
    removed = true;
    try {
      stop();
    } catch {
      // already stopped
    }
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    url: urlFor("pauseflow"),
    port,
    password: PASSWORD,
    urlFor,
    createDatabase: (name) => void sql(`CREATE DATABASE "${name}"`),
    sql,
    stop,
    start,
    remove,
  };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("no `postgres` user: apt-get install postgresql creates it");
  }
}
