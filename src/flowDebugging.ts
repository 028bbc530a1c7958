// Debugging a flow: its runner waits on a loopback port until VS Code's JavaScript debugger has
// attached (an attach configuration), so breakpoints in the .ts bind through the inline source maps
// before any of the flow's code runs. Stopping the debug session cancels the run.
import * as vscode from "vscode";
import type { LiveRun, Runs, StartOptions } from "./core/runs";
import type { RunSpec } from "./protocol/runner";

/** The run a debug session belongs to, kept in its configuration. */
const RUN_ID = "pauseflowRunId";

export class FlowDebugging implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly runs: Runs,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions = [
      vscode.debug.onDidTerminateDebugSession((session) => {
        const runId = runIdOf(session);
        if (runId && runs.liveRun(runId)) runs.cancel(runId, "Cancelled: the debug session was stopped.");
      }),
    ];
  }

  /** Starts a run whose runner waits for the debugger, and attaches VS Code's debugger to it. */
  async start(spec: RunSpec, options: StartOptions): Promise<LiveRun> {
    // Node's sockets are not loaded at activation (test/package/activation.test.ts).
    const { freePort } = await import("./deferredModules");
    const port = await freePort();
    const run = await this.runs.start(spec, { ...options, debugPort: port });
    const { id, name, flowName } = run.record;
    const file = vscode.Uri.file(spec.file);
    const attached = await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(file), {
      type: "node",
      request: "attach",
      name: `Pauseflow: ${flowName} (${name})`,
      address: "127.0.0.1",
      port,
      [RUN_ID]: id,
      // The runner is waiting already; give it the time a slow machine needs to accept the connection.
      timeout: 30_000,
      continueOnAttach: true,
      // Stepping stays in the user's code: not Node's internals, the runner or the bundled SDK, nor an installed copy of it.
      skipFiles: ["<node_internals>/**", `${vscode.Uri.joinPath(this.extensionUri, "dist").fsPath}/**`, "**/node_modules/pauseflow/**"],
      // The flow may be outside the workspace folder; its source map is inline in the code the runner compiled.
      resolveSourceMapLocations: null,
    });
    if (!attached) {
      this.runs.cancel(id, "Cancelled: the debugger could not attach.");
      void vscode.window.showErrorMessage(`Pauseflow could not attach the debugger to run '${name}'; the run was cancelled.`);
    }
    return run;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function runIdOf(session: vscode.DebugSession): string | undefined {
  const value: unknown = session.configuration[RUN_ID];
  return typeof value === "string" ? value : undefined;
}
