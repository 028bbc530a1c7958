// A checkbox field: it always has a value (true or false).
import * as controls from "./controls";
import { div } from "./dom";
import { appendDescription, errorElement, errorSetter, focusControl } from "./fieldRow";
import type { Context, FieldView, Slot } from "./fieldView";
import type { Field } from "./schema";

export function booleanView(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const id = context.newId();
  const control = controls.checkbox({ id, label: slot.label });
  control.set(initial === true);
  const row = div("field checkbox-field");
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
