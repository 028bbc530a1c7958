// Builds the form's controls from the field tree, reads the value back as JSON, and shows issues by path.
import * as controls from "./controls";
import type { Control } from "./controls";
import type { Field, Json } from "./schema";

export type Path = readonly (string | number)[];
export interface Issue {
  path: Path;
  message: string;
}

export interface FormView {
  readonly element: HTMLElement;
  /** The current value, shaped like the schema; lenient (unparseable parts left out), so also good for drafts. */
  value(): Json;
  /** Checks every field, shows what is wrong next to it (clearing older messages); returns the messages, first field first. */
  validate(): string[];
  /** Shows issues next to their fields; returns those that belong to no field (for the banner). */
  showIssues(issues: readonly Issue[]): Issue[];
  clearIssues(): void;
  /** Moves focus to the first field that shows an error; false if none does. */
  focusFirstError(): boolean;
  setReadOnly(readOnly: boolean): void;
}

/** How one field sits in its parent: whether it may be left out, and how to label it. */
interface Slot {
  label: string;
  required: boolean;
  depth: number;
}

interface FieldView {
  readonly row: HTMLElement;
  /** The value, or undefined for "leave this key out". */
  read(): Json | undefined;
  /** What is wrong with this field itself (not its children), or null. */
  problem(): string | null;
  child(key: string | number): FieldView | undefined;
  children(): FieldView[];
  showError(message: string | null): void;
  focus(): void;
  setReadOnly(readOnly: boolean): void;
  setLabel(text: string): void;
}

interface Context {
  newId(): string;
  changed(): void;
}

export function buildForm(root: Field, initial: unknown, onChange: () => void): FormView {
  let counter = 0;
  const context: Context = { newId: () => `field-${++counter}`, changed: onChange };
  const rootView = buildField(root, { label: "Value", required: true, depth: 0 }, initial, context);
  const element = document.createElement("div");
  element.className = "form-fields";
  element.append(rootView.row);

  const all = (): FieldView[] => descendants(rootView);
  // Issues at the root of an object form (path []) or outside any field belong in the banner.
  const rootIsGroup = root.kind === "object";

  return {
    element,
    value: () => rootView.read() ?? {},
    validate() {
      const messages: string[] = [];
      for (const view of all()) {
        const problem = view.problem();
        view.showError(problem);
        if (problem) messages.push(`${view.row.dataset.label}: ${problem}`);
      }
      return messages;
    },
    showIssues(issues) {
      const byView = new Map<FieldView, string[]>();
      const unplaced: Issue[] = [];
      for (const issue of issues) {
        const { view, rest } = locate(rootView, issue.path);
        if (view === rootView && rootIsGroup) {
          unplaced.push(issue);
          continue;
        }
        const message = rest.length ? `${formatPath(rest)}: ${issue.message}` : issue.message;
        byView.set(view, [...(byView.get(view) ?? []), message]);
      }
      for (const [view, messages] of byView) view.showError(messages.join(" "));
      return unplaced;
    },
    clearIssues: () => all().forEach((view) => view.showError(null)),
    focusFirstError() {
      const first = all().find((view) => view.row.classList.contains("has-error"));
      first?.focus();
      return first !== undefined;
    },
    setReadOnly: (readOnly) => rootView.setReadOnly(readOnly),
  };
}

/** Depth-first, in document order. */
function descendants(view: FieldView): FieldView[] {
  return [view, ...view.children().flatMap(descendants)];
}

/** The deepest view along `path`, and the part of the path no view matched. */
function locate(root: FieldView, path: Path): { view: FieldView; rest: Path } {
  let view = root;
  for (let i = 0; i < path.length; i++) {
    const next = view.child(path[i]!);
    if (!next) return { view, rest: path.slice(i) };
    view = next;
  }
  return { view, rest: [] };
}

function formatPath(path: Path): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

function buildField(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const start = initial === undefined ? field.default : initial;
  switch (field.kind) {
    case "object":
      return objectView(field, slot, start, context);
    case "list":
      return listView(field, slot, start, context);
    case "boolean":
      return booleanView(field, slot, start, context);
    default:
      return scalarView(field, slot, start, context);
  }
}

