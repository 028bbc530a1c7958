// The pause form in a real browser: Debian's headless Chromium driven by playwright-core.
// The page is the one formHtml() makes (same CSP), plus a stand-in for VS Code's webview API
// (fixtures/vscode-shim.js) and the theme variables (fixtures/themes.css).
// Needs the webview bundle: run `npm run build` (or `node scripts/build.mjs`) first; `npm test` does.
// Screenshots go to test-results/browser/.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import * as z from "zod";
import { formHtml } from "../../src/formHtml";
import type { FormModel, HostMessage, WebviewMessage } from "../../src/protocol/form";
import { makeFormSchema } from "../../src/runner/formSchema";

const repo = join(import.meta.dirname, "..", "..");
const screenshots = join(repo, "test-results", "browser");
const staticRoots: Record<string, string> = {
  "/dist/": join(repo, "dist"),
  "/media/": join(repo, "media"),
  "/fixtures/": join(repo, "test", "browser", "fixtures"),
};
const contentTypes: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".ttf": "font/ttf",
  ".png": "image/png",
  ".map": "application/json",
};
type Theme = "light" | "dark" | "high-contrast";

let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(join(repo, "dist", "webview.js")), "dist/webview.js is missing: run `npm run build` first");
  mkdirSync(screenshots, { recursive: true });
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end(testPage((url.searchParams.get("theme") ?? "dark") as Theme));
      return;
    }
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
      return;
    }
    const prefix = Object.keys(staticRoots).find((p) => url.pathname.startsWith(p));
    const file = prefix && normalize(join(staticRoots[prefix]!, url.pathname.slice(prefix.length)));
    if (!file || !file.startsWith(staticRoots[prefix]!) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** formHtml()'s page, as VS Code would show it, plus the API shim and the theme. */
function testPage(theme: Theme): string {
  const nonce = randomBytes(16).toString("base64");
  return formHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    styleUri: `${origin}/media/form.css`,
    title: "Pause form",
  })
    .replace("</head>", `<link rel="stylesheet" href="${origin}/fixtures/themes.css">\n<script nonce="${nonce}" src="${origin}/fixtures/vscode-shim.js"></script>\n</head>`)
    .replace("<body>", `<body class="vscode-${theme}">`);
}

/** The form's JSON Schema as the runner makes it from the flow's schema. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return makeFormSchema(schema, __filename).jsonSchema;
}

function formModel(overrides: Partial<FormModel>): FormModel {
  return {
    runId: "run-1",
    runName: "brave-otter",
    flowName: "get-shirt-order",
    kind: "pause",
    key: "pause-1",
    jsonSchema: { type: "object", properties: {} },
    wrapped: false,
    noInput: false,
    deadline: null,
    warnings: [],
    ...overrides,
  };
}

interface OpenedForm {
  page: Page;
  /** Console errors and warnings, and uncaught exceptions. */
  problems: string[];
}

interface PageOptions {
  theme?: Theme;
  height?: number;
  /** Runs before the page loads (e.g. to install a fake clock). */
  beforeLoad?: (page: Page) => Promise<void>;
}

async function openForm(overrides: Partial<FormModel>, { theme = "dark", height = 700, beforeLoad }: PageOptions = {}): Promise<OpenedForm> {
  const page = await browser.newPage({ viewport: { width: 820, height } });
  page.setDefaultTimeout(5000);
  await beforeLoad?.(page);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${origin}/?theme=${theme}`);
  await waitForPosted(page, (m) => m.type === "ready");
  await post(page, { type: "show", form: formModel(overrides) });
  await page.locator(".page").waitFor();
  return { page, problems };
}

/** What the shim (fixtures/vscode-shim.js) records in the page. */
type Recorded = typeof window & { __posted: WebviewMessage[]; __cspViolations: string[]; __pwned?: string };

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as Recorded).__cspViolations);
}

/** The label of the field that has the focus. */
async function focusedField(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.closest<HTMLElement>("[data-label]")?.dataset.label);
}

/** Waits until the aria-live region has said `text`. */
async function announced(page: Page, text: string): Promise<void> {
  await page.locator("#announcer", { hasText: text }).waitFor({ state: "attached" });
}

async function post(page: Page, message: HostMessage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, "*"), message);
}

async function posted(page: Page): Promise<WebviewMessage[]> {
  return page.evaluate(() => (window as Recorded).__posted);
}

async function waitForPosted(page: Page, match: (m: WebviewMessage) => boolean): Promise<WebviewMessage> {
  for (let i = 0; i < 100; i++) {
    const found = (await posted(page)).find(match);
    if (found) return found;
    await page.waitForTimeout(20);
  }
  throw new Error(`no such message posted; got ${JSON.stringify(await posted(page))}`);
}

async function submits(page: Page): Promise<unknown[]> {
  return (await posted(page)).flatMap((m) => (m.type === "submit" ? [m.value] : []));
}

/** A field's row (or a group) by its label. */
function field(page: Page | Locator, label: string): Locator {
  return page.locator(`[data-label="${label}"]`).first();
}

async function choose(row: Locator, option: string): Promise<void> {
  await row.locator("vscode-single-select").click();
  await row.locator("vscode-single-select li.option", { hasText: new RegExp(`^\\s*${option}\\s*$`) }).click();
}

async function submit(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^(Submit|Resume|Start run)$/ }).click();
}

const shirtOrder = z
  .object({
    size: z.enum(["small", "medium", "large", "xlarge"]),
    color: z.enum(["red", "green", "black"]),
  })
  .describe("Shirt order options");

test("shirt order: two dropdowns, the description, the refinement's message next to color; in three themes", async () => {
  for (const theme of ["light", "dark", "high-contrast"] as const) {
    const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), title: "Shirt order" }, { theme });
    assert.equal(await page.locator("vscode-single-select").count(), 2);
    assert.equal(await page.locator(".schema-description").textContent(), "Shirt order options");
    await page.screenshot({ path: join(screenshots, `shirt-${theme}.png`), fullPage: true });

    await choose(field(page, "Size"), "small");
    await choose(field(page, "Color"), "green");
    await submit(page);
    assert.deepEqual(await submits(page), [{ size: "small", color: "green" }]);
    await post(page, { type: "invalid", issues: [{ path: ["color"], message: "We don't carry that combination." }] });
    const error = field(page, "Color").locator(".error");
    await error.waitFor();
    assert.equal(await error.textContent(), "We don't carry that combination.");
    assert.equal(await focusedField(page), "Color");
    await announced(page, "We don't carry that combination.");
    await page.screenshot({ path: join(screenshots, `shirt-invalid-${theme}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  }
});

