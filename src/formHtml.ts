// The HTML page of the pause form webview. Pure (no `vscode` import): the extension host's panel and the
// browser tests both call it.

import { dirname, isAbsolute, relative, resolve } from "node:path";

export interface FormHtmlOptions {
  /** `webview.cspSource`: the origin local resources are served from. */
  cspSource: string;
  /** Fresh per page, from `crypto`: only the script carrying it runs. */
  nonce: string;
  /** `dist/webview.js` as a webview URI. */
  scriptUri: string;
  /** `media/form.css` as a webview URI. */
  styleUri: string;
  title: string;
}

export function formHtml(options: FormHtmlOptions): string {
  const { cspSource, nonce } = options;
  // Lit styles the elements with constructable stylesheets (adoptedStyleSheets), which style-src does not
  // govern, and sets inline styles only through CSSOM, which it allows: so neither 'unsafe-inline' nor a style
  // nonce is needed (the browser tests check for violations). Images: local files and data: URIs only.
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>${text(options.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the form...</p></main>
<script type="module" nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}

function text(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;");
}

/**
 * The folder a form may load the description's images from, besides the extension's dist/ and
 * media/: the flow file's own folder, and only when it lies inside a workspace folder, so that a
 * flow kept at / or in the home folder does not open the disk to the page.
 */
export function imageFolder(flowFile: string, workspaceFolders: readonly string[]): string | undefined {
  const folder = dirname(resolve(flowFile));
  const inside = (root: string) => {
    const path = relative(resolve(root), folder);
    return !path.startsWith("..") && !isAbsolute(path);
  };
  return workspaceFolders.some(inside) ? folder : undefined;
}
