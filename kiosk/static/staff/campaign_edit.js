// The campaign editor: each question shows only the fields its kind takes (`min` and `max`
// for several picks, "not a point on the scale" for a scale's options), as the kinds list
// them on the kind's choice (`data-keys`). A hidden field is disabled, so it is not sent.
// Without this script every field shows, and the server names one the kind does not take.
"use strict";

function showFieldsOfKind(select) {
  const question = select.closest("fieldset");
  const keys = (select.selectedOptions[0]?.dataset.keys || "").split(" ");
  for (const field of question.querySelectorAll("[data-key]")) {
    // A field the server found a problem with stays in sight, beside its message.
    const flagged = field.querySelector("[aria-invalid=true]") !== null;
    const used = keys.includes(field.dataset.key) || flagged;
    field.hidden = !used;
    for (const input of field.querySelectorAll("input")) input.disabled = !used;
  }
}

for (const select of document.querySelectorAll("select[data-kind-select]")) {
  select.addEventListener("change", () => showFieldsOfKind(select));
  showFieldsOfKind(select);
}