test("every field type renders, prefills from defaults and initial data, and serializes back to JSON", async () => {
  const schema = z.object({
    name: z.string().min(2).describe("Who is asking").default("anonymous"),
    bio: z.string().meta({ title: "Bio", format: "textarea", examples: ["Tell us about you"] }).optional(),
    notes: z.string().max(500).optional(),
    age: z.number().int().min(0).max(150).nullable(),
    ratio: z.number().min(0).max(1),
    subscribed: z.boolean().default(true),
    size: z.enum(["s", "m", "l"]).default("l"),
    level: z.union([z.literal("low"), z.literal("high"), z.literal(3)]),
    tags: z.array(z.enum(["red", "green", "blue"])),
    items: z.array(z.object({ name: z.string(), qty: z.number().int().min(1) })),
    address: z.object({ street: z.string(), geo: z.object({ lat: z.number(), lon: z.number() }) }).optional(),
    born: z.iso.date(),
    due: z.date(),
    nick: z.string().optional(),
    color: z.enum(["red", "blue"]).nullable(),
  });
  const { page, problems } = await openForm({
    jsonSchema: jsonSchemaOf(schema),
    initialData: { name: "Ada", age: 36, tags: ["green"], items: [{ name: "bolt", qty: 2 }], born: "1990-05-06", due: "2030-01-02T03:04:05.000Z" },
  }, { height: 1600 });
  const input = (label: string) => field(page, label).locator("input").first();

  // Prefilled: initial data wins over the default; defaults fill the rest; examples are placeholders.
  assert.equal(await input("Name").inputValue(), "Ada");
  assert.equal(await field(page, "Name").locator(".description").textContent(), "Who is asking");
  assert.equal(await field(page, "Bio").locator("textarea").getAttribute("placeholder"), "Tell us about you");
  assert.equal(await field(page, "Notes").locator("vscode-textarea").count(), 1, "maxLength > 200 gets a textarea");
  assert.equal(await input("Age").inputValue(), "36");
  assert.equal(await page.locator("vscode-checkbox", { hasText: "Subscribed" }).evaluate((el) => (el as HTMLInputElement).checked), true);
  assert.match((await field(page, "Size").locator("vscode-single-select").textContent()) ?? "", /l/);
  assert.equal(await input("Born").getAttribute("type"), "date");
  assert.equal(await input("Born").inputValue(), "1990-05-06");
  assert.equal(await input("Due").getAttribute("type"), "datetime-local");
  assert.equal(new Date(await input("Due").inputValue()).toISOString(), "2030-01-02T03:04:05.000Z");
  assert.equal(await field(page, "Item 1").locator("input").first().inputValue(), "bolt");
  assert.match((await field(page, "Nick").textContent()) ?? "", /\(optional\)/);
  assert.equal(await field(page, "Address").locator(":scope > .group-body").isHidden(), true, "an optional group starts left out");

  // Edit every kind of field.
  await field(page, "Bio").locator("textarea").fill("Engineer");
  await input("Age").fill("");
  await input("Ratio").fill("0.25");
  await page.locator("vscode-checkbox", { hasText: "Subscribed" }).click();
  await choose(field(page, "Size"), "m");
  await choose(field(page, "Level"), "3");
  await field(page, "Tags").locator("vscode-multi-select").click();
  await field(page, "Tags").locator("vscode-multi-select li.option", { hasText: "blue" }).click();
  await page.keyboard.press("Escape");
  await field(page, "Items").getByRole("button", { name: "Add item" }).click();
  await field(page, "Item 2").locator("input").nth(0).fill("nut");
  await field(page, "Item 2").locator("input").nth(1).fill("5");
  await page.locator("vscode-checkbox", { hasText: "Fill in Address" }).click();
  await input("Street").fill("1 Main St");
  await input("Lat").fill("52.5");
  await input("Lon").fill("13.4");
  await input("Due").fill("2031-06-07T08:09:10");
  for (const theme of ["light", "dark", "high-contrast"] as const) {
    // As VS Code does on a theme change: swap the body class (the fixture's variables follow it).
    await page.evaluate(`document.body.className = "vscode-${theme}"`);
    await page.screenshot({ path: join(screenshots, `all-fields-${theme}.png`), fullPage: true });
  }
  await submit(page);

  const [value] = await submits(page);
  assert.deepEqual(value, {
    name: "Ada",
    bio: "Engineer",
    age: null,
    ratio: 0.25,
    subscribed: false,
    size: "m",
    level: 3,
    tags: ["green", "blue"],
    items: [
      { name: "bolt", qty: 2 },
      { name: "nut", qty: 5 },
    ],
    address: { street: "1 Main St", geo: { lat: 52.5, lon: 13.4 } },
    born: "1990-05-06",
    due: new Date("2031-06-07T08:09:10").toISOString(),
    color: null,
  });
  const { due: _due, ...rest } = value as Record<string, unknown>;
  assert.ok(schema.omit({ due: true }).safeParse(rest).success, "the value passes the flow's own schema");
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test("native constraints are checked before anything is sent; nested issue paths land on their field", async () => {
  const schema = z.object({
    count: z.number().int().min(1).max(10),
    code: z.string().regex(/^[A-Z]{3}$/),
    items: z.array(z.object({ name: z.string() })),
  });
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(schema), initialData: { items: [{ name: "a" }, { name: "b" }, { name: "c" }] } });
  await field(page, "Count").locator("input").fill("11");
  await field(page, "Code").locator("input").fill("abc");
  await field(page, "Code").locator("input").blur();
  assert.equal(await field(page, "Count").locator(".error").textContent(), "Must be at most 10.");
  await submit(page);
  assert.deepEqual(await submits(page), [], "an invalid form is not sent");
  assert.match((await field(page, "Code").locator(".error").textContent()) ?? "", /expected form/);
  assert.equal(await focusedField(page), "Count");

  await field(page, "Count").locator("input").fill("3");
  await field(page, "Code").locator("input").fill("ABC");
  await submit(page);
  assert.equal((await submits(page)).length, 1);
  await post(page, { type: "invalid", issues: [{ path: ["items", 2, "name"], message: "Name taken." }] });
  const error = field(page, "Item 3").locator("[data-label=Name] .error");
  await error.waitFor();
  assert.equal(await error.textContent(), "Name taken.");
  assert.equal(await page.evaluate(() => document.activeElement?.closest(".list-item")?.querySelector<HTMLElement>("[data-label]")?.dataset.label), "Item 3");
  await page.close();
});

