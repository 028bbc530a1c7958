// `npm start`: opens the extension on the examples. In desktop VS Code when `code` is on the PATH
// (--extensionDevelopmentPath), otherwise in code-server on 127.0.0.1 (scripts/codeServer.ts, as in
// the e2e tests), printing the address to open in a browser; it runs until Ctrl+C.
// Usage: node scripts/start.mjs [folder] [--vsix file.vsix ...] [--dev extension-folder] [--keep] [--server]
//   --vsix    install a packaged extension first (as a user would)
//   --dev     load an extension folder in development mode (default: this repository)
//   --keep    keep the temporary user-data folder afterwards
//   --server  use code-server even when desktop VS Code is available
import { spawnSync } from "node:child_process";
import { tsImport } from "tsx/esm/api";
import { setupMachine } from "./setupMachine.mjs";

const args = process.argv.slice(2);
const vsix = [];
let dev;
let workspace = "examples";
let keep = false;
let server = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--vsix") vsix.push(args[++i]);
  else if (args[i] === "--dev") dev = args[++i];
  else if (args[i] === "--keep") keep = true;
  else if (args[i] === "--server") server = true;
  else if (args[i] === "--help" || args[i] === "-h") {
    console.log("node scripts/start.mjs [folder] [--vsix file.vsix ...] [--dev extension-folder] [--keep] [--server]");
    process.exit(0);
  } else workspace = args[i];
}
if (vsix.length === 0) dev ??= ".";

const { resolve } = await import("node:path");
if (!server && vsix.length === 0 && spawnSync("code", ["--version"], { stdio: "ignore" }).status === 0) {
  console.log(`Opening ${workspace} in VS Code with the extension from ${resolve(dev)}`);
  spawnSync("code", ["--extensionDevelopmentPath", resolve(dev), resolve(workspace)], { stdio: "inherit" });
  process.exit(0);
}

setupMachine(["code-server"]);
const { startCodeServer } = await tsImport("./codeServer.ts", import.meta.url);
const codeServer = await startCodeServer({ workspace, vsix, keep, smokeTestDriver: Boolean(dev) });
const query = dev ? `payload=${encodeURIComponent(JSON.stringify([["extensionDevelopmentPath", codeServer.remoteUri(resolve(dev))]]))}` : "";
console.log(`code-server is up: ${codeServer.folderUrl(query)}`);
console.log(`server log: ${codeServer.logFile}  (Ctrl+C stops it)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await codeServer.stop();
    process.exit(0);
  });
}
setInterval(() => {}, 1 << 30);
