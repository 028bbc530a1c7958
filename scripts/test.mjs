// Runs the test layers in order with node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [unit|package|process|engine|browser|e2e ...]   (default: all layers)
// A layer is the *.test.ts files of test/<layer>/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const layers = ["unit", "package", "process", "engine", "browser", "e2e"];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : layers;

let failed = false;
for (const layer of chosen) {
  if (!layers.includes(layer)) {
    console.error(`unknown test layer '${layer}' (choose from ${layers.join(", ")})`);
    process.exit(2);
  }
  const dir = join("test", layer);
  const files = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith(".test.ts")).sort().map((f) => join(dir, f))
    : [];
  if (files.length === 0) continue;
  console.log(`\n# ${layer} tests`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
    stdio: "inherit",
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
