// The web survey with JavaScript: the same form, walked one step at a time and sent
// through the JSON API. Every text comes translated from the page's data block.
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
  const steps = Array.from(form.querySelectorAll(".step"));
  const areaBoxes = Array.from(form.querySelectorAll('input[name="areas"]'));
  const areasStep = steps.findIndex((step) => step.dataset.step === "areas");
  const areasError = document.getElementById("areas-error");
  const counter = form.querySelector(".counter");
  const comment = document.getElementById("comment");
  const status = form.querySelector(".status");
  const thanks = document.getElementById("thanks");
  const progress = document.createElement("p");
  const stepField = document.createElement("input");
  let sending = false;

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
    counter.textContent = text.chosen[Math.min(chosen().length, data.pick)];
  }

  function showAreasError(message) {
    areasError.hidden = !message;
    areasError.querySelector(".error-text").textContent = message || "";
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
    for (const cell of form.querySelectorAll('[data-summary^="q-"]')) {
      const picked = form.querySelector(`input[name="${cell.dataset.summary}"]:checked`);
      cell.textContent = picked ? labelOf(picked) : text.no_answer;
    }
    form.querySelector(".summary").hidden = false;
  }

  function show(index) {
    steps.forEach((step, i) => step.classList.toggle("current", i === index));
    progress.textContent = fill(text.step, { n: index + 1, total: steps.length });
    stepField.value = steps[index].dataset.step;
    if (steps[index].dataset.step === "confirm") fillSummary();
  }

  function go(index) {
    show(index);
    steps[index].querySelector(".step-heading").focus();
  }

  function next(index) {
    if (index === areasStep && chosen().length !== data.pick) {
      showAreasError(text.areas_count);
      areaBoxes[0].focus();
      return;
    }
    go(index + 1);
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
      showAreasError(problem.message);
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
      body.answers[radio.name.slice(2)] = radio.value;
    }
    return body;
  }

  async function send(event) {
    if (event.submitter && event.submitter.name === "switch_language") return;
    event.preventDefault();
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
      if (box.checked && chosen().length > data.pick) {
        box.checked = false;
        showAreasError(text.too_many);
      } else {
        showAreasError("");
      }
      showCount();
    }),
  );

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
      nav.append(button(text.next, "button primary", () => next(index)));
    } else {
      nav.append(step.querySelector('button[type="submit"]'));
    }
    step.append(nav);
  });
  form.addEventListener("submit", send);
  form.classList.add("stepwise");
  showCount();
  show(Math.max(0, steps.findIndex((step) => step.dataset.step === data.resume)));
})();
