// Prints Pauseflow's performance figures (medians over repeated runs). Run with `npm run bench`
// (which builds dist/ and the extension-host bundle out/bench/extensionHost.js first, and loads this
// with tsx, for the TypeScript host modules).
// Speed is measured here, never asserted in tests. BENCH_ONLY=local, engine or vscode runs one part
// (after a build: node --import tsx bench/main.mjs).
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { Run } = await import(join(root, "src/core/run.ts"));
const { RunManager } = await import(join(root, "src/core/runManager.ts"));
const { HistoryStore } = await import(join(root, "src/core/historyStore.ts"));
const { runNode } = await import(join(root, "src/core/runRows.ts"));
const { benchHistory } = await import(join(root, "bench/history.ts"));

const RUNNER = join(root, "dist/runner.js");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 9);
const part = (name) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY === name;

// The bench flows run from a folder of their own, with "pauseflow" and "zod" installed there, so
// that tsx (which has no runner to resolve them) can run the same file.
const work = mkdtempSync(join(tmpdir(), "pauseflow-bench-"));
cpSync(join(root, "bench/flows"), work, { recursive: true });
mkdirSync(join(work, "node_modules/pauseflow"), { recursive: true });
cpSync(join(root, "dist/sdk.js"), join(work, "node_modules/pauseflow/index.js"));
symlinkSync(join(root, "node_modules/zod"), join(work, "node_modules/zod"));
const flowFile = (name) => join(work, name);
writeFileSync(join(work, "node_modules/pauseflow/package.json"), JSON.stringify({ name: "pauseflow", main: "index.js" }));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

function startRun(spec, pauseHandler) {
  return new Run(spec, { name: "bench", runnerPath: RUNNER, pauseHandler }).start();
}

/** Milliseconds from fork to the flow's first own log line. */
async function firstLineWithRunner() {
  const started = performance.now();
  const run = startRun({ file: flowFile("first-line.flow.ts") }, async () => ({ action: "cancel" }));
  const elapsed = await new Promise((resolveLine) =>
    run.onDidLog((records) => records.some((r) => r.source === "print") && resolveLine(performance.now() - started)),
  );
  await run.finished;
  return elapsed;
}

/**
 * Milliseconds from starting a run to the flow's first own log line when the runner was started
 * ahead (the runner host's spare): a RunManager with `spare`, the spare given time to load.
 */
async function firstLineWithSpare(runs) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const started = performance.now();
  const run = runs.start({ file: flowFile("first-line.flow.ts") });
  const elapsed = await new Promise((resolveLine) =>
    run.onDidLog((records) => records.some((r) => r.source === "print") && resolveLine(performance.now() - started)),
  );
  await run.finished;
  return elapsed;
}

/** Milliseconds from spawning tsx on the same flow file to its first stdout line. */
function firstLineWithTsx() {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), flowFile("first-line.tsx-entry.ts")], { cwd: work });
  return new Promise((resolveLine, reject) => {
    let elapsed;
    child.stdout.on("data", () => (elapsed ??= performance.now() - started));
    child.on("close", (code) => (code === 0 ? resolveLine(elapsed) : reject(new Error(`tsx exited with ${code}`))));
  });
}

/** One run pausing `count` times, each answered as soon as it arrives. */
async function pausingRun(count, { validate }) {
  const started = performance.now();
  const answer = { label: "neutral" };
  let rss = 0;
  const run = startRun({ file: flowFile("pauses.flow.ts"), params: { count } }, async (r, pause) => {
    if (!rss) rss = residentMemory(r.pid);
    if (validate) await r.validate(pause.key, answer);
    return { action: "submit", value: answer };
  });
  const record = await run.finished;
  if (record.state !== "Completed") throw new Error(`pause run ended ${record.state}: ${record.stateMessage}`);
  const durations = JSON.parse(run.logs.find((l) => l.source === "flow").message);
  return { total: performance.now() - started, roundTrip: median(durations), rss };
}

