// DESIGN.md section 5, as the runner meets it: every bad input ends in a clear state and message,
// and no run or log line is lost.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { describePauseEnding } from "../../src/core/pauseEnding";
import { messagesOf, neverAnswer, reach, runCli, startRun, writeFlow } from "../helpers";

test("a syntax error in the flow file: the run Failed, the log shows file:line:column and the line", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const broken = flow(async () => {\n  const x: number = ;\n});\n`);
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes(`Could not load the flow: ${file}:3:21: Unexpected ";"`), r.stdout);
  assert.ok(r.stdout.includes("3 |   const x: number = ;"), r.stdout);
  assert.equal(r.messages.at(-1), `Finished in state Failed('${file}:3:21: Unexpected ";"')`);
});

test("a flow whose module throws while loading: Failed with the error", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nthrow new Error("bad config");\nexport const f = flow(async () => {});\n`);
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes("Error: bad config"), r.stdout);
  assert.ok(r.stdout.includes(`${file}:2:7`), r.stdout);
});

test("a flow that throws: Failed, and the stack points at the .ts lines", async () => {
  const file = writeFlow(
    [
      `import { flow } from "pauseflow";`,
      `type Item = { id: number };`,
      `function check(item: Item): void {`,
      `  if (item.id > 1) throw new RangeError("id too big: " + item.id);`,
      `}`,
      `export const throws = flow({ name: "thrower" }, async () => {`,
      `  check({ id: 2 });`,
      `});`,
    ].join("\n"),
  );
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1);
  assert.ok(r.stdout.includes("RangeError: id too big: 2"), r.stdout);
  assert.ok(r.stdout.includes(`at check (${file}:4:26)`), r.stdout);
  assert.ok(r.stdout.includes(`${file}:7:3`), r.stdout);
  const logged = r.messages.indexOf("Encountered exception during execution:");
  const entry = r.messages.slice(logged, r.levels.findIndex((level, i) => i > logged && level !== "")).join("\n");
  assert.ok(!entry.includes("runner.js"), `the runner's own frames are left out of the error\n${entry}`);
  assert.equal(r.messages.at(-1), "Finished in state Failed('Flow run encountered an exception: RangeError: id too big: 2')");
});

test("a runner killed with SIGKILL: Crashed, naming the signal; the logs before it are kept", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const f = flow({ logPrints: true }, async () => {\n  console.log("about to die");\n  await new Promise((r) => setTimeout(r, 50));\n  process.kill(process.pid, "SIGKILL");\n});\n`);
  const run = startRun({ file }, neverAnswer);
  const record = await run.finished;
  assert.equal(record.state, "Crashed");
  assert.match(record.stateMessage!, /The runner process was killed by SIGKILL before the run finished/);
  assert.ok(messagesOf(run).includes("about to die"));
});

test("a runner that exits on its own: Crashed with the exit code and the last stderr lines", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const f = flow(async () => {\n  process.stderr.write("disk full\\n");\n  process.exit(7);\n});\n`);
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1);
  assert.equal(r.levels[r.messages.indexOf("disk full")], "ERROR");
  assert.ok(r.stdout.includes("Finished in state Crashed('The runner process exited with code 7 before the run finished; last stderr lines:\\ndisk full')"), r.stdout);
});

test("a run that never ends (a busy loop): cancel works, the runner is killed after the grace period", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const spin = flow(async () => {\n  process.stderr.write("spinning\\n");\n  for (;;) {}\n});\n`);
  const run = startRun({ file }, neverAnswer, { killAfterMs: 500 });
  await new Promise<void>((resolve) => run.onDidLog((records) => records.some((r) => r.message === "spinning") && resolve()));
  const asked = Date.now();
  run.cancel("Stop spinning.");
  const record = await run.finished;
  assert.equal(record.state, "Cancelled");
  assert.equal(record.stateMessage, "Stop spinning. The runner did not stop within 0.5 s and was killed.");
  assert.ok(Date.now() - asked < 5000);
});

test("a run waiting forever on a promise: cancel ends it at once, without a kill", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const wait = flow(async () => {\n  for (;;) await new Promise((r) => setTimeout(r, 10));\n});\n`);
  const run = startRun({ file }, neverAnswer, { killAfterMs: 10_000 });
  await reach(run, "Running");
  run.cancel();
  const record = await run.finished;
  assert.equal(record.state, "Cancelled");
  assert.equal(record.stateMessage, "Cancelled by user.");
  assert.equal(messagesOf(run).at(-1), "Finished in state Cancelled('Cancelled by user.')");
});

