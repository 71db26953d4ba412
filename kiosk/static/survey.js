// The web survey with JavaScript: the same form, walked one step at a time and sent
// through the JSON API. The order of the steps, what each allows (how many areas or options,
// whether it may be skipped) and where a change from the summary returns to are the shared
// walk's (shared/walk.js), driven by the steps in the page's data block (the same as
// GET /api/v1/campaigns/{id} serves); the server still judges the answer. Every text comes
// translated from the page's data block.
// A language button still posts the form to the server, which shows it again in that
// language with everything kept; the walk then goes on at the step it was on.
import { button, el, fill } from "./shared/dom.js";
import { PlaceMap, pointLabel } from "./shared/place_map.js";
import { listenButton, speakerIcon, stopReading } from "./shared/speech.js";
import { changeable, empty, most, problemWith, Walk } from "./shared/walk.js";

const form = document.getElementById("survey");
const dataBlock = document.getElementById("survey-data");
const errorSummary = document.getElementById("error-summary");
// A form shown again with the server's errors stays whole: every error is in view.
if (form && dataBlock && errorSummary.hidden) enhance(JSON.parse(dataBlock.textContent));

// How the form asks a question of each kind (survey/kinds): the value it holds, and
// clearing it. A choice and a scale are radio groups, a multi a group of checkboxes.
const kinds = {
  choice: {
    value: (inputs) => inputs.find((input) => input.checked && input.value)?.value,
    clear: (inputs) => inputs.forEach((input) => (input.checked = false)),
  },
  scale: null,
  place: null,
  multi: {
    value: (inputs) => inputs.filter((input) => input.checked).map((input) => input.value),
    clear: (inputs) => inputs.forEach((input) => (input.checked = false)),
  },
};
kinds.scale = kinds.choice;
kinds.place = kinds.multi; // the map's zones as a list: the map's text alternative

