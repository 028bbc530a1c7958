// One run of a flow on the engine, inside its DBOS workflow: the SDK's Runtime for that run's code
// (found through AsyncLocalStorage, since one worker runs many), its pauses as DBOS events and
// messages, its steps as DBOS steps, and its log lines, marked when replayed code prints them again.
//
// Everything here is replayed on recovery: the workflow runs again from the top, each DBOS call
// returning what it recorded the first time. So the code must take the same path again; it does,
// as long as it decides only from what DBOS calls return.
import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import { DBOS, Error as DBOSErrors, type DBOSClient } from "@dbos-inc/dbos-sdk";
import { functionIDGet } from "@dbos-inc/dbos-sdk/internal/context";
import type pg from "pg";
import { ANSWER_TOPIC, Submission, type EngineResult, type StartInput, type StoredPause, type Verdict } from "../protocol/engine";
import type { LogLevel, LogRecord } from "../protocol/runner";
import { finishedLine } from "../core/logFormat";
import { PauseTimeoutError } from "../sdk/errors";
import type { PauseOutcome, PauseRequest, Runtime } from "../sdk/registry";
import { validateWith, type Validation } from "../sdk/standardSchema";
import { toFormValue } from "../shared/formValue";
import { formatIssues } from "../shared/issues";
import { makeFormSchema, NO_INPUT, type FormSchema } from "../runner/formSchema";
import { describeError, InvalidParams, isFinalState, stackLines } from "../runner/flowOutcome";
import type { LoadedFlow } from "../runner/loadFlow";
import { cancelledEndOf, recordCancel, timeoutMark } from "./cancellations";
import { embedImages } from "./embedImages";
import { nextSeq, type LogWriter } from "./logStore";
import { beginPause, endPause, storeVerdict, type PauseEnd } from "./pauseStore";

/** recv waits at most this long at once; a pause with no timeout waits again. */
const LONGEST_WAIT_MS = 7 * 24 * 3600 * 1000;

const current = new AsyncLocalStorage<EngineRun>();

export interface EngineRunContext {
  flow: LoadedFlow;
  /** The flow file: schemas are converted with the zod its folder resolves, images read from its folder. */
  file: string;
  logs: LogWriter;
  pool: pg.Pool;
  /** For what the worker does to a run from outside its workflow (ending it at its timeout). */
  control: DBOSClient;
}

/** The worker's Runtime: each call goes to the run whose code made it. */
export const engineRuntime: Runtime = {
  pause(request) {
    const run = current.getStore();
    if (!run) return Promise.reject(new Error("pauseFlowRun() was called outside a flow run"));
    return run.pause(request);
  },
  log(level, message) {
    const run = current.getStore();
    if (run) run.log(level, message, "flow");
    else process.stderr.write(`${level}: ${message}\n`);
  },
  step(name, fn) {
    const run = current.getStore();
    return run ? run.step(name, fn) : fn();
  },
};

/** console.* in a flow with logPrints goes to its run's logs; the worker's own output stays on its console. */
export function routeConsoleToRuns(): void {
  const levels = { log: "info", info: "info", debug: "debug", warn: "warning", error: "error" } as const;
  for (const [method, level] of Object.entries(levels) as [keyof typeof levels, LogLevel][]) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const run = current.getStore();
      if (run?.logPrints) run.log(level, format(...args), "print");
      else original(...args);
    };
  }
}

export class EngineRun {
  private pauseCount = 0;

  private constructor(
    readonly id: string,
    private readonly context: EngineRunContext,
    private seq: number,
    /** The last DBOS operation recorded before this execution began: code before it is replaying. */
    private readonly recordedUpTo: number,
  ) {}

  /** The workflow's body for one flow. */
  static async execute(context: EngineRunContext, input: StartInput): Promise<EngineResult> {
    const id = DBOS.workflowID!;
    const [seq, recordedUpTo] = await Promise.all([nextSeq(context.pool, id), lastRecordedOperation(context.pool, id)]);
    const run = new EngineRun(id, context, seq, recordedUpTo);
    return current.run(run, () => run.execute(input));
  }

  get logPrints(): boolean {
    return this.context.flow.definition.logPrints;
  }

