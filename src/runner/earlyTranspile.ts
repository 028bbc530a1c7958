// Imported right after the compile cache: the host passes the flow file as the runner's argument,
// so esbuild (a process of its own) transpiles it while this process is still loading zod and the
// protocol, instead of after run/start arrives.
import { startTranspiler, transpile } from "./loadFlow";

const file = process.argv[2];
const early = file ? transpile(file) : undefined;
// The error, if any, is reported by run/start; an unobserved rejection must not end the process.
early?.catch(() => {});
// A runner started ahead of its run (the runner host's spare) has esbuild's service ready for it.
if (!file) startTranspiler().catch(() => {});

/** The transpiled flow: the one begun at start-up when it is the same file. */
export function transpiled(requested: string): Promise<string> {
  return early && requested === file ? early : transpile(requested);
}
