// Waiting for a NOTIFY on one channel with a given payload: one listening connection per process
// wakes every waiter; a waiter also polls slowly, which covers a notification lost to a dropped
// connection.
import type pg from "pg";

export interface NotifyWatch {
  /** Resolves once the payload was notified since the last call, or after `ms`. */
  next(ms: number): Promise<void>;
  dispose(): void;
}

export class NotifyWatcher {
  private listener: Promise<pg.PoolClient> | undefined;
  private readonly wakers = new Map<string, Set<() => void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
  ) {}

  /** Starts watching before the caller first reads what it waits for, so a notification in between is not missed. */
  async watch(payload: string): Promise<NotifyWatch> {
    let notified = false;
    let wake: (() => void) | undefined;
    const onNotify = () => {
      notified = true;
      wake?.();
    };
    const set = this.wakers.get(payload) ?? this.wakers.set(payload, new Set()).get(payload)!;
    set.add(onNotify);
    await this.listen().catch(() => {}); // without a listener the waits below are plain polls
    return {
      next: (ms) =>
        new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wake = undefined;
            notified = false;
            resolve();
          };
          const timer = setTimeout(done, notified ? 0 : ms);
          wake = done;
        }),
      dispose: () => {
        set.delete(onNotify);
        if (set.size === 0) this.wakers.delete(payload);
      },
    };
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    if (listener) (await listener.catch(() => undefined))?.release(true);
  }

  private listen(): Promise<pg.PoolClient> {
    this.listener ??= this.connect();
    return this.listener;
  }

  private async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
      client.on("notification", (message) => {
        for (const wake of this.wakers.get(message.payload ?? "") ?? []) wake();
      });
      // The connection lost (the database restarted): the next watch listens again; polls cover the gap.
      client.on("error", () => {
        this.listener = undefined;
        client.release(true);
      });
      await client.query(`LISTEN ${this.channel}`);
      return client;
    } catch (error) {
      this.listener = undefined;
      throw error;
    }
  }
}
