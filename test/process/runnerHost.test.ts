// The runner host (dist/runnerHost.js) as windows meet it: real host processes, started detached by
// HostRuns exactly as the extension starts them, real runners, real sockets.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from "vscode-jsonrpc/node";
import { hostLocation, makeHostFolders, readHostInfo, writeHostInfo } from "../../src/core/hostLocation";
import { HostRuns, hostInTheWay } from "../../src/core/hostRuns";
import type { PauseHandler } from "../../src/core/run";
import type { LiveRun } from "../../src/core/runs";
import { HOST_PROTOCOL_VERSION } from "../../src/protocol/host";
import type { PauseAnswer, PauseParams, RunState } from "../../src/protocol/runner";
import { alive, DIST, neverAnswer, tempDir, until, writeFlow } from "../helpers";

const HOST = join(DIST, "runnerHost.js");

/** A window: a HostRuns on the folder's storage, its pauses answered by `pauseHandler`. */
function window(storageDir: string, pauseHandler: PauseHandler = neverAnswer, idleSeconds = 600) {
  const warnings: string[] = [];
  const runs = new HostRuns({
    storageDir,
    hostScript: HOST,
    pauseHandler,
    settings: () => ({ historyLimit: 200, idleSeconds }),
    nodePath: () => undefined,
    warn: (message) => warnings.push(message),
  });
  return { runs, warnings };
}

/** A pause handler that keeps each pause until the test answers it. */
function heldPauses() {
  const held: { run: LiveRun; pause: PauseParams; answer(answer: PauseAnswer): void; ended: boolean }[] = [];
  const handler: PauseHandler = (run, pause, token) =>
    new Promise((resolve) => {
      const entry = { run, pause, answer: resolve, ended: false };
      held.push(entry);
      token.onCancellationRequested(() => {
        entry.ended = true;
        resolve({ action: "cancel", reason: "gone" });
      });
    });
  return { held, handler };
}

function stateOf(runs: HostRuns, id: string): RunState | undefined {
  return runs.find(id)?.state;
}

async function stopHost(storageDir: string): Promise<void> {
  const pid = readHostInfo(hostLocation(storageDir))?.pid;
  if (pid && alive(pid)) {
    process.kill(pid, "SIGTERM");
    await until("the host to exit", () => !alive(pid));
  }
}

const twoPauses = writeFlow(`import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";
export const twoPauses = flow({ name: "two-pauses", logPrints: true }, async () => {
  const first = await pauseFlowRun(z.string(), { key: "first" });
  console.log("first: " + first);
  const second = await pauseFlowRun(z.string(), { key: "second" });
  console.log("second: " + second);
});
`);

test("a window starts the host; a second window sees the same paused run, answers it, and the first window's form ends answered", async () => {
  const storage = tempDir();
  const one = heldPauses();
  const first = window(storage, one.handler);
  const run = await first.runs.start({ file: twoPauses });
  await until("the first pause in window one", () => one.held.length === 1);

  const location = hostLocation(storage);
  assert.equal(statSync(location.dir).mode & 0o777, 0o700, "the host's folder is this user's alone");
  assert.equal(statSync(location.info).mode & 0o777, 0o600);

  const two = heldPauses();
  const second = window(storage, two.handler);
  await second.runs.attach();
  assert.equal(second.runs.hostPid, first.runs.hostPid, "one host for the folder");
  assert.equal(stateOf(second.runs, run.record.id), "Paused");
  await until("the open pause in window two", () => two.held.length === 1);

  const theirs = two.held[0]!;
  assert.ok((await theirs.run.validate("first", { value: "Ada" })).ok);
  theirs.answer({ action: "submit", value: { value: "Ada" } });
  assert.equal((await theirs.run.pauseEnded("first")).outcome, "submitted");
  await until("window one's form to end", () => one.held[0]!.ended);
  assert.equal((await one.held[0]!.run.pauseEnded("first")).outcome, "submitted");

  await until("the second pause in both windows", () => one.held.length === 2 && two.held.length === 2);
  one.held[1]!.answer({ action: "submit", value: { value: "Grace" } });
  await until("the run to complete in both windows", () => stateOf(first.runs, run.record.id) === "Completed" && stateOf(second.runs, run.record.id) === "Completed");
  assert.ok(two.held[1]!.ended);

  const logs = (await second.runs.logs(run.record.id)).map((l) => l.message);
  assert.ok(logs.includes("first: Ada") && logs.includes("second: Grace"), logs.join("\n"));
  const stored = () => (JSON.parse(readFileSync(join(storage, "runs.json"), "utf8")) as { runs: { id: string; state: string }[] }).runs;
  await until("the host to write the history", () => stored().find((r) => r.id === run.record.id)?.state === "Completed");
  await first.runs.dispose();
  await second.runs.dispose();
  await stopHost(storage);
});