  log(level: LogLevel, message: string, source: LogRecord["source"]): void {
    this.context.logs.write(this.id, { seq: this.seq++, time: Date.now(), level, message, source, replayed: this.replaying() });
  }

  private replaying(): boolean {
    try {
      return functionIDGet() <= this.recordedUpTo;
    } catch {
      return false; // inside a step: a step runs only when it was not recorded
    }
  }

  private async execute(input: StartInput): Promise<EngineResult> {
    const { flow } = this.context;
    this.log("info", `Beginning flow run '${this.id}' for flow '${flow.name}'`, "runner");
    const stopTimer = await this.armRunTimeout();
    let end: EngineResult;
    try {
      const result = await flow.definition.fn(await this.checkParams(input.params));
      end = isFinalState(result) ? { state: result.state, message: result.message } : { state: "Completed" };
    } catch (error) {
      // The engine took the run from this execution: cancelled (the wake-up may reach it as either
      // error), or owned by another execution now, which says how it ends.
      if (error instanceof DBOSErrors.DBOSWorkflowCancelledError || error instanceof DBOSErrors.DBOSWorkflowConflictError) {
        if (await this.isCancelled()) await this.finish(await cancelledEndOf(this.context.pool, this.id));
        throw error;
      }
      if (error instanceof InvalidParams) end = { state: "Failed", message: error.message };
      else {
        for (const [level, message] of stackLines("Encountered exception during execution", error)) this.log(level, message, "runner");
        end = { state: "Failed", message: `Flow run encountered an exception: ${describeError(error)}` };
      }
    } finally {
      stopTimer();
    }
    await this.finish(end);
    return end;
  }

