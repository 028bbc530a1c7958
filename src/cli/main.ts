// `pauseflow run FILE [--flow NAME] [--params JSON] [--answers FILE]`: runs a flow headless with
// the same runner as the extension, printing its log lines; pauses are answered from a file or,
// on a terminal, by prompting.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatLogLine } from "../core/logFormat";
import { StartErrorCodes } from "../protocol/runner";
import { Run } from "../core/run";
import { generateRunName } from "../core/runNames";
import { drained } from "../shared/streams";
import { answersFileHandler } from "../core/scriptedAnswers";
import { promptOnTerminal } from "./prompt";
import { parseParams, readAnswers, UsageError } from "./usage";

const USAGE = `Usage: pauseflow run FILE [--flow NAME] [--params JSON] [--answers FILE]

Runs a flow and prints its log lines, ending with its final state.
  --flow NAME      the flow to run (export name or flow name); needed when FILE exports several
  --params JSON    the flow's parameters, a JSON object
  --answers FILE   a JSON array; each element answers the next pause, as the value the flow receives.
                   {"$cancel": true} cancels the run; {"$timeout": true} times the pause out.
                   With no answer left: prompts on a terminal, otherwise cancels the run.

Exit codes: 0 Completed, 1 Failed or Crashed, 2 bad usage, 3 Cancelled.`;

const EXIT = { Completed: 0, Failed: 1, Crashed: 1, Usage: 2, Cancelled: 3 } as const;

interface Command {
  file: string;
  flow?: string;
  params?: Record<string, unknown>;
  answers: unknown[];
}

function parseCommand(argv: string[]): Command | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { flow: { type: "string" }, params: { type: "string" }, answers: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  const [command, file, ...extra] = positionals;
  if (command !== "run") throw new UsageError(command ? `unknown command '${command}' (pauseflow --help lists them)` : "missing command: pauseflow run FILE");
  if (!file) throw new UsageError("missing FILE: pauseflow run FILE");
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`no such flow file: ${file}`);
  return { file: path, flow: values.flow, params: values.params === undefined ? undefined : parseParams(values.params), answers: values.answers === undefined ? [] : readAnswers(values.answers) };
}

/** The engine's commands live in dist/engine.js, loaded only for them. */
function loadEngine(): typeof import("./engine") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, "engine.js")) as typeof import("./engine");
}

const ENGINE_COMMANDS = ["worker", "start", "runs", "answer", "cancel", "logs", "wait"];

async function main(argv: string[]): Promise<number> {
  const first = argv.find((arg) => !arg.startsWith("-"));
  // `run` goes to the engine only with --db: a PAUSEFLOW_DATABASE_URL in the environment never moves local runs there.
  const onEngine = first === "run" && argv.some((arg) => arg === "--db" || arg.startsWith("--db="));
  if (first && (ENGINE_COMMANDS.includes(first) || onEngine)) return loadEngine().engineMain(first, argv.toSpliced(argv.indexOf(first), 1));
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`pauseflow: ${error.message}\n`);
    return EXIT.Usage;
  }
  if (command === "help") {
    process.stdout.write(`${USAGE}\n\n${loadEngine().ENGINE_USAGE}\n`);
    return 0;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const run = new Run(
    { file: command.file, flow: command.flow, params: command.params },
    {
      name: generateRunName(),
      runnerPath: join(__dirname, "runner.js"),
      pauseHandler: answersFileHandler(command.answers, print, process.stdin.isTTY ? promptOnTerminal : undefined),
    },
  );
  run.onDidLog((records) => {
    for (const record of records) print(formatLogLine(record, run.record.name));
  });
  let interrupts = 0;
  process.on("SIGINT", () => (++interrupts === 1 ? run.cancel("Cancelled by user (Ctrl+C).") : run.kill()));
  const record = await run.start().finished;
  if (record.startErrorCode === StartErrorCodes.FlowNotFound) {
    process.stderr.write(`pauseflow: ${record.stateMessage}\n`);
    return EXIT.Usage;
  }
  return EXIT[record.state as keyof typeof EXIT] ?? EXIT.Failed;
}

// The last lines (the final state above all) reach even a slow reader: exit once they have left.
main(process.argv.slice(2)).then(
  (code) => exitWhenWritten(code),
  (error) => {
    process.stderr.write(`pauseflow: ${(error as Error).stack ?? String(error)}\n`);
    exitWhenWritten(1);
  },
);

function exitWhenWritten(code: number): void {
  void Promise.all([drained(process.stdout), drained(process.stderr)]).then(() => process.exit(code));
}
