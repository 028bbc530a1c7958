// The Debian packages the tests and `npm start` need, in one table. Missing ones are installed with
// apt-get when running as root; otherwise this stops with the one command that installs them.
// Usage: node scripts/setupMachine.mjs [need ...]   (needs: browser, code-server, engine; default: all)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Each package, the file that shows it is installed, and what needs it. */
const PACKAGES = [
  { name: "chromium", check: "/usr/bin/chromium", need: "browser" }, // the browser and VS Code tests drive it
  { name: "libkrb5-dev", check: "/usr/include/gssapi/gssapi.h", need: "code-server" }, // its kerberos module compiles against it
  { name: "python3", check: "/usr/bin/python3", need: "code-server" }, // and its other native modules with these
  { name: "make", check: "/usr/bin/make", need: "code-server" },
  { name: "g++", check: "/usr/bin/g++", need: "code-server" },
  { name: "postgresql", check: "/usr/lib/postgresql/15/bin/initdb", need: "engine" }, // the engine tests start throwaway clusters with its binaries
];
const NEEDS = [...new Set(PACKAGES.map((p) => p.need))];

/** Names of the packages these needs call for that are not installed. */
export function missingPackages(needs = NEEDS) {
  return PACKAGES.filter((p) => needs.includes(p.need) && !existsSync(p.check)).map((p) => p.name);
}

export function installCommand(names) {
  return `sudo apt-get install --no-install-recommends ${names.join(" ")}`;
}

/** Installs what these needs call for (as root), or exits with the command that does. */
export function setupMachine(needs = NEEDS) {
  const missing = missingPackages(needs);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages: ${missing.join(", ")}. Install them with:\n\n  ${installCommand(missing)}\n`);
    process.exit(1);
  }
  console.error(`Installing Debian packages: ${missing.join(", ")}`);
  // Only apt-get's errors are shown (dpkg's progress is long), and stdout stays the caller's.
  const options = { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", ...missing]]) {
    if (spawnSync("apt-get", args, options).status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed`);
      process.exit(1);
    }
  }
  const still = missingPackages(needs);
  if (still.length) {
    console.error(`apt-get installed ${missing.join(", ")}, yet these are still missing: ${still.join(", ")}`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const needs = process.argv.slice(2);
  const unknown = needs.filter((n) => !NEEDS.includes(n));
  if (unknown.length) {
    console.error(`unknown need '${unknown[0]}' (choose from ${NEEDS.join(", ")})`);
    process.exit(2);
  }
  setupMachine(needs.length ? needs : NEEDS);
}
