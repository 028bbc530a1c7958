// Packages an extension folder as a .vsix with vsce, the way it is published.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { repoRoot } from "../../../scripts/codeServer";

/**
 * Runs `vsce package` on folder and returns the .vsix path (in a temp folder unless outFile is
 * given). With copy, packages a temporary copy, so vsce writes nothing next to the sources.
 */
export function packageVsix(folder: string, { copy = false, outFile }: { copy?: boolean; outFile?: string } = {}): string {
  const work = mkdtempSync(join(tmpdir(), "pauseflow-vsix-"));
  let cwd = resolve(folder);
  if (copy) {
    cwd = join(work, basename(folder));
    cpSync(folder, cwd, { recursive: true, filter: (src) => !src.includes("node_modules") });
  }
  const out = outFile ? resolve(outFile) : join(work, `${basename(folder)}.vsix`);
  const vsce = join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
  const r = spawnSync(process.execPath, [vsce, "package", "--no-dependencies", "--allow-missing-repository", "--out", out], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"], // no stdin: vsce's y/N questions fail instead of hanging
  });
  if (r.status !== 0) throw new Error(`vsce package failed in ${cwd} (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return out;
}

/**
 * The extension's own package for this machine, `vsix/pauseflow-linux-x64.vsix` (PAUSEFLOW_VSIX
 * overrides it). Made with `npm run package` first when it is missing or older than the build in
 * dist/, so the tests never install a stale one.
 */
export function pauseflowVsix(): string {
  if (process.env.PAUSEFLOW_VSIX) return resolve(process.env.PAUSEFLOW_VSIX);
  const vsix = join(repoRoot, "vsix", "pauseflow-linux-x64.vsix");
  const dist = join(repoRoot, "dist");
  const newestBuild = existsSync(dist) ? Math.max(0, ...readdirSync(dist).map((f) => statSync(join(dist, f)).mtimeMs)) : Infinity;
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < newestBuild) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const r = spawnSync(npm, ["run", "package"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (r.status !== 0) throw new Error(`npm run package failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  }
  return vsix;
}
