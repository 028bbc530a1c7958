// A real tsserver (the typescript package's), spoken to as VS Code speaks to it, with Pauseflow's
// TypeScript server plugin loaded as VS Code loads it: --globalPlugins and --pluginProbeLocations.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./helpers";

const TSSERVER = join(ROOT, "node_modules", "typescript", "lib", "tsserver.js");

interface Diagnostic {
  code: number;
  text: string;
  start: { line: number; offset: number };
}

/** One tsserver process, spoken to as VS Code does (JSON requests on stdin, Content-Length framed replies). */
export class TsServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private seq = 0;
  private buffer = "";
  private readonly waiting = new Map<number, { resolve: (body: any) => void; reject: (error: Error) => void }>();
  stderr = "";

  /** `pluginProbeLocation`: a folder holding node_modules/pauseflow-ts-plugin, as an extension's root does; none: no plugin. */
  constructor(pluginProbeLocation?: string) {
    const plugin = pluginProbeLocation ? ["--globalPlugins", "pauseflow-ts-plugin", "--pluginProbeLocations", pluginProbeLocation] : [];
    const args = [TSSERVER, ...plugin, "--disableAutomaticTypingAcquisition"];
    this.child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8").on("data", (chunk: string) => this.read(chunk));
    this.child.stderr.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
  }

  private read(chunk: string) {
    this.buffer += chunk;
    for (;;) {
      const header = /^Content-Length: (\d+)\r\n\r\n/.exec(this.buffer);
      if (!header) return;
      const start = header[0].length;
      const length = Number(header[1]);
      if (Buffer.byteLength(this.buffer.slice(start)) < length) return;
      const bytes = Buffer.from(this.buffer.slice(start));
      const message = JSON.parse(bytes.subarray(0, length).toString("utf8"));
      this.buffer = bytes.subarray(length).toString("utf8").replace(/^\r?\n/, "");
      if (message.type !== "response") continue;
      const pending = this.waiting.get(message.request_seq);
      this.waiting.delete(message.request_seq);
      if (message.success) pending?.resolve(message.body);
      else pending?.reject(new Error(`tsserver ${message.command}: ${message.message}`));
    }
  }

  request(command: string, args: object): Promise<any> {
    const seq = ++this.seq;
    const reply = new Promise((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    this.child.stdin.write(JSON.stringify({ seq, type: "request", command, arguments: args }) + "\n");
    return reply;
  }

  /** Opens a file as an editor does (its folder as the project root). */
  async open(file: string, folder: string) {
    await this.request("updateOpen", { openFiles: [{ file, projectRootPath: folder }] });
  }

  async errors(file: string): Promise<Diagnostic[]> {
    const syntactic: Diagnostic[] = await this.request("syntacticDiagnosticsSync", { file });
    const semantic: Diagnostic[] = await this.request("semanticDiagnosticsSync", { file });
    return [...syntactic, ...semantic];
  }

  /** quickinfo's displayString at the first `needle` in `source`. */
  async hover(file: string, source: string, needle: string): Promise<string> {
    const body = await this.request("quickinfo", { file, ...position(source, needle) });
    return body.displayString;
  }

  /** The files go-to-definition leads to from the first `needle` in `source`. */
  async definitions(file: string, source: string, needle: string): Promise<string[]> {
    const body: { file: string }[] = await this.request("definition", { file, ...position(source, needle) });
    return body.map((d) => d.file);
  }

  stop() {
    this.child.kill();
  }
}

/** tsserver's 1-based line and offset of the first character of `needle`. */
function position(source: string, needle: string) {
  const at = source.indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in the source`);
  const before = source.slice(0, at).split("\n");
  return { line: before.length, offset: before.at(-1)!.length + 1 };
}
