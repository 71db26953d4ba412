// The kiosk: attract screen, then the campaign's steps (from the server's data block),
// thank-you, and back. One resident's answers live only in `walk`, and in the DOM while
// they are on screen; a reset throws both away.
import { button, el, fill, uuid4 } from "./dom.js";
import { IdleWatch } from "./idle.js";
import { keyboard } from "./keyboard.js";
import { Outbox } from "./outbox.js";

const data = JSON.parse(document.getElementById("kiosk-data").textContent);
const campaign = data.campaign;
const host = document.getElementById("kiosk");
const dot = document.getElementById("outbox");
const languages = Object.fromEntries(data.languages.map((lang) => [lang.code, lang]));
const firstLanguage = data.languages[0].code;
const steps = campaign.steps;
let walk = null;
let thanksTimer = null;

const text = (key) => languages[walk ? walk.lang : firstLanguage].text[key];
const local = (texts) => texts[walk.lang] || texts[firstLanguage];

function setLanguage(code) {
  document.documentElement.lang = code;
  document.documentElement.dir = languages[code].dir;
}

function showOutbox(count) {
  const label = fill(text("waiting"), { n: count });
  dot.hidden = count === 0;
  dot.textContent = String(count);
  dot.title = label;
  dot.setAttribute("aria-label", label);
}

const outbox = new Outbox({ key: data.key, maxBackoff: data.max_backoff, onChange: showOutbox });

function show(screen) {
  host.replaceChildren(screen);
  window.scrollTo(0, 0);
  const heading = screen.querySelector("h1");
  if (heading) heading.focus({ preventScroll: true });
}

// A walk screen: progress and "start over" above, the step's content, back and next below.
function frame(type, content, { next, nextLabel } = {}) {
  const index = walk.index;
  const nav = el("div", { class: "nav" });
  if (index > 0) nav.append(button(text("back"), "button", () => go(index - 1)));
  if (next !== null) {
    nav.append(button(nextLabel || text("next"), "button primary", next || (() => go(index + 1))));
  }
  return el(
    "section",
    { class: `screen screen-${type}` },
    el(
      "div",
      { class: "bar" },
      el("p", { class: "progress", text: fill(text("step"), { n: index + 1, total: steps.length }) }),
      button(text("start_over"), "button quiet", reset),
    ),
    el("div", { class: "content" }, ...content),
    nav,
  );
}

function heading(value) {
  return el("h1", { tabindex: "-1", text: value });
}

function notice() {
  return el("p", { class: "notice", "aria-live": "assertive" });
}

const screens = {
  language() {
    const choices = data.languages.map((lang) =>
      button(lang.name, "choice", () => {
        walk.lang = lang.code;
        setLanguage(lang.code);
        go(walk.index + 1);
      }, { lang: lang.code, dir: lang.dir }),
    );
    return frame("language", [heading(text("choose_language")), el("div", { class: "choices" }, ...choices)], {
      next: null,
    });
  },

  intro() {
    return frame("intro", [
      heading(local(campaign.title)),
      el("p", { class: "lead", text: local(campaign.intro) }),
      el("p", { class: "period", text: languages[walk.lang].period }),
      el("p", { class: "note", text: text("anonymous") }),
    ]);
  },

  areas() {
    const counter = el("p", { class: "counter", "aria-live": "polite" });
    const warning = notice();
    const tiles = campaign.areas.map((area) => {
      const tile = el(
        "button",
        { type: "button", class: "tile", "aria-pressed": String(walk.areas.includes(area.id)) },
        el("span", { class: "tick", "aria-hidden": "true", text: "✓" }),
        el("span", { class: "label", text: local(area.label) }),
      );
      tile.addEventListener("click", () => {
        warning.textContent = "";
        if (walk.areas.includes(area.id)) {
          walk.areas = walk.areas.filter((id) => id !== area.id);
        } else if (walk.areas.length >= campaign.pick) {
          warning.textContent = text("too_many");
          tile.classList.remove("refused");
          void tile.offsetWidth; // restart the refusal animation
          tile.classList.add("refused");
          return;
        } else {
          walk.areas.push(area.id);
        }
        tile.setAttribute("aria-pressed", String(walk.areas.includes(area.id)));
        counter.textContent = text("chosen")[walk.areas.length];
      });
      return tile;
    });
    counter.textContent = text("chosen")[walk.areas.length];
    const next = () => {
      if (walk.areas.length !== campaign.pick) warning.textContent = text("areas_count");
      else go(walk.index + 1);
    };
    return frame(
      "areas",
      [heading(text("areas_heading")), counter, warning, el("div", { class: "tiles" }, ...tiles)],
      { next },
    );
  },

  comment(step) {
    const hint = fill(text(step.required ? "comment_required" : "comment_optional"), {
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
      "aria-describedby": "comment-hint",
    });
    field.value = walk.comment;
    field.addEventListener("input", () => {
      walk.comment = field.value;
    });
    const warning = notice();
    const next = () => {
      if (step.required && !walk.comment.trim()) warning.textContent = text("comment_missing");
      else go(walk.index + 1);
    };
    const label = el("label", { for: "comment" }, heading(text("comment_heading")));
    return frame(
      "comment",
      [label, el("p", { id: "comment-hint", class: "hint", text: hint }), warning, field, keyboard(field, walk.lang, {
        shift: text("shift"),
        backspace: text("backspace"),
        space: text("space"),
      })],
      { next },
    );
  },

  choice(step) {
    const question = campaign.questions.find((q) => q.id === step.question);
    const options = question.options.map((option) =>
      button(local(option.label), "choice", (event) => {
        if (walk.answers[question.id] === option.id) delete walk.answers[question.id];
        else walk.answers[question.id] = option.id;
        for (const other of options) other.setAttribute("aria-pressed", "false");
        const picked = walk.answers[question.id] === option.id;
        event.currentTarget.setAttribute("aria-pressed", String(picked));
      }, { "aria-pressed": String(walk.answers[question.id] === option.id) }),
    );
    return frame("choice", [
      heading(local(question.text)),
      el("p", { class: "hint", text: text("question_optional") }),
      el("div", { class: "choices" }, ...options),
    ]);
  },

  confirm() {
    const areas = el("ul", {}, ...walk.areas.map((id) =>
      el("li", { text: local(campaign.areas.find((area) => area.id === id).label) }),
    ));
    const rows = [el("dt", { text: text("your_areas") }), el("dd", {}, areas)];
    rows.push(el("dt", { text: text("your_comment") }));
    rows.push(el("dd", { class: "comment", text: walk.comment.trim() || text("no_comment") }));
    for (const question of campaign.questions) {
      const option = question.options.find((o) => o.id === walk.answers[question.id]);
      rows.push(el("dt", { text: local(question.text) }));
      rows.push(el("dd", { text: option ? local(option.label) : text("no_answer") }));
    }
    const areasStep = steps.findIndex((step) => step.type === "areas");
    return frame(
      "confirm",
      [
        heading(text("confirm_heading")),
        el("dl", { class: "summary" }, ...rows),
        button(text("change"), "button", () => go(areasStep)),
      ],
      { next: send, nextLabel: text("send") },
    );
  },
};