  /**
   * A flow's `timeout`: its deadline is durable (from DBOS.now(), so a recovered run keeps it), and
   * when it passes, the worker cancels the run, recording why; the run then reads as Failed, as locally.
   */
  private async armRunTimeout(): Promise<() => void> {
    const seconds = this.context.flow.definition.timeoutSeconds;
    if (seconds === undefined) return () => {};
    const deadline = (await DBOS.now()) + seconds * 1000;
    const { pool, control } = this.context;
    const timer = setTimeout(() => {
      void recordCancel(pool, this.id, timeoutMark(seconds))
        .then(() => control.cancelWorkflow(this.id))
        .then(() => control.send(this.id, { wake: "timeout" }, ANSWER_TOPIC))
        .catch((error: Error) => process.stderr.write(`worker: could not end run ${this.id} at its timeout: ${error.message}\n`));
    }, Math.max(0, Math.min(deadline - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }

  private async isCancelled(): Promise<boolean> {
    const { rows } = await this.context.pool.query<{ status: string }>("SELECT status FROM dbos.workflow_status WHERE workflow_uuid = $1", [this.id]);
    return rows[0]?.status === "CANCELLED";
  }

  /** The final line, stored before the workflow's status says it is over, so a reader never misses it. */
  private async finish(end: EngineResult): Promise<void> {
    this.log(end.state === "Failed" ? "error" : "info", finishedLine(end.state, end.message), "runner");
    await this.context.logs.flush();
  }

  private async checkParams(params: StartInput["params"]): Promise<unknown> {
    const schema = this.context.flow.definition.params;
    if (!schema) return params;
    const result = await validateWith(schema, params ?? {});
    if (!result.ok) throw new InvalidParams(result.issues);
    return result.value;
  }

  /** `step(name, fn)`: a DBOS step, its result recorded and returned on recovery without running fn again. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return DBOS.runStep(fn, { name });
  }

  /** The SDK's pauseFlowRun() lands here. */
  async pause(request: PauseRequest): Promise<PauseOutcome> {
    const ordinal = this.pauseCount++;
    const key = request.key ?? `pause-${ordinal + 1}`;
    const { file } = this.context;
    const form = request.schema ? makeFormSchema(request.schema, file) : NO_INPUT;
    for (const warning of form.warnings) this.log("warning", `Pause '${key}': ${warning}`, "runner");
    const described = request.description === undefined ? undefined : embedImages(request.description, file);
    for (const skipped of described?.skipped ?? []) this.log("warning", `Pause '${key}': image not sent with the pause: ${skipped}`, "runner");
    this.log("info", "Pausing flow, execution will continue when this flow run is resumed.", "runner");

    const step = functionIDGet();
    const since = await DBOS.now();
    const pause: StoredPause = {
      key,
      kind: "pause",
      jsonSchema: form.jsonSchema,
      wrapped: form.wrapped,
      noInput: form === NO_INPUT,
      initialData: request.initialData === undefined ? undefined : toFormValue(form, request.initialData),
      description: described?.description,
      title: request.title,
      timeoutSeconds: request.timeoutSeconds,
      warnings: form.warnings,
      since,
      deadline: request.timeoutSeconds === null ? null : since + request.timeoutSeconds * 1000,
    };
    await beginPause(this.context.pool, this.id, ordinal, step, pause);

    const answer = await this.waitForAnswer(pause, form, ordinal);
    if (!answer) {
      await endPause(this.context.pool, this.id, ordinal, { outcome: "timedOut", at: pause.deadline! });
      const timeoutSeconds = request.timeoutSeconds!;
      this.log("warning", new PauseTimeoutError(key, timeoutSeconds).message, "runner");
      return { outcome: "timeout", key, timeoutSeconds };
    }
    this.log("info", `Pause '${key}' answered by ${answer.submission.by}.`, "runner");
    this.log("info", "Resuming flow run execution!", "runner");
    return { outcome: "value", value: answer.value };
  }

  /**
   * Waits for an answer the flow's schema accepts; each submission gets its verdict as an event.
   * A rejected one never reaches the flow. Returns undefined once the deadline has passed.
   */
  private async waitForAnswer(pause: StoredPause, form: FormSchema, ordinal: number): Promise<{ submission: Submission; value: unknown } | undefined> {
    for (;;) {
      const left = pause.deadline === null ? LONGEST_WAIT_MS : pause.deadline - (await DBOS.now());
      if (left <= 0) return undefined;
      const message = await DBOS.recv<unknown>(ANSWER_TOPIC, Math.min(left, LONGEST_WAIT_MS) / 1000);
      if (message === null) continue;
      const parsed = Submission.safeParse(message);
      if (!parsed.success) {
        this.log("warning", `Pause '${pause.key}': a message that is not an answer was ignored.`, "runner");
        continue;
      }
      const submission = parsed.data;
      if (submission.key !== pause.key) {
        await this.reject(submission, [{ path: [], message: `The run is not waiting at pause '${submission.key}' (it waits at '${pause.key}').` }]);
        continue;
      }
      const result = await this.check(pause.key, form, submission.value);
      if (result.ok) {
        const end: PauseEnd = { outcome: "submitted", at: submission.at, by: submission.by, value: submission.value };
        await endPause(this.context.pool, this.id, ordinal, end, submission.id);
        return { submission, value: result.value };
      }
      this.log("warning", `Answer from ${submission.by} to pause '${pause.key}' rejected: ${formatIssues(result.issues)}`, "runner");
      await this.reject(submission, result.issues);
    }
  }

  private reject(submission: Submission, issues: Extract<Verdict, { verdict: "rejected" }>["issues"]): Promise<unknown> {
    return storeVerdict(this.context.pool, this.id, submission.id, { verdict: "rejected", issues });
  }

  /** The flow's own schema, refinements included; one that throws is an issue saying so, its stack in the logs. */
  private async check(key: string, form: FormSchema, value: unknown): Promise<Validation> {
    try {
      return await form.validate(value);
    } catch (error) {
      for (const [level, message] of stackLines(`The schema of pause '${key}' threw while checking an answer`, error)) this.log(level, message, "runner");
      return { ok: false, issues: [{ path: [], message: `The flow's schema could not check this answer: ${describeError(error)}` }] };
    }
  }
}

async function lastRecordedOperation(pool: pg.Pool, runId: string): Promise<number> {
  const { rows } = await pool.query<{ last: number }>("SELECT COALESCE(MAX(function_id), -1) AS last FROM dbos.operation_outputs WHERE workflow_uuid = $1", [runId]);
  return rows[0]!.last;
}
