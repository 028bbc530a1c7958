// The CLI's engine commands (dist/engine.js, loaded only for them: DBOS and pg cost a local run
// nothing). Each takes --db URL or reads PAUSEFLOW_DATABASE_URL.
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { parseJson, parseParams, readAnswers, UsageError } from "./usage";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { readFileSync } from "node:fs";
import { directiveOf } from "../core/answersFile";
import { finishedLine, formatLogLine } from "../core/logFormat";
import type { EngineLogRecord, EngineRunSummary } from "../protocol/engine";
import { formatIssue } from "../shared/issues";
import { isFinal } from "../protocol/runner";
import { validateWith } from "../sdk/standardSchema";
import { compileModule, findFlows, installImportFallback, pickFlow, transpile } from "../runner/loadFlow";
import { EngineClient, RunRequestError } from "../engine/client";
import { DatabaseError } from "../engine/database";
import { startWorker, WorkerError } from "../engine/worker";

// The extension host loads this bundle too, for the client alone.
export { EngineClient, RunRequestError } from "../engine/client";
export { DatabaseError, redactUrl } from "../engine/database";

export const ENGINE_USAGE = `Engine mode (runs on DBOS over Postgres; every command takes --db URL or reads PAUSEFLOW_DATABASE_URL):
  pauseflow worker [--concurrency N] [--takeover-after SECONDS] PATH...
                   runs the flows in PATH (files or folders of *.flow.ts): prints "Worker <id> ready: <n> flows"
  pauseflow start FILE [--flow NAME] [--params JSON]
                   enqueues a run of the flow; prints the run's id
  pauseflow runs [--paused] [--json]
  pauseflow answer RUN_ID [--key KEY] (--value JSON | --file F) [--as NAME] [--wait SECONDS]
                   exit 0 accepted, 4 rejected (each issue printed), 5 no worker checked it in time
  pauseflow cancel RUN_ID
  pauseflow logs RUN_ID [--follow]
  pauseflow wait RUN_ID     prints the final state; exit 0 Completed, 1 Failed or Crashed, 3 Cancelled
  pauseflow run FILE --db URL [--flow NAME] [--params JSON] [--answers FILE]
                   runs one flow on the engine with a worker of its own, as the local run does`;

/** DBOS queries one pg client concurrently, and pg 8 warns about it on every run; it is DBOS's to change. */
function quietPgDeprecation(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(typeof warning === "string" ? warning : warning.message).includes("client is already executing a query")) emitWarning(warning, ...rest);
  });
}

const EXIT = { Completed: 0, Failed: 1, Crashed: 1, Usage: 2, Cancelled: 3, Rejected: 4, Unchecked: 5 } as const;

type Options = NonNullable<ParseArgsConfig["options"]>;

type Values = Record<string, string | boolean | undefined>;

