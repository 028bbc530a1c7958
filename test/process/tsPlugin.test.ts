// The TypeScript server plugin (dist/ts-plugin) in a real tsserver, loaded as VS Code loads it
// (--globalPlugins, --pluginProbeLocations): a folder with no node_modules and no tsconfig gets
// the types of "pauseflow" and "zod", and a folder with its own zod keeps it.
import { strict as assert } from "node:assert";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST, ROOT, tempDir, writeFiles } from "../helpers";
import { TsServer } from "../tsserver";

const flowSource = `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";
import { greeting } from "./helper";

export const askNumber = flow({ logPrints: true }, async () => {
  const answer = await pauseFlowRun(z.object({ n: z.number() }));
  console.log(greeting(answer.n));
});
`;
const helperSource = `import type { RunInput } from "pauseflow";
import * as z from "zod";

export const Name = z.string().min(1);
export type Input = RunInput<typeof Name>;
export const greeting = (n: number) => \`number \${n}\`;
`;
const brokenSource = `import { pauseFlowRun } from "pauseflow";
import { z } from "zod";

export async function shout() {
  const x = await pauseFlowRun(z.object({ n: z.number() }));
  return x.n.toUpperCase();
}
`;

let server: TsServer;
before(() => {
  // Where VS Code would look: the extension's root, holding node_modules/pauseflow-ts-plugin.
  const probe = tempDir("pauseflow-probe-");
  mkdirSync(join(probe, "node_modules"));
  symlinkSync(join(DIST, "ts-plugin"), join(probe, "node_modules", "pauseflow-ts-plugin"), "dir");
  server = new TsServer(probe);
});
after(() => server.stop());

test("in a folder with no node_modules and no tsconfig, a flow and its helper find 'pauseflow' and 'zod'", async () => {
  const folder = tempDir("pauseflow-types-");
  const flowFile = writeFiles(folder, { "ask.flow.ts": flowSource, "helper.ts": helperSource });
  const helperFile = join(folder, "helper.ts");
  await server.open(flowFile, folder);
  await server.open(helperFile, folder);
  assert.deepEqual(await server.errors(flowFile), [], `errors in the flow file\ntsserver stderr:\n${server.stderr}`);
  assert.deepEqual(await server.errors(helperFile), [], "errors in the helper file");

  assert.equal(await server.hover(flowFile, flowSource, "answer ="), "const answer: {\n    n: number;\n}");
  const [sdk] = await server.definitions(flowFile, flowSource, `"pauseflow"`);
  assert.equal(sdk, join(DIST, "types", "sdk", "index.d.ts"));
  const [zod] = await server.definitions(flowFile, flowSource, `"zod"`);
  assert.equal(zod, join(ROOT, "node_modules", "zod", "index.d.cts"));
});

test("a type error still shows, one that exists only through the inferred type included", async () => {
  const folder = tempDir("pauseflow-types-");
  const file = writeFiles(folder, { "shout.ts": brokenSource });
  await server.open(file, folder);
  const errors = await server.errors(file);
  assert.deepEqual(
    errors.map((e) => ({ code: e.code, text: e.text, line: e.start.line })),
    [{ code: 2339, text: "Property 'toUpperCase' does not exist on type 'number'.", line: 6 }],
  );
});

test("a module the extension does not ship is still 'Cannot find module'", async () => {
  const folder = tempDir("pauseflow-types-");
  const file = writeFiles(folder, { "other.ts": `import { x } from "left-pad-nowhere";\nexport const y = x;\n` });
  await server.open(file, folder);
  assert.deepEqual(
    (await server.errors(file)).map((e) => e.code),
    [2307],
  );
});

test("a folder with its own zod keeps it", async () => {
  const folder = tempDir("pauseflow-types-");
  const own = {
    "node_modules/zod/package.json": JSON.stringify({ name: "zod", version: "9.9.9", types: "./index.d.ts" }),
    "node_modules/zod/index.d.ts": "export declare const z: { own(): 'the folder\\'s zod' };\n",
  };
  const source = `import { z } from "zod";\nexport const which = z.own();\n`;
  const file = writeFiles(folder, { "own.ts": source, ...own });
  await server.open(file, folder);
  assert.deepEqual(await server.errors(file), []);
  assert.deepEqual(await server.definitions(file, source, `"zod"`), [join(folder, "node_modules", "zod", "index.d.ts")]);
  assert.equal(await server.hover(file, source, "which"), `const which: "the folder's zod"`);
});
