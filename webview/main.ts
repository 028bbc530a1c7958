// The pause form webview's start-up: gets VS Code's webview API, keeps the page's state across the tab
// being hidden, and passes the host's messages and the keyboard shortcuts to the page.
import type { HostMessage, WebviewMessage } from "../src/protocol/form";
import { isRecord } from "../src/shared/guards";
import { div } from "./dom";
import { Page, type SavedState } from "./page";

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById("app")!;
let state: SavedState | undefined = vscode.getState();
let page: Page | undefined;

const host = {
  post: (message: WebviewMessage) => vscode.postMessage(message),
  save(patch: Partial<SavedState>): void {
    if (!state) return;
    state = { ...state, ...patch };
    vscode.setState(state);
  },
};

function show(saved: SavedState): void {
  page?.dispose();
  state = saved;
  vscode.setState(saved);
  page = new Page(saved, host);
  app.replaceChildren(page.element);
  app.removeAttribute("aria-busy");
}

window.addEventListener("message", (event: MessageEvent) => {
  const data: unknown = event.data;
  if (!isRecord(data) || typeof data.type !== "string") return;
  const message = data as HostMessage;
  switch (message.type) {
    case "show": {
      const same = state && state.form.runId === message.form.runId && state.form.key === message.form.key ? state : undefined;
      show({ form: message.form, phase: "editing", draft: same?.draft, json: same?.json, issues: same?.issues ?? [] });
      break;
    }
    case "invalid":
      page?.invalid(message.issues);
      break;
    case "accepted":
      page?.finish({ phase: "accepted", accepted: message.value });
      break;
    case "pathPicked":
      page?.pathPicked(message.requestId, { path: message.path, refused: message.refused });
      break;
    case "ended":
      if (page) page.finish({ phase: "ended", reason: message.reason });
      else app.replaceChildren(div("banner", message.reason));
      app.removeAttribute("aria-busy");
      break;
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    page?.submit();
  } else if (event.key === "Escape" && page?.dismissCancel()) {
    event.preventDefault();
  }
});

if (state) show(state);
vscode.postMessage({ type: "ready" });
