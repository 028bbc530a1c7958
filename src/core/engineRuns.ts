// The engine as the extension sees it: one connection (an EngineClient, loaded only when the user
// connects), the runs it lists, polled every few seconds, and whether the database is reachable.
// Losing the database is a status, not an error: polling goes on, and the next poll that works
// reconnects. No `vscode` here.
import { Emitter, type Event } from "../shared/events";
import type { EngineClient } from "../engine/client";
import type { EngineRunSummary } from "../protocol/engine";

export type EngineStatus =
  | { kind: "off" }
  | { kind: "connected"; where: string }
  | { kind: "lost"; where: string; message: string };

const POLL_MS = 2_000;

export class EngineRuns {
  private client: EngineClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private listed: EngineRunSummary[] = [];
  private current: EngineStatus = { kind: "off" };
  private readonly changed = new Emitter<void>();
  private readonly statusChanged = new Emitter<EngineStatus>();
  /** The list of runs (or the status) changed. */
  readonly onDidChange: Event<void> = this.changed.event;
  readonly onDidChangeStatus: Event<EngineStatus> = this.statusChanged.event;

  constructor(private readonly openClient: (url: string) => Promise<EngineClient>) {}

  get status(): EngineStatus {
    return this.current;
  }

  /** The connection, while there is one. */
  get api(): EngineClient | undefined {
    return this.client;
  }

  /** Newest first. */
  get runs(): readonly EngineRunSummary[] {
    return this.listed;
  }

  paused(): EngineRunSummary[] {
    return this.listed.filter((run) => run.state === "Paused");
  }

  find(id: string): EngineRunSummary | undefined {
    return this.listed.find((run) => run.id === id);
  }

  /** Connects (a bad URL, password or database throws, naming the problem) and starts polling. */
  async connect(url: string, where: string): Promise<void> {
    await this.disconnect();
    this.client = await this.openClient(url);
    this.setStatus({ kind: "connected", where });
    await this.refresh();
  }

  async disconnect(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    this.listed = [];
    if (this.current.kind !== "off") this.setStatus({ kind: "off" });
    await client?.close().catch(() => {});
  }

  /** Polls now (after an action of the user's), then on the usual beat. */
  refresh(): Promise<void> {
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async poll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    clearTimeout(this.timer);
    const where = this.current.kind === "off" ? "" : this.current.where;
    try {
      const runs = await client.runs({ limit: 500 });
      if (client !== this.client) return;
      if (this.current.kind === "lost") this.setStatus({ kind: "connected", where });
      if (JSON.stringify(runs) !== JSON.stringify(this.listed)) {
        this.listed = runs;
        this.changed.fire();
      }
    } catch (error) {
      if (client !== this.client) return;
      if (this.current.kind !== "lost") this.setStatus({ kind: "lost", where, message: (error as Error).message });
    } finally {
      if (client === this.client) this.timer = setTimeout(() => void this.refresh(), POLL_MS);
    }
  }

  private setStatus(status: EngineStatus): void {
    this.current = status;
    this.statusChanged.fire(status);
    this.changed.fire();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.changed.dispose();
    this.statusChanged.dispose();
  }
}
