// A debugged run: the runner opens the Node inspector on loopback and waits for VS Code's debugger
// before the flow is loaded, so that breakpoints in the flow's top-level code bind too.
import inspector from "node:inspector";
import { Worker } from "node:worker_threads";
import { FlowLoadError } from "./loadFlow";

/** Kills this process once its host is gone (checked on a thread of its own: the main one is blocked). */
const WATCHDOG = `
const { workerData } = require("node:worker_threads");
setInterval(() => {
  try { process.kill(workerData.host, 0); } catch { process.kill(workerData.self, "SIGKILL"); }
}, 500);
`;

/**
 * Blocks until a debugger has attached and told the runner to go on. Meanwhile the runner cannot hear
 * its host (a cancel is a kill), so a watchdog ends it if the host goes away first.
 */
export function waitForDebugger(port: number): void {
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { host: process.ppid, self: process.pid } });
  try {
    inspector.open(port, "127.0.0.1", true);
  } catch (error) {
    const message = `Could not open the debugger port 127.0.0.1:${port}: ${(error as Error).message}`;
    throw new FlowLoadError(message, message);
  } finally {
    void watchdog.terminate();
  }
}