test("cancelling a paused run rejects the pending pause and ends the run Cancelled", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nexport const f = flow(async () => {\n  await pauseFlowRun({ key: "approval" });\n});\n`);
  const run = startRun({ file }, neverAnswer);
  await reach(run, "Paused");
  assert.equal(run.pendingPause?.key, "approval");
  run.cancel("No longer needed.");
  const record = await run.finished;
  assert.equal(record.state, "Cancelled");
  assert.equal(record.pauses[0]?.outcome, "cancelled");
  assert.equal(run.pendingPause, undefined);
});

test("a pause that times out: PauseTimeoutError in the flow; uncaught, the run Failed naming the pause and the time", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nimport { z } from "zod";\nexport const f = flow(async () => {\n  await pauseFlowRun(z.string(), { key: "approval", timeout: 1 });\n});\n`);
  const run = startRun({ file }, neverAnswer);
  const record = await run.finished;
  assert.equal(record.state, "Failed");
  assert.equal(record.stateMessage, "Flow run encountered an exception: PauseTimeoutError: Pause 'approval' timed out after 1 second.");
  assert.equal(record.pauses[0]?.outcome, "timedOut");
  assert.ok(messagesOf(run).includes("Pause 'approval' timed out after 1 second."));
  assert.ok(!messagesOf(run).includes("Resuming flow run execution!"), "nothing resumed: no answer came");
  const ending = await run.pauseEnded("approval");
  assert.deepEqual(ending, { key: "approval", outcome: "timedOut", seconds: 1 });
  assert.equal(
    describePauseEnding(ending, record.state),
    "The pause timed out after 1 second: PauseTimeoutError was raised in the flow, and no answer reached it.",
    "what its form says",
  );
});

test("a timed-out pause that the flow catches: the run goes on", async () => {
  const file = writeFlow(
    `import { flow, pauseFlowRun, PauseTimeoutError, getRunLogger } from "pauseflow";\nexport const f = flow(async () => {\n  try { await pauseFlowRun({ timeout: 0.2 }); } catch (e) { if (e instanceof PauseTimeoutError) getRunLogger().info("no answer, going on"); else throw e; }\n});\n`,
  );
  const run = startRun({ file }, neverAnswer);
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.ok(messagesOf(run).includes("no answer, going on"));
});

test("{\"$timeout\": true} in the answers times the pause out now", async () => {
  const file = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";\nexport const f = flow(async () => {\n  await pauseFlowRun({ key: "gate" });\n});\n`);
  const r = await runCli(["run", file], { answers: [{ $timeout: true }] });
  assert.equal(r.code, 1);
  assert.equal(r.messages.at(-1), `Finished in state Failed("Flow run encountered an exception: PauseTimeoutError: Pause 'gate' timed out after 0 seconds.")`);
  assert.ok(!r.messages.includes("Resuming flow run execution!"), r.stdout);
});

