import { writeSync } from "node:fs";
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

/**
 * Sends batches down the log pipe (LOG_FD), one JSON line each. The writes block while the pipe is
 * full: that is the backpressure on a flow that logs faster than the host reads.
 */
export function logPipe(fd: number): (records: LogRecord[]) => void {
  return (records) => {
    const bytes = Buffer.from(`${JSON.stringify(records)}\n`);
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    } catch {
      // The host is gone (EPIPE): nobody reads these lines, and the runner exits on disconnect.
    }
  };
}