test("a second submit while waiting sends nothing; an issue without a path shows a banner", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), initialData: { size: "large", color: "black" } });
  // Two clicks in the same moment, then the keyboard shortcut.
  await page.getByRole("button", { name: "Submit" }).evaluate((button: HTMLElement) => (button.click(), button.click()));
  await page.keyboard.press("Control+Enter");
  assert.equal((await submits(page)).length, 1);
  assert.equal(await page.locator(".busy").isVisible(), true);

  await post(page, { type: "invalid", issues: [{ path: [], message: "Out of stock today." }] });
  await page.locator(".banner").waitFor();
  assert.equal(await page.locator(".banner").textContent(), "Out of stock today.");
  await announced(page, "Out of stock today.");
  await page.keyboard.press("Control+Enter");
  assert.equal((await submits(page)).length, 2, "after an invalid answer the form can be sent again");

  await post(page, { type: "accepted", value: { size: "large", color: "black" } });
  await page.locator(".status pre").waitFor();
  assert.deepEqual(JSON.parse((await page.locator(".status pre").textContent()) ?? ""), { size: "large", color: "black" });
  assert.equal(await page.locator(".actions").isHidden(), true);
  assert.equal(await field(page, "Size").locator("vscode-single-select").evaluate((el) => (el as HTMLSelectElement).disabled), true);
  await page.close();
});

test("a wrapped pause shows its one field and submits { value }; a pause without input is a bare Resume", async () => {
  const wrapped = jsonSchemaOf(z.object({ value: z.string().min(1).describe("Your name") }));
  const { page } = await openForm({ jsonSchema: wrapped, wrapped: true, initialData: { value: "anonymous" } });
  assert.equal(await field(page, "Value").locator(".description").textContent(), "Your name");
  assert.equal(await field(page, "Value").locator("input").inputValue(), "anonymous");
  await field(page, "Value").locator("input").fill("Ada");
  await page.keyboard.press("Control+Enter");
  assert.deepEqual(await submits(page), [{ value: "Ada" }]);
  // As the runner sends it: an issue with the bare value, placed at the form's field `value`.
  await post(page, { type: "invalid", issues: [{ path: ["value"], message: "Too short." }] });
  await field(page, "Value").locator(".error").waitFor();
  await page.close();

  const bare = await openForm({ noInput: true });
  const buttons = await bare.page.locator(".actions vscode-button").allTextContents();
  assert.deepEqual(buttons.map((b) => b.trim()), ["Resume", "Cancel run"]);
  assert.equal(await bare.page.locator("[data-label]").count(), 0);
  await submit(bare.page);
  assert.deepEqual(await submits(bare.page), [{}]);
  await bare.page.close();
});

