// The runner driven directly through the protocol, as a peer of another version or a broken host would.
import { strict as assert } from "node:assert";
import { fork, type ChildProcess } from "node:child_process";
import { after, test } from "node:test";
import { ResponseError } from "vscode-jsonrpc";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from "vscode-jsonrpc/node";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { LOG_FD, PROTOCOL_VERSION, StartErrorCodes, startRequest, type LogRecord } from "../../src/protocol/runner";
import { RUNNER, writeFlow } from "../helpers";

/** Runners a failed test left running: killed, so that a failure cannot hang the file. */
const children: ChildProcess[] = [];
after(() => children.forEach((child) => child.kill("SIGKILL")));

function connectToRunner() {
  const child = fork(RUNNER, [], { execArgv: [], stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"] });
  children.push(child);
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const logs: LogRecord[] = [];
  createInterface({ input: child.stdio[LOG_FD] as Readable }).on("line", (line) => logs.push(...(JSON.parse(line) as LogRecord[])));
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, connection, logs, exited };
}

const flowFile = () => writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nexport const f = flow(async () => { await pauseFlowRun(); });\n`);

test("a host speaking another protocol version gets a clear error, not a hang", async () => {
  const { connection, exited } = connectToRunner();
  await assert.rejects(
    connection.sendRequest(startRequest.type, { protocolVersion: PROTOCOL_VERSION + 1, runId: "x", runName: "x", file: flowFile() }),
    (error: ResponseError<unknown>) => {
      assert.equal(error.code, StartErrorCodes.ProtocolMismatch);
      assert.equal(error.message, `The host speaks Pauseflow protocol ${PROTOCOL_VERSION + 1} and this runner ${PROTOCOL_VERSION}; reinstall the extension so both match.`);
      return true;
    },
  );
  connection.dispose();
  await exited;
});

test("a malformed run/start is answered with InvalidParams and logged; nothing runs", async () => {
  const { connection, logs, child, exited } = connectToRunner();
  await assert.rejects(connection.sendRequest("run/start", { protocolVersion: PROTOCOL_VERSION, file: 42 }), (error: ResponseError<unknown>) => {
    assert.equal(error.code, -32602);
    assert.match(error.message, /^Malformed run\/start: runId: Invalid input: expected string, received undefined; runName: .*; file: Invalid input: expected string, received number$/);
    return true;
  });
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(logs.some((l) => l.level === "error" && l.message.startsWith("Rejected a malformed run/start message from the host: runId:")));
  child.kill();
  await exited;
});

test("a malformed input/validate or run/cancel does not resume or cancel the paused run", async () => {
  const { connection, logs, child, exited } = connectToRunner();
  const paused = new Promise<string>((resolve) => connection.onRequest("run/pause", (p: { key: string }) => (resolve(p.key), new Promise(() => {}))));
  await connection.sendRequest(startRequest.type, { protocolVersion: PROTOCOL_VERSION, runId: "r", runName: "r", file: flowFile() });
  const key = await paused;
  await assert.rejects(connection.sendRequest("input/validate", { value: {} }), /Malformed input\/validate: key: Invalid input/);
  await connection.sendNotification("run/cancel", { reason: 7 });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(child.exitCode, null, "the run is still paused");
  assert.ok(logs.some((l) => l.message.startsWith("Rejected a malformed run/cancel message from the host: reason:")));
  // And the well-formed messages still work afterwards.
  assert.deepEqual(await connection.sendRequest("input/validate", { key, value: {} }), { ok: true, issues: [] });
  await connection.sendNotification("run/cancel", { reason: "done" });
  assert.equal(await exited, 0);
});
