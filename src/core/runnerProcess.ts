// Forks a runner (dist/runner.js): the one way a host starts one, fresh for a run or ahead of it as
// a spare. No `vscode` here.
import { fork, type ChildProcess } from "node:child_process";

/** The flow file, when given, lets the runner start transpiling it before run/start arrives. */
export function forkRunner(runnerPath: string, nodePath: string | undefined, file?: string): ChildProcess {
  return fork(runnerPath, file ? [file] : [], {
    execPath: nodePath ?? process.execPath,
    // Not this process's flags: the extension host's (or a test runner's) are not the runner's.
    execArgv: [],
    stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"], // the last: the log pipe, LOG_FD
    env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
  });
}
