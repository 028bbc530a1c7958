// The extension-host suite (test/vscode), run inside code-server's real extension host: what
// `npm run test:vscode` does with a downloaded VS Code on machines that can download it.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureCodeServer, repoRoot } from "../../scripts/codeServer";
import { examplesWorkspace } from "./harness/examples";
import { runExtensionTests } from "./harness/extensionTests";

before(() => {
  ensureCodeServer();
  // The suite's bundles (out/test/vscode/), leaving dist/ as npm run package built it.
  execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs"), "--tests-only"], { cwd: repoRoot, stdio: "inherit" });
});

test("the VS Code API suite passes in the real extension host", { timeout: 300_000 }, async () => {
  const workspace = examplesWorkspace("pauseflow-api-");
  const lines: string[] = [];
  const code = await runExtensionTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, "out/test/vscode/index.js"),
    workspace,
    scenario: "api-suite",
    log: (line) => lines.push(line),
  });
  assert.equal(code, 0, lines.join("\n"));
  // The suite ran (a suite that loads no test exits 0 too), and nothing in it failed.
  assert.ok(lines.some((l) => /\b[1-9]\d* passing/.test(l)), lines.join("\n"));
  assert.ok(!lines.some((l) => /\bfailing\b/.test(l)), lines.join("\n"));
});
