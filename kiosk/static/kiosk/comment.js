// The comment step: the on-screen keyboard, the notice that this is no way to report a crime,
// and before the comment is accepted, the server's check for personal data: a warning with
// "Ändra" and "Skicka ändå", never a block. Offline, the walk goes on without the check.
import { button, el, fill } from "../shared/dom.js";
import { keyboard } from "./keyboard.js";

const CHECK_TIMEOUT_MS = 3000;

async function warningsFor(k, comment) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), CHECK_TIMEOUT_MS);
  try {
    const response = await fetch(k.data.comment_check, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ comment, locale: k.walk.lang }),
      cache: "no-store",
      credentials: "same-origin",
      signal: abort.signal,
    });
    if (!response.ok) return null;
    const body = await response.json();
    return body.warnings && body.warnings.length ? body.message : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function warningDialog(k, message, field, onSend) {
  const close = () => host.remove();
  const edit = button(k.text("change"), "button", () => {
    close();
    field.focus();
  });
  const send = button(k.text("send_anyway"), "button primary", () => {
    close();
    onSend();
  });
  const host = el(
    "div",
    {
      class: "dialog-host",
      role: "alertdialog",
      "aria-modal": "true",
      "aria-labelledby": "pd-heading",
      "aria-describedby": "pd-message",
    },
    el(
      "div",
      { class: "dialog" },
      el("h2", { id: "pd-heading", text: k.text("personal_data_heading") }),
      el("p", { id: "pd-message", text: message }),
      el("div", { class: "dialog-actions" }, edit, send),
    ),
  );
  document.body.append(host);
  edit.focus();
}

export function comment(step, k) {
  const walk = k.walk;
  const hint = fill(k.text(step.required ? "comment_required" : "comment_optional"), {
    max: step.max_length,
  });
  const field = el("textarea", {
    id: "comment",
    rows: "4",
    maxlength: String(step.max_length),
    inputmode: "none",
    autocomplete: "off",
    autocorrect: "off",
    autocapitalize: "off",
    spellcheck: "false",
    "aria-describedby": "comment-hint comment-notice",
  });
  field.value = walk.comment;
  field.addEventListener("input", () => {
    walk.comment = field.value;
  });
  const warning = el("p", { class: "notice", "aria-live": "assertive" });
  let checking = false;
  const onNext = async () => {
    const text = walk.comment.trim();
    const problem = k.problemText(step, text);
    if (problem) {
      warning.textContent = problem;
      return;
    }
    // A comment the resident chose to send anyway is not asked about again, unless changed.
    if (!text || text === walk.acceptedComment) return k.advance(step);
    if (checking) return;
    checking = true;
    const message = await warningsFor(k, text);
    checking = false;
    if (k.walk !== walk || !field.isConnected) return;
    if (message === null) return k.advance(step);
    warningDialog(k, message, field, () => {
      walk.acceptedComment = text;
      k.advance(step);
    });
  };
  // The heading holds the field's label (a label may hold no heading).
  const label = el("label", { for: "comment", text: k.text("comment_heading") });
  return k.frame(
    step,
    [
      el("h1", { tabindex: "-1" }, label),
      el("p", { id: "comment-hint", class: "hint", text: hint }),
      el("p", { id: "comment-notice", class: "police-notice", text: k.text("crime_notice") }),
      warning,
      field,
      keyboard(field, walk.lang, {
        shift: k.text("shift"),
        backspace: k.text("backspace"),
        space: k.text("space"),
      }),
    ],
    { onNext },
  );
}
