// One pause the flow waits at. Its outcome is decided once, here, in the runner: the first of an
// accepted answer, the timeout and a cancel wins, and only that outcome reaches the flow and,
// through `pause/ended`, the host's history and the form.
import type { PauseEnd } from "../protocol/runner";
import type { PauseOutcome } from "../sdk/registry";
import type { FormSchema } from "./formSchema";

export class WaitingPause {
  readonly outcome: Promise<PauseOutcome>;
  private resolve!: (outcome: PauseOutcome) => void;
  private decided = false;

  constructor(
    readonly key: string,
    readonly form: FormSchema,
    /** Tells the host how the pause ended, before the flow goes on. */
    private readonly report: (end: PauseEnd) => void,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
  }

  get isOver(): boolean {
    return this.decided;
  }

  /**
   * Ends the pause with this outcome unless it has ended already; true when this call decided it.
   * @param formValue the answer as the form held it, for an outcome that came from one
   */
  decide(outcome: PauseOutcome, formValue?: unknown): boolean {
    if (this.decided) return false;
    this.decided = true;
    this.report(pauseEnd(this.key, outcome, formValue));
    this.resolve(outcome);
    return true;
  }
}

function pauseEnd(key: string, outcome: PauseOutcome, formValue: unknown): PauseEnd {
  switch (outcome.outcome) {
    case "value":
      return { key, outcome: "submitted", value: formValue };
    case "invalid":
      return { key, outcome: "invalid", value: formValue, issues: outcome.issues };
    case "timeout":
      return { key, outcome: "timedOut", seconds: outcome.timeoutSeconds };
    case "cancelled":
      return { key, outcome: "cancelled", reason: outcome.reason };
  }
}
