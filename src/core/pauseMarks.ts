// Where the editor marks a run waiting at a pause: the line of its pauseFlowRun() call. No `vscode`
// here: the marks are plain data (zero-based lines, as the editor counts), unit-tested directly.
import type { LiveRun } from "./runs";

export interface PauseMark {
  runId: string;
  runName: string;
  flowName: string;
  key: string;
  file: string;
  /** Zero-based, as the editor counts: the first line of the call. */
  line: number;
  character: number;
}

/** One mark per run waiting at a pause whose call site the runner found. */
export function pauseMarks(waiting: readonly LiveRun[]): PauseMark[] {
  return waiting.flatMap((run) => {
    const pause = run.pendingPause;
    if (!pause?.location) return [];
    const { file, line, column } = pause.location;
    return [{ runId: run.record.id, runName: run.record.name, flowName: run.record.flowName, key: pause.key, file, line: line - 1, character: column - 1 }];
  });
}
