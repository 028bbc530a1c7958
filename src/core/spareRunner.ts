// One runner started ahead of the next run, its modules loaded and no flow in it, so that a run
// starts without waiting for Node. It is used only by a run with the same Node executable and the
// same runner file (a rebuilt or updated extension gets a fresh one), and is stopped with its host.
import type { ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { forkRunner } from "./runnerProcess";

interface Spare {
  child: ChildProcess;
  nodePath: string | undefined;
  runnerVersion: number;
  gone: () => void;
}

export class SpareRunner {
  private spare: Spare | undefined;
  private disposed = false;

  constructor(private readonly runnerPath: string) {}

  /** The spare's process id, while there is one. */
  get pid(): number | undefined {
    return this.spare?.child.pid;
  }

  /** Starts a spare for runs with this Node executable, unless one is there already. */
  warm(nodePath: string | undefined): void {
    if (this.disposed || this.spare) return;
    const child = forkRunner(this.runnerPath, nodePath);
    const spare: Spare = { child, nodePath, runnerVersion: this.runnerVersion(), gone: () => this.spare === spare && (this.spare = undefined) };
    this.spare = spare;
    child.on("error", spare.gone);
    child.on("exit", spare.gone);
  }

  /** The spare, if it fits a run with this Node executable; a spare that does not fit is stopped. */
  take(nodePath: string | undefined): ChildProcess | undefined {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) return undefined;
    if (spare.nodePath === nodePath && spare.runnerVersion === this.runnerVersion() && spare.child.exitCode === null && spare.child.connected) {
      spare.child.off("error", spare.gone).off("exit", spare.gone);
      return spare.child;
    }
    spare.child.kill();
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.spare?.child.kill();
    this.spare = undefined;
  }

  /** The runner file's modification time: a rebuilt or reinstalled extension changes it. */
  private runnerVersion(): number {
    try {
      return statSync(this.runnerPath).mtimeMs;
    } catch {
      return -1;
    }
  }
}
