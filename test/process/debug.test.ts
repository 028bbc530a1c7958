// Debugging a run: the runner opens the Node inspector on loopback and waits for a debugger before
// it loads the flow. Here a small Chrome DevTools Protocol client plays VS Code's debugger.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { Run } from "../../src/core/run";
import { freePort } from "../../src/core/freePort";
import { RUNNER, messagesOf, neverAnswer, writeFlow } from "../helpers";

/**
 * Attaches to the inspector on `port` (retrying until it listens), lets the runner go on, and prints
 * where the program stops at each `debugger` statement (as JSON lines), resuming it each time.
 */
const DEBUGGER = `
const port = process.argv[1];
let targets;
for (;;) {
  try { targets = await (await fetch("http://127.0.0.1:" + port + "/json/list")).json(); break; }
  catch { await new Promise((r) => setTimeout(r, 50)); }
}
const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
let id = 0;
const scripts = new Map();
const send = (method, params = {}) => ws.send(JSON.stringify({ id: ++id, method, params }));
ws.onopen = () => { send("Runtime.enable"); send("Debugger.enable"); send("Runtime.runIfWaitingForDebugger"); };
ws.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.method === "Debugger.scriptParsed") scripts.set(message.params.scriptId, message.params.url);
  // The runner is done and waits for the debugger to go, as VS Code's does.
  if (message.method === "Runtime.executionContextDestroyed") ws.close();
  if (message.method !== "Debugger.paused") return;
  const frame = message.params.callFrames[0];
  console.log(JSON.stringify({ url: scripts.get(frame.location.scriptId), functionName: frame.functionName }));
  send("Debugger.resume");
};
ws.onclose = () => process.exit(0);
`;

function attachDebugger(port: number) {
  const child = spawn(process.execPath, ["--experimental-websocket", "--no-warnings", "--input-type=module", "-e", DEBUGGER, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  const events: Record<string, unknown>[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) events.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { child, events };
}

const FLOW = writeFlow(`import { flow, getRunLogger } from "pauseflow";
function check(n: number): number {
  debugger;
  return n * 2;
}
export const debugged = flow({ name: "debugged" }, async () => {
  getRunLogger().info("doubled: " + check(21));
});
`);

test("a debugged run waits for the debugger before the flow loads, then stops at the flow's own code in the .ts file", async () => {
  const port = await freePort();
  const run = new Run({ file: FLOW }, { name: "debug-run", runnerPath: RUNNER, pauseHandler: neverAnswer, debugPort: port, killAfterMs: 1_000 }).start();
  let debuggerClient: ReturnType<typeof attachDebugger> | undefined;
  try {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(run.record.state, "Pending", "nothing runs before a debugger attaches");
    assert.ok(!messagesOf(run).some((m) => m.startsWith("Beginning flow run")), messagesOf(run).join("\n"));

    debuggerClient = attachDebugger(port);
    await run.finished;
    assert.equal(run.record.state, "Completed", run.record.stateMessage);
    assert.ok(messagesOf(run).includes("doubled: 42"));
    // Node's notices of the inspector ("Debugger listening on ...") are not shown as the flow's errors.
    assert.deepEqual(run.logs.filter((l) => l.level === "error").map((l) => l.message), []);
    const stops = debuggerClient.events.filter((e) => "url" in e);
    assert.equal(stops.length, 1, JSON.stringify(debuggerClient.events));
    assert.equal(stops[0]!.url, pathToFileURL(FLOW).href, "the stop is in the flow's .ts file");
    assert.equal(stops[0]!.functionName, "check");
  } finally {
    debuggerClient?.child.kill();
    if (!run.isFinal) run.kill();
  }
});

test("a debugged run that is cancelled before any debugger attaches ends Cancelled", async () => {
  const port = await freePort();
  const run = new Run({ file: FLOW }, { name: "debug-run", runnerPath: RUNNER, pauseHandler: neverAnswer, debugPort: port, killAfterMs: 1_000 }).start();
  await new Promise((resolve) => setTimeout(resolve, 500));
  run.cancel("the debug session was stopped");
  await run.finished;
  assert.equal(run.record.state, "Cancelled");
});
