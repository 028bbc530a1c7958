// Runs a mocha suite inside code-server's real extension host: what @vscode/test-electron does
// with a downloaded VS Code, done here with the workbench's development payload. The server must
// run with the smoke-test driver enabled, or the payload is silently ignored.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { format } from "node:util";
import { resultsDir, startCodeServer, type CodeServerOptions } from "../../../scripts/codeServer";
import { Workbench } from "./workbench";

export interface ExtensionTestsOptions {
  /** Folder of the extension under development (its package.json). */
  extensionDevelopmentPath: string;
  /** Module exporting `run(): Promise<void>`, as for @vscode/test-electron. */
  extensionTestsPath: string;
  /** Folder to open. */
  workspace: string;
  /** Other code-server options (extra .vsix, settings...). */
  server?: Omit<CodeServerOptions, "workspace" | "smokeTestDriver">;
  /** Name of the folder in test-results/ for logs when the suite fails. */
  scenario?: string;
  /** Save screenshots and logs to test-results/<scenario>/ when the suite fails (default true). */
  saveLogsOnFailure?: boolean;
  timeoutMs?: number;
  /** Where the extension host's console lines go (default: stdout). */
  log?: (line: string) => void;
}

// The workbench's own start-up chatter and the harmless failures of an offline machine; shown
// anyway with PAUSEFLOW_E2E_VERBOSE=1.
const workbenchNoise =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin extensions|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Timed out waiting for authentication provider|Creation of workbench contribution|Ignoring fetching additional builtin extensions|No search provider registered)|ENOTFOUND|ERR_NAME_NOT_RESOLVED/;
const verbose = process.env.PAUSEFLOW_E2E_VERBOSE === "1";

/** Resolves with the suite's exit code: 0 when it passed, 1 when it failed. */
export async function runExtensionTests(options: ExtensionTestsOptions): Promise<number> {
  const { timeoutMs = 120_000, log = (line: string) => console.log(line) } = options;
  const scenario = options.scenario ?? "extension-tests";
  const save = options.saveLogsOnFailure ?? true;
  const server = await startCodeServer({ ...options.server, workspace: options.workspace, smokeTestDriver: true });
  let wb: Workbench | undefined;
  let code = -1;
  try {
    let settle: (code: number) => void = () => {};
    const exited = new Promise<number>((r) => (settle = r));
    let logs: { relativePath: string; contents: string }[] = [];
    wb = await Workbench.launch(scenario, async (page) => {
      // The workbench calls these once the extension host has run the suite.
      await page.exposeFunction("codeAutomationExit", (exitCode: number, files?: typeof logs) => {
        logs = files ?? [];
        settle(exitCode);
      });
      // Gets the workbench's log lines and, during a test run, the extension host's console.
      await page.exposeFunction("codeAutomationLog", (_level: string, args: unknown[]) => {
        const line = format(...args);
        if (verbose || !workbenchNoise.test(line)) log(line);
      });
    });
    const payload = [
      ["extensionDevelopmentPath", server.remoteUri(resolve(options.extensionDevelopmentPath))],
      ["extensionTestsPath", server.remoteUri(resolve(options.extensionTestsPath))],
    ];
    await wb.page.goto(server.folderUrl(`payload=${encodeURIComponent(JSON.stringify(payload))}`));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`extension tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      code = await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (code !== 0 && save) {
      const dir = join(resultsDir, scenario);
      mkdirSync(dir, { recursive: true });
      for (const file of logs) {
        const target = join(dir, "workbench-logs", file.relativePath);
        mkdirSync(resolve(target, ".."), { recursive: true });
        writeFileSync(target, file.contents);
      }
    }
    return code;
  } finally {
    const failed = code !== 0 && save;
    if (failed) await wb?.saveFailureArtifacts();
    await wb?.close();
    await server.stop(failed ? { saveLogsTo: join(resultsDir, scenario) } : {});
  }
}
