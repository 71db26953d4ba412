// The web survey with JavaScript: the same form, walked one step at a time and sent
// through the JSON API. What each step allows (how many areas, whether it may be skipped,
// the comment's length, where a change from the summary returns to) comes from the walk's
// data in the page (the same as GET /api/v1/campaigns/{id} serves); the server still judges
// the answer. Every text comes translated from the page's data block.
// A language button still posts the form to the server, which shows it again in that
// language with everything kept; the walk then goes on at the step it was on.
"use strict";

(function () {
  const form = document.getElementById("survey");
  const dataBlock = document.getElementById("survey-data");
  const errorSummary = document.getElementById("error-summary");
  // A form shown again with the server's errors stays whole: every error is in view.
  if (!form || !dataBlock || !errorSummary.hidden) return;
  const data = JSON.parse(dataBlock.textContent);
  const text = data.text;
  const rules = new Map(data.steps.map((step) => [step.id, step]));
  const steps = Array.from(form.querySelectorAll(".step"));
  const ids = steps.map((step) => step.dataset.step);
  const areaBoxes = Array.from(form.querySelectorAll('input[name="areas"]'));
  const areasStep = ids.indexOf("areas");
  const pick = rules.get("areas").pick;
  const areasError = document.getElementById("areas-error");
  const counter = form.querySelector(".counter");
  const comment = document.getElementById("comment");
  const commentError = document.getElementById("comment-error");
  const warning = document.getElementById("comment-warning");
  const status = form.querySelector(".status");
  const thanks = document.getElementById("thanks");
  const progress = document.createElement("p");
  const stepField = document.createElement("input");
  let sending = false;
  // Set while a step opened from the summary is changed: leaving it returns there.
  let changing = false;
  // The comment text the resident chose to send despite a warning.
  let confirmedComment = warning.hidden ? null : comment.value.trim();
  // Without the comment check service, the server checks the comment on a plain post.
  let serverChecks = false;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)[ds]/g, (match, name) => String(values[name]));
  }

  function button(label, className, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function chosen() {
    return areaBoxes.filter((box) => box.checked);
  }

  function showCount() {
    counter.hidden = false;
    counter.textContent = text.chosen[Math.min(chosen().length, pick)];
  }

  function showError(element, message) {
    element.hidden = !message;
    element.querySelector(".error-text").textContent = message || "";
  }

  function labelOf(input) {
    return form.querySelector(`label[for="${input.id}"]`).textContent;
  }

  function changeButton(stepId) {
    return button(text.change, "button change", () => {
      changing = true;
      go(ids.indexOf(stepId));
    });
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
    for (const cell of form.querySelectorAll('[data-summary^="q-"]')) {
      const picked = form.querySelector(`input[name="${cell.dataset.summary}"]:checked`);
      cell.textContent = picked && picked.value ? labelOf(picked) : text.no_answer;
    }
    for (const cell of form.querySelectorAll("[data-change]")) {
      cell.querySelector(".change")?.remove();
      if (rules.get(cell.dataset.change)?.returns_to) cell.append(changeButton(cell.dataset.change));
    }
    form.querySelector(".summary").hidden = false;
  }

  function show(index) {
    steps.forEach((step, i) => step.classList.toggle("current", i === index));
    progress.textContent = fill(text.step, { n: index + 1, total: steps.length });
    stepField.value = ids[index];
    if (ids[index] === "confirm") fillSummary();
  }

  function go(index) {
    show(index);
    steps[index].querySelector(".step-heading").focus();
  }

  // Where the walk goes after the step at `index`: on, or back to where a change returns.
  function leave(index) {
    const returnsTo = rules.get(ids[index]).returns_to;
    if (changing && returnsTo) {
      changing = false;
      go(ids.indexOf(returnsTo));
    } else {
      go(index + 1);
    }
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
    leave(ids.indexOf("comment"));
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

  async function leaveComment(index) {
    if (checking) return;
    const value = comment.value.trim();
    const rule = rules.get("comment");
    if (rule.required && !value) {
      showError(commentError, text.comment_required);
      comment.focus();
      return;
    }
    showError(commentError, "");
    if (value && value !== confirmedComment && !serverChecks) {
      checking = true;
      const message = await commentWarning(value).finally(() => {
        checking = false;
      });
      if (message === null) {
        serverChecks = true;
      } else if (message) {
        showWarning(message);
        warning.querySelector(".button").focus();
        return;
      }
    }
    showWarning("");
    leave(index);
  }

  function next(index) {
    const id = ids[index];
    if (id === "areas" && chosen().length !== pick) {
      showError(areasError, text.areas_count);
      areaBoxes[0].focus();
      return;
    }
    if (id === "comment") {
      leaveComment(index);
      return;
    }
    leave(index);
  }

  // Leave an optional step unanswered: skipping stores no answer.
  function skip(index) {
    const step = steps[index];
    if (ids[index] === "comment") {
      comment.value = "";
      showError(commentError, "");
      showWarning("");
    }
    for (const radio of step.querySelectorAll('input[type="radio"]')) radio.checked = false;
    leave(index);
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
      go(areasStep);
    }
    errorSummary.focus();
  }

  function answerBody() {
    const body = {
      id: form.elements.id.value,
      areas: chosen().map((box) => box.value),
      comment: comment.value.trim() || null,
      locale: data.lang,
      channel: "web",
      answers: {},
    };
    if (data.source) body.source = data.source;
    for (const radio of form.querySelectorAll('input[type="radio"]:checked')) {
      if (radio.value) body.answers[radio.name.slice(2)] = radio.value;
    }
    return body;
  }

  async function send(event) {
    const submitter = event.submitter;
    if (submitter && submitter.name === "switch_language") return;
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

  areaBoxes.forEach((box) =>
    box.addEventListener("change", () => {
      if (box.checked && chosen().length > pick) {
        box.checked = false;
        showError(areasError, text.too_many);
      } else {
        showError(areasError, "");
      }
      showCount();
    }),
  );

  // Without a script the "no answer" radio takes an answer back; here the skip button does.
  for (const none of form.querySelectorAll(".no-answer")) none.hidden = true;
  stepField.type = "hidden";
  stepField.name = "step";
  form.append(stepField);
  progress.className = "progress";
  progress.setAttribute("aria-live", "polite");
  form.prepend(progress);
  steps.forEach((step, index) => {
    const nav = document.createElement("div");
    nav.className = "step-nav";
    if (index > 0) nav.append(button(text.back, "button", () => go(index - 1)));
    if (index < steps.length - 1) {
      if (!rules.get(ids[index]).required) {
        nav.append(button(text.skip, "button skip", () => skip(index)));
      }
      nav.append(button(text.next, "button primary", () => next(index)));
    } else {
      nav.append(step.querySelector('button[type="submit"]'));
    }
    step.append(nav);
  });
  form.addEventListener("submit", send);
  form.classList.add("stepwise");
  showCount();
  show(Math.max(0, ids.indexOf(data.resume)));
})();
