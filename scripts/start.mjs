// Starts code-server for trying an extension by hand (or with a browser of your own), using the
// same harness as the e2e tests. Prints the address and runs until Ctrl+C.
// Usage: node scripts/start.mjs [folder] [--vsix file.vsix ...] [--dev extension-folder] [--keep]
//   --vsix  install a packaged extension first (as a user would)
//   --dev   load an extension folder in development mode (the extensionDevelopmentPath payload)
//   --keep  keep the temporary user-data folder afterwards
import { tsImport } from "tsx/esm/api";

const args = process.argv.slice(2);
const vsix = [];
let dev;
let workspace = "examples";
let keep = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--vsix") vsix.push(args[++i]);
  else if (args[i] === "--dev") dev = args[++i];
  else if (args[i] === "--keep") keep = true;
  else if (args[i] === "--help" || args[i] === "-h") {
    console.log("node scripts/start.mjs [folder] [--vsix file.vsix ...] [--dev extension-folder] [--keep]");
    process.exit(0);
  } else workspace = args[i];
}

const { startCodeServer } = await tsImport("../test/e2e/codeServer.ts", import.meta.url);
const { resolve } = await import("node:path");
const server = await startCodeServer({ workspace, vsix, keep, smokeTestDriver: Boolean(dev) });
const query = dev ? `payload=${encodeURIComponent(JSON.stringify([["extensionDevelopmentPath", server.remoteUri(resolve(dev))]]))}` : "";
console.log(`code-server is up: ${server.folderUrl(query)}`);
console.log(`server log: ${server.logFile}  (Ctrl+C stops it)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  });
}
setInterval(() => {}, 1 << 30);
