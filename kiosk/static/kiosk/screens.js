// One screen per step type. Each renders its step as the server describes it (how many to
// pick, required or not, which options in which order): the kiosk keeps no rule of its own,
// and the server stays the authority when the answer arrives.
import { button, el } from "../shared/dom.js";
import { isPoint, PlaceMap, pointLabel } from "../shared/place_map.js";
import { choicesOf, most, toggle } from "../shared/walk.js";
import { comment } from "./comment.js";
import { leaflet, leafletSource } from "./leaflet.js";

export function heading(value) {
  return el("h1", { tabindex: "-1", text: value });
}

export function notice() {
  return el("p", { class: "notice", "aria-live": "assertive" });
}

function optionLabel(k, question, id) {
  if (isPoint(id)) return pointLabel(k.campaign.map, id, k.texts(), k.local);
  const option = question.options.find((o) => o.id === id);
  if (option) return k.local(option.label);
  const zone = k.campaign.map && k.campaign.map.zones.find((z) => z.id === id);
  return zone ? k.local(zone.name) : id;
}

export const screens = {
  language(step, k) {
    // Each language, and beside it its Lättläst where the campaign has easy texts in it.
    const choose = (lang, easy) => () => {
      k.walk.lang = lang.code;
      k.walk.easy = easy;
      k.setLanguage(lang.code);
      k.advance(step);
    };
    const choices = k.data.languages.flatMap((lang) => [
      button(lang.name, "choice", choose(lang, false), { lang: lang.code, dir: lang.dir }),
      ...(lang.easy
        ? [button(lang.text.easy_language, "choice easy-read", choose(lang, true), {
            lang: lang.code,
            dir: lang.dir,
          })]
        : []),
    ]);
    const content = [heading(k.text("choose_language")), el("div", { class: "choices" }, ...choices)];
    return k.frame(step, content, { next: null });
  },

  intro(step, k) {
    return k.frame(step, [
      heading(k.local(k.campaign.title)),
      el("p", { class: "lead", text: k.local(k.campaign.intro) }),
      el("p", { class: "period", text: k.languages[k.walk.lang].period }),
      el("p", { class: "note", text: k.text("anonymous") }),
    ]);
  },

  areas(step, k) {
    const walk = k.walk;
    const counter = el("p", { class: "counter", "aria-live": "polite" });
    const warning = notice();
    const tiles = k.campaign.areas.map((area) => {
      const tile = el(
        "button",
        { type: "button", class: "tile", "aria-pressed": String(walk.areas.includes(area.id)) },
        el("span", { class: "tick", "aria-hidden": "true", text: "✓" }),
        el("span", { class: "label", text: k.local(area.label) }),
      );
      tile.addEventListener("click", () => {
        const { picked, refused } = toggle(step, walk.areas, area.id);
        warning.textContent = refused ? k.text("too_many") : "";
        if (refused) return refuse(tile);
        walk.areas = picked;
        tile.setAttribute("aria-pressed", String(walk.areas.includes(area.id)));
        counter.textContent = k.text("chosen")[walk.areas.length];
      });
      return tile;
    });
    counter.textContent = k.text("chosen")[walk.areas.length];
    const onNext = () => k.leave(step, walk.areas, warning);
    const content = [heading(k.text("areas_heading")), counter, warning];
    return k.frame(step, [...content, el("div", { class: "tiles" }, ...tiles)], { onNext });
  },

  comment,

  // A question, by its kind (`step.kind`): one renderer per kind below.
  choice(step, k) {
    const question = k.campaign.questions.find((q) => q.id === step.question);
    const warning = notice();
    const texts = k.text("questions")[question.id];
    const rule = k.text(step.required ? "question_required" : "question_optional");
    const hints = [el("p", { class: "hint", text: rule })];
    if (texts.pick) hints.push(el("p", { class: "hint pick", text: texts.pick }));
    const options = kinds[step.kind](step, k, question, warning);
    const onNext = () => k.leave(step, k.walk.answers[question.id], warning);
    const map = step.kind === "place" ? placeMap(step, k, question, warning) : null;
    return k.frame(step, [
      heading(k.local(question.text)),
      ...hints,
      warning,
      map,
      el("div", { class: step.kind === "multi" ? "tiles multi" : `choices ${step.kind}` }, ...options),
    ], { onNext });
  },

  // The summary: each answer with its own "Ändra", which returns here once changed.
  confirm(step, k) {
    const walk = k.walk;
    const campaign = k.campaign;
    const rows = [];
    const row = (label, value, stepId) => {
      const change = stepId && button(k.text("change"), "button change", () => k.change(stepId), {
        "aria-label": `${k.text("change")}: ${label}`,
      });
      const answer = el("dd", {}, value, change);
      rows.push(el("div", { class: "summary-row" }, el("dt", { text: label }), answer));
    };
    for (const shown of campaign.steps) {
      const back = shown.returns_to ? shown.id : null;
      if (shown.type === "areas") {
        const areas = el("ul", {}, ...walk.areas.map((id) =>
          el("li", { text: k.local(campaign.areas.find((area) => area.id === id).label) }),
        ));
        const value = walk.areas.length ? areas : el("p", { text: k.text("no_answer") });
        row(k.text("your_areas"), value, back);
      } else if (shown.type === "comment") {
        const value = walk.comment.trim() || k.text("no_comment");
        row(k.text("your_comment"), el("p", { class: "comment", text: value }), back);
      } else if (shown.type === "choice") {
        const question = campaign.questions.find((q) => q.id === shown.question);
        const given = walk.answers[question.id];
        const ids = given === undefined ? [] : [given].flat();
        const value = ids.length ? ids.map((id) => optionLabel(k, question, id)).join(", ") : k.text("no_answer");
        row(k.local(question.text), el("p", { text: value }), back);
      }
    }
    return k.frame(
      step,
      [heading(k.text("confirm_heading")), el("dl", { class: "summary" }, ...rows)],
      { nextLabel: k.text("send"), onNext: k.send },
    );
  },
};

