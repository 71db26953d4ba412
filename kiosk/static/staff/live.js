// Keeps the results page current: fetches the figures every few seconds and swaps them in.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var figures = document.getElementById("figures");
  if (!status || !figures) { return; }
  var url = status.getAttribute("data-live-url");
  var every = 1000 * (parseInt(status.getAttribute("data-poll-seconds"), 10) || 5);
  var last = null;
  var timer = null;

  function stop(message) {
    window.clearInterval(timer);
    status.textContent = message;
    status.classList.add("stale");
  }

  function poll() {
    if (document.hidden) { return; }
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          stop(status.getAttribute("data-stale-text"));
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) { return; }
        // The fragment is rendered and escaped by the server, like the page itself.
        if (data.html !== last) {
          figures.innerHTML = data.html;
          last = data.html;
        }
        var time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
        status.textContent = status.getAttribute("data-updated-text").replace("%(time)s", time);
        status.classList.remove("stale");
      })
      .catch(function () { /* the network blinked: the next poll tries again */ });
  }

  timer = window.setInterval(poll, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { poll(); } });
})();
