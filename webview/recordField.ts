// A record field (z.record): key/value entries with add and remove, read back as an object. A key
// given twice is refused at the second entry, since an object holds each key once.
import { isRecord } from "../src/shared/guards";
import * as controls from "./controls";
import { div, element } from "./dom";
import { errorElement, errorSetter, groupFrame } from "./fieldRow";
import { empty, mustBeFilled, type Context, type FieldView, type Slot } from "./fieldView";
import type { Field, Json } from "./schema";

interface Entry {
  key: FieldView;
  value: FieldView;
  view: FieldView;
  remove: controls.Button;
}

export function recordView(field: Extract<Field, { kind: "record" }>, slot: Slot, initial: unknown, context: Context): FieldView {
  const { row, header, setLabel } = groupFrame(field, slot);
  row.classList.add("list", "record");
  const entriesElement = element("ol", "list-items");
  const error = errorElement();
  const entries: Entry[] = [];
  let readOnly = false;

  const keyText = (entry: Entry) => entry.key.read();
  const refresh = () => {
    entries.forEach((entry, i) => {
      entry.view.setLabel(`Entry ${i + 1}`);
      entry.remove.element.setAttribute("aria-label", `Remove entry ${i + 1}`);
      entry.remove.setDisabled(readOnly);
    });
    add.setDisabled(readOnly);
  };
  const addEntry = (key: string | undefined, value: unknown): Entry => {
    const depth = slot.depth + 2;
    const keyView = context.build(field.key, { label: field.key.title ?? "Key", required: true, depth }, key);
    const valueView = context.build(field.value, { label: field.value.title ?? "Value", required: true, depth }, value);
    const frame = groupFrame(field.value, { label: "", required: true, depth: slot.depth + 1 });
    frame.row.classList.add("tuple", "record-entry");
    const body = div("group-body");
    body.append(keyView.row, valueView.row);
    const entryError = errorElement();
    frame.row.append(entryError, body);
    const entry: Entry = {
      key: {
        ...keyView,
        problem: () => {
          const own = keyView.problem();
          if (own) return own;
          const index = entries.indexOf(entry);
          const text = keyText(entry);
          return entries.slice(0, index).some((earlier) => keyText(earlier) === text) ? `The key ${JSON.stringify(text)} is already used above: each key once.` : null;
        },
      },
      value: valueView,
      view: {
        row: frame.row,
        read: () => valueView.read(),
        problem: () => null,
        child: () => undefined,
        children: () => [entry.key, valueView],
        showError: errorSetter(frame.row, entryError),
        focus: () => keyView.focus(),
        setReadOnly: (value) => {
          keyView.setReadOnly(value);
          valueView.setReadOnly(value);
        },
        setLabel: frame.setLabel,
      },
      remove: controls.button("Remove", () => {
        entries.splice(entries.indexOf(entry), 1);
        li.remove();
        refresh();
        add.focus();
        context.changed();
      }, { secondary: true }),
    };
    const li = element("li", "list-item");
    entry.remove.element.classList.add("remove");
    li.append(frame.row, entry.remove.element);
    entries.push(entry);
    entriesElement.append(li);
    return entry;
  };
  const add = controls.button("Add entry", () => {
    const entry = addEntry(undefined, undefined);
    refresh();
    entry.view.focus();
    context.changed();
  }, { secondary: true });
  add.element.classList.add("add");

  if (isRecord(initial)) for (const [key, value] of Object.entries(initial)) addEntry(key, value);
  refresh();
  row.append(error, entriesElement, add.element);
  header.hidden = header.childElementCount === 0;

  return {
    row,
    read() {
      if (entries.length === 0 && !mustBeFilled(field, slot)) return empty(field, slot);
      // fromEntries defines each key as its own property, "__proto__" included; the first of a repeated key wins.
      const seen = new Set<string>();
      const pairs: [string, Json][] = [];
      for (const entry of entries) {
        const key = keyText(entry);
        if (typeof key !== "string" || seen.has(key)) continue;
        seen.add(key);
        pairs.push([key, entry.value.read() ?? null]);
      }
      return Object.fromEntries(pairs);
    },
    problem: () => null,
    child: (key) => entries.find((entry) => keyText(entry) === String(key))?.value,
    children: () => entries.map((entry) => entry.view),
    showError: errorSetter(row, error),
    focus: () => (entries[0]?.view ?? add).focus(),
    setReadOnly(value) {
      readOnly = value;
      for (const entry of entries) entry.view.setReadOnly(value);
      refresh();
    },
    setLabel,
  };
}
