// One screen per step type. Each renders its step as the server describes it (how many to
// pick, required or not, which options in which order): the kiosk keeps no rule of its own,
// and the server stays the authority when the answer arrives.
import { button, el } from "./dom.js";
import { comment } from "./comment.js";

export function heading(value) {
  return el("h1", { tabindex: "-1", text: value });
}

export function notice() {
  return el("p", { class: "notice", "aria-live": "assertive" });
}

function optionLabel(k, question, id) {
  const option = question.options.find((o) => o.id === id);
  return option ? k.local(option.label) : id;
}

export const screens = {
  language(step, k) {
    const choices = k.data.languages.map((lang) =>
      button(lang.name, "choice", () => {
        k.walk.lang = lang.code;
        k.setLanguage(lang.code);
        k.advance(step);
      }, { lang: lang.code, dir: lang.dir }),
    );
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
        warning.textContent = "";
        if (walk.areas.includes(area.id)) {
          walk.areas = walk.areas.filter((id) => id !== area.id);
        } else if (walk.areas.length >= step.pick) {
          warning.textContent = k.text("too_many");
          tile.classList.remove("refused");
          void tile.offsetWidth; // restart the refusal animation
          tile.classList.add("refused");
          return;
        } else {
          walk.areas.push(area.id);
        }
        tile.setAttribute("aria-pressed", String(walk.areas.includes(area.id)));
        counter.textContent = k.text("chosen")[walk.areas.length];
      });
      return tile;
    });
    counter.textContent = k.text("chosen")[walk.areas.length];
    const onNext = () => {
      const skipped = step.required === false && walk.areas.length === 0;
      if (walk.areas.length !== step.pick && !skipped) warning.textContent = k.text("areas_count");
      else k.advance(step);
    };
    const content = [heading(k.text("areas_heading")), counter, warning];
    return k.frame(step, [...content, el("div", { class: "tiles" }, ...tiles)], { onNext });
  },

  comment,

  // Tapping the chosen option again takes the answer back: an optional question skipped
  // stores no answer, while "prefer not to say" is an answer of its own.
  choice(step, k) {
    const walk = k.walk;
    const question = k.campaign.questions.find((q) => q.id === step.question);
    const warning = notice();
    // The step names its options in order; a campaign's own order when it does not.
    const ids = step.options || question.options.map((option) => option.id);
    const options = ids.map((id) => {
      const quiet = id === step.prefer_not_to_say ? " prefer-not-to-say" : "";
      return button(optionLabel(k, question, id), `choice${quiet}`, () => {
        if (walk.answers[question.id] === id) delete walk.answers[question.id];
        else walk.answers[question.id] = id;
        warning.textContent = "";
        for (const [index, other] of options.entries()) {
          other.setAttribute("aria-pressed", String(walk.answers[question.id] === ids[index]));
        }
      }, { "aria-pressed": String(walk.answers[question.id] === id) });
    });
    const onNext = () => {
      const missing = step.required === true && !(question.id in walk.answers);
      if (missing) warning.textContent = k.text("answer_missing");
      else k.advance(step);
    };
    const hint = k.text(step.required === true ? "question_required" : "question_optional");
    return k.frame(step, [
      heading(k.local(question.text)),
      el("p", { class: "hint", text: hint }),
      warning,
      el("div", { class: "choices" }, ...options),
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
        const id = walk.answers[question.id];
        const value = id === undefined ? k.text("no_answer") : optionLabel(k, question, id);
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
