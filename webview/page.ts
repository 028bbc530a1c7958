// The pause form page: header, description, fields, buttons, countdown and status, following the pause's phase
// (editing, submitting, cancelling, accepted, ended). It talks to the host only through PageHost.
import type { FieldIssue } from "../src/protocol/common";
import type { FormModel, WebviewMessage } from "../src/protocol/form";
import * as controls from "./controls";
import { formatTimeLeft, startCountdown } from "./countdown";
import { formatIssue } from "../src/shared/issues";
import { div } from "./dom";
import type { PathPick, PickPath } from "./fieldView";
import { buildForm, type FormView } from "./form";
import { renderMarkdown } from "./markdown";
import { toField, type Field, type Json } from "./schema";

type Phase = "editing" | "submitting" | "cancelling" | "timingOut" | "accepted" | "ended";

/** What survives the tab being hidden or the window reloading (webview getState/setState). */
export interface SavedState {
  form: FormModel;
  draft?: Json;
  phase: Phase;
  issues: FieldIssue[];
  /** While the value is edited as JSON: the text. */
  json?: string;
  /** For "accepted": the value the flow got; for "ended": why. */
  accepted?: unknown;
  reason?: string;
}

export interface PageHost {
  post(message: WebviewMessage): void;
  /** Merges `patch` into the saved state. */
  save(patch: Partial<SavedState>): void;
}

export class Page {
  readonly element = div("page");
  private readonly form: FormModel;
  private phase: Phase;
  private readonly root: Field | undefined;
  private fields: FormView | undefined;
  /** "Edit as JSON": the whole value in a textarea instead of the fields, while it is shown. */
  private jsonEditor: controls.Control<string> | undefined;
  private readonly jsonPanel = div("json-editor");
  private readonly tools = div("tools");
  private readonly toolButtons: controls.Button[] = [];
  private readonly banner = div("banner");
  private readonly status = div("status");
  private readonly live = div("visually-hidden");
  private readonly busy = div("busy");
  private readonly busyText = document.createTextNode("");
  private readonly actions = div("actions");
  private readonly confirmBar = div("confirm");
  private readonly submitButton: controls.Button;
  private readonly cancelButton: controls.Button;
  private readonly keepWaiting: controls.Button;
  private stopCountdown = () => {};
  private pathRequests = new Map<number, (picked: PathPick) => void>();
  private nextPathRequest = 1;

  constructor(
    saved: SavedState,
    private readonly host: PageHost,
  ) {
    this.form = saved.form;
    this.phase = saved.phase;
    const form = saved.form;
    const root = form.noInput ? undefined : toField(form.jsonSchema);
    this.root = root;

    this.element.append(this.header(form, root));
    if (form.description) {
      const description = div("markdown");
      description.append(renderMarkdown(form.description, form.resourceBase));
      this.element.append(description);
    }
    if (form.warnings.length) {
      this.element.append(div("note warnings", `Some of this form is approximate: ${form.warnings.join(" ")}`));
    }

    this.banner.setAttribute("role", "alert");
    this.banner.hidden = true;
    this.element.append(this.banner);

    this.element.append(this.developerTools(form));
    if (root) {
      const initial = saved.draft !== undefined ? saved.draft : form.initialData;
      this.fields = this.newFields(root, initial);
      this.jsonPanel.hidden = true;
      this.element.append(this.fields.element, this.jsonPanel);
      if (saved.json !== undefined) this.showJson(saved.json);
    }

    const submitLabel = form.noInput ? "Resume" : form.kind === "parameters" ? "Start run" : "Submit";
    this.submitButton = controls.button(submitLabel, () => this.submit());
    this.cancelButton = controls.button("Cancel run", () => this.askToCancel(), { secondary: true });
    this.busy.append(controls.spinner(), this.busyText);
    this.busy.hidden = true;
    const shortcut = div("shortcut", `${/Mac/.test(navigator.platform) ? "Cmd" : "Ctrl"}+Enter to ${submitLabel.toLowerCase()}`);
    this.actions.append(this.submitButton.element, this.cancelButton.element, this.busy, shortcut);
    this.keepWaiting = controls.button("Keep waiting", () => this.dismissCancel(), { secondary: true });
    const confirmCancel = controls.button("Yes, cancel the run", () => {
      this.confirmBar.hidden = true;
      this.phase = "cancelling";
      this.update();
      this.host.post({ type: "cancelRun" });
    });
    this.confirmBar.append(div("confirm-text", "Cancel this run? The flow stops and does not resume."), confirmCancel.element, this.keepWaiting.element);
    this.confirmBar.setAttribute("role", "alertdialog");
    this.confirmBar.setAttribute("aria-label", "Confirm cancelling the run");
    this.confirmBar.hidden = true;
    this.status.hidden = true;
    this.live.id = "announcer";
    this.live.setAttribute("aria-live", "assertive");
    this.element.append(this.actions, this.confirmBar, this.status, this.live);

    if (saved.issues.length) this.showIssues(saved.issues, false);
    if (saved.phase === "accepted") this.finish({ phase: "accepted", accepted: saved.accepted });
    else if (saved.phase === "ended") this.finish({ phase: "ended", reason: saved.reason });
    else {
      if (saved.phase !== "editing") this.phase = "editing";
      this.startCountdown();
      this.update();
    }
  }

