// Where a form's file path picker starts, and whether a picked file may be answered: only files
// inside a workspace folder are. No `vscode` here.
import { isAbsolute, relative, resolve, sep } from "node:path";

/** The workspace folder holding `file`, else the first folder. */
export function folderOf(file: string, folders: readonly string[]): string | undefined {
  return folders.find((folder) => isInside(file, folder)) ?? folders[0];
}

/**
 * The path a picked file is answered with: its absolute path, so the flow opens it whatever its
 * working directory is (a runner's is not the workspace folder). A file outside every workspace
 * folder is refused, with the reason shown at the field.
 */
export function answerPath(picked: string, folders: readonly string[]): { path: string } | { refused: string } {
  if (folders.some((folder) => isInside(picked, folder))) return { path: resolve(picked) };
  const where = folders.length ? `the workspace (${folders.join(", ")})` : "a workspace folder, and none is open";
  return { refused: `${picked} is outside ${where}: choose a file inside it.` };
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}
