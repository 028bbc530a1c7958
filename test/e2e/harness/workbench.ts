// Drives code-server's workbench in Debian's headless Chromium as a user does: command palette,
// quick picks, editor tabs, webviews, the Output view, tree views, status bar, notifications.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from "playwright-core";
import { resultsDir, startCodeServer, waitFor, type CodeServer, type CodeServerOptions } from "../../../scripts/codeServer";

export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TreeItem {
  label: string;
  description: string;
  /** What a screen reader is told: often carries state that only an icon shows. */
  ariaLabel: string;
  level: number;
  expanded?: boolean;
}

export class Workbench {
  /** Console lines of the page (and of the extension host when it forwards them). */
  readonly console: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    /** Folder of test-results/ that screenshots go to (SharedWorkbench changes it per scenario). */
    public scenario: string,
    private readonly profileDir: string,
  ) {
    page.on("console", (m) => this.console.push(`[${m.type()}] ${m.text()}`));
    page.on("pageerror", (e) => this.console.push(`[pageerror] ${e.message}`));
  }

  /** Launches a fresh Chromium profile; call open() next. */
  static async launch(scenario: string, setup?: (page: Page) => Promise<void>): Promise<Workbench> {
    const profileDir = mkdtempSync(join(tmpdir(), "pauseflow-chromium-"));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1400, height: 900 },
      env: { ...process.env, XDG_CONFIG_HOME: join(profileDir, "config"), XDG_CACHE_HOME: join(profileDir, "cache") },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await setup?.(page);
    return new Workbench(page, context, scenario, profileDir);
  }

  /** Opens the workbench at url and waits until it is ready. */
  async open(url: string, timeoutMs = 60_000): Promise<void> {
    await this.page.goto(url);
    await this.waitReady(timeoutMs);
  }

  /** The workbench's parts are laid out and the remote folder is resolved. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const p = this.page;
    await p.locator(".monaco-workbench .part.statusbar").waitFor({ timeout: timeoutMs });
    await p.locator(".monaco-workbench .part.activitybar").waitFor({ timeout: timeoutMs });
    // The status bar's remote indicator (its label starts with "remote") appears once the
    // connection to the server is made.
    await p.locator(".part.statusbar #status\\.host").or(p.locator(".part.statusbar .statusbar-item[aria-label^='remote' i]")).first().waitFor({ timeout: timeoutMs });
  }

  /** Reloads the window the way a user does ("Developer: Reload Window") and waits for it. */
  async reload(timeoutMs = 60_000): Promise<void> {
    await this.page.evaluate(() => ((globalThis as unknown as { __beforeReload: boolean }).__beforeReload = true));
    await this.runCommand("Developer: Reload Window");
    await waitFor("the window to reload", () => this.page.evaluate(() => !(globalThis as unknown as { __beforeReload?: boolean }).__beforeReload), timeoutMs);
    await this.waitReady(timeoutMs);
  }

  private quickInput(): Locator {
    return this.page.locator(".quick-input-widget");
  }

  /** Opens the command palette and runs the command with this exact title ("Category: Title"). */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    await this.openPalette();
    await this.quickInput().locator("input").fill(`>${title}`);
    await this.clickQuickPickRow(title, timeoutMs);
  }

  private async openPalette(): Promise<void> {
    const input = this.quickInput().locator("input");
    // F1 can get lost while focus is inside a webview iframe or during a layout change: retry,
    // putting focus back on the workbench first.
    await waitFor("the command palette to open", async () => {
      if (await this.quickInput().isVisible()) await this.page.keyboard.press("Escape");
      await this.page.locator(".part.statusbar").focus().catch(() => {});
      await this.page.keyboard.press("F1");
      await input.waitFor({ state: "visible", timeout: 2_000 });
      return (await input.inputValue()).startsWith(">");
    }, 20_000, 100);
  }

  /** Picks the item with this label in the open quick pick (typing it to filter first). */
  async pickQuickPick(label: string, timeoutMs = 30_000): Promise<void> {
    await this.quickInput().waitFor({ state: "visible", timeout: timeoutMs });
    const input = this.quickInput().locator("input");
    if (await input.isEditable()) await input.fill(label);
    await this.clickQuickPickRow(label, timeoutMs);
  }

  private async clickQuickPickRow(label: string, timeoutMs: number): Promise<void> {
    const row = this.quickInput()
      .locator(".quick-input-list .monaco-list-row")
      .filter({ has: this.page.locator(".label-name", { hasText: exact(label) }) })
      .first();
    await row.waitFor({ state: "visible", timeout: timeoutMs });
    await row.click();
    // Usually the quick input closes; a command may open a second quick pick at once instead.
    await this.quickInput().waitFor({ state: "hidden", timeout: 1_000 }).catch(() => {});
  }

  /**
   * Answers VS Code's own open or save dialog (the simple file dialog of a remote window) with a
   * path. The dialog rewrites its box once it has read its folder, and checks a typed path as it
   * changes; Enter before either would go elsewhere. So the path is typed once the dialog has listed
   * its folder, Enter pressed once the box still holds it, and all of it again until the dialog closes.
   */
  async answerFileDialog(path: string, timeoutMs = 30_000): Promise<void> {
    const dialog = this.quickInput();
    await dialog.waitFor({ state: "visible", timeout: timeoutMs });
    const input = dialog.locator("input");
    await dialog.locator(".monaco-list-row").first().waitFor({ timeout: timeoutMs });
    await waitFor("the file dialog to take the path", async () => {
      if (!(await dialog.isVisible())) return true;
      await input.fill(path);
      await this.page.waitForTimeout(600);
      if ((await input.inputValue()) !== path) return false;
      await input.press("Enter");
      await dialog.waitFor({ state: "hidden", timeout: 3_000 }).catch(() => {});
      return !(await dialog.isVisible());
    }, timeoutMs, 100);
  }

  /** Opens a file by its absolute path through Quick Open (Go to File), as a user would; it may lie outside the workspace. */
  async openFile(path: string, timeoutMs = 30_000): Promise<void> {
    await this.runCommand("Go to File...");
    const input = this.quickInput().locator("input");
    await input.fill(path);
    await this.clickQuickPickRow(basename(path), timeoutMs);
    // A file's tab splits its name ("outside.flow" + ".ts"); data-resource-name holds it whole.
    await this.page.locator(`.part.editor .tabs-container .tab.active[data-resource-name="${basename(path)}"]`).first().waitFor({ timeout: timeoutMs });
  }

  /** Types into the open input box (a command's showInputBox) and accepts it with Enter. */
  async answerInputBox(text: string, timeoutMs = 30_000): Promise<void> {
    const input = this.quickInput().locator("input");
    await input.waitFor({ state: "visible", timeout: timeoutMs });
    await input.fill(text);
    await input.press("Enter");
    await this.quickInput().waitFor({ state: "hidden", timeout: timeoutMs });
  }

  /** Labels of the open quick pick's rows. */
  async quickPickItems(timeoutMs = 10_000): Promise<string[]> {
    const rows = this.quickInput().locator(".quick-input-list .monaco-list-row .label-name");
    await rows.first().waitFor({ timeout: timeoutMs });
    return (await rows.allTextContents()).map(clean);
  }

  /** The editor tab with this title, or whose title matches (waits for it: tabs lag behind commands). */
  async tab(title: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    const tab = this.page.locator(".tabs-container .tab").filter({ has: this.page.locator(".label-name", { hasText: typeof title === "string" ? exact(title) : title }) }).first();
    await tab.waitFor({ timeout: timeoutMs });
    return tab;
  }

  /** The tab of the file with this name (a file's tab splits its name, so it is found by data-resource-name). */
  async fileTab(name: string, timeoutMs = 30_000): Promise<Locator> {
    const tab = this.page.locator(`.part.editor .tabs-container .tab[data-resource-name="${name}"]`).first();
    await tab.waitFor({ timeout: timeoutMs });
    return tab;
  }

  /** The file name of the active editor's tab ("" when it shows no file). */
  async activeFile(): Promise<string> {
    const tab = this.page.locator(".part.editor .editor-group-container.active .tabs-container .tab.active").first();
    return (await tab.count()) ? ((await tab.getAttribute("data-resource-name")) ?? "") : "";
  }

  /** The title of the active editor's tab. */
  async activeTab(): Promise<string> {
    return clean((await this.page.locator(".part.editor .editor-group-container.active .tabs-container .tab.active .label-name").first().textContent()) ?? "");
  }

  async tabTitles(): Promise<string[]> {
    return (await this.page.locator(".tabs-container .tab .label-name").allTextContents()).map(clean);
  }

  /**
   * The content frame of the webview shown in the editor tab with this title. Webview content is
   * two iframes deep: the outer `iframe.webview.ready`, then `iframe#active-frame` inside it.
   */
  async webview(title: string | RegExp, timeoutMs = 30_000): Promise<FrameLocator> {
    const tab = await this.tab(title, timeoutMs);
    if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
    // Hidden webviews keep their iframes; the one on screen belongs to the active tab.
    const outer = this.page.locator("iframe.webview.ready").filter({ visible: true }).first();
    await outer.waitFor({ timeout: timeoutMs });
    const inner = outer.contentFrame().frameLocator("iframe#active-frame");
    await inner.locator("body").waitFor({ timeout: timeoutMs });
    return inner;
  }

  /**
   * Shows the Output view on the channel with this name: "Output: Focus on Output View" from the
   * palette, then the view's channel dropdown (a native <select> in the web workbench).
   */
  async showOutput(channel: string, timeoutMs = 30_000): Promise<void> {
    const select = this.page.locator('.part.panel select[aria-label="Switch Output"]').filter({ visible: true }).first();
    if (!(await select.isVisible())) await this.runCommand("Output: Focus on Output View");
    await waitFor(`output channel '${channel}' to exist`, () => select.locator("option").evaluateAll((os, c) => os.some((o) => (o as { value?: string }).value === c), channel), timeoutMs);
    if ((await select.inputValue()) !== channel) await select.selectOption(channel);
    await this.page.locator(".part.panel .monaco-editor .view-lines").first().waitFor({ timeout: timeoutMs });
  }

  /** The lines the Output view shows for this channel (only what is on screen: keep it short). */
  async outputText(channel: string): Promise<string> {
    await this.showOutput(channel);
    return this.visibleOutput();
  }

  /** Waits until the output channel shows text matching `expected`, then returns all of it. */
  async waitForOutput(channel: string, expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
    await this.showOutput(channel);
    return until(`output channel '${channel}' to show ${expected}`, () => this.visibleOutput(), (text) => matches(text, expected), timeoutMs);
  }

  private async visibleOutput(): Promise<string> {
    return editorLines(this.page.locator(".part.panel .monaco-editor .view-lines").first());
  }

  /** The lines on screen in the active text editor. */
  async editorText(): Promise<string> {
    return editorLines(this.page.locator(".part.editor .editor-group-container.active .monaco-editor .view-lines").first());
  }

  /**
   * What the active text editor shows beside its lines: the line numbers whose gutter has a
   * decoration drawn with the icon file `gutterIcon` (in `.margin-view-overlays`, or the glyph
   * margin's widgets in newer workbenches), and each CodeLens (`.contentWidgets .codelens-decoration`)
   * with the number of the line it stands over. Only lines on screen count.
   */
  async editorMarks(gutterIcon: string): Promise<{ gutter: number[]; lenses: { line: number; text: string }[] }> {
    const editor = this.page.locator(".part.editor .editor-group-container.active .monaco-editor").filter({ visible: true }).first();
    await editor.locator(".margin-view-overlays .line-numbers").first().waitFor({ timeout: 10_000 });
    // No named functions in here: tsx would wrap them in __name(), which the page does not have.
    return editor.evaluate((root, icon) => {
      const lines = [...root.querySelectorAll(".margin-view-overlays .line-numbers")].map((el) => ({ top: el.getBoundingClientRect().top, line: Number(el.textContent?.trim()) }));
      const gutter = [...root.querySelectorAll(".margin-view-overlays div, .glyph-margin-widgets div")]
        .filter((el) => getComputedStyle(el).backgroundImage.includes(icon))
        .map((el) => lines.find((l) => Math.abs(l.top - el.getBoundingClientRect().top) < 2)?.line ?? -1);
      const lenses = [...root.querySelectorAll(".contentWidgets .codelens-decoration")].map((el) => ({
        line: lines.filter((l) => l.top >= el.getBoundingClientRect().bottom - 2).sort((a, b) => a.top - b.top)[0]?.line ?? -1,
        text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      }));
      return { gutter: [...new Set(gutter)].sort((a, b) => a - b), lenses };
    }, gutterIcon);
  }

  /** Clicks the active text editor's CodeLens with this title. */
  async clickCodeLens(title: string, timeoutMs = 10_000): Promise<void> {
    const editor = this.page.locator(".part.editor .editor-group-container.active .monaco-editor").filter({ visible: true }).first();
    await editor.locator(".contentWidgets .codelens-decoration a", { hasText: exact(title) }).first().click({ timeout: timeoutMs });
  }

  /** Opens the view container with this title from the activity bar (if not open yet). */
  async openViewContainer(title: string, timeoutMs = 30_000): Promise<void> {
    const item = this.page.locator(`.part.activitybar .action-item:has(> [aria-label^="${title}"])`).first();
    await item.waitFor({ timeout: timeoutMs });
    // Clicking the container that is already shown would close the side bar.
    if (!(await item.evaluate((el) => el.classList.contains("checked")))) await item.click();
  }

  /** The side bar, or one view of it by name, expanded (the container opened first). */
  private async viewPane(container: string, view?: string, timeoutMs = 30_000): Promise<Locator> {
    await this.openViewContainer(container, timeoutMs);
    if (!view) return this.page.locator(".part.sidebar");
    const pane = this.page.locator(".part.sidebar .pane").filter({ has: this.page.locator(".pane-header", { hasText: view }) }).first();
    // A collapsed view shows no rows: expand it as a user would.
    const header = pane.locator(".pane-header");
    if ((await header.getAttribute("aria-expanded")) === "false") await header.click();
    return pane;
  }

  /** Drags the side bar's edge so it is `width` pixels wide (long tree rows are cut short otherwise). */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.page.locator(".part.sidebar").boundingBox();
    if (!box) throw new Error("the side bar is not on screen");
    const edge = box.x + box.width;
    await this.page.mouse.move(edge + 1, box.y + box.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + 1, box.y + box.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Items of the tree views in the view container with this title (optionally one view by name).
   * A tree renders only the rows in view, so one view's list is paged through to read them all.
   */
  async treeItems(container: string, view?: string, timeoutMs = 30_000): Promise<TreeItem[]> {
    const pane = await this.viewPane(container, view, timeoutMs);
    await pane.locator(".monaco-list-row").first().waitFor({ timeout: timeoutMs });
    if (!view) return (await renderedRows(pane)).map(({ item }) => item);
    const seen = new Map<number, { item: TreeItem; last: boolean }>();
    const read = async () => {
      for (const row of await renderedRows(pane)) seen.set(row.index, row);
    };
    const hasLast = () => [...seen.values()].some((row) => row.last);
    await read();
    if (!seen.has(0) || !hasLast()) {
      const list = pane.locator(".monaco-list").first();
      await this.pressInList(list, "Home");
      await read();
      for (let i = 0; i < 200 && !hasLast(); i++) {
        await this.pressInList(list, "PageDown");
        await read();
      }
      // Back to the top, where new runs come in.
      await this.pressInList(list, "Home");
    }
    return [...seen.entries()].sort(([a], [b]) => a - b).map(([, row]) => row.item);
  }

  /** Polls the items of a tree view until ok(items); a timeout error tells the last items seen. */
  async waitForTreeItems(container: string, view: string, what: string, ok: (items: TreeItem[]) => boolean, timeoutMs = 30_000): Promise<TreeItem[]> {
    return until(what, () => this.treeItems(container, view, timeoutMs), ok, timeoutMs);
  }

  /**
   * The first row of a tree view whose label and description match (waits for it), wholly in view.
   * The tree renders only the rows in view, so it is paged through from its top until the row shows.
   */
  async treeRow(container: string, view: string, match: { label?: string | RegExp; description?: string | RegExp }, timeoutMs = 30_000): Promise<Locator> {
    const pane = await this.viewPane(container, view, timeoutMs);
    let row = pane.locator(".monaco-list-row");
    const part = (cls: string, text: string | RegExp) => this.page.locator(cls, { hasText: typeof text === "string" ? exact(text) : text });
    if (match.label !== undefined) row = row.filter({ has: part(".label-name", match.label) });
    if (match.description !== undefined) row = row.filter({ has: part(".label-description", match.description) });
    const list = pane.locator(".monaco-list").first();
    const deadline = Date.now() + timeoutMs;
    await pane.locator(".monaco-list-row").first().waitFor({ timeout: timeoutMs });
    await this.pressInList(list, "Home");
    while ((await row.count()) === 0 && Date.now() < deadline) {
      const atLast = (await pane.locator('.monaco-list-row[data-last-element="true"]').count()) > 0;
      if (atLast) await this.page.waitForTimeout(250); // not there yet: look again from the top
      await this.pressInList(list, atLast ? "Home" : "PageDown");
    }
    await row.first().waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    // Move the focus onto the row: the tree keeps its focused row wholly in view (a row cut at the
    // list's edge takes no clicks), even as the view refreshes.
    for (let i = 0; i < 50; i++) {
      const target = Number(await row.first().getAttribute("data-index"));
      const focused = Number(await pane.locator(".monaco-list-row.focused").first().getAttribute("data-index").catch(() => "0"));
      if (target === focused) break;
      await this.pressInList(list, target > focused ? "ArrowDown" : "ArrowUp");
    }
    return row.first();
  }

  /**
   * Presses a navigation key in a list (focused first) and waits until the list has rendered the
   * rows it moved to: on a busy machine that takes far longer than a frame. The list moves its rows'
   * container by the scroll offset as it renders them. Keys, not the wheel: a tree keeps revealing
   * its focused row as it refreshes, which undoes a wheel.
   */
  private async pressInList(list: Locator, key: "Home" | "PageDown" | "ArrowDown" | "ArrowUp"): Promise<void> {
    const rows = list.locator(".monaco-list-rows").first();
    const offset = () => rows.evaluate((el) => (el as HTMLElement).style.top).catch(() => "");
    const before = await offset();
    const focusedBefore = await list.locator(".monaco-list-row.focused").first().getAttribute("data-index", { timeout: 100 }).catch(() => null);
    await list.focus();
    await this.page.keyboard.press(key);
    if (key === "Home" && parseFloat(before || "0") === 0 && focusedBefore === "0") return; // there already
    await waitFor(
      "the list to move",
      async () => (await offset()) !== before || (await list.locator(".monaco-list-row.focused").first().getAttribute("data-index", { timeout: 100 }).catch(() => null)) !== focusedBefore,
      2_000,
      20,
    ).catch(() => {});
  }

  /** Clicks a tree row's inline action (the icons shown on hover) by its title. */
  async treeItemAction(row: Locator, action: string, timeoutMs = 10_000): Promise<void> {
    await row.hover();
    await row.locator(`.actions .action-label[aria-label="${action}"]`).click({ timeout: timeoutMs });
  }

  /** Right-clicks a tree row and picks this item of its context menu. */
  async treeItemMenu(row: Locator, item: string, timeoutMs = 10_000): Promise<void> {
    await row.click({ button: "right" });
    const menu = this.page.locator(".context-view .monaco-menu");
    const entry = menu.locator(".action-item .action-label", { hasText: exact(item) }).first();
    await entry.waitFor({ timeout: timeoutMs });
    // A click that lands while the menu is still settling is sometimes ignored (the menu stays
    // open with the item highlighted): click again until the menu closes.
    await waitFor(`the context menu item '${item}' to be chosen`, async () => {
      if (!(await menu.isVisible())) return true;
      await entry.click({ timeout: 2_000 });
      return menu.waitFor({ state: "hidden", timeout: 1_000 }).then(() => true, () => false);
    }, timeoutMs, 0);
  }

  /** Texts of the notification toasts on screen (and of the notification center when open). */
  async notifications(): Promise<string[]> {
    return (await this.page.locator(".notification-list-item-message").allTextContents()).map(clean);
  }

  async waitForNotification(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const texts = await until(`a notification matching ${expected}`, () => this.notifications(), (ts) => ts.some((t) => matches(t, expected)), timeoutMs);
    return texts.find((t) => matches(t, expected))!;
  }

  /** The Problems panel's rows (each file, then its problems) by their accessible labels, opening the panel if needed. */
  async problems(): Promise<string[]> {
    const panel = this.page.locator(".part.panel .markers-panel");
    if (!(await panel.isVisible())) await this.runCommand("Problems: Focus on Problems View");
    await panel.waitFor({ timeout: 10_000 });
    return (await panel.locator(".monaco-list-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") ?? ""))).map(clean);
  }

  async waitForProblems(what: string, ok: (rows: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
    return until(`the Problems panel to show ${what}`, () => this.problems(), ok, timeoutMs);
  }

  /** The hover's text at a 1-based line and column of the active editor (Go to Line/Column, then Show or Focus Hover). */
  async hoverAt(line: number, column: number, timeoutMs = 30_000): Promise<string> {
    await this.runCommand("Go to Line/Column...");
    await this.quickInput().locator("input").fill(`:${line}:${column}`);
    await this.page.keyboard.press("Enter");
    await this.quickInput().waitFor({ state: "hidden", timeout: 5_000 }).catch(() => {});
    const hover = this.page.locator(".part.editor .monaco-hover:not(.hidden) .monaco-hover-content").filter({ visible: true }).first();
    return until(
      `a hover at ${line}:${column}`,
      async () => {
        if (!(await hover.isVisible())) await this.runCommand("Show or Focus Hover");
        return clean((await hover.textContent({ timeout: 2_000 }).catch(() => "")) ?? "");
      },
      (text) => text !== "" && !/^Loading/.test(text),
      timeoutMs,
    );
  }

  /** Texts of the status bar items, left to right. */
  async statusBarItems(): Promise<string[]> {
    return (await this.page.locator(".part.statusbar .statusbar-item").allTextContents()).map(clean).filter(Boolean);
  }

  async waitForStatusBarItem(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const texts = await until(`a status bar item matching ${expected}`, () => this.statusBarItems(), (ts) => ts.some((t) => matches(t, expected)), timeoutMs);
    return texts.find((t) => matches(t, expected))!;
  }

  /** Saves test-results/<scenario>/<step>.png (the whole page, or only the clip) and returns its path. */
  async screenshot(step: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string> {
    const file = join(resultsDir, this.scenario, `${step}.png`);
    mkdirSync(join(resultsDir, this.scenario), { recursive: true });
    await this.page.screenshot({ path: file, ...(clip ? { clip } : {}) });
    return file;
  }

  /** After a failure: a screenshot and the page console in test-results/<scenario>/. */
  async saveFailureArtifacts(): Promise<void> {
    mkdirSync(join(resultsDir, this.scenario), { recursive: true });
    writeFileSync(join(resultsDir, this.scenario, "browser-console.log"), this.console.join("\n") + "\n");
    await this.screenshot("failure").catch(() => {});
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/**
 * Runs one scenario: code-server with these options, the workbench open on its folder, then fn.
 * On failure, saves a screenshot, the browser console and the server logs to test-results/<scenario>/.
 */
export async function withWorkbench(
  scenario: string,
  options: CodeServerOptions,
  fn: (wb: Workbench, server: CodeServer) => Promise<void>,
): Promise<void> {
  rmSync(join(resultsDir, scenario), { recursive: true, force: true });
  const server = await startCodeServer(options);
  let wb: Workbench | undefined;
  let failed = true;
  try {
    wb = await Workbench.launch(scenario);
    await wb.open(server.folderUrl());
    await fn(wb, server);
    failed = false;
  } finally {
    if (failed) await wb?.saveFailureArtifacts();
    await wb?.close();
    await server.stop(failed ? { saveLogsTo: join(resultsDir, scenario) } : {});
  }
}

/**
 * One code-server and one workbench for several scenarios in a row (each start costs 10-20 s).
 * scenario() runs one of them with its own test-results/<scenario>/ folder; on failure it saves a
 * screenshot, the browser console and the server's and VS Code's logs there, and the next
 * scenario goes on with the same window.
 */
export class SharedWorkbench {
  private constructor(readonly wb: Workbench, readonly server: CodeServer) {}

  static async start(options: CodeServerOptions, name = "shared"): Promise<SharedWorkbench> {
    const server = await startCodeServer(options);
    try {
      const wb = await Workbench.launch(name);
      await wb.open(server.folderUrl()).catch(async (err) => {
        await wb.saveFailureArtifacts();
        await wb.close();
        throw err;
      });
      return new SharedWorkbench(wb, server);
    } catch (err) {
      await server.stop({ saveLogsTo: join(resultsDir, name) });
      throw err;
    }
  }

  async scenario(name: string, fn: (wb: Workbench, server: CodeServer) => Promise<void>): Promise<void> {
    rmSync(join(resultsDir, name), { recursive: true, force: true });
    this.wb.scenario = name;
    const consoleStart = this.wb.console.length;
    try {
      await fn(this.wb, this.server);
    } catch (err) {
      const dir = join(resultsDir, name);
      await this.wb.saveFailureArtifacts();
      writeFileSync(join(dir, "browser-console.log"), this.wb.console.slice(consoleStart).join("\n") + "\n");
      cpSync(this.server.logFile, join(dir, "code-server.log"));
      const vscodeLogs = join(this.server.userDataDir, "logs");
      if (existsSync(vscodeLogs)) cpSync(vscodeLogs, join(dir, "vscode-logs"), { recursive: true });
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.wb.close();
    await this.server.stop();
  }
}

/**
 * Pauseflow's form in its webview (webview/main.ts, webview/form.ts): one row per field with
 * `data-label`, vscode-elements controls, Submit / Start run / Resume and "Cancel run" buttons,
 * a `.status` box once the pause is over.
 */
export class PauseForm {
  constructor(readonly frame: FrameLocator) {}

  /** The form of the webview in the tab with this title; waits for its first field or button. */
  static async open(wb: Workbench, title: string | RegExp, timeoutMs = 30_000): Promise<PauseForm> {
    const form = new PauseForm(await wb.webview(title, timeoutMs));
    await form.frame.locator(".page").first().waitFor({ timeout: timeoutMs });
    return form;
  }

  /** The page title: "<flow>: <run>" or the schema's title. */
  title(): Locator {
    return this.frame.locator(".page header h1");
  }

  /** "Paused run of flow <flow> (run <run>)" or "Parameters for a run of flow <flow> (run <run>)". */
  async subtitle(): Promise<string> {
    return clean((await this.frame.locator(".page header .subtitle").textContent()) ?? "");
  }

  /** The name of the run the form belongs to (from its subtitle). */
  async runName(): Promise<string> {
    const match = /\(run (.+)\)$/.exec(await this.subtitle());
    if (!match) throw new Error(`no run name in the form's subtitle '${await this.subtitle()}'`);
    return match[1]!;
  }

  field(label: string): Locator {
    return this.frame.locator(`[data-label="${label}"]`).first();
  }

  /** The text input of a text or number field (inside the element's shadow root). */
  input(label: string): Locator {
    return this.field(label).locator("input, textarea").first();
  }

  async fill(label: string, text: string): Promise<void> {
    await this.input(label).fill(text);
  }

  /** Picks an option of a dropdown field, as a user does: open it, click the option. */
  async choose(label: string, option: string): Promise<void> {
    const select = this.field(label).locator("vscode-single-select");
    // As a person would near the bottom of the tab: scroll the dropdown up so its list has room.
    await select.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await select.click();
    await select.locator("li.option", { hasText: exact(option) }).click();
  }

  /** The text of a dropdown's chosen option. */
  async chosen(label: string): Promise<string> {
    return this.field(label).locator("vscode-single-select").evaluate((el) => {
      const select = el as HTMLElement & { selectedIndex: number };
      return (select.querySelectorAll("vscode-option")[select.selectedIndex]?.textContent ?? "").trim();
    });
  }

  /** The message shown next to a field (waits for it). */
  async error(label: string, timeoutMs = 30_000): Promise<string> {
    const error = this.field(label).locator(".error");
    await error.waitFor({ timeout: timeoutMs });
    return clean((await error.textContent()) ?? "");
  }

  button(name: string | RegExp): Locator {
    return this.frame.getByRole("button", { name: typeof name === "string" ? exact(name) : name });
  }

  async submit(): Promise<void> {
    await this.button(/^(Submit|Resume|Start run)$/).click();
  }

  /** Clicks one of the form's developer actions: Fill from Last Answer, Edit as JSON, Time Out Now. */
  async developerAction(name: string): Promise<void> {
    await this.frame.getByRole("toolbar", { name: "Developer actions" }).getByRole("button", { name: exact(name) }).click();
  }

  /** What the form says once its pause is over (accepted value, or why it ended); waits for it. */
  async status(timeoutMs = 30_000): Promise<string> {
    const status = this.frame.locator(".page .status:not([hidden])").first();
    await status.waitFor({ timeout: timeoutMs });
    return (await status.innerText()).trim();
  }

  /** Whether the form takes input: its buttons are on screen and a field is editable. */
  async editable(): Promise<boolean> {
    const page = this.frame.locator(".page").first();
    return page.evaluate((el) => !el.classList.contains("read-only") && !el.querySelector<HTMLElement>(".actions")?.hidden);
  }

  /** The page's text as a user reads it (Markdown description included). */
  async text(): Promise<string> {
    return (await this.frame.locator(".page").first().innerText()).trim();
  }
}

/** The text of a Monaco editor's visible lines, top to bottom. */
/** The rows a tree has rendered, with their place in the whole list and whether one is its last. */
function renderedRows(within: Locator): Promise<{ index: number; last: boolean; item: TreeItem }[]> {
  return within.locator(".monaco-list-row").evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute("data-index") ?? "0"),
      last: el.getAttribute("data-last-element") === "true",
      item: {
        label: (el.querySelector(".label-name")?.textContent ?? "").trim(),
        description: (el.querySelector(".label-description")?.textContent ?? "").trim(),
        ariaLabel: el.getAttribute("aria-label") ?? "",
        level: Number(el.getAttribute("aria-level") ?? "1"),
        ...(el.hasAttribute("aria-expanded") ? { expanded: el.getAttribute("aria-expanded") === "true" } : {}),
      },
    })),
  );
}

async function editorLines(viewLines: Locator): Promise<string> {
  // Monaco positions lines absolutely and may keep them out of DOM order: sort by `top`.
  return viewLines.evaluate((el) =>
    [...el.querySelectorAll(".view-line")]
      .map((line) => ({ top: parseFloat((line as HTMLElement).style.top) || 0, text: (line.textContent ?? "").replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join("\n")
      .trimEnd(),
  );
}

/** Polls read() until ok(value); a timeout error tells the last value seen. */
async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  let last: T | undefined;
  try {
    const found = await waitFor(what, async () => {
      last = await read();
      return ok(last) ? { value: last } : undefined;
    }, timeoutMs);
    return found.value;
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`);
  }
}

function clean(text: string): string {
  return text.replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim();
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? text.includes(expected) : expected.test(text);
}

/** A regexp matching exactly this text (for Playwright's hasText, which otherwise matches substrings). */
function exact(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}
