// The one build script: bundles the extension host, the runner, the SDK, the CLI and the webview.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from "esbuild";
import { rmSync } from "node:fs";

const watch = process.argv.includes("--watch");
const production = process.argv.includes("--production");

/**
 * Resolved at run time from node_modules: zod (so flows and the runner share one copy), esbuild (a
 * native binary) and zod-to-json-schema (loaded only for zod 3 schemas, so not at every start).
 */
const nodeExternals = ["vscode", "esbuild", "zod", "zod/*", "zod-to-json-schema"];

const common = {
  bundle: true,
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  legalComments: "none",
};

const node = { ...common, platform: "node", format: "cjs", target: "node20", external: nodeExternals };

const entries = [
  { ...node, entryPoints: ["src/extension.ts"], outfile: "dist/extension.js" },
  { ...node, entryPoints: ["src/runner/main.ts"], outfile: "dist/runner.js" },
  { ...node, entryPoints: ["src/sdk/index.ts"], outfile: "dist/sdk.js" },
  { ...node, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  {
    ...common,
    entryPoints: ["webview/main.ts"],
    outfile: "dist/webview.js",
    platform: "browser",
    format: "esm",
    target: "es2022",
  },
  // The extension-host test suite (mocha), for @vscode/test-cli and for code-server's extensionTestsPath.
  ...["index", "extension.test", "bench"].map((name) => ({
    ...node,
    sourcemap: "inline",
    entryPoints: [`test/vscode/${name}.ts`],
    outfile: `out/test/vscode/${name}.js`,
    external: [...nodeExternals, "mocha"],
  })),
];

rmSync("dist", { recursive: true, force: true });
if (watch) {
  for (const entry of entries) await (await esbuild.context(entry)).watch();
  console.log("watching for changes...");
} else {
  await Promise.all(entries.map((entry) => esbuild.build(entry)));
}
