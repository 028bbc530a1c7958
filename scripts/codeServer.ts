// Starts code-server (VS Code's workbench served on 127.0.0.1, extensions in a real Node extension
// host) with fresh user-data, extensions and XDG folders: for `npm start` (scripts/start.mjs) and
// for the e2e tests' harness (test/e2e/harness/). Installs it first if needed
// (scripts/install-code-server.mjs; fast when already installed).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export { freePort } from "../src/core/freePort";
import { freePort } from "../src/core/freePort";
export const repoRoot = resolve(import.meta.dirname, "..");
export const resultsDir = join(repoRoot, "test-results");

export interface Installed {
  node: string;
  codeServerEntry: string;
  codeServerVersion: string;
  nodeVersion: string;
}

let installed: Installed | undefined;

/** Runs the idempotent installer once per process and returns the paths it reports (quiet: its progress is not shown). */
export function ensureCodeServer({ quiet = false }: { quiet?: boolean } = {}): Installed {
  if (installed) return installed;
  const r = spawnSync(process.execPath, [join(repoRoot, "scripts", "install-code-server.mjs"), "--json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", quiet ? "pipe" : "inherit"],
  });
  if (r.status !== 0) throw new Error(`scripts/install-code-server.mjs failed (exit ${r.status})${quiet ? `:\n${r.stderr}` : ""}`);
  installed = JSON.parse(r.stdout.trim().split("\n").pop()!) as Installed;
  return installed;
}

export interface CodeServerOptions {
  /** Folder to open. */
  workspace: string;
  /** .vsix files installed with --install-extension before the server starts. */
  vsix?: string[];
  /** Pass --disable-workspace-trust (default true); a test of an untrusted workspace sets false. */
  disableWorkspaceTrust?: boolean;
  /** Merged over the default user settings. */
  settings?: Record<string, unknown>;
  /** Needed for the extensionDevelopmentPath / extensionTestsPath payload (see test/e2e/harness/extensionTests.ts). */
  smokeTestDriver?: boolean;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** Keep the temp folder after stop() (also PAUSEFLOW_E2E_KEEP=1). */
  keep?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  workspace: string;
  /** Scratch folder holding user-data, extensions, XDG folders and the server log. */
  tmp: string;
  userDataDir: string;
  logFile: string;
  /** Address of the workbench with the workspace open. */
  folderUrl(extraQuery?: string): string;
  /** `vscode-remote://` URI of an absolute path on this server (for payloads). */
  remoteUri(absPath: string): string;
  /** Stops the whole process group; with saveLogsTo, copies the server and VS Code logs there first. */
  stop(options?: { saveLogsTo?: string }): Promise<void>;
}

/** Settings that remove the clutter of a first start (Welcome tab, Chat, update checks...). */
export const defaultSettings: Record<string, unknown> = {
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.enabled": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.startupPrompt": "never",
  // A debugged run's inspector port is not an application to forward (and its notification covers the view).
  "remote.autoForwardPorts": false,
  // Sticky rows cover the top of a scrolled tree, where the harness wheels it.
  "workbench.tree.enableStickyScroll": false,
};

/** Polls fn until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(what: string, fn: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// Process groups still alive, killed if the test process exits or is interrupted without stop().
const liveGroups = new Set<number>();
const killAll = () => liveGroups.forEach((pid) => killGroup(pid, "SIGKILL"));
process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal); // the listener is gone now: default handling exits
  });
}

/**
 * Pauseflow's runner hosts outlive the window by design (detached, a process group of their own),
 * so stopping the server leaves them: stop those of this server's workspaces too.
 */
