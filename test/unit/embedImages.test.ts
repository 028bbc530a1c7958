import { strict as assert } from "node:assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { embedImages, IMAGE_CAP } from "../../src/engine/embedImages";
import { tempDir, writeFiles } from "../helpers";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';

test("a pause's local images travel inside its description as data: URIs; what cannot is left as it is, with the reason", () => {
  const dir = tempDir();
  const flow = writeFiles(dir, { "a.flow.ts": "", "img/one.svg": SVG, "notes.txt": "hi" });
  writeFileSync(join(dir, "big.png"), Buffer.alloc(IMAGE_CAP + 1));
  const outside = writeFiles(tempDir(), { "secret.svg": SVG });
  const description = [
    "![one](img/one.svg) and again ![one](img/one.svg)",
    '<img src="img/one.svg" alt="html">',
    "![remote](https://example.com/x.png) ![data](data:image/png;base64,AAAA)",
    "![missing](img/none.png) ![text](notes.txt) ![big](big.png)",
    `![outside](${outside})`,
  ].join("\n\n");
  const { description: text, skipped } = embedImages(description, flow);
  const uri = `data:image/svg+xml;base64,${Buffer.from(SVG).toString("base64")}`;
  assert.equal(text.split(uri).length - 1, 3, text);
  assert.ok(text.includes("https://example.com/x.png") && text.includes("data:image/png;base64,AAAA"));
  assert.deepEqual(skipped, [
    "img/none.png: no such file",
    "notes.txt: not an image type a form shows (.png, .jpg, .jpeg, .gif, .webp, .svg)",
    "big.png: 513 KB is over the 512 KB an image may take",
    `${outside}: outside the flow's folder`,
  ]);
});
