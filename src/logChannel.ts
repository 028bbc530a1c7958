// The "Pauseflow" output channel: every run's log lines, tagged with the run's name, at their level.
import * as vscode from "vscode";
import type { LogRecord } from "./protocol/runner";
import type { RunLogs } from "./core/runs";

/** Lines are written at most this often, so a burst of 100,000 lines is a few hundred writes, not 100,000. */
const FLUSH_MS = 50;
/** Up to this many lines in one flush, each line is its own entry (with its own time and level). */
const GROUP_ABOVE = 500;

export class LogChannel implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel("Pauseflow", { log: true });
  private pending: { runName: string; record: LogRecord }[] = [];
  private timer: NodeJS.Timeout | undefined;

  add({ record, logs }: RunLogs): void {
    for (const log of logs) this.pending.push({ runName: record.name, record: log });
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  show(): void {
    this.channel.show(true);
  }

  flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    if (pending.length <= GROUP_ABOVE) {
      for (const { runName, record } of pending) this.write(record.level, `[${runName}] ${record.message}`);
      return;
    }
    // A burst: consecutive lines of one run at one level are written as one entry.
    for (let i = 0; i < pending.length; ) {
      const { runName, record } = pending[i]!;
      const lines: string[] = [];
      let j = i;
      for (; j < pending.length && pending[j]!.runName === runName && pending[j]!.record.level === record.level; j++) {
        lines.push(pending[j]!.record.message);
      }
      this.write(record.level, `[${runName}] ${lines.join(`\n[${runName}] `)}`);
      i = j;
    }
  }

  private write(level: LogRecord["level"], text: string): void {
    switch (level) {
      case "debug":
        return this.channel.debug(text);
      case "info":
        return this.channel.info(text);
      case "warning":
        return this.channel.warn(text);
      case "error":
      case "critical":
        return this.channel.error(text);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.flush();
    this.channel.dispose();
  }
}
