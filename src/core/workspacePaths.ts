// How the views name a file's folder: relative to the workspace folder that holds it. No `vscode`
// here: paths are URI paths (forward slashes on every platform).
import { posix } from "node:path";

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