  dispose(): void {
    this.stopCountdown();
  }

  submit(): void {
    if (this.phase !== "editing") return;
    let value: Json = {};
    if (this.jsonEditor) {
      const parsed = this.parseJson();
      if (!parsed) return;
      value = parsed.value;
    } else if (this.fields) {
      this.setBanner([]);
      const problems = this.fields.validate();
      if (problems.length) {
        this.announce(`The form has ${plural(problems.length, "problem")}: ${problems.join(" ")}`);
        this.fields.focusFirstError();
        return;
      }
      value = this.fields.value();
    }
    this.phase = "submitting";
    this.host.save({ phase: "submitting", issues: [], ...(this.jsonEditor ? {} : { draft: value }) });
    this.update();
    this.host.post({ type: "submit", value });
  }

  /** Asks the host for a file path; answered by pathPicked. */
  private pickPath(current: string): Promise<PathPick> {
    const requestId = this.nextPathRequest++;
    return new Promise((resolve) => {
      this.pathRequests.set(requestId, resolve);
      this.host.post({ type: "pickPath", requestId, current });
    });
  }

  pathPicked(requestId: number, picked: PathPick): void {
    this.pathRequests.get(requestId)?.(picked);
    this.pathRequests.delete(requestId);
  }

  invalid(issues: FieldIssue[]): void {
    this.phase = "editing";
    this.host.save({ phase: "editing", issues });
    this.update();
    this.showIssues(issues, true);
  }

  finish(outcome: { phase: "accepted"; accepted?: unknown } | { phase: "ended"; reason?: string }): void {
    this.stopCountdown();
    const countdown = this.element.querySelector<HTMLElement>(".countdown:not(.expired)");
    if (countdown) countdown.hidden = true;
    this.phase = outcome.phase;
    this.host.save({ ...outcome, issues: [] });
    this.fields?.clearIssues();
    this.setBanner([]);
    this.update();
    this.status.replaceChildren();
    if (outcome.phase === "accepted") {
      this.status.append(div("status-title", this.form.noInput ? "Resumed: the flow continues." : "Submitted: the flow continues with this value."));
      if (!this.form.noInput) {
        const pre = document.createElement("pre");
        pre.textContent = JSON.stringify(outcome.accepted, null, 2) ?? "";
        this.status.append(pre);
      }
    } else {
      this.status.append(div("status-title", outcome.reason ?? "This pause is over."));
    }
    this.status.hidden = false;
    this.announce(this.status.firstChild?.textContent ?? "");
  }

