// What every field of the form is to its parent (FieldView), and when an empty field still counts as a value.
import type { Field, Json } from "./schema";

/** How one field sits in its parent: whether it may be left out, and how to label it. */
export interface Slot {
  label: string;
  required: boolean;
  depth: number;
  /** Shown without a frame of its own (a union's chosen variant, inside the union's frame). */
  frameless?: boolean;
}

/** What the host made of a request for a file path: the path, a refusal with its reason, or nothing (the dialog was dismissed). */
export interface PathPick {
  path?: string;
  refused?: string;
}
export type PickPath = (current: string) => Promise<PathPick>;

export interface FieldView {
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
  setLabel: (text: string) => void;
}

export interface Context {
  newId(): string;
  changed: () => void;
  pickPath?: PickPath;
  /** Builds a nested field (groups and lists hold fields of any kind). */
  build(field: Field, slot: Slot, initial: unknown): FieldView;
}

/** What an empty field stands for: null when it must be given but may be null, otherwise left out. */
export function empty(field: Field, slot: Slot): Json | undefined {
  if (emptyTextIsAValue(field, slot)) return "";
  return slot.required && field.nullable ? null : undefined;
}

export function mustBeFilled(field: Field, slot: Slot): boolean {
  return slot.required && !field.nullable && !emptyTextIsAValue(field, slot);
}

/**
 * A required plain-text field left empty sends "": the flow's schema decides whether that will do
 * (z.string() takes it; z.string().min(1) says why not), as it decides everything else.
 */
function emptyTextIsAValue(field: Field, slot: Slot): boolean {
  return slot.required && !field.nullable && field.kind === "text" && (field.input === "text" || field.input === "path") && !field.minLength;
}