test("a schema it cannot render gets a JSON editor with a note saying why", async () => {
  // What has no control: a value of any type, two schemas at once, a tuple with a rest.
  const schema = z.object({
    anything: z.any(),
    both: z.intersection(z.union([z.string(), z.number()]), z.union([z.number(), z.boolean()])),
    row: z.tuple([z.string()], z.number()),
  });
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(schema), warnings: ["A transform cannot be shown."] });
  assert.match((await page.locator(".warnings").textContent()) ?? "", /A transform cannot be shown/);
  assert.match((await field(page, "Anything").locator(".note").textContent()) ?? "", /does not say what type/);
  assert.match((await field(page, "Both").locator(".note").textContent()) ?? "", /combines several schemas/);
  assert.match((await field(page, "Row").locator(".note").textContent()) ?? "", /more items after its fixed positions/);

  await field(page, "Anything").locator("textarea").fill("42");
  await field(page, "Both").locator("textarea").fill("[7");
  await field(page, "Row").locator("textarea").fill("[\"x\", 1, 2]");
  await submit(page);
  assert.match((await field(page, "Both").locator(".error").textContent()) ?? "", /Not valid JSON/);
  assert.deepEqual(await submits(page), []);
  await field(page, "Both").locator("textarea").fill("7");
  await submit(page);
  assert.deepEqual(await submits(page), [{ anything: 42, both: 7, row: ["x", 1, 2] }]);
  await page.close();

  // The whole schema unrenderable: one JSON editor for the value, never a blank form.
  const whole = await openForm({ jsonSchema: { type: "object", patternProperties: { "^x": { type: "number" } } }, initialData: { x1: 1 } });
  assert.match((await whole.page.locator(".note").textContent()) ?? "", /pattern/);
  assert.deepEqual(JSON.parse(await whole.page.locator("textarea").inputValue()), { x1: 1 });
  await whole.page.close();
});

test("the Markdown description is sanitized, and images resolve against resourceBase", async () => {
  const description = [
    "# Label this item",
    "Is this **blue**? ![the item](item.png)",
    "<script>window.__pwned = 'script'</script>",
    '<img src="missing.png" onerror="window.__pwned = \'onerror\'">',
    "![remote](https://example.com/a.png)",
    "[docs](javascript:window.__pwned='link') <a href=\"javascript:window.__pwned='a'\">more</a>",
  ].join("\n\n");
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), description, resourceBase: `${origin}/fixtures` });
  const image = page.locator(".markdown img[alt='the item']");
  await image.waitFor();
  // Not page.waitForFunction: it evaluates a string in the page, which the CSP blocks.
  const loadedWidth = () => image.evaluate((img) => (img as HTMLImageElement).naturalWidth);
  for (let i = 0; i < 50 && (await loadedWidth()) !== 48; i++) await page.waitForTimeout(20);
  assert.equal(await loadedWidth(), 48, "the image loaded");
  assert.equal(await page.locator(".markdown strong").textContent(), "blue");
  assert.equal(await page.locator(".markdown script").count(), 0);
  assert.equal(await page.locator(".markdown [onerror]").count(), 0);
  assert.match((await page.locator(".markdown a", { hasText: "remote image" }).getAttribute("href")) ?? "", /^https:\/\/example\.com/);
  assert.equal(await page.locator(".markdown a[href^='javascript']").count(), 0);
  assert.equal(await page.evaluate(() => (window as Recorded).__pwned), undefined);
  // Chrome reports the hostile onerror attribute as blocked when DOMPurify parses it (in an inert document,
  // where it could not run anyway); nothing of ours may be blocked.
  assert.deepEqual((await cspViolations(page)).filter((v) => !v.startsWith("script-src-attr inline")), []);
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/i.test(p) && !/inline event handler/.test(p)), []);
  await page.close();
});

test("an SVG picture carried as a data: URI (an engine pause) is shown", async () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"/>').toString("base64");
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), description: `![chart](data:image/svg+xml;base64,${svg})` });
  const image = page.locator(".markdown img[alt='chart']");
  await image.waitFor();
  const width = () => image.evaluate((img) => (img as HTMLImageElement).naturalWidth);
  for (let i = 0; i < 50 && (await width()) !== 30; i++) await page.waitForTimeout(20);
  assert.equal(await width(), 30);
  await page.close();
});

test("with no resourceBase (a flow outside the workspace), a relative image is not loaded and the form says why", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), description: "Look: ![the item](item.png)" });
  assert.equal(await page.locator(".markdown img").count(), 0);
  assert.equal(await page.locator(".markdown em").textContent(), "the item (item.png not shown: images are shown only for flows inside the workspace)");
  await page.close();
});

test("the countdown shows the time left and turns the form read-only at zero", async () => {
  // A fake clock, paused: the test moves time itself.
  const start = new Date("2030-01-01T12:00:00Z").getTime();
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), deadline: start + 10 * 60_000 }, {
    beforeLoad: async (p) => {
      await p.clock.install({ time: start - 1000 });
      await p.clock.pauseAt(start);
    },
  });
  assert.equal(await page.locator(".countdown").textContent(), "Time left: 10:00");
  await page.clock.runFor(9 * 60_000 + 30_000);
  assert.equal(await page.locator(".countdown").textContent(), "Time left: 0:30");
  await page.clock.runFor(30_000);
  await page.locator(".status", { hasText: "timed out" }).waitFor();
  assert.equal(await page.locator(".actions").isHidden(), true);
  assert.equal(await field(page, "Size").locator("vscode-single-select").evaluate((el) => (el as HTMLSelectElement).disabled), true);
  await page.keyboard.press("Control+Enter");
  assert.deepEqual(await submits(page), []);
  await page.close();
});

