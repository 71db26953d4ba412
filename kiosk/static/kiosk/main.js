// The kiosk: attract screen, then the campaign's steps (from the server's data block),
// thank-you, and back. One resident's answers live only in `walk`, and in the DOM while
// they are on screen; a reset throws both away. The order of the steps and where a change
// from the summary returns to are the shared walk's (../shared/walk.js).
import { button, el, fill, uuid4 } from "../shared/dom.js";
import { listenButton, speakerIcon, stopReading } from "../shared/speech.js";
import { Walk, problemWith } from "../shared/walk.js";
import { IdleWatch } from "./idle.js";
import { leafletSource } from "./leaflet.js";
import { Outbox } from "./outbox.js";
import { forgetMap, screens } from "./screens.js";
import { statusDialog } from "./status.js";

const data = JSON.parse(document.getElementById("kiosk-data").textContent);
const campaign = data.campaign;
const host = document.getElementById("kiosk");
const dot = document.getElementById("outbox");
const languages = Object.fromEntries(data.languages.map((lang) => [lang.code, lang]));
const firstLanguage = data.languages[0].code;
const steps = campaign.steps;
let walk = null;
let thanksTimer = null;
let countdownTimer = null;

const texts = () => languages[walk ? walk.lang : firstLanguage].text;
// In Lättläst (`walk.easy`), the easy-to-read version where there is one.
const text = (key) => (walk && walk.easy && texts().easy[key]) || texts()[key];
const local = (texts) =>
  (walk.easy && texts[`${walk.lang}-easy`]) || texts[walk.lang] || texts[firstLanguage];

function setLanguage(code) {
  document.documentElement.lang = code;
  document.documentElement.dir = languages[code].dir;
}

// Waiting and refused answers each have a sign and a number of their own, not a colour only.
function showOutbox({ waiting, refused }) {
  const labels = [];
  if (waiting) labels.push(fill(text("waiting"), { n: waiting }));
  if (refused) labels.push(fill(text("refused"), { n: refused }));
  dot.hidden = labels.length === 0;
  const parts = [];
  if (waiting) parts.push(el("span", { class: "waiting", text: String(waiting) }));
  if (refused) parts.push(el("span", { class: "refused", text: String(refused) }));
  dot.replaceChildren(...parts);
  dot.title = labels.join(". ");
  dot.setAttribute("aria-label", dot.title);
}

const outbox = new Outbox({ key: data.key, maxBackoff: data.max_backoff, onChange: showOutbox });

function show(screen) {
  // A map no longer on screen is let go of, its pins with it.
  forgetMap(screen);
  host.replaceChildren(screen);
  window.scrollTo(0, 0);
  const heading = screen.querySelector("h1");
  if (heading) heading.focus({ preventScroll: true });
}

// "Lyssna", large and first in the bar on every step: the step's text in the resident's
// language, read by the browser's voice or played from the server's recording.
function listen(step) {
  const lang = languages[walk.lang];
  const easy = Boolean(walk.easy && lang.speech_easy);
  const said = easy ? lang.speech_easy : lang.speech;
  const recorded = easy ? lang.speech_audio_easy : lang.speech_audio;
  const label = [speakerIcon(), text("listen")];
  return listenButton(el("button", { type: "button", class: "button listen" }, ...label),
    lang.speech_lang, Boolean(recorded), () => ({
      text: said[step.id],
      url: recorded && recorded + encodeURIComponent(step.id),
    }));
}

function larger() {
  const on = document.documentElement.classList.toggle("larger");
  document.querySelectorAll(".larger-text").forEach((b) => b.setAttribute("aria-pressed", on));
}

// A walk screen: progress, larger text and "start over" above, the content, back and next
// below. Next goes on to the following step, or back to the summary when the resident came
// from there (the step's `returns_to`).
function frame(step, content, { next, nextLabel, onNext } = {}) {
  const index = walk.route.index;
  const nav = el("div", { class: "nav" });
  if (index > 0) {
    nav.append(button(text("back"), "button", () => show(render(walk.route.previous()))));
  }
  if (next !== null) {
    const label = nextLabel || text(walk.route.returning ? "to_summary" : "next");
    nav.append(button(label, "button primary", onNext || (() => advance(step))));
  }
  const pressed = String(document.documentElement.classList.contains("larger"));
  return el(
    "section",
    { class: `screen screen-${step.type}` },
    el(
      "div",
      { class: "bar" },
      el("p", { class: "progress", text: fill(text("step"), { n: index + 1, total: steps.length }) }),
      el(
        "div",
        { class: "tools" },
        listen(step),
        button(text("larger_text"), "button quiet larger-text", larger, { "aria-pressed": pressed }),
        button(text("start_over"), "button quiet", reset),
      ),
    ),
    el("div", { class: "content" }, ...content),
    nav,
  );
}

function render(step) {
  return screens[step.type](step, kiosk);
}

function advance() {
  show(render(walk.route.next()));
}

function change(id) {
  if (walk.route.change(id)) show(render(walk.route.step));
}

