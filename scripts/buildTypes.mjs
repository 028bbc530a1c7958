// The SDK's declaration files, dist/types/ (entry: dist/types/sdk/index.d.ts), for editors of a
// folder that has no "pauseflow" installed: the TypeScript server plugin (src/tsPlugin/) and
// Pauseflow: Add Types to Folder point "pauseflow" at them. Called by scripts/build.mjs.
import ts from "typescript";
import { join } from "node:path";

/** Emits the declarations of src/sdk/index.ts and what it imports under `outDir`; throws with tsc's messages on an error. */
export function buildSdkTypes(root, outDir = join(root, "dist", "types")) {
  const program = ts.createProgram([join(root, "src", "sdk", "index.ts")], {
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: join(root, "src"),
    outDir,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: [], // the declarations need no ambient types, and @types/node would double the time
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    isolatedModules: true,
  });
  const { diagnostics } = program.emit();
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
    throw new Error(`declarations of the SDK:\n${ts.formatDiagnostics(errors, host)}`);
  }
}