test("Cancel run asks first, inside the page", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder) });
  const cancelRun = () => page.locator(".actions").getByRole("button", { name: "Cancel run" }).click();
  await cancelRun();
  assert.equal(await page.locator(".confirm").isVisible(), true);
  await page.locator(".confirm").getByRole("button", { name: "Keep waiting" }).click();
  assert.equal(await page.locator(".confirm").isHidden(), true);
  await cancelRun();
  await page.keyboard.press("Escape");
  assert.equal(await page.locator(".confirm").isHidden(), true);
  assert.deepEqual(await posted(page), [{ type: "ready" }]);
  await cancelRun();
  await page.locator(".confirm").getByRole("button", { name: "Yes, cancel the run" }).click();
  assert.deepEqual((await posted(page)).filter((m) => m.type === "cancelRun"), [{ type: "cancelRun" }]);
  await post(page, { type: "ended", reason: "The run was cancelled." });
  await page.locator(".status", { hasText: "The run was cancelled." }).waitFor();
  assert.equal(await page.locator(".actions").isHidden(), true);
  await page.close();
});

test("what was typed survives a reload (getState/setState)", async () => {
  const schema = z.object({ name: z.string(), size: shirtOrder.shape.size, tags: z.array(z.string()) });
  const form = { jsonSchema: jsonSchemaOf(schema), initialData: { name: "anonymous" } };
  const { page } = await openForm(form);
  await field(page, "Name").locator("input").fill("Grace");
  await choose(field(page, "Size"), "xlarge");
  await field(page, "Tags").getByRole("button", { name: "Add item" }).click();
  await field(page, "Item 1").locator("input").fill("vip");
  await page.reload();
  // Restored from the saved state before the host answers...
  await page.locator(".page").waitFor();
  assert.equal(await field(page, "Name").locator("input").inputValue(), "Grace");
  // ...and kept when the host shows the same pause again.
  await post(page, { type: "show", form: formModel(form) });
  await submit(page);
  assert.deepEqual(await submits(page), [{ name: "Grace", size: "xlarge", tags: ["vip"] }]);
  await page.close();
});

test("an empty required text field is sent as \"\" for the flow's schema to judge; a minimum length is required here", async () => {
  const schema = z.object({ note: z.string(), name: z.string().min(1) });
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(schema) });
  await submit(page);
  assert.deepEqual(await submits(page), [], "name (min 1) stops the submit");
  assert.equal(await field(page, "Name").locator(".error").textContent(), "Required.");
  assert.equal(await field(page, "Note").locator(".error").isVisible(), false);
  await field(page, "Name").locator("input").fill("Ada");
  await submit(page);
  assert.deepEqual(await submits(page), [{ note: "", name: "Ada" }]);
  await page.close();
});

test("a case-insensitive pattern: the form lets \"ABC\" through to the flow's schema, which accepts it", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(z.object({ code: z.string().regex(/^[a-z]+$/i) })) });
  await field(page, "Code").locator("input").fill("ABC");
  await submit(page);
  assert.deepEqual(await submits(page), [{ code: "ABC" }]);
  assert.equal(await field(page, "Code").locator(".error").isVisible(), false);
  await page.close();
});

test("the description cannot dress up as the form: its class, id and style attributes are dropped", async () => {
  const description = [
    '<div class="banner error" id="announcer" style="position:fixed;top:0">Submitted: the form was accepted.</div>',
    '<p class="note warnings">Fake warning</p>',
  ].join("\n\n");
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), description });
  const fake = page.locator(".markdown div", { hasText: "Submitted: the form was accepted." });
  await fake.waitFor();
  assert.deepEqual(await fake.evaluate((el) => [el.getAttribute("class"), el.getAttribute("id"), el.getAttribute("style")]), [null, null, null]);
  assert.equal(await page.locator(".markdown [class], .markdown [id], .markdown [style]").count(), 0);
  assert.equal(await page.locator("#announcer").count(), 1, "the form's own announcer is the only one");
  await page.close();
});

test("a map, a set, a bigint, an instanceof(Date) and a file: entries, a list, digits, a date and a file picker, sent in their JSON forms", async () => {
  const schema = z.object({
    prices: z.map(z.string(), z.number()),
    tags: z.set(z.string()),
    big: z.bigint(),
    at: z.instanceof(Date),
    doc: z.file(),
  });
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(schema), initialData: { prices: [["a", 1]] } }, { height: 1200 });
  // The map: key/value rows, one prefilled, one added.
  assert.equal(await field(page, "Entry 1").locator("[data-label=Key] input").inputValue(), "a");
  await field(page, "Prices").getByRole("button", { name: "Add entry" }).click();
  await field(page, "Entry 2").locator("[data-label=Key] input").fill("b");
  await field(page, "Entry 2").locator("[data-label=Value] input").fill("2.5");
  // The set: a list.
  await field(page, "Tags").getByRole("button", { name: "Add item" }).click();
  await field(page, "Tags").locator("[data-label='Item 1'] input").fill("x");
  // The bigint: digits only, checked here as the runner will convert it.
  await field(page, "Big").locator("input").fill("12a");
  await field(page, "Big").locator("input").blur();
  assert.match((await field(page, "Big").locator(".error").textContent()) ?? "", /expected form/);
  await field(page, "Big").locator("input").fill("-123456789012345678901234567890");
  // The date: like z.date().
  assert.equal(await field(page, "At").locator("input").getAttribute("type"), "datetime-local");
  await field(page, "At").locator("input").fill("2031-06-07T08:09:10");
  // The file: picked, read in the page.
  await submit(page);
  assert.deepEqual(await submits(page), [], "a required file must be chosen");
  assert.equal(await field(page, "Doc").locator(".error").textContent(), "Required.");
  await field(page, "Doc").locator("input[type=file]").setInputFiles({ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("hello file") });
  await field(page, "Doc").locator(".file-name", { hasText: "note.txt" }).waitFor();
  await page.screenshot({ path: join(screenshots, "values-dark.png"), fullPage: true });
  await submit(page);
  assert.deepEqual(await submits(page), [
    {
      prices: [["a", 1], ["b", 2.5]],
      tags: ["x"],
      big: "-123456789012345678901234567890",
      at: new Date("2031-06-07T08:09:10").toISOString(),
      doc: { name: "note.txt", type: "text/plain", base64: Buffer.from("hello file").toString("base64") },
    },
  ]);
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

