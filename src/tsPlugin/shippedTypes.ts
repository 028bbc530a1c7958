// Where the extension's own declarations are. This file is bundled into
// node_modules/pauseflow-ts-plugin/index.js in the .vsix (dist/ts-plugin/index.js in a build), two
// folders below the extension's root either way; dist/types/ holds the SDK's declarations and
// node_modules/zod the zod the extension ships, declarations included.
import type * as ts from "typescript";
import { join, resolve } from "node:path";

export const extensionRoot = resolve(__dirname, "..", "..");
export const sdkDeclarations = join(extensionRoot, "dist", "types", "sdk", "index.d.ts");

/** The module names the extension has declarations for. */
export const isShippedModuleName = (name: string) => name === "pauseflow" || name === "zod" || name.startsWith("zod/");

const cache = new Map<string, ts.ResolvedModuleFull | undefined>();

/** `name` resolved to the extension's declarations, or undefined for a module the extension does not ship. */
export function shippedModule(typescript: typeof ts, name: string): ts.ResolvedModuleFull | undefined {
  if (!isShippedModuleName(name)) return undefined;
  if (cache.has(name)) return cache.get(name);
  const resolved =
    name === "pauseflow"
      ? { resolvedFileName: sdkDeclarations, extension: typescript.Extension.Dts, isExternalLibraryImport: true }
      : // zod's own package.json (exports, types) decides which file, as it would in the folder.
        typescript.resolveModuleName(
          name,
          sdkDeclarations,
          { module: typescript.ModuleKind.ESNext, moduleResolution: typescript.ModuleResolutionKind.Bundler },
          typescript.sys,
        ).resolvedModule;
  cache.set(name, resolved);
  return resolved;
}