function stopRunnerHosts(userDataDir: string): void {
  const storage = join(userDataDir, "User", "workspaceStorage");
  if (!existsSync(storage)) return;
  for (const folder of readdirSync(storage)) {
    const info = join(storage, folder, "pauseflow.pauseflow", "runner-host", "host.json");
    if (!existsSync(info)) continue;
    try {
      process.kill((JSON.parse(readFileSync(info, "utf8")) as { pid: number }).pid, "SIGTERM");
    } catch {
      // gone already
    }
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { node, codeServerEntry } = ensureCodeServer();
  const workspace = resolve(options.workspace);
  const tmp = mkdtempSync(join(tmpdir(), "pauseflow-e2e-"));
  const userDataDir = join(tmp, "user-data");
  const extensionsDir = join(tmp, "extensions");
  const logFile = join(tmp, "code-server.log");
  for (const d of [userDataDir, extensionsDir, join(userDataDir, "User"), join(tmp, "config"), join(tmp, "data"), join(tmp, "cache")]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(join(userDataDir, "User", "settings.json"), JSON.stringify({ ...defaultSettings, ...options.settings }, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(tmp, "config"),
    XDG_DATA_HOME: join(tmp, "data"),
    XDG_CACHE_HOME: join(tmp, "cache"),
    // Variables of a surrounding VS Code or of the test runner must not leak into the server.
    VSCODE_IPC_HOOK_CLI: undefined,
    NODE_OPTIONS: undefined,
    NODE_TEST_CONTEXT: undefined,
    // No extension gallery: this machine cannot reach one, and an empty one stops the workbench
    // from looking it up at all.
    EXTENSIONS_GALLERY: "{}",
    ...options.env,
  };
  const common = ["--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];

  if (options.vsix?.length) {
    const args = [codeServerEntry, ...common, "--force", ...options.vsix.flatMap((v) => ["--install-extension", resolve(v)])];
    const r = spawnSync(node, args, { env, encoding: "utf8", timeout: 120_000 });
    writeFileSync(logFile, `$ install extensions\n${r.stdout}${r.stderr}\n`);
    if (r.status !== 0) throw new Error(`installing ${options.vsix.join(", ")} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }

  const port = await freePort();
  const args = [
    codeServerEntry,
    ...common,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-getting-started-override",
    "--ignore-last-opened",
    ...(options.disableWorkspaceTrust === false ? [] : ["--disable-workspace-trust"]),
    ...(options.smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
    workspace,
  ];
  const fd = openSync(logFile, "a");
  // detached: the server leads its own process group, so stop() can kill its helpers with it.
  const child: ChildProcess = spawn(node, args, { env, cwd: tmp, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const pid = child.pid!;
  liveGroups.add(pid);
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = `code-server exited (${code ?? signal}); log: ${logFile}`));

  const url = `http://127.0.0.1:${port}`;
  const keep = options.keep ?? process.env.PAUSEFLOW_E2E_KEEP === "1";
  const server: CodeServer = {
    url,
    port,
    workspace,
    tmp,
    userDataDir,
    logFile,
    folderUrl: (extraQuery = "") => `${url}/?folder=${encodeURIComponent(workspace)}${extraQuery ? `&${extraQuery}` : ""}`,
    remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${resolve(absPath)}`,
    async stop({ saveLogsTo } = {}) {
      killGroup(pid, "SIGTERM");
      await waitFor("code-server to exit", () => !groupAlive(pid), 5_000).catch(() => killGroup(pid, "SIGKILL"));
      liveGroups.delete(pid);
      stopRunnerHosts(userDataDir);
      if (saveLogsTo) {
        mkdirSync(saveLogsTo, { recursive: true });
        cpSync(logFile, join(saveLogsTo, "code-server.log"));
        const vscodeLogs = join(userDataDir, "logs");
        if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(saveLogsTo, "vscode-logs"), { recursive: true });
      }
      if (keep) console.log(`kept code-server folder: ${tmp}`);
      else rmSync(tmp, { recursive: true, force: true });
    },
  };

  try {
    const state = await waitFor(
      "code-server /healthz",
      async () => exited ?? ((await fetch(`${url}/healthz`)).ok ? "up" : ""),
      30_000,
    );
    if (state !== "up") throw new Error(state);
  } catch (err) {
    await server.stop({ saveLogsTo: join(resultsDir, "code-server-start-failure") });
    throw err;
  }
  return server;
}