// What a resident must change before leaving a step, in their language; "" when nothing.
function problemText(step, given) {
  const code = problemWith(step, given);
  const question = step.question && text("questions")[step.question];
  const messages = {
    "areas.count": text("areas_count"),
    "areas.too_many": text("too_many"),
    "comment.required": text("comment_missing"),
    "question.required": text("answer_missing"),
    "multi.too_few": question && question.too_few,
    "multi.too_many": question && question.too_many,
  };
  return code ? messages[code] : "";
}

// Leave `step` when what was given allows it, or say what to change in `warning`.
function leave(step, given, warning) {
  const problem = problemText(step, given);
  if (problem) warning.textContent = problem;
  else advance();
}

function operatorLink() {
  return el("button", {
    type: "button",
    class: "operator",
    text: text("kiosk_status"),
    onclick: (event) => {
      event.stopPropagation();
      document.body.append(statusDialog(outbox, data.status_text, data.api));
    },
  });
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
    operatorLink(),
  );
  show(screen);
}

function start() {
  walk = {
    id: uuid4(),
    lang: firstLanguage,
    route: new Walk(steps),
    areas: [],
    comment: "",
    answers: {},
    startedAt: new Date().toISOString(),
  };
  idle.start();
  outbox.flush();
  show(render(walk.route.step));
}

function send() {
  const body = {
    id: walk.id,
    areas: walk.areas.slice(),
    comment: walk.comment.trim() || null,
    locale: walk.lang,
    channel: "kiosk",
    answers: { ...walk.answers },
    easy_read: Boolean(walk.easy),
    started_at: walk.startedAt,
    captured_at: new Date().toISOString(),
  };
  if (data.source) body.source = data.source;
  // Safe in the outbox first; the thank-you does not wait for the network.
  outbox.add(data.api, body);
  thanks();
}

function thanks() {
  idle.stop();
  const lang = walk.lang;
  walk = { lang, route: new Walk(steps), areas: [], comment: "", answers: {} };
  show(
    el(
      "section",
      { class: "screen screen-thanks" },
      el(
        "div",
        { class: "content" },
        el("h1", { tabindex: "-1", text: text("thanks_heading") }),
        el("h2", { text: text("next_steps_heading") }),
        el("p", { class: "lead", text: local(campaign.next_steps) }),
        followCode(),
      ),
      el("div", { class: "nav" }, button(text("done"), "button primary", reset)),
    ),
  );
  thanksTimer = setTimeout(reset, data.thanks_seconds * 1000);
}

// Where e-mail notices are offered: a code that opens the sign-up on the resident's own
// phone, in their language. The kiosk itself never asks for an address.
function followCode() {
  const code = document.getElementById("follow-code");
  if (!code) return null;
  const piece = code.content.firstElementChild.cloneNode(true);
  piece.querySelector("img").alt = text("follow_alt");
  piece.querySelector(".follow-caption").textContent = text("follow_caption");
  return piece;
}

// "Are you still there?" with the seconds left before everything chosen is forgotten.
function warn() {
  if (document.querySelector(".still-there")) return;
  let left = data.idle_reset - data.idle_warning;
  const countdown = el("p", { class: "countdown", role: "timer" });
  const tick = () => {
    countdown.textContent = fill(text("countdown"), { n: Math.max(left, 0) });
    left -= 1;
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
  const close = () => {
    clearInterval(countdownTimer);
    dialog.remove();
  };
  const dialog = el(
    "div",
    { class: "still-there", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "still-there" },
    el(
      "div",
      { class: "dialog" },
      el("h2", { id: "still-there", text: text("still_there") }),
      el("p", { text: text("still_there_body") }),
      countdown,
      button(text("continue"), "button primary", close),
    ),
  );
  // Any touch means someone is there: it closes the question and restarts the clock.
  dialog.addEventListener("pointerdown", close);
  document.body.append(dialog);
}

// Forget everything: state, screens, dialogs, language, text size, history entry, scroll
// and focus.
function reset() {
  stopReading();
  idle.stop();
  clearTimeout(thanksTimer);
  clearInterval(countdownTimer);
  walk = null;
  forgetMap();
  host.replaceChildren();
  document.querySelectorAll(".still-there, .dialog-host").forEach((dialog) => dialog.remove());
  document.documentElement.classList.remove("larger");
  setLanguage(firstLanguage);
  history.replaceState(null, "", location.pathname + location.search);
  if (document.activeElement) document.activeElement.blur();
  attract();
  showOutbox(outbox.state());
}

const kiosk = {
  data,
  campaign,
  languages,
  get walk() {
    return walk;
  },
  text,
  texts,
  local,
  frame,
  advance,
  change,
  leave,
  problemText,
  send,
  setLanguage,
};

const idle = new IdleWatch({
  warnAfter: data.idle_warning,
  resetAfter: data.idle_reset,
  onWarn: warn,
  onReset: reset,
});

// Reading stops when the resident taps anywhere but the Lyssna button itself.
document.addEventListener(
  "pointerdown",
  (event) => {
    if (!event.target.closest || !event.target.closest(".listen")) stopReading();
  },
  { capture: true, passive: true },
);

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
      // Leaflet is kept before any map needed it, for a start while the server is away.
      if (leafletSource()) files.push(new URL(leafletSource(), location.href).href);
      registration.active.postMessage({ page: location.href, files });
    });
  }
}
