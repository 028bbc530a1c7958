// The TypeScript server plugin that gives a folder with nothing installed the types of "pauseflow"
// and "zod": it runs inside tsserver (VS Code's TypeScript), never in the extension host. A module
// name is resolved the folder's own way first; only when that finds nothing does it resolve to
// the declarations shipped in the extension, so a folder's own copies always win.
import type * as ts from "typescript";
import { shippedModule } from "./shippedTypes";

function init({ typescript }: { typescript: typeof ts }): ts.server.PluginModule {
  return {
    create(info) {
      const host = info.languageServiceHost;
      const fallback = (name: string) => shippedModule(typescript, name);
      // TypeScript 5+ resolves through resolveModuleNameLiterals; older ones through resolveModuleNames.
      const literals = host.resolveModuleNameLiterals?.bind(host);
      if (literals) {
        host.resolveModuleNameLiterals = (names, containingFile, ...rest) =>
          literals(names, containingFile, ...rest).map((found, i) => {
            if (found.resolvedModule) return found;
            const shipped = fallback(names[i]!.text);
            return shipped ? { resolvedModule: shipped } : found;
          });
      }
      const older = host.resolveModuleNames?.bind(host);
      if (older) {
        host.resolveModuleNames = (names, ...rest) => older(names, ...rest).map((found, i) => found ?? fallback(names[i]!));
      }
      info.project.projectService.logger.info(`pauseflow-ts-plugin: "pauseflow" and "zod" fall back to the extension's declarations in ${info.project.getProjectName()}`);
      return info.languageService;
    },
  };
}

// tsserver calls the module itself: scripts/build.mjs makes this default export module.exports.
export default init;