async function logBurst(count) {
  const started = performance.now();
  const run = startRun({ file: flowFile("logs.flow.ts"), params: { count } }, async () => ({ action: "cancel" }));
  await run.finished;
  const lines = run.logs.filter((l) => l.source === "print").map((l) => l.message);
  const inOrder = lines.length === count && lines.every((line, i) => line === `line ${i}`);
  if (!inOrder) throw new Error(`expected ${count} lines in order, got ${lines.length}`);
  return performance.now() - started;
}

/** Loads a history of `count` runs from disk and builds every row of the Runs view from it. */
function runsViewFromHistory(dir) {
  const started = performance.now();
  const runs = new RunManager({ runnerPath: RUNNER, store: new HistoryStore(dir, () => {}), pauseHandler: async () => ({ action: "cancel" }), nodePath: () => undefined, historyLimit: () => 100_000 });
  const rows = runs.all.map((record) => runNode(record));
  if (rows.length === 0) throw new Error("no runs loaded");
  return performance.now() - started;
}

async function writeHistory(count) {
  const dir = mkdtempSync(join(tmpdir(), "pauseflow-bench-history-"));
  await new HistoryStore(dir, () => {}).save(benchHistory(count));
  return dir;
}

function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function repeat(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

console.log(`Pauseflow bench: node ${process.version}, ${REPEATS} repeats, medians\n`);
const row = (name, value, goal) => console.log(`${name.padEnd(44)} ${value.padStart(12)}   ${goal}`);

if (part("local")) {
  await firstLineWithRunner(); // warm the file cache
  await firstLineWithTsx();
  const ours = [];
  const theirs = [];
  for (let i = 0; i < REPEATS; i++) {
    ours.push(await firstLineWithRunner());
    theirs.push(await firstLineWithTsx());
  }
  const spareRuns = new RunManager({ runnerPath: RUNNER, store: new HistoryStore(mkdtempSync(join(tmpdir(), "pauseflow-bench-spare-")), () => {}), pauseHandler: async () => ({ action: "cancel" }), nodePath: () => undefined, historyLimit: () => 1000, spare: true });
  const spared = await repeat(REPEATS, () => firstLineWithSpare(spareRuns));
  await spareRuns.dispose();
  row("run start to first log line (pauseflow)", ms(median(ours)), "goal < 250 ms and <= tsx");
  row("  ... with a runner started ahead (runner host)", ms(median(spared)), `goal < 60 ms and 5x tsx (${(median(theirs) / median(spared)).toFixed(1)}x)`);
  row("same file to first stdout line (tsx)", ms(median(theirs)), "");
  const small = await repeat(REPEATS, () => pausingRun(100, { validate: false }));
  row("pause -> resume round trip", ms(median(small.map((r) => r.roundTrip))), "goal < 5 ms");
  const checked = await repeat(REPEATS, () => pausingRun(100, { validate: true }));
  row("  ... with input/validate first (as the form)", ms(median(checked.map((r) => r.roundTrip))), "");
  const thousand = await repeat(Math.min(REPEATS, 5), () => pausingRun(1000, { validate: false }));
  row("1000 pauses in one run (whole run)", ms(median(thousand.map((r) => r.total))), "goal < 2000 ms");
  const logs = await repeat(Math.min(REPEATS, 5), () => logBurst(100_000));
  row("100,000 log lines from one run (all, in order)", ms(median(logs)), "goal < 2000 ms");
  row("runner resident memory while paused", `${median(small.map((r) => r.rss)).toFixed(1)} MB`, "");
  const { benchPausedRuns } = await import(join(root, "bench/pausedRuns.ts"));
  for (const count of [1, 200]) {
    const storageDir = mkdtempSync(join(tmpdir(), "pauseflow-bench-paused-"));
    const f = await benchPausedRuns({ runnerPath: RUNNER, file: flowFile("pauses.flow.ts"), storageDir, count, settleMs: 15_000 });
    const per = (mb) => `${(mb / count).toFixed(1)} MB`;
    if (count === 1) {
      row("a paused run: processes it holds", String(f.processesPerRun), "goal 1");
      row("  ... resident memory (RSS)", per(f.rssMb), "goal < 45 MB");
      row("  ... proportional (PSS)", per(f.pssMb), "");
      row(`  ... RSS, PSS ${f.settleMs / 1000} s later`, `${per(f.settledRssMb)}, ${per(f.settledPssMb)}`, "");
    } else {
      row(`${count} runs started at once -> all paused`, ms(f.pauseAllMs), "");
      row(`  ... resident memory in all (RSS)`, `${(f.rssMb / 1024).toFixed(2)} GB`, "goal < 10 GB");
      row(`  ... proportional in all (PSS)`, `${(f.pssMb / 1024).toFixed(2)} GB`, "");
      row(`  ... RSS, PSS ${f.settleMs / 1000} s later`, `${(f.settledRssMb / 1024).toFixed(2)}, ${(f.settledPssMb / 1024).toFixed(2)} GB`, "");
      row(`  ... processes per run (most)`, String(f.processesPerRun), "");
      row(`  ... all answered -> all Completed`, ms(f.answerAllMs), "");
    }
  }
  const history = await writeHistory(10_000);
  const view = await repeat(REPEATS, () => runsViewFromHistory(history));
  row("Runs view rows from 10,000 stored runs", ms(median(view)), "goal < 200 ms");
}

// ---- engine mode (a throwaway PostgreSQL cluster and a real `pauseflow worker`)
if (part("engine")) {
  const { benchEngine } = await import(join(root, "bench/engine.ts"));
  const started = performance.now();
  const engine = await benchEngine(flowFile("engine.flow.ts"), REPEATS);
  const count = (n) => n.toLocaleString("en-US");
  row("submit -> flow continuing (engine)", ms(median(engine.submitToFlowContinuesMs)), "goal < 100 ms");
  row("  ... until the client has the verdict", ms(median(engine.submitToAcceptedMs)), "");
  row(`${count(engine.paused)} runs enqueued -> all paused (engine)`, ms(engine.pauseAllMs), "");
  row("  ... worker resident memory, all paused", `${engine.pausedWorkerRssMb.toFixed(1)} MB`, "goal < 250 MB");
  row("  ... worker resident memory before (idle)", `${engine.idleWorkerRssMb.toFixed(1)} MB`, "");
  row(`transactions/s, ${count(engine.paused)} runs waiting (engine)`, engine.transactionsPerSecond.toFixed(1), "");
  row("  ... per paused run, above an idle worker", ((engine.transactionsPerSecond - engine.idleTransactionsPerSecond) / engine.paused).toFixed(3), "");
  row("  ... idle worker, no run waiting", engine.idleTransactionsPerSecond.toFixed(1), "");
  row(`Runs view, ${count(engine.listed)} engine runs (newest 500)`, ms(median(engine.runsViewMs)), "goal < 300 ms");
  row(`  ... all ${count(engine.listed)} (client.runs + rows)`, ms(median(engine.allRunsMs)), "");
  row(`  ... running ${count(engine.filled)} runs to get there`, ms(engine.fillMs), "");
  row(`answering ${count(engine.paused)} pauses (${engine.answering} at once, engine)`, ms(engine.answerAllMs), "goal < 5000 ms");
  row(`  ... then until all ${count(engine.paused)} completed`, ms(engine.completeAllMs), "");
  row("engine part of the bench, all of the above", ms(performance.now() - started), "");
}

// ---- in a real VS Code (code-server, installed on first use into .vscode-test/)
if (part("vscode")) {
  const { runExtensionTests } = await import(join(root, "test/e2e/harness/extensionTests.ts"));
  const extOut = join(work, "ext-bench.json");
  const emptyFolder = mkdtempSync(join(tmpdir(), "pauseflow-bench-empty-"));
  // A blank extension installed beside Pauseflow: its activation is what VS Code costs any extension.
  const blank = mkdtempSync(join(tmpdir(), "pauseflow-bench-blank-"));
  writeFileSync(join(blank, "package.json"), JSON.stringify({ name: "blank", publisher: "pauseflow-bench", version: "0.0.1", engines: { vscode: "^1.90.0" }, main: "extension.js", activationEvents: [] }));
  writeFileSync(join(blank, "extension.js"), "exports.activate = () => {};\n");
  writeFileSync(join(blank, "README.md"), "A blank extension: the bench's baseline for activation.\n");
  const blankVsix = join(blank, "blank.vsix");
  const vsce = spawn(process.execPath, [join(root, "node_modules/@vscode/vsce/vsce"), "package", "--allow-missing-repository", "--skip-license", "-o", blankVsix], { cwd: blank, stdio: "ignore" });
  if ((await new Promise((resolve) => vsce.on("close", resolve))) !== 0) throw new Error("could not package the blank extension");
  const extRuns = [];
  // Half the starts activate the blank extension first, half Pauseflow: the first pays more.
  for (let i = 0; i < Math.max(2, Math.min(REPEATS, 6)); i++) {
    const code = await runExtensionTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, "out/bench/extensionHost.js"),
      workspace: emptyFolder,
      scenario: "bench-extension-host",
      server: { vsix: [blankVsix], env: { PAUSEFLOW_BENCH_OUT: extOut, PAUSEFLOW_BENCH_BLANK_FIRST: String(i % 2 === 0) } },
      log: () => {},
    });
    if (code !== 0) throw new Error("the extension-host bench failed; see test-results/bench-extension-host/");
    extRuns.push(JSON.parse(readFileSync(extOut, "utf8")));
  }
  // What Pauseflow's code costs at activation, timed by the extension itself: evaluating its bundle
  // and activate(). VS Code's activate() call also waits for the extension's storage and the
  // like, as it does for a blank extension: the first extension activated in a host pays most.
  const own = extRuns.map((r) => r.own.loadMs + r.own.activateMs);
  row("activation: Pauseflow's own code (bundle + activate())", ms(median(own)), "goal < 100 ms");
  row("  ... evaluating the bundle", ms(median(extRuns.map((r) => r.own.loadMs))), "");
  row("  ... activate()", ms(median(extRuns.map((r) => r.own.activateMs))), "");
  const at = (first) => extRuns.filter((r) => r.blankFirst !== first);
  const blankAt = (first) => extRuns.filter((r) => r.blankFirst === first);
  row("  ... VS Code's activate() call, activated first", `${ms(median(at(true).map((r) => r.activationMs)))} (blank ${ms(median(blankAt(true).map((r) => r.blankActivationMs)))})`, "");
  row("  ... activated second", `${ms(median(at(false).map((r) => r.activationMs)))} (blank ${ms(median(blankAt(false).map((r) => r.blankActivationMs)))})`, "");
  const activation = median(extRuns.map((r) => r.activationMs));
  const deferred = median(extRuns.map((r) => r.deferredLoadMs));
  const reattach = median(extRuns.map((r) => r.reattachMs));
  row(`reload -> Runs view current (${extRuns[0].hostRuns} runs in a running host)`, ms(activation + deferred + reattach), "goal < 1000 ms");
  row("  ... VS Code's activate() call, median of all", ms(activation), "");
  row("  ... loading what activation defers", ms(deferred), "");
  row("  ... attaching to the running host", ms(reattach), "");
  row("first window -> Runs view current (host started)", ms(median(extRuns.map((r) => r.runsShownMs))), "");
  row(`  ... attaching with the host started (${extRuns[0].hostRuns} runs)`, ms(median(extRuns.map((r) => r.startHostMs))), "");
  row("extension host RSS with 1,000 runs in history", `${median(extRuns.map((r) => r.rssMb)).toFixed(1)} MB`, "");
  row("  ... of which the 1,000 runs' records (heap)", `${median(extRuns.map((r) => r.historyHeapMb)).toFixed(1)} MB`, "");

  const { benchInVsCode } = await import(join(root, "bench/vscode.ts"));
  const { pauseflowVsix } = await import(join(root, "test/e2e/harness/vsix.ts"));
  const inVsCode = await benchInVsCode(pauseflowVsix(), 10);
  row("pause -> form visible (same tab, real VS Code)", ms(inVsCode.pauseToFormVisibleMs), "goal < 300 ms");
  row("  ... a run's first pause (new tab)", ms(inVsCode.newTabPauseToFormVisibleMs), "");
  row("  ... the window's first webview", ms(inVsCode.firstWebviewPauseToFormVisibleMs), "");
  row("submit -> flow continuing (real VS Code)", ms(inVsCode.submitToFlowContinuesMs), "goal < 50 ms");
}