test("the host answers nothing before host/attach, and refuses a wrong token", async () => {
  const storage = tempDir();
  const { runs } = window(storage);
  await runs.attach();
  const info = readHostInfo(hostLocation(storage))!;
  const ask = async (token: string | undefined) => {
    const socket = connect(info.socket);
    await new Promise((resolve) => socket.once("connect", resolve));
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.listen();
    try {
      if (token !== undefined) await connection.sendRequest("host/attach", { token, protocolVersion: HOST_PROTOCOL_VERSION, settings: { historyLimit: 1, idleSeconds: 1 } });
      return await connection.sendRequest("runs/start", { spec: { file: twoPauses } });
    } catch (error) {
      return error as Error;
    } finally {
      connection.dispose();
      socket.destroy();
    }
  };
  assert.match(String(await ask(undefined)), /Attach first/);
  assert.match(String(await ask("0".repeat(64))), /Wrong token/);
  assert.equal(runs.all.length, 0, "no run was started");
  await runs.dispose();
  await stopHost(storage);
});

test("a window that goes away and comes back finds the run going on, with every line logged meanwhile, in order and once", async () => {
  const storage = tempDir();
  const ticker = writeFlow(`import { flow } from "pauseflow";
export const ticker = flow({ logPrints: true }, async () => {
  for (let i = 0; i < 40; i++) { console.log("tick " + i); await new Promise((r) => setTimeout(r, 25)); }
});
`);
  const before = window(storage);
  const seen: string[] = [];
  before.runs.onDidLog(({ logs }) => seen.push(...logs.map((l) => l.message)));
  const run = await before.runs.start({ file: ticker });
  await until("a few ticks", () => seen.includes("tick 5"));
  await before.runs.dispose(); // the window reloads

  const after = window(storage);
  await after.runs.attach();
  assert.ok(["Running", "Completed"].includes(stateOf(after.runs, run.record.id)!), "the run went on");
  await until("the run to complete", () => stateOf(after.runs, run.record.id) === "Completed");
  const ticks = (await after.runs.logs(run.record.id)).map((l) => l.message).filter((m) => m.startsWith("tick "));
  assert.deepEqual(ticks, Array.from({ length: 40 }, (_, i) => `tick ${i}`));
  await after.runs.dispose();
  await stopHost(storage);
});

test("the host exits once idle with no window attached, but not while a run is paused", async () => {
  const storage = tempDir();
  const first = window(storage, neverAnswer, 1);
  const run = await first.runs.start({ file: twoPauses });
  await until("the pause", () => stateOf(first.runs, run.record.id) === "Paused");
  const pid = first.runs.hostPid!;
  await first.runs.dispose();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  assert.ok(alive(pid), "a paused run keeps the host up");

  const second = window(storage, neverAnswer, 1);
  await second.runs.attach();
  second.runs.cancel(run.record.id);
  await until("the run to end", () => stateOf(second.runs, run.record.id) === "Cancelled");
  await second.runs.dispose();
  await until("the idle host to exit", () => !alive(pid), 10_000);
  assert.equal(existsSync(hostLocation(storage).info), false, "it removed host.json");
});

