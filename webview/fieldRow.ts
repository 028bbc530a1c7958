// What surrounds a control: the row (label, optional mark, description, note, error) and the frame of a group.
import * as controls from "./controls";
import type { Control } from "./controls";
import { div, element } from "./dom";
import { mustBeFilled, type Slot } from "./fieldView";
import type { Field } from "./schema";

export interface Row {
  row: HTMLElement;
  showError: (message: string | null) => void;
  setLabel: (text: string) => void;
}

export function fieldRow(field: Field, slot: Slot, id: string, control: Control<unknown>, note?: string): Row {
  const row = div("field");
  row.dataset.label = slot.label;
  const label = controls.label(id, "");
  const labelText = document.createTextNode(slot.label);
  label.append(labelText, optionalMark(field, slot));
  row.append(label);
  appendDescription(row, field.description);
  if (note) row.append(div("note", note));
  row.append(control.element);
  const error = errorElement();
  row.append(error);
  return { row, showError: errorSetter(row, error, control), setLabel: (text) => ((labelText.data = text), (row.dataset.label = text)) };
}

/** A fieldset near the top; deeper groups fold (<details>) so a big nested schema stays readable. */
export function groupFrame(field: Field, slot: Slot): { row: HTMLElement; header: HTMLElement; setLabel: (text: string) => void } {
  const deep = slot.depth >= 2;
  const row = element(deep ? "details" : "fieldset", "group");
  row.dataset.label = slot.label;
  if (row instanceof HTMLDetailsElement) row.open = true;
  const title = document.createElement(deep ? "summary" : "legend");
  const titleText = document.createTextNode(slot.label);
  title.append(titleText, optionalMark(field, slot));
  row.append(title);
  const header = div("group-header");
  appendDescription(header, field.description);
  row.append(header);
  return { row, header, setLabel: (text) => ((titleText.data = text), (row.dataset.label = text)) };
}

function optionalMark(field: Field, slot: Slot): Node {
  if (mustBeFilled(field, slot)) return document.createTextNode("");
  return element("span", "optional", slot.required ? " (may be empty)" : " (optional)");
}

export function appendDescription(parent: HTMLElement, description: string | undefined): void {
  if (description) parent.append(div("description", description));
}

export function errorElement(): HTMLElement {
  const el = div("error");
  el.hidden = true;
  return el;
}

export function errorSetter(row: HTMLElement, error: HTMLElement, control?: { setInvalid(invalid: boolean): void }) {
  return (message: string | null) => {
    error.textContent = message ?? "";
    error.hidden = message === null;
    row.classList.toggle("has-error", message !== null);
    control?.setInvalid(message !== null);
  };
}

export function focusControl(control: { element: HTMLElement; focus(): void }): void {
  // A field inside a collapsed group is opened first.
  for (let el = control.element.parentElement; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement) el.open = true;
  }
  control.element.scrollIntoView({ block: "center" });
  control.focus();
}
