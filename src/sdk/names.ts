/** A flow's name when its options give none: its export name in kebab case (greetUser: greet-user). */
export function defaultFlowName(exportName: string): string {
  return exportName
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}
