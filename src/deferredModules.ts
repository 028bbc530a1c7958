// What activation leaves out, loaded with import() on first use: whoever owns the runs (the runner
// host's client, or the window's own runs and history), the checking of form messages, with zod
// and vscode-jsonrpc under them, and Node's sockets (a debugged run's port). esbuild keeps them in the one bundle but runs them only when first
// imported; activation is then about 40 ms shorter.
import "./zodJitless";

export { HostRuns, hostInTheWay } from "./core/hostRuns";
export { RunManager } from "./core/runManager";
export { HistoryStore } from "./core/historyStore";
export { WebviewMessage } from "./protocol/form";
export { describeProblems } from "./protocol/checked";
export { freePort } from "./core/freePort";
