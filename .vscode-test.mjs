// @vscode/test-cli configuration (`npx vscode-test`): runs the mocha suite in a downloaded VS Code
// through @vscode/test-electron. Only for machines that can download VS Code; where they cannot,
// the same suite runs inside code-server's extension host (test/e2e/harness/extensionTests.ts).
import { defineConfig } from "@vscode/test-cli";

export default defineConfig({
  label: "vscode",
  files: "out/test/vscode/**/*.test.js",
  workspaceFolder: "examples",
  version: "stable",
  launchArgs: ["--disable-extensions", "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes"],
  mocha: { ui: "bdd", timeout: 60_000, color: true },
});