test("a window set to own its runs: the folder's idle host is asked to exit first; a host with a paused run is used instead, its run there", async () => {
  const storage = tempDir();
  const options = (idleSeconds = 600) => ({ storageDir: storage, hostScript: HOST, pauseHandler: neverAnswer, settings: () => ({ historyLimit: 200, idleSeconds }), nodePath: () => undefined, warn: () => {} });

  // A host whose runs are all over, left with a long idle time by the window before the reload.
  const before = window(storage);
  const done = await before.runs.start({ file: twoPauses });
  await until("the pause", () => stateOf(before.runs, done.record.id) === "Paused");
  before.runs.cancel(done.record.id);
  await until("the run to end", () => stateOf(before.runs, done.record.id) === "Cancelled");
  const idlePid = before.runs.hostPid!;
  await before.runs.dispose();
  assert.equal(await hostInTheWay(options()), undefined, "nothing in the way once the idle host is gone");
  assert.equal(alive(idlePid), false, "the idle host exited at once");

  // A host with a paused run: the window uses it, and sees the run.
  const other = window(storage);
  const paused = await other.runs.start({ file: twoPauses });
  await until("the pause", () => stateOf(other.runs, paused.record.id) === "Paused");
  await other.runs.dispose();
  const used = await hostInTheWay(options());
  assert.ok(used, "the host with a paused run is used");
  assert.equal(stateOf(used, paused.record.id), "Paused");
  assert.ok(alive(used.hostPid!), "and it stays up");
  used.cancel(paused.record.id);
  await until("the run to end", () => stateOf(used, paused.record.id) === "Cancelled");
  await used.dispose();
  await stopHost(storage);
});

test("a host of another protocol version with no live run is told to leave, and a host of this version starts in its place", async () => {
  const storage = tempDir();
  const location = hostLocation(storage);
  makeHostFolders(location);
  // The old host: it answers host/attach with protocol 0 and no runs, and leaves when told its idle time is none.
  const heard: number[] = [];
  const server = createServer((socket) => {
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.onRequest("host/attach", () => ({ protocolVersion: 0, pid: process.pid, runs: [], open: [], warnings: [] }));
    connection.onNotification("host/settings", ({ idleSeconds }: { idleSeconds: number }) => {
      heard.push(idleSeconds);
      if (idleSeconds === 0) server.close(); // it takes no more windows, and goes once this one has left
    });
    connection.listen();
  });
  await new Promise<void>((resolve) => server.listen(location.socket, resolve));
  writeHostInfo(location, { pid: process.pid, socket: location.socket, token: "old" });

  const { runs, warnings } = window(storage);
  await runs.attach();
  assert.deepEqual(heard, [0], "the old host was told to leave");
  assert.notEqual(runs.hostPid, process.pid, "the window is attached to a new host");
  const run = await runs.start({ file: twoPauses });
  await until("the new host's run to pause", () => stateOf(runs, run.record.id) === "Paused");
  assert.deepEqual(warnings, []);
  runs.cancel(run.record.id);
  await until("the run to end", () => stateOf(runs, run.record.id) === "Cancelled");
  await runs.dispose();
  await stopHost(storage);
});

test("a host that finds its history file corrupt sets it aside, and the first window to attach hears it", async () => {
  const storage = tempDir();
  writeFileSync(join(storage, "runs.json"), '{"version": 1, "runs": [{"id": 7');
  const { runs, warnings } = window(storage);
  await runs.attach();
  assert.equal(runs.all.length, 0);
  assert.ok(warnings.some((w) => /could not read its run history.*set aside as .*runs\.json\.corrupt-\d+/.test(w)), warnings.join("\n"));
  await runs.start({ file: twoPauses });
  await until("the run to show", () => runs.all.length === 1);
  await runs.dispose();
  await stopHost(storage);
});

