import { strict as assert } from "node:assert";
import { test } from "node:test";
import { imageFolder } from "../../src/formHtml";

test("a form may load images from the flow's own folder only when it lies inside a workspace folder", () => {
  const workspace = ["/home/ada/project"];
  assert.equal(imageFolder("/home/ada/project/flows/label.flow.ts", workspace), "/home/ada/project/flows");
  assert.equal(imageFolder("/home/ada/project/label.flow.ts", workspace), "/home/ada/project");
  assert.equal(imageFolder("/label.flow.ts", workspace), undefined, "a flow at / opens nothing");
  assert.equal(imageFolder("/home/ada/label.flow.ts", workspace), undefined, "a flow in the home folder, above the workspace, opens nothing");
  assert.equal(imageFolder("/home/ada/project-other/x.flow.ts", workspace), undefined, "a sibling folder with a common prefix is not inside");
  assert.equal(imageFolder("/home/ada/project/x.flow.ts", []), undefined, "no workspace: nothing");
});