/** What an empty field stands for: null when it must be given but may be null, otherwise left out. */
function empty(field: Field, slot: Slot): Json | undefined {
  if (emptyTextIsAValue(field, slot)) return "";
  return slot.required && field.nullable ? null : undefined;
}

function mustBeFilled(field: Field, slot: Slot): boolean {
  return slot.required && !field.nullable && !emptyTextIsAValue(field, slot);
}

/**
 * A required plain-text field left empty sends "": the flow's schema decides whether that will do
 * (z.string() takes it; z.string().min(1) says why not), as it decides everything else.
 */
function emptyTextIsAValue(field: Field, slot: Slot): boolean {
  return slot.required && !field.nullable && field.kind === "text" && field.input === "text" && !field.minLength;
}

// ---- rows: label, optional mark, description, control, error

interface Row {
  row: HTMLElement;
  showError(message: string | null): void;
  setLabel(text: string): void;
}

function fieldRow(field: Field, slot: Slot, id: string, control: Control<unknown>, note?: string): Row {
  const row = document.createElement("div");
  row.className = "field";
  row.dataset.label = slot.label;
  const label = controls.label(id, "");
  const labelText = document.createTextNode(slot.label);
  label.append(labelText, optionalMark(field, slot));
  row.append(label);
  appendDescription(row, field.description);
  if (note) row.append(noteElement(note));
  row.append(control.element);
  const error = errorElement();
  row.append(error);
  return { row, showError: errorSetter(row, error, control), setLabel: (text) => ((labelText.data = text), (row.dataset.label = text)) };
}

function optionalMark(field: Field, slot: Slot): Node {
  if (mustBeFilled(field, slot)) return document.createTextNode("");
  const mark = document.createElement("span");
  mark.className = "optional";
  mark.textContent = slot.required ? " (may be empty)" : " (optional)";
  return mark;
}

function appendDescription(parent: HTMLElement, description: string | undefined): void {
  if (!description) return;
  const el = document.createElement("div");
  el.className = "description";
  el.textContent = description;
  parent.append(el);
}

function noteElement(text: string): HTMLElement {
  const el = document.createElement("div");
  el.className = "note";
  el.textContent = text;
  return el;
}

function errorElement(): HTMLElement {
  const el = document.createElement("div");
  el.className = "error";
  el.hidden = true;
  return el;
}

function errorSetter(row: HTMLElement, error: HTMLElement, control?: { setInvalid(invalid: boolean): void }) {
  return (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = message === null;
    row.classList.toggle("has-error", message !== null);
    control?.setInvalid(message !== null);
  };
}

// ---- scalars: text, number, date, choice, multi-choice, JSON

function scalarView(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const id = context.newId();
  const editor = scalarEditor(field, slot, id, initial);
  const note = field.kind === "json" ? `Edited as JSON: the form cannot show a control for this field because ${field.reason}.` : undefined;
  const { row, showError, setLabel } = fieldRow(field, slot, id, editor.control, note);
  const problem = () => {
    if (editor.isEmpty()) return mustBeFilled(field, slot) ? (field.kind === "choice" ? "Choose one." : "Required.") : null;
    return editor.problem();
  };
  editor.control.onInput(() => {
    if (row.classList.contains("has-error")) showError(problem());
    context.changed();
  });
  editor.control.onCommit(() => showError(problem()));
  return {
    row,
    read: () => (editor.isEmpty() ? empty(field, slot) : editor.read()),
    problem,
    child: () => undefined,
    children: () => [],
    showError,
    focus: () => focusControl(editor.control),
    setReadOnly: (readOnly) => editor.control.setReadOnly(readOnly),
    setLabel,
  };
}

interface ScalarEditor {
  control: Control<string> | Control<string[]>;
  isEmpty(): boolean;
  /** The value; only called when not empty. Lenient: undefined when it cannot be read. */
  read(): Json | undefined;
  problem(): string | null;
}