const themes = ["light", "dark", "high-contrast"] as const;

/** Screenshots of the page as it is, in every theme (VS Code swaps the body class on a theme change). */
async function screenshotThemes(page: Page, name: string): Promise<void> {
  for (const theme of themes) {
    await page.evaluate(`document.body.className = "vscode-${theme}"`);
    await page.screenshot({ path: join(screenshots, `${name}-${theme}.png`), fullPage: true });
  }
}

/** A list's or a record's own "Add" button (not one of a nested list's). */
async function addIn(group: Locator): Promise<void> {
  await group.locator(":scope > vscode-button.add").click();
}

/** A group's own property row (not a nested group's field of the same name). */
function own(group: Locator, label: string): Locator {
  return group.locator(`:scope > .group-body > [data-label="${label}"]`);
}

const Shape = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("circle"), radius: z.number().positive() }),
  z.object({ kind: z.literal("square"), side: z.number(), label: z.string().optional() }),
]);

test("a discriminated union: a picker sets the discriminator and switches the fields; the chosen variant's object is sent, not wrapped", async () => {
  const form = makeFormSchema(Shape, __filename);
  assert.equal(form.wrapped, false, "a union of objects is the form itself");
  const { page, problems } = await openForm({ jsonSchema: form.jsonSchema, wrapped: form.wrapped });
  const kind = field(page, "Kind");
  assert.match((await kind.locator("vscode-single-select").textContent()) ?? "", /Choose\.\.\./);
  assert.equal(await page.locator("[data-label=Radius], [data-label=Side]").count(), 0, "no variant's fields before one is chosen");
  await submit(page);
  assert.equal(await kind.locator(".error").textContent(), "Choose one.");
  assert.deepEqual(await submits(page), []);

  await choose(kind, "circle");
  assert.equal(await field(page, "Radius").isVisible(), true);
  await field(page, "Radius").locator("input").fill("2");
  await choose(kind, "square");
  assert.equal(await field(page, "Radius").isHidden(), true, "the other variant's fields go");
  await field(page, "Side").locator("input").fill("3");
  await field(page, "Label").locator("input").fill("tile");
  await screenshotThemes(page, "union");
  await submit(page);
  // The circle's radius stays behind: only the chosen variant is sent, with its tag.
  assert.deepEqual(await submits(page), [{ kind: "square", side: 3, label: "tile" }]);
  assert.deepEqual(Shape.parse((await submits(page))[0]), { kind: "square", side: 3, label: "tile" });

  // An issue from the flow's schema lands on the variant's field.
  await post(page, { type: "invalid", issues: [{ path: ["side"], message: "Too big." }] });
  await field(page, "Side").locator(".error", { hasText: "Too big." }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();

  // Initial data picks its variant; switching back keeps what was typed there.
  const again = await openForm({ jsonSchema: form.jsonSchema, initialData: { kind: "circle", radius: 5 } });
  assert.equal(await field(again.page, "Radius").locator("input").inputValue(), "5");
  await choose(field(again.page, "Kind"), "square");
  await choose(field(again.page, "Kind"), "circle");
  assert.equal(await field(again.page, "Radius").locator("input").inputValue(), "5");
  await submit(again.page);
  assert.deepEqual(await submits(again.page), [{ kind: "circle", radius: 5 }]);
  await again.page.close();
});

test("a union of other types inside an object: a variant picker per type", async () => {
  const schema = z.object({ size: z.union([z.string(), z.number()]), shape: Shape.optional() });
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(schema) });
  const picker = field(page, "Size: variant");
  await choose(picker, "Number");
  await field(page, "Number").locator("input").fill("4");
  assert.match((await field(page, "Kind").locator("vscode-single-select").textContent()) ?? "", /\(not set\)/, "an optional union may be left out");
  await submit(page);
  assert.deepEqual(await submits(page), [{ size: 4 }]);
  assert.ok(schema.safeParse((await submits(page))[0]).success);
  await page.close();
});

