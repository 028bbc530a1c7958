// The .vsix carries what gives a folder with nothing installed the types of "pauseflow" and "zod":
// the TypeScript server plugin where VS Code looks for it, the SDK's declarations and zod's. The
// package for this machine is unpacked and its plugin run in a real tsserver.
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { tempDir, writeFiles } from "../helpers";
import { TsServer } from "../tsserver";
import { readZip } from "./zip";

const vsixDir = join(__dirname, "..", "..", "vsix");
const packages = existsSync(vsixDir) ? readdirSync(vsixDir).filter((f) => /^pauseflow-.*\.vsix$/.test(f)) : [];

test("every .vsix declares the TypeScript server plugin and carries it, with the SDK's and zod's declarations", () => {
  assert.ok(packages.length > 0, `no .vsix in ${vsixDir}: run npm run package`);
  for (const file of packages) {
    const zip = readZip(join(vsixDir, file));
    const manifest = JSON.parse(zip.read("extension/package.json").toString("utf8"));
    const plugins: { name: string }[] = manifest.contributes.typescriptServerPlugins;
    assert.deepEqual(plugins.map((p) => p.name), ["pauseflow-ts-plugin"], `${file}: contributes.typescriptServerPlugins`);
    const plugin = JSON.parse(zip.read("extension/node_modules/pauseflow-ts-plugin/package.json").toString("utf8"));
    assert.equal(plugin.name, "pauseflow-ts-plugin");
    assert.ok(zip.has(`extension/node_modules/pauseflow-ts-plugin/${plugin.main}`), `${file}: the plugin's ${plugin.main}`);
    for (const declarations of ["extension/dist/types/sdk/index.d.ts", "extension/node_modules/zod/index.d.cts", "extension/node_modules/zod/v4/core/index.d.cts"]) {
      assert.ok(zip.has(declarations), `${file}: ${declarations} is missing`);
    }
  }
});

test("the unpacked package for this machine gives a folder with nothing installed its types, from the package's own files", async (t) => {
  const target = `${process.platform}-${process.arch}`;
  const file = join(vsixDir, `pauseflow-${target}.vsix`);
  if (!existsSync(file)) return t.skip(`no package for ${target}`);
  const unpacked = mkdtempSync(join(tmpdir(), "pauseflow-vsix-types-"));
  const server = new TsServer(join(unpacked, "extension"));
  try {
    const zip = readZip(file);
    for (const name of zip.keys()) {
      if (!name.startsWith("extension/") || name.endsWith("/")) continue;
      mkdirSync(join(unpacked, dirname(name)), { recursive: true });
      writeFileSync(join(unpacked, name), zip.read(name));
    }
    const source = `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

export const ask = flow(async () => {
  const answer = await pauseFlowRun(z.object({ n: z.number() }));
  return answer.n.toFixed(1);
});
`;
    const folder = tempDir("pauseflow-types-");
    const flowFile = writeFiles(folder, { "ask.flow.ts": source });
    await server.open(flowFile, folder);
    assert.deepEqual(await server.errors(flowFile), [], `tsserver stderr:\n${server.stderr}`);
    assert.equal(await server.hover(flowFile, source, "answer ="), "const answer: {\n    n: number;\n}");
    assert.deepEqual(await server.definitions(flowFile, source, `"pauseflow"`), [join(unpacked, "extension", "dist", "types", "sdk", "index.d.ts")]);
    assert.deepEqual(await server.definitions(flowFile, source, `"zod"`), [join(unpacked, "extension", "node_modules", "zod", "index.d.cts")]);
  } finally {
    server.stop();
    rmSync(unpacked, { recursive: true, force: true });
  }
});
