// The one build script: bundles the extension host, the runner, the runner host, the SDK, the CLI and the webview.
// Usage: node scripts/build.mjs [--watch] [--production] [--tests | --tests-only]
//   --tests       also the bundles that run in an extension host (out/): the mocha suite and the bench
//   --tests-only  only those, leaving dist/ as it is (the e2e API test, after npm run package)
import * as esbuild from "esbuild";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { buildSdkTypes } from "./buildTypes.mjs";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");
const testsOnly = process.argv.includes("--tests-only");
const tests = testsOnly || process.argv.includes("--tests");

const common = {
  bundle: true,
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  legalComments: "none",
};

// Only the extension bundle may use `vscode`: anywhere else a stray import fails the build.
const node = { ...common, platform: "node", format: "cjs", target: "node20" };

/**
 * The runner leaves zod in node_modules, so that a flow in a folder without zod gets the very copy
 * the runner loaded (and zod loads once per run). esbuild is a native binary; zod-to-json-schema is
 * needed only for zod 3 schemas. The extension host and the CLI bundle their zod: one file loads
 * several times faster than zod's sixty, which is most of the extension's activation.
 */
const runnerExternals = ["esbuild", "zod", "zod/*", "zod-to-json-schema"];

const distEntries = [
  {
    ...node,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    external: ["vscode"],
    // jsonc-parser's main is a UMD build whose requires esbuild cannot follow: its ES modules instead.
    alias: { "jsonc-parser": "./node_modules/jsonc-parser/lib/esm/main.js" },
  },
  { ...node, entryPoints: ["src/runner/main.ts"], outfile: "dist/runner.js", external: runnerExternals },
  // The runner host: a detached process per workspace folder that owns its runs (src/host/).
  { ...node, entryPoints: ["src/host/main.ts"], outfile: "dist/runnerHost.js" },
  { ...node, entryPoints: ["src/sdk/index.ts"], outfile: "dist/sdk.js" },
  { ...node, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" }, plugins: [executable("dist/cli.js")] },
  // The engine's commands, loaded by the CLI only for them; flows in a worker share its zod, as in
  // the runner. Left out: optional parts of DBOS and pg that Pauseflow does not use (OTLP export, native bindings).
  {
    ...node,
    entryPoints: ["src/cli/engine.ts"],
    outfile: "dist/engine.js",
    external: [...runnerExternals, "pg-native", "@opentelemetry/*", "winston", "winston-transport"],
  },
  // The TypeScript server plugin, a package of its own: scripts/package.mjs puts dist/ts-plugin/ in
  // the .vsix as node_modules/pauseflow-ts-plugin/, where tsserver looks for it. It runs in tsserver,
  // which hands it its own typescript; the module must be the plugin's factory itself.
  {
    ...node,
    entryPoints: ["src/tsPlugin/index.ts"],
    outfile: "dist/ts-plugin/index.js",
    footer: { js: "module.exports = module.exports.default;" },
    plugins: [pluginPackage("dist/ts-plugin")],
  },
  {
    ...common,
    entryPoints: ["webview/main.ts"],
    outfile: "dist/webview.js",
    platform: "browser",
    format: "esm",
    target: "es2022",
  },
];

// Run in an extension host: the mocha suite (for @vscode/test-cli and code-server's
// extensionTestsPath) and the bench's part there.
const testEntries = ["test/vscode/index", "test/vscode/extension.test", "bench/extensionHost"].map((name) => ({
  ...node,
  sourcemap: "inline",
  entryPoints: [`${name}.ts`],
  outfile: `out/${name}.js`,
  external: ["vscode", "mocha"],
}));

/** npx links dist/cli.js once: every build, watch rebuilds included, must leave it executable. */
function executable(file) {
  return { name: "executable", setup: (build) => build.onEnd(() => existsSync(file) && chmodSync(file, 0o755)) };
}

/** The plugin's package.json, beside its bundle. */
function pluginPackage(dir) {
  const manifest = { name: "pauseflow-ts-plugin", version: "0.1.0", private: true, main: "index.js" };
  return {
    name: "plugin-package",
    setup: (build) =>
      build.onEnd(() => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${dir}/package.json`, JSON.stringify(manifest, null, 2) + "\n");
      }),
  };
}

// The bench times loading what activation defers, as a reloaded window loads it (a copy of its own).
testEntries.push({ ...node, entryPoints: ["src/deferredModules.ts"], outfile: "out/bench/deferredModules.js", external: ["vscode"] });

const entries = [...(testsOnly ? [] : distEntries), ...(tests ? testEntries : [])];
if (!testsOnly) rmSync("dist", { recursive: true, force: true });
if (tests) rmSync("out", { recursive: true, force: true });
if (watch) {
  for (const entry of entries) await (await esbuild.context(entry)).watch();
  console.log("watching for changes...");
} else {
  await Promise.all(entries.map((entry) => esbuild.build(entry)));
}
// The SDK's declarations, which the plugin points "pauseflow" at (a few seconds: after the bundles).
if (!testsOnly) buildSdkTypes(process.cwd());
