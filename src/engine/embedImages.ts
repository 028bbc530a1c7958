// A pause on the engine may be answered on another machine, where the flow's folder is not: local
// images that its Markdown description references travel inside it as data: URIs, within a cap.
import { readFileSync, statSync } from "node:fs";
import { dirname, extname, isAbsolute, relative, resolve } from "node:path";
import MarkdownIt from "markdown-it";

/** Per image and in all, in bytes before base64. */
export const IMAGE_CAP = 512 * 1024;
export const IMAGES_TOTAL_CAP = 2 * 1024 * 1024;

const TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
};

const markdown = new MarkdownIt({ html: true });

/**
 * Replaces each relative image of the flow's folder (or below it) with a data: URI. An image too
 * large, missing, of another type or outside the folder is left as it is, and `skipped` says why.
 */
export function embedImages(description: string, flowFile: string): { description: string; skipped: string[] } {
  const folder = dirname(flowFile);
  const skipped: string[] = [];
  let total = 0;
  let text = description;
  for (const src of new Set(imageSources(description))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) continue;
    const path = resolve(folder, decodeURI(src));
    const inside = relative(folder, path);
    const type = TYPES[extname(path).toLowerCase()];
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      skipped.push(`${src}: no such file`);
      continue;
    }
    if (inside.startsWith("..") || isAbsolute(inside)) skipped.push(`${src}: outside the flow's folder`);
    else if (!type) skipped.push(`${src}: not an image type a form shows (${Object.keys(TYPES).join(", ")})`);
    else if (size > IMAGE_CAP) skipped.push(`${src}: ${kb(size)} is over the ${kb(IMAGE_CAP)} an image may take`);
    else if (total + size > IMAGES_TOTAL_CAP) skipped.push(`${src}: the pause's images would pass ${kb(IMAGES_TOTAL_CAP)} in all`);
    else {
      total += size;
      text = text.split(src).join(`data:${type};base64,${readFileSync(path).toString("base64")}`);
    }
  }
  return { description: text, skipped };
}

/** Rounded up: a file just over the cap never reads as the cap itself. */
function kb(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** The src of every image in the Markdown, HTML <img> included. */
function imageSources(source: string): string[] {
  const sources: string[] = [];
  const visit = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const token of tokens) {
      if (token.type === "image") sources.push(String(token.attrGet("src") ?? ""));
      if (token.type === "html_block" || token.type === "html_inline") {
        for (const match of token.content.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) sources.push(match[1]!);
      }
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(source, {}));
  return sources.filter((src) => src !== "");
}
