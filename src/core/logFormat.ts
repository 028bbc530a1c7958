import type { LogRecord } from "../protocol/runner";
import { timeOfDay } from "./time";

/** One log line as Prefect prints it: `12:00:01.234 | INFO    | Flow run 'crimson-wolf' - Hello!` */
export function formatLogLine(record: LogRecord, runName: string): string {
  const time = new Date(record.time);
  const level = record.level.toUpperCase().padEnd(8);
  return `${timeOfDay(time)}.${String(time.getMilliseconds()).padStart(3, "0")} | ${level}| Flow run '${runName}' - ${record.message}`;
}

/** The final line, as Prefect writes it: `Finished in state Failed('Flow run encountered an exception: ...')`. */
export function finishedLine(state: string, message: string | undefined): string {
  return `Finished in state ${state}(${message === undefined ? "" : pythonRepr(message)})`;
}

/** Quotes like Python's repr(): single quotes unless the text has one and no double quote. */
function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}
