// Where a workspace folder's runner host is found: a folder of mode 0700 in the folder's storage,
// holding the host's socket and `host.json` (its pid, the socket's path and the token a window must
// show on connect). Shared by the host, which writes them, and the windows that attach to it.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod";

export interface HostLocation {
  /** Mode 0700: only this user can reach what is in it. */
  dir: string;
  socket: string;
  info: string;
  /** Held (a folder, made atomically) by a host while it starts, so that two never both listen. */
  startLock: string;
  /** The host's own stdout and stderr. */
  log: string;
}

export const HostInfo = z.object({ pid: z.number(), socket: z.string(), token: z.string() });
export type HostInfo = z.infer<typeof HostInfo>;

/**
 * A Unix socket's path must fit in sockaddr_un (104 bytes on macOS, 108 on Linux). A longer one is
 * not refused: it is cut short, so the socket file lands elsewhere than its path says and a later
 * host cannot clear it away.
 */
const MAX_SOCKET_PATH = 100;

export function hostLocation(storageDir: string): HostLocation {
  const dir = join(storageDir, "runner-host");
  const hash = createHash("sha256").update(dir).digest("hex").slice(0, 16);
  return { dir, socket: socketPath(dir, hash), info: join(dir, "host.json"), startLock: join(dir, "starting"), log: join(dir, "host.log") };
}

/** In the host's folder when the path fits; else in a folder of its own under the temporary folder, or under /tmp. */
function socketPath(dir: string, hash: string): string {
  if (process.platform === "win32") return `\\\\.\\pipe\\pauseflow-${hash}`;
  const candidates = [join(dir, "host.sock"), join(tmpdir(), `pauseflow-${hash}`, "host.sock"), join("/tmp", `pauseflow-${hash}`, "host.sock")];
  const fits = candidates.find((path) => Buffer.byteLength(path) <= MAX_SOCKET_PATH);
  if (!fits) throw new Error(`No socket path for the runner host fits in ${MAX_SOCKET_PATH} bytes (tried ${candidates.join(", ")}).`);
  return fits;
}

/** Makes the location's folders, mode 0700 (also when they existed with another mode). */
export function makeHostFolders(location: HostLocation): void {
  for (const dir of new Set([location.dir, join(location.socket, "..")])) {
    if (process.platform === "win32" && dir.startsWith("\\\\.\\pipe")) continue;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
}

export function readHostInfo(location: HostLocation): HostInfo | undefined {
  try {
    const info = HostInfo.safeParse(JSON.parse(readFileSync(location.info, "utf8")));
    return info.success ? info.data : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all, readable by this user alone. */
export function writeHostInfo(location: HostLocation, info: HostInfo): void {
  const temporary = `${location.info}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(info), { mode: 0o600 });
  renameSync(temporary, location.info);
}

/** Takes the start lock; false when another host holds it (one that died holding it loses it after a while). */
export function takeStartLock(location: HostLocation, staleAfterMs = 10_000): boolean {
  try {
    mkdirSync(location.startLock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    let age = 0;
    try {
      age = Date.now() - statSync(location.startLock).mtimeMs;
    } catch {
      return takeStartLock(location, staleAfterMs);
    }
    if (age < staleAfterMs) return false;
    rmSync(location.startLock, { recursive: true, force: true });
    return takeStartLock(location, staleAfterMs);
  }
}

export function releaseStartLock(location: HostLocation): void {
  rmSync(location.startLock, { recursive: true, force: true });
}

/** Whether something accepts connections on the socket. */
export function socketAnswers(socket: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket);
    const done = (answers: boolean) => {
      clearTimeout(timer);
      probe.destroy();
      resolve(answers);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    probe.once("connect", () => done(true));
    probe.once("error", () => done(false));
  });
}