test("a record: key/value entries added and removed, a key given twice refused; an enum-keyed record is a group", async () => {
  const schema = z.object({
    scores: z.record(z.string(), z.number().int()).describe("Score per reviewer"),
    limits: z.record(z.enum(["cpu", "memory"]), z.number()),
  });
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(schema), initialData: { scores: { ada: 1 } } }, { height: 900 });
  const scores = field(page, "Scores");
  assert.equal(await own(field(scores, "Entry 1"), "Key").locator("input").inputValue(), "ada");
  assert.equal(await own(field(scores, "Entry 1"), "Value").locator("input").inputValue(), "1");
  await addIn(scores);
  await own(field(scores, "Entry 2"), "Key").locator("input").fill("bob");
  await own(field(scores, "Entry 2"), "Value").locator("input").fill("2");
  await addIn(scores);
  await own(field(scores, "Entry 3"), "Key").locator("input").fill("ada");
  await own(field(scores, "Entry 3"), "Value").locator("input").fill("3");
  await field(page, "Cpu").locator("input").fill("2");
  await field(page, "Memory").locator("input").fill("8");
  await submit(page);
  assert.deepEqual(await submits(page), [], "a key given twice is not sent");
  assert.match((await own(field(scores, "Entry 3"), "Key").locator(".error").textContent()) ?? "", /"ada" is already used above/);
  await screenshotThemes(page, "record");

  await scores.getByRole("button", { name: "Remove entry 3" }).click();
  await submit(page);
  const [value] = await submits(page);
  assert.deepEqual(value, { scores: { ada: 1, bob: 2 }, limits: { cpu: 2, memory: 8 } });
  assert.ok(schema.safeParse(value).success);
  // The flow's issue at a key lands on that entry's value.
  await post(page, { type: "invalid", issues: [{ path: ["scores", "bob"], message: "Too low." }] });
  await own(field(scores, "Entry 2"), "Value").locator(".error", { hasText: "Too low." }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

function tool(page: Page, name: string): Locator {
  return page.getByRole("toolbar", { name: "Developer actions" }).getByRole("button", { name });
}

test("Fill from Last Answer fills the fields with the last accepted answer, which is then submitted; no such button without one", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), lastAnswer: { size: "xlarge", color: "black" } });
  await submit(page);
  assert.deepEqual(await submits(page), [], "empty dropdowns: nothing to send");
  await tool(page, "Fill from Last Answer").click();
  await announced(page, "Filled from the last accepted answer.");
  await page.screenshot({ path: join(screenshots, "filled-from-last-answer-dark.png"), fullPage: true });
  await submit(page);
  assert.deepEqual(await submits(page), [{ size: "xlarge", color: "black" }]);
  await post(page, { type: "invalid", issues: [{ path: ["size"], message: "Sold out." }] });
  await field(page, "Size").locator(".error", { hasText: "Sold out." }).waitFor();
  await choose(field(page, "Size"), "large");
  await submit(page);
  assert.deepEqual((await submits(page)).at(-1), { size: "large", color: "black" }, "the filled fields stay editable");
  await page.close();

  const none = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder) });
  assert.equal(await tool(none.page, "Fill from Last Answer").count(), 0);
  assert.equal(await tool(none.page, "Edit as JSON").count(), 1);
  await none.page.close();
});

