// The runner host process: one per workspace folder, started detached by the first window that
// needs it, so that runs outlive the window. It listens on a local socket reachable by this user
// alone, and exits once it has been idle for a while.
// Usage: node runnerHost.js --storage DIR [--idle-seconds N] [--history-limit N]
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hostLocation, makeHostFolders, readHostInfo, releaseStartLock, socketAnswers, takeStartLock, writeHostInfo } from "../core/hostLocation";
import { RunnerHost } from "./runnerHost";

const { values } = parseArgs({
  options: {
    storage: { type: "string" },
    "idle-seconds": { type: "string", default: "600" },
    "history-limit": { type: "string", default: "200" },
  },
});
if (!values.storage) {
  console.error("usage: runnerHost.js --storage DIR [--idle-seconds N] [--history-limit N]");
  process.exit(2);
}
const storageDir = values.storage;
const location = hostLocation(storageDir);
const log = (message: string) => console.error(`${new Date().toISOString()} ${message}`);

async function main(): Promise<void> {
  makeHostFolders(location);
  // Two windows may start a host at the same moment: one takes the lock, the other leaves.
  if (!takeStartLock(location)) {
    log(`Runner host ${process.pid} leaves: another host is starting for this folder`);
    return process.exit(0);
  }
  const token = randomBytes(32).toString("hex");
  let host: RunnerHost | undefined;
  try {
    if (await socketAnswers(location.socket)) {
      log(`Runner host ${process.pid} leaves: a host answers on the socket already`);
      return;
    }
    if (process.platform !== "win32") rmSync(location.socket, { force: true }); // left by a host that died
    host = new RunnerHost({
      storageDir,
      runnerPath: join(__dirname, "runner.js"),
      token,
      settings: { idleSeconds: Number(values["idle-seconds"]), historyLimit: Number(values["history-limit"]) },
      onIdle: () => void stop("idle"),
      log,
    });
    const server = createServer((socket) => host!.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(location.socket, resolve);
    });
    writeHostInfo(location, { pid: process.pid, socket: location.socket, token });
    log(`Runner host ${process.pid} listening`);
  } finally {
    releaseStartLock(location);
  }

  let stopping = false;
  async function stop(why: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    log(`Runner host ${process.pid} stopping: ${why}`);
    if (readHostInfo(location)?.token === token) {
      rmSync(location.info, { force: true });
      if (process.platform !== "win32") rmSync(location.socket, { force: true });
    }
    await host?.dispose();
    process.exit(0);
  }
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: Error) => {
  log(`Runner host failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
