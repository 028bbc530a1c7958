// The window's runs while their owner loads. Activation hands this to the views and commands at
// once; the owner (the runner host's client, or the window's own runs), with zod and vscode-jsonrpc
// under it, is loaded right after activation and takes over. Until then there is no run to show,
// and what is asked of the runs waits for it. No `vscode` here.
import type { LogRecord, RunSpec } from "../protocol/runner";
import { Emitter, type Event } from "../shared/events";
import type { RunRecord } from "./runRecord";
import type { LiveRun, RunLogs, Runs, StartOptions } from "./runs";

export class LazyRuns implements Runs {
  private owner: Runs | undefined;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly logged = new Emitter<RunLogs>();
  readonly onDidLog: Event<RunLogs> = this.logged.event;
  /** The owner, once loaded (and, for a runner host, attached or known to be unreachable). */
  readonly loaded: Promise<Runs>;

  constructor(load: () => Promise<Runs>) {
    this.loaded = load().then((owner) => {
      this.owner = owner;
      owner.onDidChange(() => this.changed.fire());
      owner.onDidLog((logs) => this.logged.fire(logs));
      this.changed.fire();
      return owner;
    });
  }

  get all(): readonly RunRecord[] {
    return this.owner?.all ?? [];
  }

  find(id: string): RunRecord | undefined {
    return this.owner?.find(id);
  }

  liveRun(id: string): LiveRun | undefined {
    return this.owner?.liveRun(id);
  }

  waiting(): LiveRun[] {
    return this.owner?.waiting() ?? [];
  }

  async start(spec: RunSpec, options?: StartOptions): Promise<LiveRun> {
    return (await this.loaded).start(spec, options);
  }

  cancel(id: string, reason?: string): void {
    void this.loaded.then((owner) => owner.cancel(id, reason));
  }

  async delete(id: string): Promise<boolean> {
    return (await this.loaded).delete(id);
  }

  async clear(): Promise<void> {
    return (await this.loaded).clear();
  }

  async logs(id: string): Promise<LogRecord[]> {
    return (await this.loaded).logs(id);
  }

  async dispose(): Promise<void> {
    this.changed.dispose();
    this.logged.dispose();
    await this.loaded.then((owner) => owner.dispose(), () => undefined);
  }
}