  /** Developer actions: Fill from Last Answer, Edit as JSON, Time Out Now. */
  private developerTools(form: FormModel): HTMLElement {
    this.tools.setAttribute("role", "toolbar");
    this.tools.setAttribute("aria-label", "Developer actions");
    const add = (text: string, onClick: () => void) => {
      const button = controls.button(text, () => this.phase === "editing" && onClick(), { secondary: true });
      this.toolButtons.push(button);
      this.tools.append(button.element);
      return button;
    };
    if (this.root && form.lastAnswer !== undefined) add("Fill from Last Answer", () => this.fillFromLastAnswer());
    if (this.root) {
      const toggle = add("Edit as JSON", () => this.toggleJson());
      toggle.element.classList.add("json-toggle");
    }
    if (form.canTimeOut) add("Time Out Now", () => this.timeOutNow());
    this.tools.hidden = this.toolButtons.length === 0;
    return this.tools;
  }

  private fillFromLastAnswer(): void {
    const last = this.form.lastAnswer as Json;
    if (this.jsonEditor) {
      this.jsonEditor.set(JSON.stringify(last, null, 2));
      this.host.save({ json: this.jsonEditor.get() });
    } else {
      this.refill(last);
    }
    this.setBanner([]);
    this.announce("Filled from the last accepted answer.");
  }

  private toggleJson(): void {
    if (!this.jsonEditor) {
      this.showJson(JSON.stringify(this.fields?.value() ?? {}, null, 2)).focus();
      return;
    }
    // Back to the fields, holding what the JSON says; JSON that does not parse keeps the editor open.
    const parsed = this.parseJson();
    if (!parsed) return;
    this.jsonEditor = undefined;
    this.jsonPanel.replaceChildren();
    this.jsonPanel.hidden = true;
    this.setJsonLabel("Edit as JSON");
    this.refill(parsed.value);
    this.host.save({ json: undefined });
  }

  private showJson(text: string): controls.Control<string> {
    const editor = controls.textArea({ id: "json-value", rows: 14, monospace: true });
    editor.set(text);
    editor.onInput(() => this.host.save({ json: editor.get() }));
    const label = controls.label("json-value", "The whole value, as JSON (checked by the flow's schema when submitted)");
    this.jsonPanel.replaceChildren(label, editor.element);
    this.jsonPanel.hidden = false;
    this.jsonEditor = editor;
    if (this.fields) this.fields.element.hidden = true;
    this.setJsonLabel("Edit as Form");
    this.fields?.clearIssues();
    this.host.save({ json: text });
    return editor;
  }

  /** The JSON editor's value; undefined (and the problem shown) when it is not JSON. */
  private parseJson(): { value: Json } | undefined {
    try {
      return { value: JSON.parse(this.jsonEditor?.get() ?? "") as Json };
    } catch (error) {
      const message = `Not valid JSON: ${(error as Error).message}`;
      this.setBanner([message]);
      this.jsonEditor?.setInvalid(true);
      this.announce(message);
      this.jsonEditor?.focus();
      return undefined;
    }
  }

  private setJsonLabel(text: string): void {
    const toggle = this.tools.querySelector(".json-toggle");
    if (toggle) toggle.textContent = text;
  }

  /** The fields again, holding `value`. */
  private refill(value: Json): void {
    if (!this.root) return;
    const fresh = this.newFields(this.root, value);
    this.fields?.element.replaceWith(fresh.element);
    this.fields = fresh;
    this.update();
    this.host.save({ draft: fresh.value() });
  }

  private newFields(root: Field, initial: unknown): FormView {
    return buildFields(root, initial, () => this.host.save({ draft: this.fields?.value() }), (current) => this.pickPath(current));
  }

  private timeOutNow(): void {
    this.confirmBar.hidden = true;
    this.phase = "timingOut";
    this.update();
    this.host.post({ type: "timeOut" });
  }

