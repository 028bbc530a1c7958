// One run of one flow inside the runner: parameters, logPrints, pauses, timeouts, cancellation
// and the final state. It serves the SDK through the registry (it is the SDK's Runtime).
import { CancellationTokenSource, type CancellationToken } from "vscode-jsonrpc";
import { format } from "node:util";
import type { LogLevel, LogRecord, PauseAnswer, PauseEnd, PauseParams, StartParams, StateParams, ValidateResult } from "../protocol/runner";
import { PauseTimeoutError, secondsText } from "../sdk/errors";
import { toFormValue } from "../shared/formValue";
import { setRuntime, type PauseOutcome, type PauseRequest, type Runtime } from "../sdk/registry";
import { validateWith, type Validation } from "../sdk/standardSchema";
import { formatIssues } from "../shared/issues";
import { describeError, InvalidParams, isFinalState, stackLines } from "./flowOutcome";
import type { LoadedFlow } from "./loadFlow";
import { makeFormSchema, NO_INPUT, type FormSchema } from "./formSchema";
import { WaitingPause } from "./waitingPause";
import { callerLocation } from "./userFrames";
import type { SourceLocation } from "../protocol/common";

/** What the run needs from the host: the protocol, seen from the runner. */
export interface HostChannel {
  state(params: StateParams): void;
  log(record: LogRecord): void;
  pause(params: PauseParams, token: CancellationToken): Promise<PauseAnswer>;
  pauseEnded(end: PauseEnd): void;
}

/** How the run ended, as the runner reports it (the host adds Crashed). */
export interface EndState {
  state: "Completed" | "Failed" | "Cancelled";
  message?: string;
}

