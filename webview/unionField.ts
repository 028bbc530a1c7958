// A union field: a dropdown of its variants, then the chosen variant's fields. In a discriminated
// union the dropdown sets the discriminator, so the variant's own fields leave it out; a value read
// back is the chosen variant's object with its tag. Each variant keeps what was typed in it while
// another is chosen.
import { isFileForm } from "../src/shared/formValue";
import { isRecord } from "../src/shared/guards";
import * as controls from "./controls";
import { div } from "./dom";
import { fieldRow, focusControl, groupFrame } from "./fieldRow";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import { humanize } from "./objectField";
import { settle, type Field, type Json, type Variant } from "./schema";

type UnionField = Extract<Field, { kind: "union" }>;

export function unionView(field: UnionField, slot: Slot, initial: unknown, context: Context): FieldView {
  const isRoot = slot.depth === 0;
  const frame = isRoot ? undefined : groupFrame(field, slot);
  const row = frame?.row ?? div("union-root");
  row.dataset.label = slot.label;
  row.classList.add("union");

  const required = mustBeFilled(field, slot);
  const start = variantIndex(field, initial);
  const noneLabel = required ? "Choose..." : field.nullable && slot.required ? "(none)" : "(not set)";
  const pickerId = context.newId();
  const picker = controls.select({
    id: pickerId,
    options: [
      ...(required && start !== undefined ? [] : [{ label: noneLabel, value: "" }]),
      ...field.variants.map((variant, i) => ({ label: variant.label, value: String(i) })),
    ],
  });
  picker.set(start === undefined ? "" : String(start));
  const pickerLabel = field.discriminator ? humanize(field.discriminator) : isRoot ? "Variant" : `${slot.label}: variant`;
  const pickerRow = fieldRow({ ...field, description: undefined }, { ...slot, label: pickerLabel }, pickerId, picker);
  pickerRow.row.classList.add("variant-picker");
  const body = div("union-variant");
  row.append(pickerRow.row, body);

  const views = new Map<number, FieldView>();
  let readOnly = false;
  const chosen = (): number | undefined => (picker.get() === "" ? undefined : Number(picker.get()));
  const chosenView = () => {
    const index = chosen();
    return index === undefined ? undefined : views.get(index);
  };
  const show = (index: number | undefined) => {
    if (index !== undefined && !views.has(index)) {
      const variant = field.variants[index]!;
      const view = context.build(variant.field, variantSlot(variant, slot), index === start ? initial : undefined);
      view.setReadOnly(readOnly);
      views.set(index, view);
      body.append(view.row);
    }
    for (const [i, view] of views) view.row.hidden = i !== index;
  };
  show(start);

  const problem = () => (chosen() === undefined && required ? "Choose one." : null);
  const showError = (message: string | null) => {
    const view = chosenView();
    // A variant shown with a label of its own (a number, a list) carries its issues; an object's go by the picker.
    if (view && !isFrameless(field.variants[chosen()!]!)) view.showError(message);
    else pickerRow.showError(message);
    row.classList.toggle("has-error", message !== null);
  };
  picker.onInput(() => {
    show(chosen());
    if (row.classList.contains("has-error")) showError(problem());
    context.changed();
  });

  return {
    row,
    read() {
      const index = chosen();
      if (index === undefined) return empty(field, slot);
      const value = views.get(index)?.read();
      if (field.discriminator === undefined) return value;
      return { [field.discriminator]: field.variants[index]!.tag as Json, ...(isRecord(value) ? (value) : {}) };
    },
    problem,
    child: (key) => (key === field.discriminator ? undefined : chosenView()?.child(key)),
    children: () => {
      const view = chosenView();
      return view ? [view] : [];
    },
    showError,
    focus: () => focusControl(picker),
    setReadOnly(value) {
      readOnly = value;
      picker.setReadOnly(value);
      for (const view of views.values()) view.setReadOnly(value);
    },
    setLabel: (text) => frame?.setLabel(text),
  };
}

function isFrameless(variant: Variant): boolean {
  return settle(variant.field).kind === "object";
}

function variantSlot(variant: Variant, slot: Slot): Slot {
  return isFrameless(variant)
    ? { label: variant.label, required: true, depth: slot.depth, frameless: true }
    : { label: variant.label, required: true, depth: slot.depth + 1 };
}

/** The variant a given value belongs to: by its tag, or the first whose kind fits it. */
function variantIndex(field: UnionField, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const index = field.variants.findIndex((variant) =>
    field.discriminator !== undefined ? isRecord(value) && JSON.stringify(value[field.discriminator]) === JSON.stringify(variant.tag) : fits(settle(variant.field), value),
  );
  return index < 0 ? undefined : index;
}

function fits(field: Field, value: unknown): boolean {
  switch (field.kind) {
    case "text":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && (!field.integer || Number.isInteger(value));
    case "boolean":
      return typeof value === "boolean";
    case "choice":
      return field.options.some((option) => JSON.stringify(option) === JSON.stringify(value));
    case "list":
    case "multiChoice":
      return Array.isArray(value);
    case "tuple":
      return Array.isArray(value) && value.length === field.items.length;
    case "file":
      return isFileForm(value);
    case "object":
      return isRecord(value) && field.properties.every((p) => !p.required || p.name in value);
    case "record":
      return isRecord(value);
    case "union":
      return variantIndex(field, value) !== undefined;
    default:
      return true;
  }
}
