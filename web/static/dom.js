// Tiny DOM helpers: text always goes in as text, never as HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

/** h("a", { href: "…", class: "x" }, "text", child) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "style") {
      // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
      node.style.cssText = String(value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
}

/** A link to a source when it has a web address; its name as text otherwise (urn:). */
export function sourceLink(source) {
  const label = [source.publisher, source.title].filter(Boolean).join(": ");
  if (/^https?:\/\//.test(source.url)) {
    return h("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, label || source.url);
  }
  return h("span", { class: "urn", title: source.url }, label || source.url);
}

export function sourceList(sources) {
  if (!sources?.length) return null;
  return h("ul", { class: "sources" }, sources.map((src) => h("li", {}, sourceLink(src))));
}
