import type { LogRecord } from "../protocol/runner";

/** Largest batch in one message, so that one huge burst does not become one huge message. */
const MAX_BATCH = 5000;

/**
 * Collects log records and sends them in batches: one message per turn of the event loop instead
 * of one per line. Flush before sending anything else, so the host sees logs and states in order.
 */
export class LogBuffer {
  private records: LogRecord[] = [];
  private scheduled = false;

  constructor(private readonly send: (records: LogRecord[]) => void) {}

  add(record: LogRecord): void {
    this.records.push(record);
    if (this.records.length >= MAX_BATCH) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.records.length === 0) return;
    const records = this.records;
    this.records = [];
    this.send(records);
  }
}
