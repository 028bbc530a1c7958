// An object field: a titled group of its properties; a group that may be left out gets a "fill in" checkbox.
// At the root it is the whole form, with no frame.
import { isRecord } from "../src/shared/guards";
import * as controls from "./controls";
import { div } from "./dom";
import { errorElement, errorSetter, focusControl, groupFrame } from "./fieldRow";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import type { Field, Json } from "./schema";

export function objectView(field: Extract<Field, { kind: "object" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const given = isRecord(initial) ? initial : undefined;
  const views = new Map<string, FieldView>();
  const body = div("group-body");
  let readOnly = false;
  // A group left out is built when first filled in: a recursive schema's optional child would otherwise never end.
  const buildProperties = () => {
    if (views.size || !field.properties.length) return;
    for (const property of field.properties) {
      const label = property.field.title ?? humanize(property.name);
      const view = context.build(property.field, { label, required: property.required, depth: slot.depth + 1 }, given?.[property.name]);
      view.setReadOnly(readOnly);
      views.set(property.name, view);
      body.append(view.row);
    }
  };

  // The whole form, or a union's chosen variant: no frame; the form's own issues go to the banner.
  const isRoot = slot.depth === 0 || slot.frameless === true;
  const { row, header, setLabel } = isRoot ? { row: body, header: body, setLabel: () => undefined } : groupFrame(field, slot);
  const error = errorElement();
  let include: ReturnType<typeof controls.checkbox> | undefined;
  if (!isRoot && !mustBeFilled(field, slot)) {
    const box = controls.checkbox({ id: context.newId(), label: `Fill in ${slot.label}` });
    box.set(given !== undefined);
    body.hidden = given === undefined;
    box.onInput(() => {
      if (box.get()) buildProperties();
      body.hidden = !box.get();
      context.changed();
    });
    header.append(box.element);
    include = box;
  }
  if (!include || given !== undefined) buildProperties();
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
    setReadOnly(value) {
      readOnly = value;
      include?.setReadOnly(value);
      for (const view of views.values()) view.setReadOnly(value);
    },
    setLabel,
  };
}

/** "shirtSize" / "shirt_size" -> "Shirt size": property names as labels when the schema gives no title. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