test("\"Resuming flow run execution!\" is logged for an accepted answer only, not after a timeout or a refused answer", async () => {
  // A refused answer reaches a flow only from outside the form's check: here the handler submits unchecked.
  const file = writeFlow(
    `import { flow, pauseFlowRun, PauseTimeoutError, ValidationError, getRunLogger } from "pauseflow";\nimport { z } from "zod";\n` +
      `export const f = flow(async () => {\n` +
      `  try { await pauseFlowRun({ key: "late", timeout: 0.2 }); } catch (e) { if (!(e instanceof PauseTimeoutError)) throw e; getRunLogger().info("after the timeout"); }\n` +
      `  try { await pauseFlowRun(z.number(), { key: "refused" }); } catch (e) { if (!(e instanceof ValidationError)) throw e; getRunLogger().info("after the refusal"); }\n` +
      `  await pauseFlowRun(z.number(), { key: "taken" });\n` +
      `  getRunLogger().info("after the answer");\n` +
      `});\n`,
  );
  const run = startRun({ file }, async (_run, pause) => {
    if (pause.key === "late") return new Promise(() => {});
    return { action: "submit", value: { value: pause.key === "refused" ? "not a number" : 7 } };
  });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  const messages = messagesOf(run).filter((m) => /^after|^Resuming|^Pausing/.test(m));
  assert.deepEqual(messages, [
    "Pausing flow, execution will continue when this flow run is resumed.",
    "after the timeout",
    "Pausing flow, execution will continue when this flow run is resumed.",
    "after the refusal",
    "Pausing flow, execution will continue when this flow run is resumed.",
    "Resuming flow run execution!",
    "after the answer",
  ]);
});