function go(index) {
  walk.index = index;
  const step = steps[index];
  show(screens[step.type](step));
}

function attract() {
  const [first, ...others] = data.languages;
  const invitations = others.map((lang) =>
    el("p", { class: "invite", lang: lang.code, dir: lang.dir, text: lang.text.tap_to_start }),
  );
  // A tap anywhere starts; the button is there for keyboards and screen readers.
  const screen = el(
    "section",
    { class: "screen screen-attract", onclick: start },
    el("p", { class: "organisers", text: campaign.organisers.join(" · ") }),
    el("h1", { text: first.text.attract }),
    el("p", { class: "title", text: campaign.title[first.code] }),
    el("button", { type: "button", class: "button primary start", text: first.text.tap_to_start }),
    ...invitations,
  );
  show(screen);
}

function start() {
  walk = { id: uuid4(), lang: firstLanguage, index: 0, areas: [], comment: "", answers: {} };
  idle.start();
  outbox.flush();
  go(0);
}

function send() {
  const body = {
    id: walk.id,
    areas: walk.areas.slice(),
    comment: walk.comment.trim() || null,
    locale: walk.lang,
    channel: "kiosk",
    answers: { ...walk.answers },
  };
  if (data.source) body.source = data.source;
  // Safe in the outbox first; the thank-you does not wait for the network.
  outbox.add(data.api, body);
  thanks();
}

function thanks() {
  idle.stop();
  const lang = walk.lang;
  walk = { lang, index: 0, areas: [], comment: "", answers: {} };
  show(
    el(
      "section",
      { class: "screen screen-thanks" },
      el(
        "div",
        { class: "content" },
        heading(text("thanks_heading")),
        el("h2", { text: text("next_steps_heading") }),
        el("p", { class: "lead", text: local(campaign.next_steps) }),
      ),
      el("div", { class: "nav" }, button(text("done"), "button primary", reset)),
    ),
  );
  thanksTimer = setTimeout(reset, data.thanks_seconds * 1000);
}

function warn() {
  if (document.querySelector(".still-there")) return;
  const dialog = el(
    "div",
    { class: "still-there", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "still-there" },
    el(
      "div",
      { class: "dialog" },
      el("h2", { id: "still-there", text: text("still_there") }),
      el("p", { text: text("still_there_body") }),
      button(text("continue"), "button primary", () => dialog.remove()),
    ),
  );
  // Any touch means someone is there: it closes the question and restarts the clock.
  dialog.addEventListener("pointerdown", () => dialog.remove());
  document.body.append(dialog);
}

// Forget everything: state, screens, dialog, language, history entry, scroll and focus.
function reset() {
  idle.stop();
  clearTimeout(thanksTimer);
  walk = null;
  host.replaceChildren();
  document.querySelectorAll(".still-there").forEach((dialog) => dialog.remove());
  setLanguage(firstLanguage);
  history.replaceState(null, "", location.pathname + location.search);
  if (document.activeElement) document.activeElement.blur();
  attract();
  showOutbox(outbox.entries().length);
}

const idle = new IdleWatch({
  warnAfter: data.idle_warning,
  resetAfter: data.idle_reset,
  onWarn: warn,
  onReset: reset,
});

window.addEventListener("online", () => outbox.flush());
// Coming back to the page (also from the back-forward cache) starts from scratch.
window.addEventListener("pageshow", (event) => {
  if (event.persisted) reset();
});
reset();
outbox.flush();

// Offline start: a service worker (sw.js) keeps this page and its files, never an answer, so
// a reload while the server is away still opens the kiosk. Browsers offer it only in a
// secure context (https or localhost); elsewhere the kiosk works the same without it.
if (navigator.serviceWorker) {
  const uncovered = !navigator.serviceWorker.controller;
  navigator.serviceWorker.register("/kiosk/sw.js");
  // The worker keeps what it serves; what came before it is handed over once it is ready.
  if (uncovered) {
    navigator.serviceWorker.ready.then((registration) => {
      const files = performance.getEntriesByType("resource").map((entry) => entry.name);
      registration.active.postMessage({ page: location.href, files });
    });
  }
}
