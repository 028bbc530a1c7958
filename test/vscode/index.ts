// Entry of the extension-host suite for code-server's extensionTestsPath (test/e2e/api.test.ts):
// runs every *.test.js beside it with mocha. (@vscode/test-cli finds the files itself.)
import { readdirSync } from "node:fs";
import { join } from "node:path";

export async function run(): Promise<void> {
  const { default: Mocha } = await import("mocha");
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000 });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith(".test.js"))) mocha.addFile(join(__dirname, file));
  await mocha.loadFilesAsync();
  await new Promise<void>((resolve, reject) => mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve())));
}
