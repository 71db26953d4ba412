// The on-screen keyboard: in kiosk mode the system keyboard is not there. A Swedish layout
// (with å, ä, ö) for the Latin-script languages and an Arabic layout for Arabic.
import { el } from "../shared/dom.js";

const SWEDISH = [
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
  ["q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å"],
  ["a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä"],
  ["{shift}", "z", "x", "c", "v", "b", "n", "m", ",", ".", "-", "{backspace}"],
  ["?", "!", "{space}", ":", "'"],
];
const ARABIC = [
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"],
  ["ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"],
  ["ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط", "ذ"],
  ["ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ", "{backspace}"],
  ["أ", "إ", "آ", "،", "{space}", "؟", ".", "!"],
];
const LAYOUTS = { ar: ARABIC };
const SYMBOLS = { "{shift}": "⇧", "{backspace}": "⌫", "{space}": "" };

// Type into `field` (a textarea) at its caret; `text` gives the translated key names.
export function keyboard(field, lang, text) {
  let shifted = false;
  const rows = LAYOUTS[lang] || SWEDISH;
  const keys = [];

  function insert(value) {
    const start = field.selectionStart;
    const end = field.selectionEnd;
    const room = field.maxLength > 0 ? field.maxLength - (field.value.length - (end - start)) : value.length;
    if (room < value.length) return;
    field.setRangeText(value, start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function erase() {
    let start = field.selectionStart;
    const end = field.selectionEnd;
    if (start === end) {
      if (start === 0) return;
      // Step back over a whole character, also one outside the Basic Multilingual Plane.
      start = Array.from(field.value.slice(0, end)).slice(0, -1).join("").length;
    }
    field.setRangeText("", start, end, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function press(key) {
    if (key === "{shift}") {
      shifted = !shifted;
    } else if (key === "{backspace}") {
      erase();
    } else {
      insert(key === "{space}" ? " " : shifted ? key.toLocaleUpperCase(lang) : key);
      shifted = false;
    }
    relabel();
  }

  function relabel() {
    for (const { key, element } of keys) {
      if (key === "{shift}") element.setAttribute("aria-pressed", String(shifted));
      else if (!(key in SYMBOLS)) element.textContent = shifted ? key.toLocaleUpperCase(lang) : key;
    }
  }

  const names = { "{shift}": text.shift, "{backspace}": text.backspace, "{space}": text.space };
  // Keys keep the physical layout's order, also when the page runs right to left.
  const board = el("div", { class: "keyboard", dir: "ltr", lang });
  for (const row of rows) {
    const line = el("div", { class: "keyboard-row" });
    for (const key of row) {
      const special = key in SYMBOLS;
      const element = el("button", {
        type: "button",
        class: `key${special ? ` key-${key.slice(1, -1)}` : ""}`,
        text: special ? SYMBOLS[key] : key,
        "aria-label": names[key],
        tabindex: "-1",
        // Keep the caret in the text field: a key must not take the focus.
        onpointerdown: (event) => event.preventDefault(),
        onclick: () => press(key),
      });
      keys.push({ key, element });
      line.append(element);
    }
    board.append(line);
  }
  relabel();
  return board;
}
