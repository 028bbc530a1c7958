// Engine tests run the real thing: a throwaway PostgreSQL cluster (scripts/postgres.ts), real
// `pauseflow worker` processes and the real CLI, each a child process as a user would start it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { startPostgres, type Postgres } from "../../scripts/postgres";
import { CLI, ROOT, runCli, tempDir, writeFiles, type CliResult } from "../helpers";

let shared: Promise<Postgres> | undefined;

/** One cluster per test file; each test gets a database of its own (`freshDatabase`). */
export function cluster(): Promise<Postgres> {
  shared ??= startPostgres();
  return shared;
}

export async function freshDatabase(): Promise<string> {
  const pg = await cluster();
  const name = `t_${randomBytes(4).toString("hex")}`;
  pg.createDatabase(name);
  return pg.urlFor(name);
}

export async function removeCluster(): Promise<void> {
  if (shared) (await shared).remove();
  shared = undefined;
}

/** A folder of flow files (name -> source); returns the folder. */
export function flowFolder(files: Record<string, string>): string {
  const dir = tempDir("pauseflow-engine-");
  if (Object.keys(files).length) writeFiles(dir, files);
  return dir;
}

/** `pauseflow <args> --db <url>` run to its end. */
export function cli(url: string, args: string[], options: { timeoutMs?: number } = {}): Promise<CliResult> {
  return runCli([...args, "--db", url], { timeoutMs: options.timeoutMs ?? 30_000 });
}

/** A `pauseflow worker` process, resolved once it has printed its ready line. */
export class WorkerProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on("data", (d) => (this.stdout += d));
    child.stderr!.on("data", (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  }

  static async start(url: string, paths: string[], args: string[] = []): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [CLI, "worker", "--db", url, ...args, ...paths], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const worker = new WorkerProcess(child);
    await worker.waitFor(/Worker \S+ ready: \d+ flows?/, 30_000);
    return worker;
  }

  /** Waits until stdout matches; fails with what the worker printed if it exits or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const started = Date.now();
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() - started > timeoutMs) {
        throw new Error(`worker: no ${pattern} (exit ${this.child.exitCode}).\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal`; a worker still up 20 s later is killed outright and the stop fails. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<"stuck">((resolve) => (timer = setTimeout(() => resolve("stuck"), 20_000)));
    const code = await Promise.race([this.exited, stuck]);
    clearTimeout(timer);
    if (code !== "stuck") return code;
    this.child.kill("SIGKILL");
    await this.exited;
    throw new Error(`worker did not exit within 20 s of ${signal}.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
  }
}

/** Polls `pauseflow runs --json` until the run is in `state` (and at `pause`, when given). */
export async function waitForRun(url: string, id: string, state: string, timeoutMs = 20_000): Promise<{ state: string; pause: string | null }> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    const runs = JSON.parse((await cli(url, ["runs", "--json"])).stdout || "[]") as { id: string; state: string; pause: string | null }[];
    const run = runs.find((r) => r.id === id);
    last = run;
    if (run?.state === state) return run;
    if (Date.now() - started > timeoutMs) throw new Error(`run ${id} never reached ${state}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
