// Imported first by the runner: where Node has a compile cache (22.1+, as in current VS Code), the
// runner's start-up (zod above all) is compiled once and reused by every later run.
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

(Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache?.(join(tmpdir(), "pauseflow-compile-cache"));
