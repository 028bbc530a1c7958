// Pauseflow: Add Types to Folder's writing (src/core/folderTypes.ts), checked with a real tsserver
// that loads no plugin, as TypeScript's native preview does not: after it, a folder with nothing
// installed has the types of "pauseflow" and "zod" from its own files.
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { planFolderTypes, writeFolderTypes } from "../../src/core/folderTypes";
import { ROOT, tempDir, writeFiles } from "../helpers";
import { TsServer } from "../tsserver";

const flowSource = `import { flow, pauseFlowRun } from "pauseflow";
import { z } from "zod";

export const ask = flow(async () => {
  const answer = await pauseFlowRun(z.object({ n: z.number() }));
  return answer.n.toUpperCase();
});
`;
const helperSource = `import * as z from "zod/v4";
import type { RunInput } from "pauseflow";

export type Input = RunInput<z.ZodString>;
`;

let server: TsServer;
before(() => (server = new TsServer()));
after(() => server.stop());

const codes = async (file: string) => (await server.errors(file)).map((e) => `${e.code} ${e.text}`);

test("a folder with nothing installed and no tsconfig: a new tsconfig.json, and its flows and helpers have the types", async () => {
  const folder = tempDir("pauseflow-add-types-");
  const flowFile = writeFiles(folder, { "ask.flow.ts": flowSource, "lib/helper.ts": helperSource });
  const plan = planFolderTypes(folder, ROOT);
  assert.equal(plan.config, join(folder, "tsconfig.json"));
  assert.equal(plan.configExists, false);
  assert.ok(!existsSync(plan.config), "planning writes nothing");
  writeFolderTypes(plan);

  assert.deepEqual(JSON.parse(readFileSync(plan.config, "utf8")), {
    compilerOptions: {
      allowJs: true,
      paths: {
        pauseflow: ["./.pauseflow/types/pauseflow/sdk/index.d.ts"],
        zod: ["./.pauseflow/types/zod/index.d.cts"],
        "zod/*": ["./.pauseflow/types/zod/*"],
      },
    },
  });
  assert.ok(!existsSync(join(folder, ".pauseflow", "types", "zod", "index.cjs")), "only declarations are copied");

  await server.open(flowFile, folder);
  await server.open(join(folder, "lib", "helper.ts"), folder);
  assert.deepEqual(await codes(flowFile), ["2339 Property 'toUpperCase' does not exist on type 'number'."]);
  assert.deepEqual(await codes(join(folder, "lib", "helper.ts")), []);
  assert.equal(await server.hover(flowFile, flowSource, "answer ="), "const answer: {\n    n: number;\n}");
  assert.deepEqual(await server.definitions(flowFile, flowSource, `"pauseflow"`), [join(folder, ".pauseflow", "types", "pauseflow", "sdk", "index.d.ts")]);
  assert.deepEqual(await server.definitions(flowFile, flowSource, `"zod"`), [join(folder, ".pauseflow", "types", "zod", "index.d.cts")]);
});

test("an existing tsconfig.json is edited in place: comments, other options and a baseUrl kept", async () => {
  const folder = tempDir("pauseflow-add-types-");
  const config = `{
  // The folder's own settings.
  "compilerOptions": {
    "strict": true, /* keep me */
    "baseUrl": "src",
    "paths": { "@lib/*": ["lib/*"] },
  },
}
`;
  const flowFile = writeFiles(folder, { "src/ask.flow.ts": flowSource, "tsconfig.json": config, "src/lib/x.ts": "export const x = 1;\n" });
  const plan = planFolderTypes(folder, ROOT);
  assert.equal(plan.configExists, true);
  writeFolderTypes(plan);
  const text = readFileSync(join(folder, "tsconfig.json"), "utf8");
  assert.match(text, /\/\/ The folder's own settings\./);
  assert.match(text, /"strict": true, \/\* keep me \*\//);
  assert.match(text, /"@lib\/\*": \[\s*"lib\/\*"\s*\]/);
  // baseUrl is src/: the paths lead back out of it.
  assert.match(text, /"pauseflow": \[\s*"\.\.\/\.pauseflow\/types\/pauseflow\/sdk\/index\.d\.ts"\s*\]/);
  assert.doesNotMatch(text, /allowJs/);

  await server.open(flowFile, folder);
  assert.deepEqual(await codes(flowFile), ["2339 Property 'toUpperCase' does not exist on type 'number'."]);
  assert.deepEqual(await server.definitions(flowFile, flowSource, `"zod"`), [join(folder, ".pauseflow", "types", "zod", "index.d.cts")]);
});

test("a folder with a jsconfig.json gets its paths there, and no tsconfig.json", () => {
  const folder = tempDir("pauseflow-add-types-");
  writeFiles(folder, { "jsconfig.json": `{ "compilerOptions": { "checkJs": true } }\n` });
  const plan = planFolderTypes(folder, ROOT);
  writeFolderTypes(plan);
  assert.equal(plan.config, join(folder, "jsconfig.json"));
  assert.ok(!existsSync(join(folder, "tsconfig.json")));
  const written = JSON.parse(readFileSync(plan.config, "utf8"));
  assert.equal(written.compilerOptions.checkJs, true);
  assert.deepEqual(written.compilerOptions.paths.pauseflow, ["./.pauseflow/types/pauseflow/sdk/index.d.ts"]);
});

test("a config that is not JSON is refused before anything is written", () => {
  const folder = tempDir("pauseflow-add-types-");
  writeFiles(folder, { "tsconfig.json": `{ "compilerOptions": { "strict": true ` });
  assert.throws(() => planFolderTypes(folder, ROOT), /tsconfig\.json is not a JSON object that can be edited: fix it first\./);
  assert.ok(!existsSync(join(folder, ".pauseflow")));
});
