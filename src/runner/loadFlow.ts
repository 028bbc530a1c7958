// Turns a flow file into a loaded module: transpiled (and its local imports bundled) with esbuild,
// compiled as CommonJS under the file's own name, so that stack traces point into the .ts source
// and bare imports resolve from the flow's folder as Node would.
import * as esbuild from "esbuild";
import Module from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { defaultFlowName } from "../sdk/names";
import { FLOW_KEY, type FlowDefinition } from "../sdk/registry";

export interface LoadedFlow {
  exportName: string;
  /** The flow's own name, or its export name in kebab case. */
  name: string;
  definition: FlowDefinition;
}

/** A flow file that could not be transpiled; `message` says where (file:line:column), `details` shows the lines. */
export class FlowLoadError extends Error {
  override name = "FlowLoadError";
  constructor(message: string, readonly details: string) {
    super(message);
  }
}

/** The file has no flow of that name (or several and none was named). */
export class FlowNotFoundError extends Error {
  override name = "FlowNotFoundError";
}

/** Bare imports that fall back to the runner's own copies when the flow's folder has none installed. */
const FALLBACK_PACKAGES = ["pauseflow", "zod"];

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const moduleInternals = Module as unknown as {
  _resolveFilename: ResolveFilename;
  _nodeModulePaths(dir: string): string[];
};

let fallbackInstalled = false;

/** Lets `import "pauseflow"` and `import "zod"` work in a folder with no node_modules. */
export function installImportFallback(sdkPath: string): void {
  if (fallbackInstalled) return;
  fallbackInstalled = true;
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      const bare = request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0]!;
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND" || !FALLBACK_PACKAGES.includes(bare)) throw error;
      if (request === "pauseflow") return sdkPath;
      return require.resolve(request);
    }
  };
}

export async function transpile(file: string): Promise<string> {
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      packages: "external",
      write: false,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node.split(".")[0]}`,
      sourcemap: "inline",
      sourcesContent: false,
      // The output is compiled under the flow file's own name, so source map paths are relative to its folder.
      outfile: join(dirname(file), "__pauseflow_out.js"),
      logLevel: "silent",
      define: {
        "import.meta.url": "__pauseflow_import_meta.url",
        "import.meta.dirname": "__dirname",
        "import.meta.filename": "__filename",
      },
      banner: { js: 'var __pauseflow_import_meta = { url: require("node:url").pathToFileURL(__filename).href };' },
    });
    return result.outputFiles[0]!.text;
  } catch (error) {
    const failure = error as esbuild.BuildFailure;
    if (!failure.errors) throw error;
    const [first] = failure.errors.map(whereAndWhat);
    throw new FlowLoadError(first ?? "esbuild failed", failure.errors.map((e) => `${whereAndWhat(e)}${codeFrame(e)}`).join("\n"));
  }
}

/** Starts esbuild's service ahead (a runner started before its run has no flow to transpile yet). */
export async function startTranspiler(): Promise<void> {
  await esbuild.transform("", { loader: "ts" });
}

/**
 * Stops esbuild's service, the process of its own that transpile() starts: a paused run then holds
 * the runner alone. A later transpile() would start the service again.
 */
export function stopTranspiler(): Promise<void> {
  return esbuild.stop();
}

function whereAndWhat(message: esbuild.Message): string {
  const loc = message.location;
  return loc ? `${resolve(loc.file)}:${loc.line}:${loc.column + 1}: ${message.text}` : message.text;
}

function codeFrame(message: esbuild.Message): string {
  const loc = message.location;
  if (!loc) return "";
  const gutter = " ".repeat(String(loc.line).length);
  return `\n    ${loc.line} | ${loc.lineText}\n    ${gutter} | ${" ".repeat(loc.column)}^`;
}

/** Compiles transpiled code as the module `file` and returns its exports. */
export function compileModule(file: string, code: string): Record<string, unknown> {
  const mod = new Module(file, undefined) as Module & { _compile(code: string, file: string): void };
  mod.filename = file;
  mod.paths = moduleInternals._nodeModulePaths(dirname(file));
  mod._compile(code, file);
  return mod.exports as Record<string, unknown>;
}

/** Every flow a module exports, by export name. */
export function findFlows(exports: Record<string, unknown>): LoadedFlow[] {
  const flows: LoadedFlow[] = [];
  for (const [exportName, value] of Object.entries(exports)) {
    const definition = (value as { [FLOW_KEY]?: FlowDefinition } | null)?.[FLOW_KEY];
    if (typeof value === "function" && definition) {
      flows.push({ exportName, name: definition.name ?? defaultFlowName(exportName), definition });
    }
  }
  return flows;
}

/** Picks the flow named by export name (which wins) or by flow name; with no name, the file's only flow. */
export function pickFlow(flows: LoadedFlow[], wanted: string | undefined, file: string): LoadedFlow {
  const shown = relative(process.cwd(), file) || file;
  const names = flows.map((f) => f.exportName).join(", ");
  if (flows.length === 0) throw new FlowNotFoundError(`${shown} exports no flow (a flow is made with flow() from "pauseflow" and exported)`);
  if (wanted === undefined) {
    if (flows.length === 1) return flows[0]!;
    throw new FlowNotFoundError(`${shown} exports ${flows.length} flows (${names}); name one`);
  }
  const byExport = flows.find((f) => f.exportName === wanted);
  if (byExport) return byExport;
  const byName = flows.filter((f) => f.name === wanted);
  if (byName.length > 1) {
    throw new FlowNotFoundError(`${shown} has ${byName.length} flows named '${wanted}' (exports ${byName.map((f) => f.exportName).join(", ")}); name one by its export`);
  }
  if (!byName[0]) throw new FlowNotFoundError(`${shown} has no flow named '${wanted}' (it has ${names})`);
  return byName[0];
}

