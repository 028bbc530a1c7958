// Packages one .vsix per VS Code target, each with its own platform's esbuild binary:
// vsix/pauseflow-<target>.vsix. Usage: node scripts/package.mjs [target ...]   (default: all)
//
// The runner calls esbuild's JS API at run time, and esbuild's lib/main.js spawns the binary of
// `@esbuild/<platform>`: it picks the package from process.platform and os.arch() alone, so on
// Alpine (musl) it requires @esbuild/linux-x64, whose binary is static. It never runs
// node_modules/esbuild/bin/esbuild, which esbuild's install script replaced with the host's
// binary, so bin/ is left out. Other platforms' packages are fetched with `npm pack` once per
// machine and checked against the integrity that package-lock.json records for them.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** VS Code target -> the @esbuild package that esbuild's lib/main.js requires there. */
const targets = {
  "win32-x64": "win32-x64",
  "win32-arm64": "win32-arm64",
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "linux-armhf": "linux-arm",
  "alpine-x64": "linux-x64",
  "darwin-x64": "darwin-x64",
  "darwin-arm64": "darwin-arm64",
};

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "vsix");
const cacheDir = join(root, ".vscode-test", "esbuild-platforms");
const vsce = join(root, "node_modules", "@vscode", "vsce", "vsce");
const esbuildVersion = JSON.parse(readFileSync(join(root, "node_modules", "esbuild", "package.json"), "utf8")).version;

try {
  const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(targets);
  for (const t of chosen) if (!(t in targets)) fail(`unknown target '${t}' (choose from ${Object.keys(targets).join(", ")})`);
  packageTargets(chosen);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

function packageTargets(chosen) {
  const started = Date.now();
  const tarballs = fetchEsbuildPackages([...new Set(chosen.map((t) => targets[t]))]);
  run(process.execPath, ["scripts/build.mjs", "--production"], root);
  const stage = mkdtempSync(join(tmpdir(), "pauseflow-package-"));
  try {
    stageExtension(stage);
    mkdirSync(outDir, { recursive: true });
    for (const target of chosen) {
      const t0 = Date.now();
      const platformDir = join(stage, "node_modules", "@esbuild");
      rmSync(platformDir, { recursive: true, force: true });
      mkdirSync(join(platformDir, targets[target]), { recursive: true });
      run("tar", ["-xzf", tarballs.get(targets[target]), "-C", join(platformDir, targets[target]), "--strip-components=1"], stage);
      // Written aside and renamed, so that a test reading the package never sees half a zip.
      const out = join(outDir, `pauseflow-${target}.vsix`);
      const partial = join(outDir, `.pauseflow-${target}.${process.pid}.vsix`);
      try {
        run(process.execPath, [vsce, "package", "--target", target, "--allow-missing-repository", "--no-rewrite-relative-links", "--out", partial], stage);
        renameSync(partial, out);
      } finally {
        rmSync(partial, { force: true });
      }
      console.log(`vsix/pauseflow-${target}.vsix (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  console.log(`packaged ${chosen.length} targets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The extension as it is published, without any @esbuild package (each target adds its own). */
function stageExtension(stage) {
  // Another build may delete dist/ at any moment: copy it at once, and build again if it was gone.
  const copyDist = () => cpSync(join(root, "dist"), join(stage, "dist"), { recursive: true });
  const bundles = ["extension.js", "runner.js", "webview.js", "ts-plugin/index.js", "types/sdk/index.d.ts"];
  try {
    copyDist();
  } catch {}
  if (!bundles.every((f) => existsSync(join(stage, "dist", f)))) {
    run(process.execPath, ["scripts/build.mjs", "--production"], root);
    copyDist();
  }
  for (const item of ["media", "README.md", "LICENSE", "CHANGELOG.md", ".vscodeignore"]) {
    if (existsSync(join(root, item))) cpSync(join(root, item), join(stage, item), { recursive: true });
  }
  // vsce runs vscode:prepublish before packaging (3.9 has no flag to skip it); the build already ran.
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  delete manifest.scripts["vscode:prepublish"];
  // The TypeScript server plugin is found by its package name in the extension's node_modules
  // (contributes.typescriptServerPlugins), so the stage lists it as a dependency of its own.
  const plugin = JSON.parse(readFileSync(join(stage, "dist", "ts-plugin", "package.json"), "utf8"));
  manifest.dependencies = { ...manifest.dependencies, [plugin.name]: plugin.version };
  writeFileSync(join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  cpSync(join(stage, "dist", "ts-plugin"), join(stage, "node_modules", plugin.name), { recursive: true });
  // vsce packs the node_modules that `npm list --production` finds in the stage: these, the plugin and @esbuild/*.
  const esbuildBin = join(root, "node_modules", "esbuild", "bin");
  for (const name of ["zod", "zod-to-json-schema", "esbuild"]) {
    cpSync(join(root, "node_modules", name), join(stage, "node_modules", name), { recursive: true, filter: (src) => src !== esbuildBin });
  }
}

/** Each @esbuild package's tarball, verified against package-lock.json; fetched with npm the first time. */
function fetchEsbuildPackages(names) {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const tarballs = new Map();
  const verified = (name) => {
    const entry = lock.packages[`node_modules/@esbuild/${name}`];
    if (!entry?.integrity || entry.version !== esbuildVersion) {
      fail(`package-lock.json has no @esbuild/${name}@${esbuildVersion} with an integrity (run npm install)`);
    }
    const file = join(cacheDir, `esbuild-${name}-${esbuildVersion}.tgz`);
    if (!existsSync(file)) return false;
    const hash = `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
    if (!entry.integrity.split(/\s+/).includes(hash)) {
      rmSync(file);
      return false;
    }
    tarballs.set(name, file);
    return true;
  };
  const missing = names.filter((name) => !verified(name));
  if (missing.length) {
    mkdirSync(cacheDir, { recursive: true });
    console.log(`fetching ${missing.map((n) => `@esbuild/${n}`).join(", ")} with npm pack`);
    run("npm", ["pack", ...missing.map((n) => `@esbuild/${n}@${esbuildVersion}`), "--pack-destination", cacheDir], root);
    for (const name of missing) {
      if (!verified(name)) fail(`@esbuild/${name}@${esbuildVersion} from npm does not match package-lock.json's integrity`);
    }
  }
  return tarballs;
}

function run(command, args, cwd) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // no stdin: vsce's y/N questions fail instead of hanging
    shell: process.platform === "win32" && command === "npm", // npm.cmd
  });
  if (r.status !== 0) {
    fail(`${command} ${args.join(" ")} failed (${r.error ?? `exit ${r.status ?? r.signal}`}) in ${cwd}:\n${r.stdout ?? ""}${r.stderr ?? ""}`);
  }
}

function fail(message) {
  throw new Error(message);
}
