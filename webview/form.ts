// The form as a whole: builds the field views from the field tree, reads the value back as JSON, and shows issues by path.
import { booleanView } from "./booleanField";
import { div } from "./dom";
import type { Context, FieldView, PickPath, Slot } from "./fieldView";
import { listView } from "./listField";
import { objectView } from "./objectField";
import { scalarView } from "./scalarField";
import { recordView } from "./recordField";
import { tupleView } from "./tupleField";
import { unionView } from "./unionField";
import { settle, type Field, type Json } from "./schema";

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

/** `pickPath`: asks the host for a file path (absent where no host can show a dialog). */
export function buildForm(root: Field, initial: unknown, onChange: () => void, pickPath?: PickPath): FormView {
  let counter = 0;
  const context: Context = {
    newId: () => `field-${++counter}`,
    changed: onChange,
    pickPath,
    build: (field, slot, start) => buildField(field, slot, start, context),
  };
  const rootView = buildField(root, { label: "Value", required: true, depth: 0 }, initial, context);
  const element = div("form-fields");
  element.append(rootView.row);

  const all = (): FieldView[] => descendants(rootView);
  // Issues at the root of an object form (path []) or outside any field belong in the banner.
  const rootIsGroup = settle(root).kind === "object";

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

/** Deeper than this, a recursive schema is edited as JSON: only a schema that can never end goes this far. */
const MAX_DEPTH = 40;

function buildField(field: Field, slot: Slot, initial: unknown, context: Context): FieldView {
  const start = initial === undefined ? field.default : initial;
  if (field.kind === "recursive") {
    if (slot.depth > MAX_DEPTH) return scalarView({ ...field, kind: "json", reason: `it nests more than ${MAX_DEPTH} levels deep` }, slot, start, context);
    return buildField(settle(field), slot, initial, context);
  }
  switch (field.kind) {
    case "union":
      return unionView(field, slot, start, context);
    case "record":
      return recordView(field, slot, start, context);
    case "object":
      return objectView(field, slot, start, context);
    case "list":
      return listView(field, slot, start, context);
    case "tuple":
      return tupleView(field, slot, start, context);
    case "boolean":
      return booleanView(field, slot, start, context);
    default:
      return scalarView(field, slot, start, context);
  }
}