function enhance(data) {
  form.dataset.walking = "true"; // survey_fallback.js leaves the page to this walk
  const text = data.text;
  // The language step is the header's language switch; every other step is in the form.
  const walk = new Walk(data.steps.filter((step) => step.type !== "language"));
  const sections = new Map(
    Array.from(form.querySelectorAll(".step"), (section) => [section.dataset.step, section]),
  );
  const areasStep = walk.steps[walk.indexOf("areas")];
  const areaBoxes = Array.from(form.querySelectorAll('input[name="areas"]'));
  const areasError = document.getElementById("areas-error");
  const counter = document.querySelector("#areas .counter");
  const comment = document.getElementById("comment");
  const commentError = document.getElementById("comment-error");
  const warning = document.getElementById("comment-warning");
  const status = form.querySelector(".status");
  const thanks = document.getElementById("thanks");
  // The page comes as this walk shows it (the progress, each step's buttons, the step
  // being shown): the script takes that markup over, so nothing moves when it starts.
  const progress = form.querySelector(".progress");
  const stepField = document.createElement("input");
  let sending = false;
  // The comment text the resident chose to send despite a warning.
  let confirmedComment = warning.hidden ? null : comment.value.trim();
  // Without the comment check service, the server checks the comment on a plain post.
  let serverChecks = false;
  // A place question's map above its list of zones, where the map can be drawn.
  const maps = new Map();

  function inputsOf(step) {
    return Array.from(form.querySelectorAll(`input[name="q-${step.question}"]`));
  }

  function chosen() {
    return areaBoxes.filter((box) => box.checked);
  }

  // What the resident gave on a step: the areas' ids, the comment, a question's answer.
  function given(step) {
    if (step.type === "areas") return chosen().map((box) => box.value);
    if (step.type === "comment") return comment.value.trim();
    if (step.type === "choice") {
      const value = kinds[step.kind].value(inputsOf(step));
      const map = maps.get(step.id);
      return map ? [...value, ...map.points()] : value;
    }
    return undefined;
  }

  function showCount() {
    counter.hidden = false;
    counter.textContent = text.chosen[Math.min(chosen().length, areasStep.pick)];
  }

  function errorOf(step) {
    if (step.type === "areas") return areasError;
    if (step.type === "comment") return commentError;
    return document.getElementById(`q-${step.question}-error`);
  }

  function showError(element, message) {
    element.hidden = !message;
    element.querySelector(".error-text").textContent = message || "";
  }

  function message(step, code) {
    const question = data.questions[step.question] || {};
    const messages = {
      "areas.count": text.areas_count,
      "areas.too_many": text.too_many,
      "comment.required": text.comment_required,
      "question.required": question.required,
      "multi.too_few": question.too_few,
      "multi.too_many": question.too_many,
    };
    return messages[code] || "";
  }

  // A zone's name in the page's language (in Lättläst when the page is).
  function local(names) {
    return (data.easy && names[`${data.lang}-easy`]) || names[data.lang] || Object.values(names)[0];
  }

  function labelOf(input) {
    return form.querySelector(`label[for="${input.id}"]`).textContent;
  }

  function fillSummary() {
    const areas = document.createElement("ul");
    for (const box of chosen()) {
      const item = document.createElement("li");
      item.textContent = labelOf(box);
      areas.append(item);
    }
    form.querySelector('[data-summary="areas"]').replaceChildren(areas);
    form.querySelector('[data-summary="comment"]').textContent =
      comment.value.trim() || text.no_comment;
    for (const step of walk.steps.filter((each) => each.type === "choice")) {
      const picked = inputsOf(step).filter((input) => input.checked && input.value).map(labelOf);
      const map = maps.get(step.id);
      if (map) picked.push(...map.points().map((point) => pointLabel(data.map, point, text, local)));
      const cell = form.querySelector(`[data-summary="q-${step.question}"]`);
      cell.textContent = picked.length ? picked.join(", ") : text.no_answer;
    }
    for (const cell of form.querySelectorAll("[data-change]")) {
      cell.querySelector(".change")?.remove();
      const step = walk.steps[walk.indexOf(cell.dataset.change)];
      if (step && changeable(step)) {
        cell.append(button(text.change, "button change", () => change(step.id)));
      }
    }
    form.querySelector(".summary").hidden = false;
  }

  function show() {
    stopReading();
    const step = walk.step;
    sections.forEach((section, id) => section.classList.toggle("current", id === step.id));
    progress.textContent = fill(text.step, { n: walk.index + 1, total: walk.steps.length });
    stepField.value = step.id;
    if (step.type === "confirm") fillSummary();
    if (maps.has(step.id)) maps.get(step.id).draw();
  }

  function focusStep() {
    sections.get(walk.step.id).querySelector(".step-heading").focus();
  }

  function change(id) {
    if (walk.change(id)) {
      show();
      focusStep();
    }
  }

  function previous() {
    walk.previous();
    show();
    focusStep();
  }

  // On to the next step, or back to the summary after a change.
  function leave() {
    walk.next();
    show();
    focusStep();
  }

  function showWarning(message) {
    warning.hidden = !message;
    warning.querySelector(".warning-text").textContent = message || "";
    if (message && !warning.querySelector('[name="comment_ok"]')) {
      const anyway = button(text.send_anyway, "button", sendAnyway);
      anyway.name = "comment_ok";
      warning.querySelector(".warning-actions").append(anyway);
    }
  }

  // Keep the comment as written, warned or not: the warning never blocks.
  function sendAnyway() {
    confirmedComment = comment.value.trim();
    showWarning("");
    leave();
  }

  // The warnings the comment check service gives, or null when it cannot be asked.
  async function commentWarning(value) {
    try {
      const response = await fetch(data.comment_check, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ comment: value, locale: data.lang }),
        credentials: "same-origin",
      });
      if (!response.ok) return null;
      const found = await response.json();
      return found.warnings && found.warnings.length ? found.message || "" : "";
    } catch {
      return null;
    }
  }

  // While the comment is being checked, a second press of Next must not leave the step twice.
  let checking = false;

  async function leaveComment() {
    if (checking) return;
    const value = comment.value.trim();
    if (value && value !== confirmedComment && !serverChecks) {
      checking = true;
      const found = await commentWarning(value).finally(() => {
        checking = false;
      });
      if (found === null) {
        serverChecks = true;
      } else if (found) {
        showWarning(found);
        warning.querySelector(".button").focus();
        return;
      }
    }
    showWarning("");
    leave();
  }

  function next() {
    const step = walk.step;
    const problem = problemWith(step, given(step));
    const error = errorOf(step);
    if (error) showError(error, message(step, problem));
    if (problem) {
      const first = sections.get(step.id).querySelector("input, textarea");
      if (first) first.focus();
      return;
    }
    if (step.type === "comment") leaveComment();
    else leave();
  }

  // Leave an optional step unanswered: skipping stores no answer.
  function skip() {
    const step = walk.step;
    if (step.type === "comment") {
      comment.value = "";
      showWarning("");
    }
    if (step.type === "choice") kinds[step.kind].clear(inputsOf(step));
    if (maps.has(step.id)) maps.get(step.id).clear();
    const error = errorOf(step);
    if (error) showError(error, "");
    leave();
  }

  function showErrors(problem) {
    const list = errorSummary.querySelector("ul");
    list.replaceChildren();
    for (const each of problem.problems || [problem]) {
      const item = document.createElement("li");
      item.textContent = each.message || text.network;
      list.append(item);
    }
    errorSummary.hidden = false;
    if (String(problem.error).startsWith("areas.")) {
      showError(areasError, problem.message);
      walk.goTo("areas");
      show();
    }
    errorSummary.focus();
  }

  function answerBody() {
    const body = {
      id: form.elements.id.value,
      areas: given(areasStep),
      comment: comment.value.trim() || null,
      locale: data.lang,
      channel: "web",
      answers: {},
      easy_read: data.easy,
    };
    if (data.source) body.source = data.source;
    for (const step of walk.steps.filter((each) => each.type === "choice")) {
      const value = given(step);
      if (!empty(value)) body.answers[step.question] = value;
    }
    return body;
  }

  async function send(event) {
    const submitter = event.submitter;
    if (submitter && ["switch_language", "switch_easy"].includes(submitter.name)) return;
    event.preventDefault();
    if (submitter && submitter.name === "comment_ok") {
      sendAnyway();
      return;
    }
    if (serverChecks && comment.value.trim() && comment.value.trim() !== confirmedComment) {
      form.submit(); // the server warns about the comment, as it does without a script
      return;
    }
    if (sending) return;
    sending = true;
    status.textContent = text.sending;
    let response;
    try {
      response = await fetch(data.api, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(answerBody()),
        credentials: "same-origin",
      });
    } catch {
      status.textContent = text.network;
      sending = false;
      return;
    }
    status.textContent = "";
    if (response.status === 200 || response.status === 201) {
      form.hidden = true;
      // As on the thank-you page without JavaScript: no language button brings the answer back.
      document.querySelector(".languages").hidden = true;
      progress.hidden = true;
      errorSummary.hidden = true;
      thanks.hidden = false;
      thanks.querySelector(".step-heading").focus();
      return;
    }
    sending = false;
    let problem = { message: text.network };
    try {
      problem = await response.json();
    } catch {
      // Not JSON (a proxy's error page): the generic message stands.
    }
    showErrors(problem);
  }

  // Ticking one more than a step allows (areas, or a multi's options, or a place question's
  // zones and marked places together) is undone at once.
  function limitTicks(step, boxes, error, afterwards, others = () => 0) {
    for (const box of boxes) {
      box.addEventListener("change", () => {
        const ticked = boxes.filter((each) => each.checked).length + others();
        const refused = box.checked && ticked > most(step);
        if (refused) box.checked = false;
        const code = step.type === "areas" ? "areas.too_many" : "multi.too_many";
        showError(error, refused ? message(step, code) : "");
        if (afterwards) afterwards();
      });
    }
  }

  limitTicks(areasStep, areaBoxes, areasError, showCount);
  for (const step of walk.steps.filter((each) => each.kind === "multi")) {
    limitTicks(step, inputsOf(step), errorOf(step));
  }
  // The map goes above the list of zones only where Leaflet came with the page.
  for (const step of walk.steps.filter((each) => each.kind === "place")) {
    const boxes = inputsOf(step);
    const error = errorOf(step);
    if (!data.map || !window.L) {
      limitTicks(step, boxes, error);
      continue;
    }
    const map = new PlaceMap({
      mapData: data.map,
      text,
      local,
      id: `q-${step.question}-map`,
      room: () => most(step) - boxes.filter((box) => box.checked).length - map.points().length,
      onChange: () => showError(error, ""),
      refuse: () => showError(error, message(step, "multi.too_many")),
    });
    sections.get(step.id).querySelector(".choices").before(map.element);
    maps.set(step.id, map);
    limitTicks(step, boxes, error, null, () => map.points().length);
  }

  // "Lyssna" below a step's heading: its text read by the browser's voice for the page's
  // language, or the server's recording of it.
  function listen(step, button) {
    const recorded = Boolean(data.speech_audio);
    return listenButton(button, data.speech_lang, recorded, () => ({
      text: data.speech[step.id],
      url: recorded ? data.speech_audio + encodeURIComponent(step.id) : null,
    }));
  }

  // Without a script the "no answer" radio takes an answer back; here the skip button does.
  for (const none of form.querySelectorAll(".no-answer")) none.hidden = true;
  stepField.type = "hidden";
  stepField.name = "step";
  form.append(stepField);
  const moves = { back: previous, skip, next };
  for (const navButton of form.querySelectorAll(".step-nav [data-nav]")) {
    navButton.addEventListener("click", moves[navButton.dataset.nav]);
  }
  // Each step's Lyssna, where the server put it (beside the heading, shown from the start
  // when the server records speech, so that the page does not move).
  walk.steps.forEach((step) => {
    const button = sections.get(step.id).querySelector(".listen");
    if (button) listen(step, button);
  });
  form.addEventListener("submit", send);
  form.classList.add("stepwise");
  showCount();
  walk.goTo(data.resume || walk.steps[0].id);
  show();
}
