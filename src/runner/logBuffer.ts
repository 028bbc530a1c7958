import { writeSync } from "node:fs";
import type { LogRecord } from "../protocol/runner";

/** Largest batch in one write, so that one huge burst does not become one huge line. */
const MAX_BATCH = 5000;

/**
 * Collects log records and sends them in batches: one write per turn of the event loop instead of
 * one per line. Flush before sending a state or a pause, so the lines logged before it are on
 * their way first (the log pipe and the JSON-RPC channel are read apart, so the host sees them in
 * that order as a rule, not a promise; they always come before the run's end).
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
