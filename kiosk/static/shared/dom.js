// Small DOM helpers shared by the kiosk and the web survey. Texts always go in as
// textContent, never as HTML.

export function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}

export function button(label, className, onClick, props = {}) {
  return el("button", { type: "button", class: className, text: label, onclick: onClick, ...props });
}

// Fills "%(n)d av %(pick)d" style placeholders, as the server's catalogs write them.
export function fill(template, values) {
  return template.replace(/%\((\w+)\)[ds]/g, (match, name) => String(values[name]));
}

// A random (version 4) UUID; crypto.randomUUID exists only on https or localhost.
export function uuid4() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join("-");
}
