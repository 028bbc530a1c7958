// The workspace most scenarios open: a fresh copy of examples/.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../../scripts/codeServer";

/** A fresh copy of examples/ to open as the workspace (without out/, which local runs write to). */
export function examplesWorkspace(prefix = "pauseflow-e2e-ws-"): string {
  const workspace = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(repoRoot, "examples"), workspace, { recursive: true, filter: (src) => !src.startsWith(join(repoRoot, "examples", "out")) });
  return workspace;
}
