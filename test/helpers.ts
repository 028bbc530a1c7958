// Shared by the unit and process tests: the built runner and CLI, and throwaway flow folders.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..");
export const DIST = join(ROOT, "dist");
export const RUNNER = join(DIST, "runner.js");
export const CLI = join(DIST, "cli.js");
export const EXAMPLES = join(ROOT, "examples");

/** A fresh folder outside the repository (no node_modules: "pauseflow" and "zod" come from the runner). */
export function tempDir(prefix = "pauseflow-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (path relative to `dir` -> content) and returns the absolute path of the first. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return join(dir, Object.keys(files)[0]!);
}

export function writeFlow(source: string, name = "test.flow.ts"): string {
  return writeFiles(tempDir(), { [name]: source });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout lines with the log prefix (time | LEVEL | Flow run 'name' - ) removed. */
  messages: string[];
  levels: string[];
}

/** Runs `pauseflow` (the built CLI) as a user would, with answers written to a file. */
export function runCli(args: string[], options: { answers?: unknown[]; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const extra: string[] = [];
  if (options.answers) {
    const file = join(tempDir("pauseflow-answers-"), "answers.json");
    writeFileSync(file, JSON.stringify(options.answers));
    extra.push("--answers", file);
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, ...extra], { cwd: options.cwd ?? ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`pauseflow ${args.join(" ")} did not finish in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const parsed = stdout.split("\n").filter(Boolean).map(parseLine);
      resolvePromise({ code, stdout, stderr, messages: parsed.map((p) => p.message), levels: parsed.map((p) => p.level) });
    });
  });
}

const LOG_LINE = /^\d\d:\d\d:\d\d\.\d{3} \| (\w+)\s*\| Flow run '[a-z0-9-]+' - (.*)$/;

function parseLine(line: string): { level: string; message: string } {
  const match = LOG_LINE.exec(line);
  return match ? { level: match[1]!, message: match[2]! } : { level: "", message: line };
}

import { Run, type PauseHandler } from "../src/core/run";
import type { RunSpec } from "../src/protocol/runner";

/** Starts a run of `file` through the real runner child process, pauses answered by `pauseHandler`. */
export function startRun(spec: RunSpec, pauseHandler: PauseHandler, options: { killAfterMs?: number; answerTimeoutMs?: number } = {}): Run {
  return new Run(spec, { name: "test-run", runnerPath: RUNNER, pauseHandler, ...options }).start();
}

/** A pause handler that never answers (until the pause ends some other way). */
export const neverAnswer: PauseHandler = (_run, _pause, token) =>
  new Promise((resolve) => token.onCancellationRequested(() => resolve({ action: "cancel", reason: "gone" })));

/** Resolves when the run first reaches `state`. */
export function reach(run: Run, state: Run["record"]["state"]): Promise<void> {
  return new Promise((resolve) => {
    if (run.record.state === state) return resolve();
    const sub = run.onDidChange(() => {
      if (run.record.state === state) {
        sub.dispose();
        resolve();
      }
    });
  });
}

export function messagesOf(run: Run): string[] {
  return run.logs.map((l) => l.message);
}

/** Polls `check` every 20 ms until it gives something truthy, and returns that. */
export async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a process of this id is running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
