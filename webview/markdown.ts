// The pause's Markdown description -> sanitized HTML. Relative images resolve against the flow file's folder
// (form.resourceBase, a webview URI); remote images become links, since the CSP would block them anyway.
// No class, id or style survives: a description must not borrow the form's own look (a fake "accepted"
// banner) or its element ids.
import DOMPurify from "dompurify";
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt({ html: true, linkify: true });
// markdown-it lets no SVG data: URI through, yet an engine pause carries its SVG pictures that way
// (src/engine/embedImages.ts); in an <img> an SVG runs no script.
const validateLink = markdown.validateLink.bind(markdown);
markdown.validateLink = (url) => validateLink(url) || /^data:image\/svg\+xml;/i.test(url.trim());

export function renderMarkdown(source: string, resourceBase: string | undefined): DocumentFragment {
  const base = resourceBase ? (resourceBase.endsWith("/") ? resourceBase : `${resourceBase}/`) : undefined;
  const purify = DOMPurify(window);
  // The hook runs in DOMPurify's inert document, so no image starts loading before its src is fixed.
  purify.addHook("afterSanitizeAttributes", (node) => {
    if (node instanceof HTMLImageElement) fixImage(node, base);
  });
  return purify.sanitize(markdown.render(source), { RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ["style", "form"], FORBID_ATTR: ["class", "id", "style"] });
}

function fixImage(img: HTMLImageElement, base: string | undefined): void {
  const src = img.getAttribute("src") ?? "";
  if (/^data:image\//i.test(src)) return;
  const relative = src !== "" && !/^[a-z][a-z0-9+.-]*:/i.test(src);
  if (/^(https?:)?\/\//i.test(src)) {
    // Remote: not loaded; a link the person can open instead.
    const link = img.ownerDocument.createElement("a");
    link.href = new URL(src, "https://invalid/").href;
    link.textContent = `${img.alt || "image"} (remote image, not loaded)`;
    img.replaceWith(link);
  } else if (relative && base) {
    img.src = new URL(src, base).href;
  } else if (relative) {
    // No base: the host lets the page see a flow's folder only inside the workspace (formHtml.ts, imageFolder).
    const note = img.ownerDocument.createElement("em");
    note.textContent = `${img.alt || "image"} (${src} not shown: images are shown only for flows inside the workspace)`;
    img.replaceWith(note);
  } else {
    img.removeAttribute("src");
  }
}
