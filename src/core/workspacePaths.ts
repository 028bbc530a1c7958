// Paths against the workspace folders: how the views name a file's folder (relative to the workspace
// folder that holds it; URI paths, forward slashes on every platform), and which files a form's file
// path picker may answer with (only files inside a workspace folder; file system paths). No `vscode` here.
import { isAbsolute, posix, relative, resolve, sep } from "node:path";

export interface WorkspaceFolderPath {
  name: string;
  /** The folder's URI path, e.g. /home/ada/flows. */
  path: string;
}

/**
 * A file's folder as the Flows view describes it: relative to its workspace folder, nothing for a
 * file at the root. With several workspace folders it starts with the folder's name, as VS Code's
 * own labels do; a file outside them all shows its folder's whole path.
 */
export function folderDescription(filePath: string, folders: readonly WorkspaceFolderPath[]): string | undefined {
  const dir = posix.dirname(filePath);
  const folder = folders
    .filter((f) => dir === trimmed(f.path) || dir.startsWith(`${trimmed(f.path)}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!folder) return dir;
  const relative = posix.relative(trimmed(folder.path), dir);
  if (folders.length > 1) return relative ? `${folder.name}/${relative}` : folder.name;
  return relative || undefined;
}

function trimmed(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

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
