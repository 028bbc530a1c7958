// A list field: one item per entry, each with a remove button, and an add button; minItems and maxItems hold.
import * as controls from "./controls";
import { element } from "./dom";
import { errorElement, errorSetter, groupFrame } from "./fieldRow";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import type { Field } from "./schema";

export function listView(field: Extract<Field, { kind: "list" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const { row, header, setLabel } = groupFrame(field, slot);
  row.classList.add("list");
  const itemsElement = element("ol", "list-items");
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
  const addItem = (value: unknown): FieldView => {
    const view = context.build(field.item, { label: "", required: true, depth: slot.depth + 1 }, value);
    const li = element("li", "list-item");
    const remove = controls.button("Remove", () => {
      items.splice(items.findIndex((item) => item.view === view), 1);
      li.remove();
      refresh();
      add.focus();
      context.changed();
    }, { secondary: true });
    remove.element.classList.add("remove");
    li.append(view.row, remove.element);
    items.push({ view, element: li, remove });
    itemsElement.append(li);
    return view;
  };
  const add = controls.button(`Add ${itemNoun.toLowerCase()}`, () => {
    const view = addItem(undefined);
    refresh();
    view.focus();
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
    focus: () => (items[0]?.view ?? add).focus(),
    setReadOnly(value) {
      readOnly = value;
      for (const item of items) item.view.setReadOnly(value);
      refresh();
    },
    setLabel,
  };
}