// The map of the place step on screen, let go of when the screen goes.
let shownMap = null;

// The map of the screen going away (none given: whatever is shown) is let go of.
export function forgetMap(screen) {
  if (!shownMap || (screen && screen.contains(shownMap.container))) return;
  shownMap.destroy();
  shownMap = null;
}

// A place question's map above its zones, where the campaign has a map: its pins are the
// points in the question's answer, next to the zones ticked.
function placeMap(step, k, question, warning) {
  if (!k.campaign.map || !leafletSource()) return null;
  const answers = k.walk.answers;
  const given = () => answers[question.id] || [];
  const map = new PlaceMap({
    mapData: k.campaign.map,
    text: k.texts(),
    local: k.local,
    id: `q-${question.id}-map`,
    points: given().filter(isPoint),
    room: () => most(step) - given().length,
    onChange: (points) => {
      const picked = [...given().filter((each) => !isPoint(each)), ...points];
      if (picked.length) answers[question.id] = picked;
      else delete answers[question.id];
      warning.textContent = "";
    },
    refuse: () => {
      warning.textContent = k.text("questions")[question.id].too_many;
    },
  });
  if (shownMap) shownMap.destroy();
  shownMap = map;
  // Leaflet measures its container: it draws once the screen is on show and Leaflet is
  // there. Without it (never fetched, server away) the zones alone are the question.
  map.element.hidden = true;
  requestAnimationFrame(() => {
    leaflet().then(
      () => {
        if (shownMap !== map) return;
        map.element.hidden = false;
        map.draw();
      },
      () => {},
    );
  });
  return map.element;
}

// Refused: one more than the step allows. The tile shakes; nothing changes.
function refuse(tile) {
  tile.classList.remove("refused");
  void tile.offsetWidth; // restart the refusal animation
  tile.classList.add("refused");
}

// One pick: tapping the chosen option again takes the answer back (an optional question
// skipped stores no answer, while "prefer not to say" is an answer of its own).
function one(step, k, question, warning) {
  const answers = k.walk.answers;
  const ids = step.options;
  const options = ids.map((id) => {
    const quiet = id === step.prefer_not_to_say ? " prefer-not-to-say" : "";
    const unscored = step.scored && !step.scored.includes(id) ? " unscored" : "";
    return button(optionLabel(k, question, id), `choice${quiet}${unscored}`, () => {
      if (answers[question.id] === id) delete answers[question.id];
      else answers[question.id] = id;
      warning.textContent = "";
      for (const [index, other] of options.entries()) {
        other.setAttribute("aria-pressed", String(answers[question.id] === ids[index]));
      }
    }, { "aria-pressed": String(answers[question.id] === id) });
  });
  return options;
}

// Several picks: toggle buttons, up to the step's `max`; none ticked is the question skipped.
function several(step, k, question, warning) {
  const answers = k.walk.answers;
  const tiles = choicesOf(step).map((id) => {
    const tile = button("", "tile", () => {
      const { picked, refused } = toggle(step, answers[question.id] || [], id);
      warning.textContent = refused ? k.text("questions")[question.id].too_many : "";
      if (refused) return refuse(tile);
      if (picked.length) answers[question.id] = picked;
      else delete answers[question.id];
      tile.setAttribute("aria-pressed", String(picked.includes(id)));
    }, { "aria-pressed": String((answers[question.id] || []).includes(id)) });
    tile.replaceChildren(
      el("span", { class: "tick", "aria-hidden": "true", text: "✓" }),
      el("span", { class: "label", text: optionLabel(k, question, id) }),
    );
    return tile;
  });
  return tiles;
}

// The renderer of each question kind (survey/kinds): a scale is asked like a choice, its
// points in order and then its unscored options ("Vet inte").
export const kinds = {
  choice: one,
  scale: one,
  multi: several,
  // A place question is listed by the map's zones, the map's text alternative.
  place: several,
};
