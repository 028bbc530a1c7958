// A tuple field: a group with one field per fixed position, read back as an array. A map's entries
// are tuples of two positions titled Key and Value.
import { errorElement, errorSetter, groupFrame } from "./fieldRow";
import { div } from "./dom";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import type { Field } from "./schema";

export function tupleView(field: Extract<Field, { kind: "tuple" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const { row, setLabel } = groupFrame(field, slot);
  row.classList.add("tuple");
  const body = div("group-body");
  const given = Array.isArray(initial) ? initial : [];
  const views = field.items.map((item, i) => context.build(item, { label: item.title ?? `${i + 1}`, required: true, depth: slot.depth + 1 }, given[i]));
  body.append(...views.map((view) => view.row));
  const error = errorElement();
  row.append(error, body);

  return {
    row,
    read() {
      const values = views.map((view) => view.read());
      if (values.every((v) => v === undefined) && !mustBeFilled(field, slot)) return empty(field, slot);
      return values.map((v) => v ?? null);
    },
    problem: () => null,
    child: (key) => (typeof key === "number" ? views[key] : undefined),
    children: () => views,
    showError: errorSetter(row, error),
    focus: () => views[0]?.focus(),
    setReadOnly: (readOnly) => views.forEach((view) => view.setReadOnly(readOnly)),
    setLabel,
  };
}
