// Pauseflow: Add Types to Folder, without vscode: copies the extension's declarations of
// "pauseflow" and "zod" into the folder and points the folder's tsconfig.json (or jsconfig.json)
// at them with `paths`. For TypeScript servers that load no plugin (TypeScript's native preview),
// where the TypeScript server plugin (src/tsPlugin/) cannot help.
import { applyEdits, modify, parse, type ParseError } from "jsonc-parser";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";

/** Where in the folder the declarations go. */
export const TYPES_DIR = ".pauseflow/types";

export interface FolderTypesPlan {
  folder: string;
  /** The config that gets the `paths` entries: an existing tsconfig.json or jsconfig.json, else a new tsconfig.json. */
  config: string;
  configExists: boolean;
  /** Its text once edited (comments and formatting kept). */
  configText: string;
  /** The `paths` entries written, as they appear in the config. */
  paths: Record<string, string[]>;
  /** The folders of declarations written (replaced if present), from -> to. */
  copies: { from: string; to: string }[];
}

/** What Add Types to Folder would do in `folder` with the declarations of the extension at `extensionRoot`; writes nothing. */
export function planFolderTypes(folder: string, extensionRoot: string): FolderTypesPlan {
  const existing = ["tsconfig.json", "jsconfig.json"].map((name) => join(folder, name)).find((file) => existsSync(file));
  const config = existing ?? join(folder, "tsconfig.json");
  const text = existing ? readFileSync(existing, "utf8") : "{}\n";
  const errors: ParseError[] = [];
  const options = parse(text, errors, { allowTrailingComma: true }) as { compilerOptions?: { baseUrl?: unknown } } | undefined;
  if (errors.length || typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new Error(`${config} is not a JSON object that can be edited: fix it first.`);
  }
  // `paths` are relative to baseUrl when the config sets one, else to the config's own folder.
  const baseUrl = options.compilerOptions?.baseUrl;
  const base = typeof baseUrl === "string" ? resolve(dirname(config), baseUrl) : dirname(config);
  const typesDir = join(folder, TYPES_DIR);
  const at = (...parts: string[]) => {
    const path = relative(base, join(typesDir, ...parts)).split(sep).join(posix.sep);
    return path.startsWith("../") ? path : `./${path}`;
  };
  const paths = {
    pauseflow: [at("pauseflow", "sdk", "index.d.ts")],
    zod: [at("zod", "index.d.cts")],
    "zod/*": [at("zod", "*")],
  };
  let configText = text;
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: text.includes("\r\n") ? "\r\n" : "\n" };
  for (const [name, targets] of Object.entries(paths)) {
    configText = applyEdits(configText, modify(configText, ["compilerOptions", "paths", name], targets, { formattingOptions }));
  }
  if (!existing) {
    // A new config covers JavaScript flows too.
    configText = applyEdits(configText, modify(configText, ["compilerOptions", "allowJs"], true, { formattingOptions, getInsertionIndex: () => 0 }));
  }
  return {
    folder,
    config,
    configExists: existing !== undefined,
    configText,
    paths,
    copies: [
      { from: join(extensionRoot, "dist", "types"), to: join(typesDir, "pauseflow") },
      { from: join(extensionRoot, "node_modules", "zod"), to: join(typesDir, "zod") },
    ],
  };
}

/** Carries out a plan: the declarations (only .d.ts, .d.cts and package.json files) and the config. */
export function writeFolderTypes(plan: FolderTypesPlan): void {
  for (const { from, to } of plan.copies) {
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    cpSync(from, to, { recursive: true, filter: (src) => statSync(src).isDirectory() || isDeclarationFile(src) });
    removeEmptyFolders(to);
  }
  writeFileSync(plan.config, plan.configText);
}

const isDeclarationFile = (file: string) => /\.d\.c?ts$/.test(file) || file.endsWith(`${sep}package.json`);

function removeEmptyFolders(dir: string): boolean {
  const empty = readdirSync(dir, { withFileTypes: true })
    .map((entry) => !entry.isDirectory() || removeEmptyFolders(join(dir, entry.name)))
    .every((kept) => !kept);
  if (empty) rmSync(dir, { recursive: true });
  return !empty;
}
