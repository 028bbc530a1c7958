// Fields with one control and a scalar-like value: text, number, date, choice, multi-choice, file, JSON.
// Each reads its value back leniently and says what is wrong with it, as the flow's schema would.
import { isFileForm, type FileForm } from "../src/shared/formValue";
import * as controls from "./controls";
import type { Control } from "./controls";
import { fieldRow, focusControl } from "./fieldRow";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import type { Field, Json } from "./schema";

export function scalarView(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const id = context.newId();
  let showRefusal = (_message: string) => {};
  const editor = scalarEditor(field, slot, id, initial, context, (message) => showRefusal(message));
  const note = field.kind === "json" ? `Edited as JSON: the form cannot show a control for this field because ${field.reason}.` : undefined;
  const { row, showError, setLabel } = fieldRow(field, slot, id, editor.control, note);
  showRefusal = showError;
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
  control: Control<string> | Control<string[]> | Control<FileForm | undefined>;
  isEmpty(): boolean;
  /** The value; only called when not empty. Lenient: undefined when it cannot be read. */
  read(): Json | undefined;
  problem(): string | null;
}

function scalarEditor(field: Field, slot: Slot, id: string, initial: unknown, context: Context, onRefused: (message: string) => void): ScalarEditor {
  const placeholder = field.examples?.length ? display(field.examples[0]) : undefined;
  switch (field.kind) {
    case "text": {
      const pick = context.pickPath;
      const control = field.input === "path" && pick
        ? controls.pathField({ id, placeholder, pick, onRefused })
        : field.multiline
        ? controls.textArea({ id, placeholder, maxLength: field.maxLength })
        : controls.textField({
            id,
            type: field.input === "path" ? "text" : field.input,
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
    case "file": {
      const control = controls.filePicker({ id, accept: field.accept });
      if (isFileForm(initial)) control.set(initial);
      return {
        control,
        isEmpty: () => control.get() === undefined && !control.reading(),
        read: () => control.get() as Json | undefined,
        problem: () => (control.reading() ? "Still reading the file; try again in a moment." : null),
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
