// The runner child process: one per run. It speaks JSON-RPC with its parent over Node IPC, so the
// flow's stdout and stderr stay free (the parent captures them as log lines).
import "./compileCache";
import { transpiled } from "./earlyTranspile";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, ResponseError } from "vscode-jsonrpc/node";
import { join } from "node:path";
import { onNotification, onRequest, sendNotification, sendRequest } from "../protocol/checked";
import { cancelNotification, exitNotification, LOG_FD, pauseEndedNotification, pauseRequest, PROTOCOL_VERSION, startRequest, StartErrorCodes, stateNotification, validateRequest } from "../protocol/runner";
import { FlowRun, type EndState, type HostChannel } from "./flowRun";
import { compileModule, findFlows, FlowLoadError, FlowNotFoundError, installImportFallback, pickFlow, stopTranspiler } from "./loadFlow";
import { drained } from "../shared/streams";
import { waitForDebugger } from "./debugger";
import { LogBuffer, logPipe } from "./logBuffer";

if (!process.send) {
  console.error("The Pauseflow runner is started by the extension or the pauseflow CLI, not by hand.");
  process.exit(2);
}

process.setSourceMapsEnabled(true);
installImportFallback(join(__dirname, "sdk.js"));

const connection = createMessageConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
const logs = new LogBuffer(logPipe(LOG_FD));
const reportMalformed = (method: string, detail: string) =>
  logs.add({ time: Date.now(), level: "error", message: `Rejected a malformed ${method} message from the host: ${detail}`, source: "runner" });

const host: HostChannel = {
  state(params) {
    logs.flush();
    void sendNotification(connection, stateNotification, params);
  },
  log: (record) => logs.add(record),
  pause(params, token) {
    logs.flush();
    return sendRequest(connection, pauseRequest, params, token);
  },
  pauseEnded(end) {
    logs.flush();
    void sendNotification(connection, pauseEndedNotification, end);
  },
};

let run: FlowRun | undefined;

onRequest(connection, startRequest, reportMalformed, async (params) => {
  if (params.protocolVersion !== PROTOCOL_VERSION) {
    setImmediate(() => exit(0));
    throw new ResponseError(
      StartErrorCodes.ProtocolMismatch,
      `The host speaks Pauseflow protocol ${params.protocolVersion} and this runner ${PROTOCOL_VERSION}; reinstall the extension so both match.`,
    );
  }
  if (run) throw new ResponseError(StartErrorCodes.LoadFailed, "This runner already has a run.");
  let flow;
  try {
    if (params.debugPort !== undefined) waitForDebugger(params.debugPort);
    const flows = findFlows(compileModule(params.file, await transpiled(params.file)));
    flow = pickFlow(flows, params.flow, params.file);
  } catch (error) {
    const code = error instanceof FlowNotFoundError ? StartErrorCodes.FlowNotFound : StartErrorCodes.LoadFailed;
    const message = error instanceof FlowLoadError || error instanceof FlowNotFoundError ? error.message : String(error);
    const details = error instanceof FlowLoadError ? error.details : error instanceof FlowNotFoundError ? error.message : String((error as Error).stack ?? error);
    logs.add({ time: Date.now(), level: "error", message: `Could not load the flow: ${details}`, source: "runner" });
    logs.flush();
    setImmediate(() => exit(0));
    throw new ResponseError(code, message);
  } finally {
    // The flow is loaded (or will not be): nothing transpiles any more, and a paused run is one process.
    void stopTranspiler();
  }
  run = new FlowRun(host, params, flow);
  const started = run;
  setImmediate(() => void started.execute().then(finish));
  return { protocolVersion: PROTOCOL_VERSION, flowName: flow.name };
});

onRequest(connection, validateRequest, reportMalformed, (params) => {
  if (!run) return { ok: false, issues: [{ path: [], message: "No run has started." }] };
  return run.validate(params.key, params.value);
});

onNotification(connection, cancelNotification, reportMalformed, (params) => {
  if (run) run.cancel(params.reason);
  else exit(0);
});

// The host went away (the window closed, the CLI was killed): nobody can answer or read this run.
process.on("disconnect", () => process.exit(0));
connection.onClose(() => process.exit(0));
connection.listen();

function finish(final: EndState): void {
  host.state({ state: final.state, message: final.message });
  exit(0);
}

/**
 * Exits once everything written so far has left the process: the flow's stdout and stderr (pipes
 * are asynchronous, and process.exit drops what is still queued) and every IPC message, run/exit last.
 */
function exit(code: number): void {
  logs.flush();
  void Promise.all([drained(process.stdout), drained(process.stderr)]).then(() =>
    process.send!({ jsonrpc: "2.0", method: exitNotification.type.method }, undefined, undefined, () => process.exit(code)),
  );
}
