// Should survey.js not start (it did not load, or the browser runs no modules), the page the
// server sent one step at a time becomes the whole form again, as it is without a script.
"use strict";
window.addEventListener("load", function () {
  var form = document.getElementById("survey");
  if (form && form.classList.contains("stepwise") && !form.dataset.walking) {
    form.classList.remove("stepwise");
  }
});