function parse(argv: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: "string" }, ...options } });
    return { values: values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function databaseUrl(values: Values): string {
  const url = typeof values.db === "string" ? values.db : process.env.PAUSEFLOW_DATABASE_URL;
  if (!url) throw new UsageError("no database: give --db URL or set PAUSEFLOW_DATABASE_URL");
  return url;
}

function one(positionals: string[], what: string, command: string): string {
  const [first, ...extra] = positionals;
  if (!first) throw new UsageError(`missing ${what}: pauseflow ${command} ${what}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  return first;
}

function seconds(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${option} must be a number of seconds above 0, got '${text}'`);
  return value;
}


const print = (line: string) => process.stdout.write(`${line}\n`);

/** Runs one engine command; resolves with its exit code. */
export async function engineMain(command: string, argv: string[]): Promise<number> {
  quietPgDeprecation();
  try {
    return await dispatch(command, argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof DatabaseError || error instanceof RunRequestError || error instanceof WorkerError) {
      process.stderr.write(`pauseflow: ${error.message}\n`);
      return EXIT.Usage;
    }
    throw error;
  }
}

async function dispatch(command: string, argv: string[]): Promise<number> {
  switch (command) {
    case "worker":
      return worker(argv);
    case "start":
      return start(argv);
    case "run":
      return runOnEngine(argv);
    default:
      return withClient(command, argv);
  }
}

async function worker(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { concurrency: { type: "string" }, "takeover-after": { type: "string" } });
  if (positionals.length === 0) throw new UsageError("missing PATH: pauseflow worker PATH... (flow files or folders)");
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number above 0, got '${String(values.concurrency)}'`);
  }
  const running = await startWorker({
    url: databaseUrl(values),
    paths: positionals,
    concurrency,
    takeoverAfterSeconds: seconds(values["takeover-after"] as string | undefined, "--takeover-after", 30),
    print,
  });
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  await running.stop();
  print(`Worker ${running.executorId} stopped`);
  return 0;
}

async function start(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { flow: { type: "string" }, params: { type: "string" } });
  const file = resolve(one(positionals, "FILE", "start"));
  const url = databaseUrl(values);
  const { flow, params } = await loadForStart(file, values);
  const client = await EngineClient.open(url);
  try {
    print(await client.start(flow, { params, startedBy: userName() }));
  } finally {
    await client.close();
  }
  return 0;
}

/** Reads the file as `run` does to find the flow and its name, and checks the parameters before anything is enqueued. */
async function loadForStart(file: string, values: Values): Promise<{ flow: string; params: Record<string, unknown> | undefined }> {
  const params = values.params === undefined ? undefined : parseParams(values.params as string);
  installImportFallback(join(__dirname, "sdk.js"));
  let flow;
  try {
    flow = pickFlow(findFlows(compileModule(file, await transpile(file))), values.flow as string | undefined, file);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (flow.definition.params) {
    const result = await validateWith(flow.definition.params, params ?? {});
    if (!result.ok) throw new UsageError(`invalid parameters for flow '${flow.name}': ${result.issues.map(formatIssue).join("; ")}`);
  }
  return { flow: flow.name, params };
}

/**
 * `pauseflow run FILE --db URL [--flow NAME] [--params JSON] [--answers F]`: one flow on the engine
 * with a worker of its own, printing what the local `run` prints, answering pauses from the file.
 */
async function runOnEngine(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { flow: { type: "string" }, params: { type: "string" }, answers: { type: "string" } });
  const file = resolve(one(positionals, "FILE", "run"));
  const url = databaseUrl(values);
  const answers = values.answers === undefined ? [] : readAnswers(values.answers as string);
  const { flow, params } = await loadForStart(file, values);
  const running = await startWorker({ url, paths: [file], takeoverAfterSeconds: 30, print: () => {} });
  const client = await EngineClient.open(url);
  try {
    const id = await client.start(flow, { params, startedBy: userName() });
    const stop = new AbortController();
    const following = client.followLogs(id, (records) => {
      for (const record of records) print(formatLogLine(record, id));
    }, stop.signal);
    let used = 0;
    let answered = "";
    for (;;) {
      const run = await client.run(id);
      if (isFinal(run.state)) break;
      const pause = run.state === "Paused" ? await client.pause(id) : null;
      if (pause && answered !== `${pause.key}@${pause.since}`) {
        const answer: unknown = answers.shift();
        const n = ++used;
        if (answer === undefined || directiveOf(answer)) {
          await client.cancel(id, userName(), answer === undefined ? `no answer left for pause '${pause.key}'` : `Cancelled by answer ${n}.`);
        } else {
          const result = await client.answer(id, { key: pause.key, value: answer, by: userName(), waitSeconds: 30 });
          if (result.verdict === "accepted") answered = `${pause.key}@${pause.since}`;
          else if (result.verdict === "rejected") {
            print(`Answer ${n} for pause '${pause.key}' rejected:`);
            for (const issue of result.issues) print(`  ${formatIssue(issue)}`);
          }
        }
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    await following;
    const run = await client.run(id);
    return EXIT[run.state as keyof typeof EXIT] ?? EXIT.Failed;
  } finally {
    await client.close();
    await running.stop();
  }
}

async function withClient(command: string, argv: string[]): Promise<number> {
  const spec: Record<string, Options> = {
    runs: { paused: { type: "boolean" }, json: { type: "boolean" } },
    answer: { key: { type: "string" }, value: { type: "string" }, file: { type: "string" }, as: { type: "string" }, wait: { type: "string" } },
    cancel: {},
    logs: { follow: { type: "boolean" } },
    wait: {},
  };
  const { values, positionals } = parse(argv, spec[command]!);
  const client = await EngineClient.open(databaseUrl(values));
  try {
    switch (command) {
      case "runs":
        if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
        return await runs(client, values.paused === true, values.json === true);
      case "answer":
        return await answer(client, one(positionals, "RUN_ID", "answer"), values as Record<string, string | undefined>);
      case "cancel": {
        const id = one(positionals, "RUN_ID", "cancel");
        await client.cancel(id, userName());
        print(`Run ${id} cancelled.`);
        return 0;
      }
      case "logs":
        return await logs(client, one(positionals, "RUN_ID", "logs"), values.follow === true);
      default: {
        const run = await client.wait(one(positionals, "RUN_ID", "wait"));
        print(finishedLine(run.state, run.message));
        return EXIT[run.state as keyof typeof EXIT] ?? EXIT.Failed;
      }
    }
  } finally {
    await client.close();
  }
}

function runs(client: EngineClient, paused: boolean, asJson: boolean): Promise<number> {
  return client.runs({ paused }).then((list: EngineRunSummary[]) => {
    if (asJson) print(JSON.stringify(list, null, 2));
    else for (const run of list) print([run.id, run.flow, run.state, run.pause ?? "-"].join("  "));
    return 0;
  });
}

async function answer(client: EngineClient, id: string, values: Record<string, string | undefined>): Promise<number> {
  if ((values.value === undefined) === (values.file === undefined)) throw new UsageError("give the answer with --value JSON or --file F (one of them)");
  const value = values.value !== undefined ? parseJson(values.value, "--value") : parseJson(readAnswerFile(values.file!), `--file ${values.file}`);
  const waitSeconds = seconds(values.wait, "--wait", 30);
  const result = await client.answer(id, { key: values.key, value, by: values.as ?? userName(), waitSeconds });
  switch (result.verdict) {
    case "accepted":
      print(`Answer accepted by run ${id}.`);
      return 0;
    case "rejected":
      print(`Answer for run ${id} rejected:`);
      for (const issue of result.issues) print(`  ${formatIssue(issue)}`);
      return EXIT.Rejected;
    case "unchecked":
      print(`No worker checked the answer within ${waitSeconds} s; it stays stored, and is checked when a worker picks run ${id} up.`);
      return EXIT.Unchecked;
  }
}

function readAnswerFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --file ${file}: ${(error as Error).message}`);
  }
}

async function logs(client: EngineClient, id: string, follow: boolean): Promise<number> {
  const show = (records: EngineLogRecord[]) => {
    for (const record of records) print(`${formatLogLine(record, id)}${record.replayed ? " (replayed)" : ""}`);
  };
  if (!follow) show(await client.logs(id));
  else {
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    await client.followLogs(id, show, stop.signal);
  }
  return 0;
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? "unknown";
  }
}
