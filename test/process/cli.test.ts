// The pauseflow CLI's own contract: usage errors, exit codes, answers files, prompting on a terminal.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, EXAMPLES, runCli, tempDir, writeFiles, writeFlow } from "../helpers";

const greet = join(EXAMPLES, "greet.flow.ts");

for (const [args, message] of [
  [["run", greet, "--bogus"], /^pauseflow: Unknown option '--bogus'.*\n$/],
  [["run"], "pauseflow: missing FILE: pauseflow run FILE\n"],
  [["walk", greet], "pauseflow: unknown command 'walk' (pauseflow --help lists them)\n"],
  [["run", "nowhere.flow.ts"], "pauseflow: no such flow file: nowhere.flow.ts\n"],
  [["run", greet, "--params", "{oops"], /^pauseflow: --params is not valid JSON: Expected property name or '}' in JSON at position 1.*\n$/],
  [["run", greet, "--params", "[1]"], "pauseflow: --params must be a JSON object\n"],
  [["run", greet, "--answers", "missing.json"], "pauseflow: no such answers file: missing.json\n"],
] as const) {
  test(`bad usage (${args.slice(2).join(" ") || args.join(" ")}): exit 2 and one clear line on stderr`, async () => {
    const r = await runCli([...args]);
    assert.equal(r.code, 2);
    if (typeof message === "string") assert.equal(r.stderr, message);
    else assert.match(r.stderr, message);
    assert.equal(r.stdout, "");
  });
}

test("an answers file that is not an array: exit 2", async () => {
  const answers = writeFiles(tempDir(), { "a.json": '{"name": "Ada"}' });
  const r = await runCli(["run", greet, "--flow", "greetUser", "--answers", answers]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `pauseflow: --answers ${answers} must hold a JSON array\n`);
});

test("a file with several flows and no --flow, or an unknown --flow: exit 2 naming the flows", async () => {
  const several = await runCli(["run", greet]);
  assert.equal(several.code, 2);
  assert.match(several.stderr, /^pauseflow: .*greet\.flow\.ts exports 2 flows \(greetUser, greetUserWithDefault\); name one\n$/);
  const unknown = await runCli(["run", greet, "--flow", "nope"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^pauseflow: .*greet\.flow\.ts has no flow named 'nope' \(it has greetUser, greetUserWithDefault\)\n$/);
  const none = await runCli(["run", writeFlow("export const x = 1;\n")]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /exports no flow/);
});

test("--flow: an exact export name wins over another flow's name; two flows of one name are an ambiguity naming both exports", async () => {
  const file = writeFlow(
    `import { flow, getRunLogger } from "pauseflow";\n` +
      `export const alpha = flow({ name: "zed" }, async () => getRunLogger().info("alpha ran"));\n` +
      `export const zed = flow(async () => getRunLogger().info("zed ran"));\n` +
      `export const one = flow({ name: "twin" }, async () => {});\n` +
      `export const two = flow({ name: "twin" }, async () => {});\n`,
  );
  const byExport = await runCli(["run", file, "--flow", "zed"]);
  assert.equal(byExport.code, 0, byExport.stdout);
  assert.ok(byExport.messages.includes("zed ran"), byExport.stdout);
  assert.ok(!byExport.messages.includes("alpha ran"), byExport.stdout);
  const ambiguous = await runCli(["run", file, "--flow", "twin"]);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /^pauseflow: .*test\.flow\.ts has 2 flows named 'twin' \(exports one, two\); name one by its export\n$/);
});

test("no answer left, not on a terminal: the run is cancelled saying which pause (exit 3)", async () => {
  const r = await runCli(["run", greet, "--flow", "greetUser"], { answers: [] });
  assert.equal(r.code, 3);
  assert.equal(r.messages.at(-1), `Finished in state Cancelled("no answer left for pause 'pause-1'")`);
});

test('{"$cancel": true} cancels the run (exit 3)', async () => {
  const r = await runCli(["run", greet, "--flow", "greetUser"], { answers: [{ $cancel: true }] });
  assert.equal(r.code, 3);
  assert.equal(r.messages.at(-1), "Finished in state Cancelled('Cancelled by answer 1.')");
});

test("--help prints the usage", async () => {
  const r = await runCli(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: pauseflow run FILE/);
});

test("on a terminal with no answers left, it prompts field by field and asks again after a rejection", () => {
  // `script` gives the CLI a real terminal; the answers are typed into it line by line.
  const typed = ["1", "2", "2", "1", ""].join("\n") + "\n";
  const shirt = join(EXAMPLES, "shirt.flow.ts");
  const r = spawnSync("script", ["-qec", `${process.execPath} ${CLI} run ${shirt}`, "/dev/null"], { input: typed, encoding: "utf8", timeout: 20_000 });
  const screen = r.stdout.replace(/\r/g, "");
  assert.equal(r.status, 0, screen);
  assert.ok(screen.includes("Flow run '") && screen.includes("waits at pause 'pause-1'."), screen);
  assert.ok(screen.includes('size [1=small, 2=medium, 3=large, 4=xlarge]: '), screen);
  assert.ok(screen.includes("Rejected:\n  color: We don't carry that combination."), screen);
  assert.ok(screen.includes(`We'll send you your shirt in {"size":"medium","color":"red"} ASAP!`), screen);
  assert.ok(screen.includes("Finished in state Completed()"), screen);
});

test("on a terminal, a union of objects (no fields of its own) is asked for as one JSON value", () => {
  const typed = `{"action": "snooze", "days": 3}\n`;
  const triage = join(EXAMPLES, "triage.flow.ts");
  const r = spawnSync("script", ["-qec", `${process.execPath} ${CLI} run ${triage}`, "/dev/null"], { input: typed, encoding: "utf8", timeout: 20_000 });
  const screen = r.stdout.replace(/\r/g, "");
  assert.equal(r.status, 0, screen);
  assert.ok(screen.includes("value (JSON) (What happens to the ticket): "), screen);
  assert.ok(screen.includes("Snoozed for 3 days"), screen);
});