function scalarEditor(field: Field, slot: Slot, id: string, initial: unknown): ScalarEditor {
  const placeholder = field.examples?.length ? display(field.examples[0]) : undefined;
  switch (field.kind) {
    case "text": {
      const control = field.multiline
        ? controls.textArea({ id, placeholder, maxLength: field.maxLength })
        : controls.textField({
            id,
            type: field.input,
            placeholder,
            maxLength: field.maxLength,
            step: field.input === "datetime-local" || field.input === "time" ? 1 : undefined,
          });
      if (typeof initial === "string") control.set(toInputText(field.input, initial));
      return {
        control,
        isEmpty: () => control.get() === "",
        read: () => fromInputText(field.input, control.get()),
        problem: () => control.nativeError() || textProblem(field, control.get()),
      };
    }
    case "number": {
      const lowest = field.minimum ?? field.exclusiveMinimum;
      const highest = field.maximum ?? field.exclusiveMaximum;
      const control = controls.textField({
        id,
        type: "number",
        placeholder,
        min: lowest,
        max: highest,
        step: field.multipleOf ?? (field.integer ? 1 : "any"),
      });
      if (typeof initial === "number") control.set(String(initial));
      return {
        control,
        isEmpty: () => control.get() === "" && !control.nativeError(),
        read: () => {
          const n = Number(control.get());
          return control.get() === "" || Number.isNaN(n) ? undefined : n;
        },
        problem: () => control.nativeError() || numberProblem(field, Number(control.get())),
      };
    }
    case "choice": {
      const hasInitial = field.options.some((option) => sameJson(option, initial));
      const offerNone = !mustBeFilled(field, slot) || !hasInitial;
      const noneLabel = mustBeFilled(field, slot) ? "Choose..." : field.nullable && slot.required ? "(none)" : "(not set)";
      const control = controls.select({
        id,
        options: [
          ...(offerNone ? [{ label: noneLabel, value: "" }] : []),
          ...field.options.map((option, i) => ({ label: display(option), value: String(i) })),
        ],
      });
      control.set(hasInitial ? String(field.options.findIndex((option) => sameJson(option, initial))) : "");
      return {
        control,
        isEmpty: () => control.get() === "",
        read: () => field.options[Number(control.get())],
        problem: () => null,
      };
    }
    case "multiChoice": {
      const control = controls.multiSelect({
        id,
        options: field.options.map((option, i) => ({ label: display(option), value: String(i) })),
      });
      if (Array.isArray(initial)) {
        control.set(field.options.flatMap((option, i) => (initial.some((v) => sameJson(v, option)) ? [String(i)] : [])));
      }
      const chosen = () => field.options.filter((_, i) => control.get().includes(String(i)));
      return {
        control,
        // A list that must be given is never "empty": it is [].
        isEmpty: () => control.get().length === 0 && !mustBeFilled(field, slot),
        read: chosen,
        problem: () => countProblem(chosen().length, field.minItems, field.maxItems, "option"),
      };
    }
    case "json": {
      const control = controls.textArea({ id, monospace: true, rows: 6, placeholder: placeholder ?? "JSON, e.g. {\"key\": \"value\"}" });
      if (initial !== undefined) control.set(JSON.stringify(initial, null, 2));
      const parse = (): { value?: Json; error?: string } => {
        try {
          return { value: JSON.parse(control.get()) as Json };
        } catch (e) {
          return { error: `Not valid JSON (${(e as Error).message}).` };
        }
      };
      return {
        control,
        isEmpty: () => control.get().trim() === "",
        read: () => parse().value,
        problem: () => parse().error ?? null,
      };
    }
    default:
      throw new Error(`not a scalar field: ${field.kind}`);
  }
}

function textProblem(field: Extract<Field, { kind: "text" }>, text: string): string | null {
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength) return `Use at least ${field.minLength} characters (now ${length}).`;
  if (field.maxLength !== undefined && length > field.maxLength) return `Use at most ${field.maxLength} characters (now ${length}).`;
  if (field.pattern !== undefined) {
    // JSON Schema patterns are unanchored ECMAScript regexes (the HTML pattern attribute is anchored and uses
    // the v flag, so it would mean something else): check them here instead.
    try {
      if (!new RegExp(field.pattern, "u").test(text)) return `Does not have the expected form (pattern ${field.pattern}).`;
    } catch {
      return null;
    }
  }
  return null;
}

