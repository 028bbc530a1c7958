// The one module that knows the element library (@vscode-elements/elements). Everything else builds
// the form from these functions, so swapping the library means rewriting this file only.
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import "@vscode-elements/elements/dist/vscode-label/index.js";
import "@vscode-elements/elements/dist/vscode-multi-select/index.js";
import "@vscode-elements/elements/dist/vscode-option/index.js";
import "@vscode-elements/elements/dist/vscode-progress-ring/index.js";
import "@vscode-elements/elements/dist/vscode-single-select/index.js";
import "@vscode-elements/elements/dist/vscode-textarea/index.js";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import type { VscodeTextfield } from "@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js";
import type { VscodeTextarea } from "@vscode-elements/elements/dist/vscode-textarea/vscode-textarea.js";
import type { FileForm } from "../src/shared/formValue";

/** One input control; values are what the control holds (strings for text), not yet JSON. */
export interface Control<V> {
  readonly element: HTMLElement;
  get(): V;
  set(value: V): void;
  /** The browser's own complaint about what was typed (not a number, not an email...), "" if none. */
  nativeError(): string;
  setInvalid(invalid: boolean): void;
  setReadOnly(readOnly: boolean): void;
  focus(): void;
  /** Called on every edit. */
  onInput(listener: () => void): void;
  /** Called when an edit is committed (blur after typing, a pick from a list). */
  onCommit(listener: () => void): void;
}

export type TextFieldType = "text" | "email" | "url" | "date" | "datetime-local" | "time" | "number";

// No `required` on any control: the elements would show themselves invalid (red) before anyone touched them.
// The form checks "must be filled in" itself, when a field is left and on submit.

export interface TextFieldOptions {
  id: string;
  type: TextFieldType;
  placeholder?: string;
  min?: number;
  max?: number;
  /** "any" lifts the default step of 1 for number inputs. */
  step?: number | "any";
  maxLength?: number;
}

export function textField(options: TextFieldOptions): Control<string> {
  const el = document.createElement("vscode-textfield");
  el.id = options.id;
  el.type = options.type;
  if (options.placeholder !== undefined) el.placeholder = options.placeholder;
  if (options.min !== undefined) el.min = options.min;
  if (options.max !== undefined) el.max = options.max;
  // The element types step as a number but renders the property verbatim, and "any" is what the input needs.
  if (options.step !== undefined) (el as { step: unknown }).step = options.step;
  if (options.maxLength !== undefined) el.maxLength = options.maxLength;
  return textControl(el, () => {
    const validity = el.wrappedElement?.validity;
    return validity && (validity.badInput || validity.typeMismatch) ? el.wrappedElement.validationMessage : "";
  });
}

export interface TextAreaOptions {
  id: string;
  placeholder?: string;
  maxLength?: number;
  rows?: number;
  monospace?: boolean;
}

export function textArea(options: TextAreaOptions): Control<string> {
  const el = document.createElement("vscode-textarea");
  el.id = options.id;
  el.rows = options.rows ?? 4;
  el.resize = "vertical";
  el.monospace = options.monospace ?? false;
  if (options.placeholder !== undefined) el.placeholder = options.placeholder;
  if (options.maxLength !== undefined) el.maxLength = options.maxLength;
  return textControl(el, () => "");
}

function textControl(el: VscodeTextfield | VscodeTextarea, nativeError: () => string): Control<string> {
  return {
    element: el,
    get: () => el.value,
    set: (value) => (el.value = value),
    nativeError,
    setInvalid: (invalid) => (el.invalid = invalid),
    setReadOnly: (readOnly) => (el.readonly = readOnly),
    focus: () => focusWhenRendered(el),
    onInput: (listener) => el.addEventListener("input", listener),
    onCommit: (listener) => el.addEventListener("change", listener),
  };
}

export function checkbox(options: { id: string; label: string }): Control<boolean> & { setLabel(text: string): void } {
  const el = document.createElement("vscode-checkbox");
  el.id = options.id;
  el.label = options.label;
  return {
    ...changeControl(el, () => el.checked, (checked) => (el.checked = checked)),
    setLabel: (text) => (el.label = text),
  };
}

export interface Option {
  label: string;
  value: string;
}

/** A dropdown. Give an option with value "" for "nothing chosen". */
export function select(options: { id: string; options: Option[] }): Control<string> {
  const el = document.createElement("vscode-single-select");
  el.id = options.id;
  el.append(...options.options.map(optionElement));
  opensWhereItFits(el);
  return changeControl(el, () => el.value, (value) => (el.value = value));
}

export function multiSelect(options: { id: string; options: Option[] }): Control<string[]> {
  const el = document.createElement("vscode-multi-select");
  el.id = options.id;
  el.append(...options.options.map(optionElement));
  opensWhereItFits(el);
  return changeControl(el, () => el.value, (value) => (el.value = value));
}

/** What the library draws: at most 10 options of 22 px, plus its border and the multi-select's buttons. */
const OPTION_HEIGHT = 22;
const VISIBLE_OPTIONS = 10;

/**
 * The library opens a list below its control, in the page's top layer, and closes it when the page
 * scrolls: near the bottom of the tab the list was cut off (under VS Code's panel), out of reach.
 * Just before it opens (a press or a key), it opens upward when there is not room below and there
 * is more above.
 */