/** setTimeout's longest delay (about 24.8 days); longer pauses wait that long. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class FlowRun implements Runtime {
  private pauseCount = 0;
  private pending: WaitingPause | undefined;
  private cancelReason: string | undefined;
  private onCancel: ((reason: string) => void) | undefined;

  constructor(
    private readonly host: HostChannel,
    private readonly info: StartParams,
    private readonly flow: LoadedFlow,
  ) {}

  log(level: LogLevel, message: string, source: LogRecord["source"] = "flow"): void {
    this.host.log({ time: Date.now(), level, message, source });
  }

  /** An error with the flow's own frames; the full stack, Pauseflow's frames included, at debug level. */
  private logStack(what: string, error: unknown): void {
    for (const [level, message] of stackLines(what, error)) this.log(level, message, "runner");
  }

  /** Runs the flow to its final state; never throws. */
  async execute(): Promise<EndState> {
    setRuntime(this);
    this.log("info", `Beginning flow run '${this.info.runName}' for flow '${this.flow.name}'`, "runner");
    this.host.state({ state: "Running" });
    // The host logs "Finished in state ..." once the process has exited and all its output is read.
    return this.outcome();
  }

  private async outcome(): Promise<EndState> {
    const cancelled = new Promise<Stop>((resolve) => {
      this.onCancel = (reason) => resolve(new Stop({ state: "Cancelled", message: reason }));
    });
    try {
      const params = await Promise.race([this.resolveParams(), cancelled]);
      if (params instanceof Stop) return params.final;
      if (this.flow.definition.logPrints) this.sendConsoleToLogs();
      const result = await Promise.race([
        Promise.resolve().then(() => this.flow.definition.fn(params)),
        cancelled,
        this.runTimeout(),
      ]);
      if (result instanceof Stop) return result.final;
      if (isFinalState(result)) return { state: result.state, message: result.message };
      return { state: "Completed" };
    } catch (error) {
      if (this.cancelReason !== undefined) return { state: "Cancelled", message: this.cancelReason };
      if (error instanceof InvalidParams) return { state: "Failed", message: error.message };
      this.logStack("Encountered exception during execution", error);
      return { state: "Failed", message: `Flow run encountered an exception: ${describeError(error)}` };
    }
  }

  private async resolveParams(): Promise<unknown> {
    const schema = this.flow.definition.params;
    if (!schema) return this.info.params;
    if (this.info.askForParams) {
      const outcome = await this.waitForAnswer({
        key: "parameters",
        kind: "parameters",
        form: makeFormSchema(schema, this.info.file),
        initialData: this.info.params,
        title: `Parameters for ${this.flow.name}`,
        description: this.flow.definition.description,
        timeoutSeconds: null,
      });
      if (outcome.outcome === "value") return outcome.value;
      if (outcome.outcome === "invalid") throw new InvalidParams(outcome.issues);
      return new Promise(() => {}); // cancelled: the race with `cancelled` ends the run
    }
    const result = await validateWith(schema, this.info.params ?? {});
    if (!result.ok) throw new InvalidParams(result.issues);
    return result.value;
  }

  private runTimeout(): Promise<Stop> {
    const seconds = this.flow.definition.timeoutSeconds;
    if (seconds === undefined) return new Promise(() => {});
    return new Promise((resolve) => {
      setTimeout(
        () => resolve(new Stop({ state: "Failed", message: `Flow run exceeded timeout of ${secondsText(seconds)}` })),
        Math.min(seconds * 1000, MAX_TIMER_MS),
      ).unref();
    });
  }

  /** The SDK's pauseFlowRun() lands here. */
  async pause(request: PauseRequest): Promise<PauseOutcome> {
    // Still on the caller's stack: the SDK calls this synchronously from pauseFlowRun().
    const location = callerLocation();
    const key = request.key ?? `pause-${this.pauseCount + 1}`;
    this.pauseCount++;
    if (this.cancelReason !== undefined) return { outcome: "cancelled", reason: this.cancelReason };
    if (this.pending) {
      throw new Error(`pauseFlowRun('${key}') was called while pause '${this.pending.key}' still waits; await each pause before the next`);
    }
    return this.waitForAnswer({
      key,
      kind: "pause",
      form: request.schema ? makeFormSchema(request.schema, this.info.file) : NO_INPUT,
      initialData: request.initialData,
      title: request.title,
      description: request.description,
      timeoutSeconds: request.timeoutSeconds,
      location,
    });
  }

  private async waitForAnswer(p: {
    key: string;
    kind: PauseParams["kind"];
    form: FormSchema;
    initialData: unknown;
    title: string | undefined;
    description: string | undefined;
    timeoutSeconds: number | null;
    location?: SourceLocation;
  }): Promise<PauseOutcome> {
    const { key, form, timeoutSeconds } = p;
    for (const warning of form.warnings) this.log("warning", `Pause '${key}': ${warning}`, "runner");
    if (p.kind === "pause") this.log("info", "Pausing flow, execution will continue when this flow run is resumed.", "runner");

    const startedAt = Date.now();
    const pause = new WaitingPause(key, form, (end) => this.host.pauseEnded(end));
    this.pending = pause;
    let timer: NodeJS.Timeout | undefined;
    const tokenSource = new CancellationTokenSource();
    try {
      if (timeoutSeconds !== null) {
        timer = setTimeout(() => pause.decide({ outcome: "timeout", key, timeoutSeconds }), Math.min(timeoutSeconds * 1000, MAX_TIMER_MS));
      }
      const params: PauseParams = {
        key,
        kind: p.kind,
        jsonSchema: form.jsonSchema,
        wrapped: form.wrapped,
        noInput: form === NO_INPUT,
        initialData: p.initialData === undefined ? undefined : toFormValue(form, p.initialData),
        description: p.description,
        title: p.title,
        timeoutSeconds,
        warnings: form.warnings,
        location: p.location,
      };
      this.host.pause(params, tokenSource.token).then(
        (answer) => this.settle(pause, answer, startedAt),
        (error: Error) => this.cancel(`The host could not answer pause '${key}': ${error.message}`),
      );
      const outcome = await pause.outcome;
      if (outcome.outcome === "timeout") {
        this.log("warning", new PauseTimeoutError(key, outcome.timeoutSeconds).message, "runner");
      } else if (outcome.outcome === "invalid") {
        this.log("warning", `Pause '${key}' got an invalid value: ${formatIssues(outcome.issues)}`, "runner");
      }
      // "Resuming" only for an accepted answer: after a timeout or a refused answer the flow gets an error instead.
      if (outcome.outcome === "value" && p.kind === "pause") this.log("info", "Resuming flow run execution!", "runner");
      if (outcome.outcome !== "cancelled") this.host.state({ state: "Running" });
      return outcome;
    } finally {
      // Every way out of a pause ends it: the flow's next pause must not find this one waiting.
      clearTimeout(timer);
      tokenSource.cancel(); // tells the host the pause is over, if the host did not end it
      if (this.pending === pause) this.pending = undefined;
    }
  }

  /** The host's answer: an answer is checked with the flow's own schema, and decides the pause only if nothing else did first. */
  private async settle(pause: WaitingPause, answer: PauseAnswer, startedAt: number): Promise<void> {
    // An answer to a pause that is over goes nowhere: even a "cancel" that a form sends late is not a cancel of the run.
    if (pause.isOver) return;
    switch (answer.action) {
      case "submit": {
        const result = await this.check(pause, answer.value);
        pause.decide(result.ok ? { outcome: "value", value: result.value } : { outcome: "invalid", issues: result.issues }, answer.value);
        return;
      }
      case "timeout":
        pause.decide({ outcome: "timeout", key: pause.key, timeoutSeconds: Math.round((Date.now() - startedAt) / 1000) });
        return;
      case "cancel":
        this.cancel(answer.reason);
        return;
    }
  }

  /** The flow's schema on a candidate answer; a schema that throws (a refinement with a bug) is an issue saying so, and its stack goes to the logs. */
  private async check(pause: WaitingPause, value: unknown): Promise<Validation> {
    try {
      return await pause.form.validate(value);
    } catch (error) {
      this.logStack(`The schema of pause '${pause.key}' threw while checking an answer`, error);
      return { ok: false, issues: [{ path: [], message: `The flow's schema could not check this answer: ${describeError(error)}` }] };
    }
  }

  /** `input/validate`: checks a candidate for the waiting pause with the flow's own schema. */
  async validate(key: string, value: unknown): Promise<ValidateResult> {
    const pause = this.pending;
    if (!pause || pause.key !== key || pause.isOver) {
      return { ok: false, issues: [{ path: [], message: `The run is not waiting at pause '${key}' any more.` }] };
    }
    const result = await this.check(pause, value);
    return result.ok ? { ok: true, issues: [] } : { ok: false, issues: result.issues };
  }

  cancel(reason = "Cancelled by user."): void {
    if (this.cancelReason !== undefined) return;
    this.cancelReason = reason;
    this.pending?.decide({ outcome: "cancelled", reason });
    this.onCancel?.(reason);
  }

  private sendConsoleToLogs(): void {
    const at = (level: LogLevel) => (...args: unknown[]) => this.log(level, format(...args), "print");
    console.log = at("info");
    console.info = at("info");
    console.debug = at("debug");
    console.warn = at("warning");
    console.error = at("error");
  }
}

/** Ends the run from outside the flow's own code (cancel, run timeout), winning the race with it. */
class Stop {
  constructor(readonly final: EndState) {}
}
