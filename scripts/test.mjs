// Runs the test layers in order with node's test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [unit|package|process|engine|browser|e2e ...]   (default: all layers)
// A layer is the *.test.ts files of test/<layer>/.
//
// Nothing may hang CI: a layer still running after its budget is killed with every process it
// started and counts as failed; tests that could wait long give themselves a timeout. (Node's
// --test-timeout is no use here: it also ends a whole file that takes longer, as the e2e scenarios do.)
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const layerBudgetMinutes = { unit: 3, package: 5, process: 10, engine: 10, browser: 10, e2e: 25 };
const layers = Object.keys(layerBudgetMinutes);
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : layers;

for (const layer of chosen) {
  if (!layers.includes(layer)) {
    console.error(`unknown test layer '${layer}' (choose from ${layers.join(", ")})`);
    process.exit(2);
  }
}

let failed = false;
for (const layer of chosen) {
  const dir = join("test", layer);
  const files = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith(".test.ts")).sort().map((f) => join(dir, f))
    : [];
  if (files.length === 0) continue;
  console.log(`\n# ${layer} tests`);
  if (!(await runLayer(layer, files))) failed = true;
}
process.exit(failed ? 1 : 0);

/** Runs one layer in a process group of its own, so that a layer over budget goes with all it started. */
function runLayer(layer, files) {
  const args = ["--import", "tsx", "--test", "--test-concurrency=1", ...files];
  const child = spawn(process.execPath, args, { stdio: "inherit", detached: true });
  const budgetMs = layerBudgetMinutes[layer] * 60_000;
  const overBudget = setTimeout(() => {
    console.error(`\n# ${layer} tests: still running after ${layerBudgetMinutes[layer]} minutes; stopped, and counted as failed`);
    process.kill(-child.pid, "SIGKILL");
  }, budgetMs);
  const stopLayer = () => {
    process.kill(-child.pid, "SIGKILL");
    process.exit(130);
  };
  process.once("SIGINT", stopLayer);
  process.once("SIGTERM", stopLayer);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(overBudget);
      process.off("SIGINT", stopLayer);
      process.off("SIGTERM", stopLayer);
      resolve(code === 0);
    }),
  );
}