  private header(form: FormModel, root: Field | undefined): HTMLElement {
    const header = document.createElement("header");
    const schemaTitle = typeof form.jsonSchema.title === "string" ? form.jsonSchema.title : undefined;
    const title = document.createElement("h1");
    title.textContent = schemaTitle ?? form.title ?? `${form.flowName}: ${form.runName}`;
    const what = form.kind === "parameters" ? "Parameters for a run of" : "Paused run of";
    header.append(title, div("subtitle", `${what} flow ${form.flowName} (run ${form.runName})`));
    const schemaDescription = form.wrapped ? undefined : root?.description;
    if (schemaDescription) header.append(div("schema-description", schemaDescription));
    if (form.deadline !== null) {
      const countdown = div("countdown");
      countdown.setAttribute("role", "timer");
      header.append(countdown);
    }
    return header;
  }

  private startCountdown(): void {
    const countdown = this.element.querySelector<HTMLElement>(".countdown");
    if (this.form.deadline === null || !countdown) return;
    this.stopCountdown = startCountdown(
      this.form.deadline,
      (left) => {
        countdown.textContent = `Time left: ${formatTimeLeft(left)}`;
        countdown.classList.toggle("urgent", left < 60_000);
      },
      () => {
        countdown.textContent = "Timed out";
        countdown.classList.add("expired");
        this.finish({ phase: "ended", reason: "This pause timed out: the form can no longer be submitted." });
      },
    );
  }

  private askToCancel(): void {
    if (this.phase !== "editing") return;
    this.confirmBar.hidden = false;
    this.keepWaiting.focus();
  }

  /** Closes the "Cancel this run?" question; true if it was open. */
  dismissCancel(): boolean {
    if (this.confirmBar.hidden) return false;
    this.confirmBar.hidden = true;
    this.cancelButton.focus();
    return true;
  }

  private showIssues(issues: FieldIssue[], announce: boolean): void {
    // Issues come form-shaped (a bare-type pause's at its field `value`); the ones no field owns go in the banner.
    const unplaced = this.fields && !this.jsonEditor ? this.fields.showIssues(issues) : issues;
    this.jsonEditor?.setInvalid(this.jsonEditor !== undefined && issues.length > 0);
    this.setBanner(unplaced.map(formatIssue));
    if (!announce) return;
    this.announce(`Not accepted: ${issues.map((issue) => issue.message).join(" ")}`);
    if (this.jsonEditor || !this.fields?.focusFirstError()) this.banner.focus();
  }

  private setBanner(messages: string[]): void {
    this.banner.replaceChildren(...messages.map((message) => div("banner-line", message)));
    this.banner.hidden = messages.length === 0;
    this.banner.tabIndex = -1;
  }

  private announce(text: string): void {
    // Clear first so the same message twice is still read out.
    this.live.textContent = "";
    setTimeout(() => (this.live.textContent = text), 50);
  }

  /** Buttons, busy indicator and read-only state follow the phase. */
  private update(): void {
    const editing = this.phase === "editing";
    const over = this.phase === "accepted" || this.phase === "ended";
    this.fields?.setReadOnly(!editing);
    this.jsonEditor?.setReadOnly(!editing);
    for (const button of this.toolButtons) button.setDisabled(!editing);
    this.tools.hidden = over || this.toolButtons.length === 0;
    this.submitButton.setDisabled(!editing);
    this.cancelButton.setDisabled(!editing);
    this.actions.hidden = over;
    if (over) this.confirmBar.hidden = true;
    this.busyText.data =
      this.phase === "submitting" ? (this.form.noInput ? "Resuming..." : "Checking...") : this.phase === "timingOut" ? "Timing the pause out..." : "Cancelling the run...";
    this.busy.hidden = !(this.phase === "submitting" || this.phase === "cancelling" || this.phase === "timingOut");
    this.element.setAttribute("aria-busy", String(!this.busy.hidden));
    this.element.classList.toggle("read-only", !editing);
  }
}

/** Never a blank form: if the fields cannot be built, the whole value is edited as JSON. */
function buildFields(root: Field, initial: unknown, onChange: () => void, pickPath: PickPath): FormView {
  try {
    return buildForm(root, initial, onChange, pickPath);
  } catch (error) {
    const reason = `the form could not be built (${(error as Error).message})`;
    return buildForm({ kind: "json", reason, nullable: false }, initial, onChange);
  }
}


function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
