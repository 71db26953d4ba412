// Fast keyed entry: with focus among the areas, a digit key ticks or unticks that area.
(function () {
  "use strict";
  var areas = document.getElementById("p-areas");
  if (!areas) { return; }
  areas.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var box = areas.querySelector('input[data-key="' + event.key + '"]');
    if (!box) { return; }
    event.preventDefault();
    box.checked = !box.checked;
    box.focus();
  });
})();