function opensWhereItFits(el: HTMLElement & { position: "above" | "below" }): void {
  const place = () => {
    const rect = el.getBoundingClientRect();
    const options = Math.min(el.querySelectorAll("vscode-option").length, VISIBLE_OPTIONS);
    const extra = el.tagName === "VSCODE-MULTI-SELECT" ? 40 : 4;
    const needed = options * OPTION_HEIGHT + extra;
    const below = window.innerHeight - rect.bottom;
    el.position = below < needed && rect.top > below ? "above" : "below";
  };
  // Capturing, so it runs before the element's own handlers open the list.
  el.addEventListener("pointerdown", place, { capture: true });
  el.addEventListener("keydown", place, { capture: true });
}

/** A control whose every edit is a committed "change" (checkboxes, dropdowns). */
function changeControl<V>(el: HTMLElement & { invalid: boolean; disabled: boolean; updateComplete: Promise<boolean> }, get: () => V, set: (value: V) => void): Control<V> {
  return {
    element: el,
    get,
    set,
    nativeError: () => "",
    setInvalid: (invalid) => (el.invalid = invalid),
    setReadOnly: (readOnly) => (el.disabled = readOnly),
    focus: () => focusWhenRendered(el),
    onInput: (listener) => el.addEventListener("change", listener),
    onCommit: (listener) => el.addEventListener("change", listener),
  };
}

function optionElement(option: Option): HTMLElement {
  const el = document.createElement("vscode-option");
  el.value = option.value;
  el.textContent = option.label;
  return el;
}

/**
 * A file path: a text box that stays editable, and a "Browse..." button that asks the host for a
 * file in the workspace. A refused pick (a file outside the workspace) is told through `onRefused`.
 */
export function pathField(options: {
  id: string;
  placeholder?: string;
  pick: (current: string) => Promise<{ path?: string; refused?: string }>;
  onRefused: (message: string) => void;
}): Control<string> {
  const text = textField({ id: options.id, type: "text", placeholder: options.placeholder });
  const input = text.element as HTMLElement & { value: string };
  const el = document.createElement("div");
  el.className = "path-field";
  let picking = false;
  const browse = button("Browse...", () => {
    if (picking) return;
    picking = true;
    void options
      .pick(text.get())
      .then((picked) => {
        if (picked.refused) options.onRefused(picked.refused);
        if (picked.path === undefined) return;
        text.set(picked.path);
        // As if typed: the form hears of it and checks it.
        input.dispatchEvent(new Event("input"));
        input.dispatchEvent(new Event("change"));
      })
      .finally(() => (picking = false));
  }, { secondary: true });
  browse.element.setAttribute("aria-label", "Browse for a file in the workspace");
  el.append(text.element, browse.element);
  return {
    ...text,
    element: el,
    setReadOnly: (readOnly) => {
      text.setReadOnly(readOnly);
      browse.setDisabled(readOnly);
    },
  };
}

/** A label tied to the control with id `forId` (the library sets the control's accessible name from it). */
export function label(forId: string, text: string): HTMLElement {
  const el = document.createElement("vscode-label");
  el.htmlFor = forId;
  el.textContent = text;
  return el;
}

export interface Button {
  readonly element: HTMLElement;
  setDisabled(disabled: boolean): void;
  focus(): void;
}

export function button(text: string, onClick: () => void, options: { secondary?: boolean } = {}): Button {
  const el = document.createElement("vscode-button");
  el.textContent = text;
  el.secondary = options.secondary ?? false;
  el.addEventListener("click", () => {
    if (!el.disabled) onClick();
  });
  return { element: el, setDisabled: (disabled) => (el.disabled = disabled), focus: () => focusWhenRendered(el) };
}

/** The elements render asynchronously (Lit); one created a moment ago is not focusable until it has rendered. */
function focusWhenRendered(el: HTMLElement & { updateComplete: Promise<boolean> }): void {
  void el.updateComplete.then(() => el.focus());
}

export function spinner(): HTMLElement {
  const el = document.createElement("vscode-progress-ring");
  el.setAttribute("aria-hidden", "true");
  return el;
}

/**
 * A file picker. vscode-elements has none: a button opens a visually hidden native input, and the
 * chosen file is read in the page; listeners hear of a pick once it has been read.
 */
export function filePicker(options: { id: string; accept?: string[] }): Control<FileForm | undefined> & { reading(): boolean } {
  const el = document.createElement("div");
  el.className = "file-picker";
  const input = document.createElement("input");
  input.type = "file";
  input.id = options.id;
  input.className = "file-input";
  input.tabIndex = -1;
  if (options.accept?.length) input.accept = options.accept.join(",");
  const name = document.createElement("span");
  name.className = "file-name";
  const choose = button("Choose file...", () => input.click(), { secondary: true });
  el.append(input, choose.element, name);

  let value: FileForm | undefined;
  let pending = 0;
  const listeners: (() => void)[] = [];
  const set = (picked: FileForm | undefined) => {
    value = picked;
    name.textContent = picked ? picked.name : "No file chosen";
  };
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    const reader = new FileReader();
    pending++;
    reader.addEventListener("loadend", () => {
      pending--;
      const url = typeof reader.result === "string" ? reader.result : "";
      // A data: URL; the part after the comma is the base64 of the file.
      if (!reader.error) set({ name: file.name, type: file.type, base64: url.slice(url.indexOf(",") + 1) });
      listeners.forEach((listener) => listener());
    });
    reader.readAsDataURL(file);
  });
  set(undefined);
  return {
    element: el,
    get: () => value,
    set,
    nativeError: () => "",
    setInvalid: (invalid) => el.classList.toggle("invalid", invalid),
    setReadOnly: (readOnly) => {
      choose.setDisabled(readOnly);
      input.disabled = readOnly;
    },
    focus: () => choose.focus(),
    onInput: (listener) => listeners.push(listener),
    onCommit: (listener) => listeners.push(listener),
    reading: () => pending > 0,
  };
}