test("two hosts started at once for one folder leave one alive, and windows attach to it", async () => {
  const storage = tempDir();
  const start = () => spawn(process.execPath, [HOST, "--storage", storage], { stdio: "ignore" });
  const hosts = [start(), start(), start()];
  const exits = hosts.map((child) => new Promise<number | null>((resolve) => child.on("exit", resolve)));
  const info = await until("host.json", () => readHostInfo(hostLocation(storage)));
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the others see the lock or the live socket and leave
  const living = hosts.filter((child) => child.exitCode === null);
  assert.deepEqual(living.map((child) => child.pid), [info.pid], "one host alive, the one host.json names");
  for (const child of hosts.filter((c) => c !== living[0])) assert.equal(await exits[hosts.indexOf(child)], 0);
  const { runs } = window(storage);
  await runs.attach();
  assert.equal(runs.hostPid, info.pid);
  await runs.dispose();
  await stopHost(storage);
});

test("a host killed with kill -9: its paused run shows Crashed, a new host starts, and resuming gives each pause its recorded answer", async () => {
  const storage = tempDir();
  const held = heldPauses();
  const { runs, warnings } = window(storage, held.handler);
  try {
    const run = await runs.start({ file: twoPauses });
    await until("the first pause", () => held.held.length === 1);
    held.held[0]!.answer({ action: "submit", value: { value: "Ada" } });
    await until("the second pause", () => held.held.length === 2);
    // The host writes history as soon as the write before it is done: killed before that, it loses
    // the answer (as it would for a user). Kill it once the first answer is on disk.
    await until("the first answer in the host's history", () => {
      const records = existsSync(join(storage, "runs.json")) ? (JSON.parse(readFileSync(join(storage, "runs.json"), "utf8")) as { runs: { id: string; pauses: { key: string; outcome?: string }[] }[] }).runs : [];
      return records.find((r) => r.id === run.record.id)?.pauses.some((p) => p.key === "first" && p.outcome === "submitted");
    });
    const oldPid = runs.hostPid!;
    // The paused run's runner and the spare started ahead of the next run.
    const runners = readFileSync(`/proc/${oldPid}/task/${oldPid}/children`, "utf8").trim().split(" ").map(Number);
    assert.equal(runners.length, 2, `the host's children: ${runners.join(", ")}`);
    process.kill(oldPid, "SIGKILL");
    await until("the host's runners to exit with it", () => runners.every((pid) => !alive(pid)));

    await until("the run to show Crashed", () => stateOf(runs, run.record.id) === "Crashed");
    assert.ok(held.held[1]!.ended, "the open form ended");
    await until("a new host", () => runs.hostPid !== oldPid && runs.find(run.record.id)?.state === "Crashed");
    const record = runs.find(run.record.id)!;
    assert.equal(record.stateMessage, "Interrupted: the runner host stopped (it was killed, or crashed) while the run was Paused.");
    assert.ok(warnings.some((w) => w.includes("runner host stopped unexpectedly")), warnings.join("\n"));

    const { recordedAnswers, rerunSpec } = await import("../../src/core/runs");
    const resumed = await runs.start(rerunSpec(record), { flowName: record.flowName, answers: recordedAnswers(record) });
    await until("the resumed run to wait at the pause that had no answer", () => held.held.length === 3);
    assert.equal(held.held[2]!.pause.key, "second");
    held.held[2]!.answer({ action: "submit", value: { value: "Grace" } });
    await until("the resumed run to complete", () => stateOf(runs, resumed.record.id) === "Completed");
    const logs = (await runs.logs(resumed.record.id)).map((l) => l.message);
    assert.ok(logs.includes("first: Ada") && logs.includes("second: Grace"), logs.join("\n"));
  } finally {
    // A failure leaves a paused run in a live host: the file would never end.
    await runs.dispose();
    await stopHost(storage);
  }
});
