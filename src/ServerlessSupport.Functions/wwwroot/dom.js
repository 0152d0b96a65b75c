// Building the page. Text always goes in as a text node (textContent, createTextNode), never as HTML: every string from
// the API may have come from an email.

export const $ = (id) => document.getElementById(id);

/** Builds an element; text always goes in as a text node. */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}
