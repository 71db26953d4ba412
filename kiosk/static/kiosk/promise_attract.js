// "Så går det med löftet" on the kiosk's attract screen: while nobody is using the kiosk,
// the invitation and the promise that follows this campaign take turns (status counts and
// a QR code to the public page). Any tap still starts a walk, as on the invitation itself.
// The promise is fetched once and kept: offline, the kiosk goes on showing what it had.

// A classic deferred script (the kiosk's one module is main.js), kept out of the global scope.
{
  const host = document.getElementById("kiosk");
  let promise = null;
  let timer = null;

  function make(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function panel(lang) {
    const texts = promise.languages[lang] || Object.values(promise.languages)[0];
    const svg = new DOMParser().parseFromString(promise.qr, "image/svg+xml").documentElement;
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const counts = texts.counts.map((count) =>
      make(
        "li",
        { class: `promise-count status-${count.status}` },
        make("span", { class: "icon", "aria-hidden": "true", text: count.icon }),
        " ",
        make("span", { class: "label", text: `${count.label}: ${count.n}` }),
      ),
    );
    return make(
      "aside",
      { class: "promise-attract", "aria-label": texts.heading, lang },
      make("h2", { text: texts.heading }),
      make("p", { class: "promise-title", text: texts.title }),
      make("ul", { class: "promise-counts" }, ...counts),
      make("figure", { class: "promise-qr" }, svg, make("figcaption", { text: texts.scan })),
    );
  }

  // Put the panel on the attract screen whenever the kiosk shows one, and take turns.
  function decorate() {
    const screen = host.querySelector(".screen-attract");
    if (!screen || !promise || screen.querySelector(".promise-attract")) return;
    screen.append(panel(document.documentElement.lang));
    clearInterval(timer);
    timer = setInterval(() => {
      const current = host.querySelector(".screen-attract");
      if (!current) return clearInterval(timer);
      current.classList.toggle("showing-promise");
    }, promise.alternate_seconds * 1000);
  }

  async function load() {
    try {
      const response = await fetch(`${location.pathname}promise`, { cache: "no-store" });
      if (!response.ok) return;
      promise = await response.json();
      decorate();
    } catch {
      // Offline: the invitation alone, until the next load.
    }
  }

  new MutationObserver(decorate).observe(host, { childList: true });
  load();
}
