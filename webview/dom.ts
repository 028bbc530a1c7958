// Plain HTML elements for the form's layout (the element library's controls are made in controls.ts).

/** A new element with a class and, when given, its text. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className !== undefined) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function div(className: string, text?: string): HTMLDivElement {
  return element("div", className, text);
}