test("the whole run's timeout: Failed, saying it exceeded the timeout", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nexport const slow = flow({ timeout: 0.3 }, async () => {\n  await new Promise((r) => setTimeout(r, 60_000));\n});\n`);
  const r = await runCli(["run", file]);
  assert.equal(r.code, 1);
  assert.equal(r.messages.at(-1), "Finished in state Failed('Flow run exceeded timeout of 0.3 seconds')");
});

test("a malformed run/state and run/pause from the runner side: rejected and logged, nothing resumed", async () => {
  // The flow runs inside the runner process, so it can write to the same IPC channel the runner uses.
  const file = writeFlow(
    [
      `import { flow, pauseFlowRun } from "pauseflow";`,
      `export const f = flow(async () => {`,
      `  process.send!({ jsonrpc: "2.0", method: "run/state", params: { state: "Exploded" } });`,
      `  process.send!({ jsonrpc: "2.0", id: "forged", method: "run/pause", params: { key: 42 } });`,
      `  process.send!("not json-rpc at all");`,
      `  await pauseFlowRun({ key: "real" });`,
      `});`,
    ].join("\n"),
  );
  const pausesSeen: string[] = [];
  const run = startRun({ file }, async (_run, pause) => {
    pausesSeen.push(pause.key);
    return { action: "submit", value: {} };
  });
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.deepEqual(pausesSeen, ["real"], "only the real pause reached the handler");
  const rejected = messagesOf(run).filter((m) => m.startsWith("Rejected a malformed"));
  assert.ok(rejected.some((m) => m.startsWith("Rejected a malformed run/state message from the runner: state: Invalid option")), rejected.join("\n"));
  assert.ok(rejected.some((m) => m.startsWith("Rejected a malformed run/pause message from the runner: key: Invalid input: expected string")), rejected.join("\n"));
});

test("invalid parameters: the run Failed before the flow starts, naming the field", async () => {
  const file = writeFlow(`import { flow } from "pauseflow";\nimport { z } from "zod";\nexport const f = flow({ params: z.object({ n: z.number().int() }), logPrints: true }, async ({ n }) => {\n  console.log("started with", n);\n});\n`);
  const r = await runCli(["run", file, "--params", '{"n": "three"}']);
  assert.equal(r.code, 1);
  assert.ok(!r.messages.some((m) => m.startsWith("started with")));
  assert.equal(r.messages.at(-1), "Finished in state Failed('Flow run received invalid parameters: n: Invalid input: expected number, received string')");
});

test("a submission that fails the schema when it reaches the flow unchecked: ValidationError in the flow", async () => {
  // The form and the CLI check first (input/validate); a host that does not lets the flow see the error.
  const file = writeFlow(
    `import { flow, pauseFlowRun, ValidationError, getRunLogger } from "pauseflow";\nimport { z } from "zod";\nexport const f = flow(async () => {\n  try { await pauseFlowRun(z.number().max(10)); } catch (e) { if (e instanceof ValidationError) getRunLogger().info("caught " + e.message + " at " + JSON.stringify(e.issues[0].path)); else throw e; }\n});\n`,
  );
  const run = startRun({ file }, async () => ({ action: "submit", value: { value: 99 } }));
  const record = await run.finished;
  assert.equal(record.state, "Completed");
  assert.ok(messagesOf(run).includes('caught Invalid input: value: Too big: expected number to be <=10 at ["value"]'), messagesOf(run).join("\n"));
});

test("bad pause options from a JavaScript flow: a TypeError naming the option, the run Failed with a stack into the flow", async () => {
  const cases: [string, RegExp][] = [
    ["{ description: 42 }", /pauseFlowRun: description must be a string, got 42/],
    ["{ key: 7 }", /pauseFlowRun: key must be a non-empty string, got 7/],
    ['{ timeout: "10" }', /pauseFlowRun: timeout must be a number of seconds above 0 or null, got "10"/],
    ["{ timeout: -5 }", /pauseFlowRun: timeout must be a number of seconds above 0 or null, got -5/],
    ["{ timeout: NaN }", /pauseFlowRun: timeout must be a number of seconds above 0 or null, got NaN/],
    ['{ title: ["x"] }', /pauseFlowRun: title must be a string, got \["x"\]/],
    ["{ waitForInput: { name: 'not a schema' } }", /pauseFlowRun: waitForInput must be a zod schema \(or any Standard Schema\) or a runInput\(\)/],
  ];
  for (const [options, expected] of cases) {
    const file = writeFlow(`const { flow, pauseFlowRun } = require("pauseflow");\nexports.f = flow(async () => {\n  await pauseFlowRun(${options});\n});\n`, "bad.flow.js");
    const r = await runCli(["run", file], { answers: [{}] });
    assert.equal(r.code, 1, `${options}: ${r.stdout}`);
    assert.match(r.messages.at(-1)!, /^Finished in state Failed\('Flow run encountered an exception: TypeError: pauseFlowRun: /, options);
    assert.match(r.stdout, expected, options);
    assert.ok(r.stdout.includes(`${file}:3:`), `${options}: the stack points into the flow\n${r.stdout}`);
  }
});

test("initial data JSON cannot carry (a circular object): a TypeError at the call, the run Failed", async () => {
  const file = writeFlow(
    `const { flow, pauseFlowRun, runInput } = require("pauseflow");\nconst { z } = require("zod");\n` +
      `exports.f = flow(async () => {\n  const data = { name: "a" }; data.self = data;\n` +
      `  await pauseFlowRun({ waitForInput: runInput(z.object({ name: z.string() })).withInitialData(data) });\n});\n`,
    "circular.flow.js",
  );
  const r = await runCli(["run", file], { answers: [{ name: "b" }] });
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /TypeError: pauseFlowRun: the initial data cannot be sent to the form as JSON/);
  assert.ok(r.stdout.includes(`${file}:5:`), r.stdout);
});

test("bad flow options from a JavaScript flow: loading fails with a TypeError naming the option, the run Failed", async () => {
  const cases: [string, RegExp][] = [
    ["{ timeout: -5 }", /flow: timeout must be a number of seconds above 0, got -5/],
    ['{ name: 7 }', /flow: name must be a non-empty string, got 7/],
    ['{ params: { n: "number" } }', /flow: params must be a zod schema \(or any Standard Schema\), got \{"n":"number"\}/],
    ['{ logPrints: "yes" }', /flow: logPrints must be true or false, got "yes"/],
  ];
  for (const [options, expected] of cases) {
    const file = writeFlow(`const { flow } = require("pauseflow");\nexports.f = flow(${options}, async () => {});\n`, "bad.flow.js");
    const r = await runCli(["run", file]);
    assert.equal(r.code, 1, `${options}: ${r.stdout}`);
    assert.match(r.stdout, expected, options);
    assert.ok(r.stdout.includes(`${file}:2:`), `${options}: the stack points into the flow\n${r.stdout}`);
  }
});
