// What the outbox holds, for the kiosk's operator: how many answers wait and how many the
// server refused, with its reasons. Shown over the attract screen (from the outbox in memory,
// which also holds answers that did not fit in local storage) and on /kiosk/{campaign}/status.
import { button, el, fill } from "../shared/dom.js";

function when(iso, lang) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(lang);
}

function table(caption, headers, rows) {
  return el(
    "table",
    {},
    el("caption", { text: caption }),
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", { text: c }))))),
  );
}

function reason(result) {
  if (!result) return "";
  const parts = [result.status ? `HTTP ${result.status}` : "", result.error, result.message];
  return parts.filter(Boolean).join(" · ");
}

// `lists` holds `waiting` and `refused` as the outbox keeps them; `t` the operator's texts.
export function statusView({ waiting, refused, unsaved }, t, api, level = "h1") {
  const lang = document.documentElement.lang;
  const mine = (list) => list.filter((entry) => entry.url === api);
  const waits = mine(waiting);
  const refusals = mine(refused);
  const parts = [
    el(level, { tabindex: "-1", text: t.heading }),
    el(
      "ul",
      { class: "figures" },
      el("li", { class: "waiting-count", text: fill(t.waiting, { n: waits.length }) }),
      el("li", { class: "refused-count", text: fill(t.refused, { n: refusals.length }) }),
    ),
  ];
  if (unsaved) parts.push(el("p", { class: "notice", text: t.unsaved }));
  if (refusals.length) {
    const rows = refusals.map((e) => [when(e.body.captured_at, lang), when(e.at, lang), reason(e)]);
    parts.push(table(t.refused_heading, [t.captured, t.answered, t.reason], rows));
  }
  if (waits.length) {
    const rows = waits.map((e) => [
      when(e.body.captured_at, lang),
      String(e.attempts || 0),
      reason(e.last),
    ]);
    parts.push(table(t.waiting_heading, [t.captured, t.attempts, t.last_error], rows));
  }
  if (!waits.length && !refusals.length) parts.push(el("p", { text: t.all_delivered }));
  return el("section", { class: "status" }, ...parts);
}

export function statusDialog(outbox, t, api) {
  const lists = { waiting: outbox.waiting, refused: outbox.refused, unsaved: outbox.unsaved };
  const view = statusView(lists, t, api, "h2");
  const heading = view.querySelector("h2");
  heading.id = "status-heading";
  const host = el("div", {
    class: "dialog-host",
    role: "dialog",
    "aria-modal": "true",
    "aria-labelledby": "status-heading",
  });
  const close = button(t.close, "button primary", () => host.remove());
  host.append(el("div", { class: "dialog status-dialog" }, view, close));
  host.addEventListener("click", (event) => event.stopPropagation());
  queueMicrotask(() => heading.focus());
  return host;
}