test("Edit as JSON: the whole value in a textarea; JSON that does not parse is shown and not sent; the flow's issues are listed; back to the fields with the edited value", async () => {
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), initialData: { size: "small", color: "red" } });
  await tool(page, "Edit as JSON").click();
  const editor = page.locator(".json-editor textarea");
  assert.deepEqual(JSON.parse(await editor.inputValue()), { size: "small", color: "red" });
  assert.equal(await page.locator(".form-fields").isHidden(), true);

  await editor.fill('{"size": "small", "color": ');
  await submit(page);
  assert.match((await page.locator(".banner").textContent()) ?? "", /^Not valid JSON: /);
  assert.deepEqual(await submits(page), [], "nothing sent");

  await editor.fill('{"size": "small", "color": "green"}');
  await page.keyboard.press("Control+Enter");
  assert.deepEqual(await submits(page), [{ size: "small", color: "green" }]);
  // The runner's check, as the host relays it.
  await post(page, { type: "invalid", issues: [{ path: ["color"], message: "We don't carry that combination." }, { path: [], message: "Out of stock today." }] });
  await page.locator(".banner-line", { hasText: "color: We don't carry that combination." }).waitFor();
  assert.deepEqual(await page.locator(".banner-line").allTextContents(), ["color: We don't carry that combination.", "Out of stock today."]);
  await page.screenshot({ path: join(screenshots, "edit-as-json-dark.png"), fullPage: true });
  assert.equal(await editor.isEditable(), true, "editable again after the check");

  // What the editor holds survives a reload of the page.
  await editor.fill('{"size": "large", "color": "green"}');
  await page.reload();
  await page.locator(".page").waitFor();
  assert.deepEqual(JSON.parse(await page.locator(".json-editor textarea").inputValue()), { size: "large", color: "green" });

  await tool(page, "Edit as Form").click();
  assert.equal(await page.locator(".json-editor").isHidden(), true);
  assert.equal(await field(page, "Size").isVisible(), true);
  await submit(page);
  assert.deepEqual((await submits(page)).at(-1), { size: "large", color: "green" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a tuple: a fixed list of positions, each its own control", async () => {
  const schema = z.object({ point: z.tuple([z.number(), z.number()]).describe("x, y"), pair: z.tuple([z.string().meta({ title: "Name" }), z.boolean().meta({ title: "Active" })]) });
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(schema), initialData: { point: [1, 2] } });
  const point = field(page, "Point");
  assert.equal(await own(point, "1").locator("input").inputValue(), "1");
  assert.equal(await point.locator("vscode-button.add").count(), 0, "no add or remove: the positions are fixed");
  await own(point, "2").locator("input").fill("5");
  await own(field(page, "Pair"), "Name").locator("input").fill("ada");
  await field(page, "Pair").locator("vscode-checkbox", { hasText: "Active" }).click();
  await screenshotThemes(page, "tuple");
  await submit(page);
  assert.deepEqual(await submits(page), [{ point: [1, 5], pair: ["ada", true] }]);
  assert.ok(schema.safeParse((await submits(page))[0]).success);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a recursive schema: nested groups added three deep, sent as the tree", async () => {
  type Node = { name: string; children: Node[] };
  const Node: z.ZodType<Node> = z.object({ name: z.string(), get children() { return z.array(Node); } });
  const schema = z.object({ tree: Node });
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(schema) }, { height: 1000 });
  assert.equal(await page.locator(".note").count(), 0, "no JSON editor");
  let group = field(page, "Tree");
  for (const name of ["root", "a", "b", "c"]) {
    await own(group, "Name").locator("input").fill(name);
    if (name === "c") break;
    const children = own(group, "Children");
    await addIn(children);
    group = children.locator(":scope > ol > li > [data-label='Item 1']");
  }
  await screenshotThemes(page, "recursive");
  await submit(page);
  const [value] = await submits(page);
  const leaf = { name: "c", children: [] };
  assert.deepEqual(value, { tree: { name: "root", children: [{ name: "a", children: [{ name: "b", children: [leaf] }] }] } });
  assert.ok(schema.safeParse(value).success);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a file path: Browse asks the host, the picked path fills the box, a refusal shows at the field, and the box stays editable", async () => {
  const schema = z.object({ report: z.string().meta({ format: "path", description: "The report to label" }) });
  const { page, problems } = await openForm({ jsonSchema: jsonSchemaOf(schema) });
  const report = field(page, "Report");
  await report.getByRole("button", { name: "Browse for a file in the workspace" }).click();
  const ask = await waitForPosted(page, (m) => m.type === "pickPath");
  assert.deepEqual(ask, { type: "pickPath", requestId: 1, current: "" });
  await post(page, { type: "pathPicked", requestId: 1, refused: "/etc/passwd is outside the workspace (/work/ws): choose a file inside it." });
  await report.locator(".error", { hasText: "outside the workspace" }).waitFor();
  assert.equal(await report.locator("input").inputValue(), "", "a refused file is not taken");

  await report.getByRole("button", { name: "Browse for a file in the workspace" }).click();
  await waitForPosted(page, (m) => m.type === "pickPath" && m.requestId === 2);
  await post(page, { type: "pathPicked", requestId: 2, path: "/work/ws/data/report.csv" });
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>("[data-label=Report] vscode-textfield")?.value === "/work/ws/data/report.csv");
  assert.equal(await report.locator(".error").isHidden(), true, "a good pick clears the refusal");
  await screenshotThemes(page, "path");
  await submit(page);
  assert.deepEqual((await submits(page)).at(-1), { report: "/work/ws/data/report.csv" });
  await post(page, { type: "invalid", issues: [{ path: [], message: "again" }] });
  await page.locator(".banner").waitFor();
  await report.locator("input").fill("data/other.csv");
  await submit(page);
  assert.deepEqual((await submits(page)).at(-1), { report: "data/other.csv" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a dropdown at the bottom of a short tab opens where its whole list is visible", async () => {
  const schema = z.object({
    note: z.string(),
    label: z.enum(["positive", "negative", "neutral", "mixed", "spam", "off-topic"]),
  });
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(schema) }, { height: 260 });
  const select = field(page, "Label").locator("vscode-single-select");
  // The control at the very bottom of the tab, as under VS Code's Output panel.
  await select.evaluate((el) => el.scrollIntoView({ block: "end" }));
  await select.click();
  const list = select.locator(".dropdown");
  await list.waitFor();
  const box = await list.boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  assert.ok(box, "the list is open");
  assert.ok(box.y >= 0 && box.y + box.height <= height, `the whole list is in view: ${box.y}..${box.y + box.height} of ${height}`);
  await page.screenshot({ path: join(screenshots, "dropdown-short-dark.png") });
  await select.locator("li.option", { hasText: /^\s*spam\s*$/ }).click();
  await submit(page);
  assert.deepEqual(await submits(page), [{ note: "", label: "spam" }]);
  await page.close();
});

test("Time Out Now asks the host to time the pause out and waits; the form then says how the pause ended. A parameters form has no such button", async () => {
  const { page } = await openForm({ jsonSchema: jsonSchemaOf(shirtOrder), canTimeOut: true });
  await tool(page, "Time Out Now").click();
  assert.deepEqual((await posted(page)).filter((m) => m.type === "timeOut"), [{ type: "timeOut" }]);
  await page.locator(".busy", { hasText: "Timing the pause out..." }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Submit" }).evaluate((el) => (el as HTMLButtonElement).disabled), true);
  await tool(page, "Time Out Now").click({ force: true });
  assert.equal((await posted(page)).filter((m) => m.type === "timeOut").length, 1, "sent once");
  await post(page, { type: "ended", reason: "The pause timed out after 3 seconds: PauseTimeoutError was raised in the flow, and no answer reached it." });
  await page.locator(".status", { hasText: "PauseTimeoutError was raised in the flow" }).waitFor();
  assert.equal(await page.locator(".tools").isHidden(), true);
  await page.close();

  const parameters = await openForm({ kind: "parameters", jsonSchema: jsonSchemaOf(shirtOrder) });
  assert.equal(await tool(parameters.page, "Time Out Now").count(), 0);
  await parameters.page.close();
});