function numberProblem(field: Extract<Field, { kind: "number" }>, n: number): string | null {
  if (Number.isNaN(n)) return "Enter a number.";
  if (field.integer && !Number.isInteger(n)) return "Enter a whole number.";
  if (field.minimum !== undefined && n < field.minimum) return `Must be at least ${field.minimum}.`;
  if (field.exclusiveMinimum !== undefined && n <= field.exclusiveMinimum) return `Must be more than ${field.exclusiveMinimum}.`;
  if (field.maximum !== undefined && n > field.maximum) return `Must be at most ${field.maximum}.`;
  if (field.exclusiveMaximum !== undefined && n >= field.exclusiveMaximum) return `Must be less than ${field.exclusiveMaximum}.`;
  if (field.multipleOf !== undefined) {
    const ratio = n / field.multipleOf;
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return `Must be a multiple of ${field.multipleOf}.`;
  }
  return null;
}

function countProblem(count: number, min: number | undefined, max: number | undefined, noun: string): string | null {
  if (min !== undefined && count < min) return `Choose at least ${min} ${noun}${min === 1 ? "" : "s"}.`;
  if (max !== undefined && count > max) return `Choose at most ${max} ${noun}${max === 1 ? "" : "s"}.`;
  return null;
}

/** JSON value -> what the input shows. Date-times are shown in local time, as datetime-local inputs expect. */
function toInputText(input: string, value: string): string {
  if (input === "date") return value.slice(0, 10);
  if (input !== "datetime-local") return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

/** What the input shows -> JSON value. Date-times become ISO strings in UTC (what zod's date-time format wants). */
function fromInputText(input: string, text: string): Json | undefined {
  if (input !== "datetime-local") return text;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function display(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

function focusControl(control: { element: HTMLElement; focus(): void }): void {
  // A field inside a collapsed group is opened first.
  for (let el = control.element.parentElement; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement) el.open = true;
  }
  control.element.scrollIntoView({ block: "center" });
  control.focus();
}

// ---- boolean: a checkbox always has a value (true or false)

function booleanView(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const id = context.newId();
  const control = controls.checkbox({ id, label: slot.label });
  control.set(initial === true);
  const row = document.createElement("div");
  row.className = "field checkbox-field";
  row.dataset.label = slot.label;
  row.append(control.element);
  appendDescription(row, field.description);
  const error = errorElement();
  row.append(error);
  control.onInput(context.changed);
  return {
    row,
    read: () => control.get(),
    problem: () => null,
    child: () => undefined,
    children: () => [],
    showError: errorSetter(row, error, control),
    focus: () => focusControl(control),
    setReadOnly: (readOnly) => control.setReadOnly(readOnly),
    setLabel: (text) => {
      row.dataset.label = text;
      control.setLabel(text);
    },
  };
}

// ---- objects: a titled group; a group that may be left out gets a "fill in" checkbox

function objectView(field: Extract<Field, { kind: "object" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const given = isPlainObject(initial) ? initial : undefined;
  const views = new Map<string, FieldView>();
  const body = document.createElement("div");
  body.className = "group-body";
  for (const property of field.properties) {
    const label = property.field.title ?? humanize(property.name);
    const view = buildField(property.field, { label, required: property.required, depth: slot.depth + 1 }, given?.[property.name], context);
    views.set(property.name, view);
    body.append(view.row);
  }

  // The whole form: no frame; its own issues go to the banner.
  const isRoot = slot.depth === 0;
  const { row, header, setLabel } = isRoot ? { row: body, header: body, setLabel: () => undefined } : groupFrame(field, slot);
  const error = errorElement();
  let include: ReturnType<typeof controls.checkbox> | undefined;
  if (!isRoot && !mustBeFilled(field, slot)) {
    include = controls.checkbox({ id: context.newId(), label: `Fill in ${slot.label}` });
    include.set(given !== undefined);
    body.hidden = given === undefined;
    include.onInput(() => {
      body.hidden = !include!.get();
      context.changed();
    });
    header.append(include.element);
  }
  if (!isRoot) row.append(error, body);
  const isIncluded = () => include?.get() ?? true;

  return {
    row,
    read() {
      if (!isIncluded()) return empty(field, slot);
      const value: Record<string, Json> = {};
      for (const [name, view] of views) {
        const v = view.read();
        if (v !== undefined) value[name] = v;
      }
      return value;
    },
    problem: () => null,
    child: (key) => (isIncluded() ? views.get(String(key)) : undefined),
    children: () => (isIncluded() ? [...views.values()] : []),
    showError: errorSetter(row, error),
    focus: () => (include ? focusControl(include) : views.values().next().value?.focus()),
    setReadOnly(readOnly) {
      include?.setReadOnly(readOnly);
      for (const view of views.values()) view.setReadOnly(readOnly);
    },
    setLabel,
  };
}

/** A fieldset near the top; deeper groups fold (<details>) so a big nested schema stays readable. */
function groupFrame(field: Field, slot: Slot): { row: HTMLElement; header: HTMLElement; setLabel(text: string): void } {
  const deep = slot.depth >= 2;
  const row = document.createElement(deep ? "details" : "fieldset");
  row.className = "group";
  row.dataset.label = slot.label;
  if (row instanceof HTMLDetailsElement) row.open = true;
  const title = document.createElement(deep ? "summary" : "legend");
  const titleText = document.createTextNode(slot.label);
  title.append(titleText, optionalMark(field, slot));
  row.append(title);
  const header = document.createElement("div");
  header.className = "group-header";
  appendDescription(header, field.description);
  row.append(header);
  return { row, header, setLabel: (text) => ((titleText.data = text), (row.dataset.label = text)) };
}

// ---- lists: items with remove buttons, and an add button

function listView(field: Extract<Field, { kind: "list" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const { row, header, setLabel } = groupFrame(field, slot);
  row.classList.add("list");
  const itemsElement = document.createElement("ol");
  itemsElement.className = "list-items";
  const error = errorElement();
  const items: { view: FieldView; element: HTMLElement; remove: controls.Button }[] = [];
  const itemNoun = field.item.title ?? "Item";
  let readOnly = false;

  const refresh = () => {
    items.forEach((item, i) => {
      item.view.setLabel(`${itemNoun} ${i + 1}`);
      item.remove.element.setAttribute("aria-label", `Remove ${itemNoun.toLowerCase()} ${i + 1}`);
    });
    for (const item of items) item.remove.setDisabled(readOnly || (field.minItems !== undefined && items.length <= field.minItems));
    add.setDisabled(readOnly || (field.maxItems !== undefined && items.length >= field.maxItems));
  };
  const addItem = (value: unknown) => {
    const view = buildField(field.item, { label: "", required: true, depth: slot.depth + 1 }, value, context);
    const element = document.createElement("li");
    element.className = "list-item";
    const remove = controls.button("Remove", () => {
      items.splice(items.findIndex((item) => item.view === view), 1);
      element.remove();
      refresh();
      add.focus();
      context.changed();
    }, { secondary: true });
    remove.element.classList.add("remove");
    element.append(view.row, remove.element);
    items.push({ view, element, remove });
    itemsElement.append(element);
  };
  const add = controls.button(`Add ${itemNoun.toLowerCase()}`, () => {
    addItem(undefined);
    refresh();
    items.at(-1)!.view.focus();
    context.changed();
  }, { secondary: true });
  add.element.classList.add("add");

  const start = Array.isArray(initial) ? initial : [];
  for (const value of start) addItem(value);
  for (let i = start.length; i < (field.minItems ?? 0); i++) addItem(undefined);
  refresh();
  row.append(error, itemsElement, add.element);
  header.hidden = header.childElementCount === 0;

  return {
    row,
    read: () => (items.length === 0 && !mustBeFilled(field, slot) ? empty(field, slot) : items.map((item) => item.view.read() ?? null)),
    problem: () => {
      if (field.minItems !== undefined && items.length < field.minItems) return `Add at least ${field.minItems} items.`;
      return null;
    },
    child: (key) => (typeof key === "number" ? items[key]?.view : undefined),
    children: () => items.map((item) => item.view),
    showError: errorSetter(row, error),
    focus: () => (items.length ? items[0]!.view.focus() : add.focus()),
    setReadOnly(value) {
      readOnly = value;
      for (const item of items) item.view.setReadOnly(value);
      refresh();
    },
    setLabel,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "shirtSize" / "shirt_size" -> "Shirt size": property names as labels when the schema gives no title. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
