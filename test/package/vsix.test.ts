// The per-platform packages of `npm run package` (scripts/package.mjs): each vsix/pauseflow-<target>.vsix
// holds the extension and exactly one esbuild binary, its own platform's, found where esbuild's
// lib/main.js requires it.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { readZip } from "./zip";

const vsixDir = join(__dirname, "..", "..", "vsix");

type Binary = { format: "ELF" | "Mach-O" | "PE"; machine: number };
const elf = (machine: number): Binary => ({ format: "ELF", machine });
const macho = (machine: number): Binary => ({ format: "Mach-O", machine });
const pe = (machine: number): Binary => ({ format: "PE", machine });

/** VS Code target -> the @esbuild package esbuild's lib/main.js requires there, and its binary. */
const targets: Record<string, { pkg: string; binary: Binary }> = {
  "win32-x64": { pkg: "win32-x64", binary: pe(0x8664) },
  "win32-arm64": { pkg: "win32-arm64", binary: pe(0xaa64) },
  "linux-x64": { pkg: "linux-x64", binary: elf(0x3e) },
  "linux-arm64": { pkg: "linux-arm64", binary: elf(0xb7) },
  "linux-armhf": { pkg: "linux-arm", binary: elf(0x28) },
  "alpine-x64": { pkg: "linux-x64", binary: elf(0x3e) }, // main.js does not tell musl from glibc
  "darwin-x64": { pkg: "darwin-x64", binary: macho(0x01000007) },
  "darwin-arm64": { pkg: "darwin-arm64", binary: macho(0x0100000c) },
};

const binaryPath = (pkg: string) => `${pkg}/${pkg.startsWith("win32-") ? "esbuild.exe" : "bin/esbuild"}`;

for (const [target, { pkg, binary }] of Object.entries(targets)) {
  test(`pauseflow-${target}.vsix carries @esbuild/${pkg}'s binary and no other platform's`, () => {
    const file = join(vsixDir, `pauseflow-${target}.vsix`);
    assert.ok(existsSync(file), `${file} is missing: run npm run package`);
    const zip = readZip(file);

    for (const own of ["package.json", "dist/extension.js", "dist/runner.js", "dist/runnerHost.js", "dist/webview.js"]) {
      assert.ok(zip.has(`extension/${own}`), `extension/${own} is missing`);
    }
    const identity = /<Identity [^>]*TargetPlatform="([^"]*)"/.exec(zip.read("extension.vsixmanifest").toString("utf8"));
    assert.equal(identity?.[1], target, "extension.vsixmanifest's TargetPlatform");

    const binPath = `extension/node_modules/@esbuild/${binaryPath(pkg)}`;
    assert.ok(zip.has(binPath), `${binPath} is missing`);
    const bin = zip.read(binPath);
    assert.deepEqual(identify(bin), binary, `${binPath} is not a ${binary.format} binary for machine 0x${binary.machine.toString(16)}`);
    if (binary.format !== "PE") assert.ok(zip.get(binPath)!.mode & 0o111, `${binPath} is not executable`);
    // The very binary that esbuild's own package.json lists for this platform, of the same version.
    const esbuild = JSON.parse(zip.read("extension/node_modules/esbuild/package.json").toString("utf8"));
    const platform = JSON.parse(zip.read(`extension/node_modules/@esbuild/${pkg}/package.json`).toString("utf8"));
    assert.equal(platform.version, esbuild.version, `@esbuild/${pkg} and esbuild differ in version`);
    assert.equal(createHash("sha256").update(bin).digest("hex"), esbuild["esbuild.binaryHashes"][`@esbuild/${binaryPath(pkg)}`]);

    const strangers = [...zip.keys()].filter(
      (name) =>
        (name.startsWith("extension/node_modules/@esbuild/") && !name.startsWith(`extension/node_modules/@esbuild/${pkg}/`)) ||
        (name !== binPath && identify(zip.read(name)) !== undefined),
    );
    assert.deepEqual(strangers, [], "other platforms' packages or native binaries");
  });
}

test("the package for this machine transpiles with esbuild's JS API, without esbuild's bin/", (t) => {
  const target = process.platform === "linux" && process.arch === "arm" ? "linux-armhf" : `${process.platform}-${process.arch}`;
  const file = join(vsixDir, `pauseflow-${target}.vsix`);
  if (!(target in targets) || !existsSync(file)) return t.skip(`no package for ${target}`);
  const dir = mkdtempSync(join(tmpdir(), "pauseflow-vsix-test-"));
  try {
    const zip = readZip(file);
    for (const [name, entry] of zip) {
      if (!name.startsWith("extension/node_modules/")) continue;
      mkdirSync(join(dir, dirname(name)), { recursive: true });
      writeFileSync(join(dir, name), zip.read(name), { mode: entry.mode & 0o777 });
    }
    const esbuild = join(dir, "extension", "node_modules", "esbuild");
    const env = { ...process.env };
    delete env.ESBUILD_BINARY_PATH;
    const code = `process.stdout.write(require(${JSON.stringify(esbuild)}).transformSync("let n: number = 1", { loader: "ts" }).code)`;
    const r = spawnSync(process.execPath, ["-e", code], { encoding: "utf8", env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "let n = 1;\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The platform a native executable is for, from its header; undefined for anything else. */
function identify(bytes: Buffer): Binary | undefined {
  if (bytes.length < 64) return undefined;
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    return elf(bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18)); // e_ident[EI_DATA], e_machine
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf || bytes.readUInt32LE(0) === 0xfeedface) return macho(bytes.readUInt32LE(4));
  if (bytes.readUInt32BE(0) === 0xfeedfacf || bytes.readUInt32BE(0) === 0xfeedface) return macho(bytes.readUInt32BE(4));
  if (bytes.readUInt32BE(0) === 0xcafebabe) return macho(0); // a universal binary: not one platform's
  if (bytes.toString("latin1", 0, 2) === "MZ") {
    const header = bytes.readUInt32LE(0x3c);
    if (header + 6 <= bytes.length && bytes.readUInt32BE(header) === 0x50450000) return pe(bytes.readUInt16LE(header + 4));
    return pe(0);
  }
  return undefined;
}
