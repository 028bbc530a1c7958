// Finds flow definitions in a file's text without running it: for the Flows view, the quick pick
// and the CodeLens. The runner is what really loads a flow; this only has to find where they are.
// No `vscode` here.
import { defaultFlowName } from "../sdk/names";

export interface FlowDefinitionSite {
  exportName: string;
  /** The `name` option when it is a string literal, else the export name in kebab case. */
  name: string;
  /** Zero-based line and character of the export. */
  line: number;
  character: number;
}

const DEFINITION = /^[ \t]*(?:export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=|(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=)\s*flow\s*(?:<[^>\n]*>)?\s*\(/gm;
const NAME_OPTION = /^\s*\{[^}]*?\bname\s*:\s*(["'`])([^"'`\n]+)\1/;

export function findFlowDefinitions(text: string): FlowDefinitionSite[] {
  const sites: FlowDefinitionSite[] = [];
  for (const match of text.matchAll(DEFINITION)) {
    const exportName = match[1] ?? match[2]!;
    const offset = match.index + match[0].search(/\S/);
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    const character = offset - (before.lastIndexOf("\n") + 1);
    const named = NAME_OPTION.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 400));
    sites.push({ exportName, name: named?.[2] ?? defaultFlowName(exportName), line, character });
  }
  return sites;
}


/** The name of the flow a run asks for (by export name or flow name; none: the file's only flow), as far as its text tells. */
export function flowNameIn(text: string, wanted: string | undefined): string | undefined {
  const sites = findFlowDefinitions(text);
  if (wanted === undefined) return sites.length === 1 ? sites[0]!.name : undefined;
  return (sites.find((site) => site.exportName === wanted) ?? sites.find((site) => site.name === wanted))?.name;
}
