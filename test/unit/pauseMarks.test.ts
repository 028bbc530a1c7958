import { strict as assert } from "node:assert";
import { test } from "node:test";
import { pauseMarks } from "../../src/core/pauseMarks";
import type { LiveRun } from "../../src/core/runs";
import type { PauseParams } from "../../src/protocol/runner";

const pause = (location?: PauseParams["location"]): PauseParams => ({ key: "review", kind: "pause", jsonSchema: {}, wrapped: false, noInput: true, timeoutSeconds: null, warnings: [], location });
const live = (id: string, pendingPause: PauseParams | undefined): LiveRun => ({
  record: { id, name: `run-${id}`, flowName: "intake-review", spec: { file: "/ws/intake.flow.ts" }, state: pendingPause ? "Paused" : "Running", createdAt: 0, pauses: [] },
  pendingPause,
  validate: async () => ({ ok: true, issues: [] }),
  pauseEnded: async (key) => ({ key, outcome: "runEnded" }),
});

test("a waiting run is marked at its pauseFlowRun line, counted from 0 as the editor does; a run without a located pause is not", () => {
  const marks = pauseMarks([live("a", pause({ file: "/ws/intake.flow.ts", line: 12, column: 9 })), live("b", pause()), live("c", undefined)]);
  assert.deepEqual(marks, [{ runId: "a", runName: "run-a", flowName: "intake-review", key: "review", file: "/ws/intake.flow.ts", line: 11, character: 8 }]);
});
