// The report's print button (hidden without JavaScript, where the browser's own print works).
(function () {
  "use strict";
  var button = document.getElementById("print-report");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
