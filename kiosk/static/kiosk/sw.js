// The kiosk's service worker, served as /kiosk/sw.js so its scope is /kiosk/. It keeps a
// copy of the kiosk page and its static files, so a reload or a browser restart while the
// server is away still opens the kiosk. Network first: a reachable server always gives the
// current release. Only GETs of the page, its status page, /static/kiosk/, the modules
// it shares with the web survey (/static/shared/) and Leaflet for a place question's map
// (/static/vendor/leaflet/) pass through the cache; answers are POSTs to the API, which this worker leaves to the browser (the
// outbox retries them).

// Renaming the cache is how a release with another layout drops the old one on activate.
const CACHE = "kiosk-v1";
const PAGE = /^\/kiosk\/[^/]+\/(status)?$/;

function cacheable(url) {
  return (
    url.origin === self.location.origin &&
    (PAGE.test(url.pathname) || /^\/static\/(kiosk|shared|vendor\/leaflet)\//.test(url.pathname))
  );
}

// One copy per path: a new release's `?v=` file replaces the old one instead of piling up,
// and a kiosk page keeps only the address (venue, key) it was last opened with.
async function keep(request, response) {
  const cache = await caches.open(CACHE);
  await cache.delete(request, { ignoreSearch: true, ignoreVary: true });
  await cache.put(request, response);
}

async function networkFirst(event) {
  const { request } = event;
  const response = await fetch(request).catch(() => Response.error());
  if (response.ok) event.waitUntil(keep(request, response.clone()));
  // A proxy in front of a stopped server answers 502-504: that is the server away, too.
  if (response.type !== "error" && response.status < 500) return response;
  return (await caches.match(request, { ignoreVary: true })) || response;
}

// A new worker takes over at once: it holds nothing that an open page depends on.
self.addEventListener("install", () => self.skipWaiting());

// Take over the open kiosk at once: the page that installed the worker is covered from
// now on, not only from its next load.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => names.filter((name) => name.startsWith("kiosk-") && name !== CACHE))
      .then((old) => Promise.all(old.map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  if (event.request.method === "GET" && cacheable(new URL(event.request.url))) {
    event.respondWith(networkFirst(event));
  }
});

// The page that installed the worker was loaded before it, so it sends its own address and
// files to be kept. They are fetched one by one with the page last: a cached page always
// finds its files.
async function keepAll(urls) {
  for (const url of urls.filter((url) => cacheable(new URL(url)))) {
    const response = await fetch(url);
    if (response.ok) await keep(new Request(url), response);
  }
}

self.addEventListener("message", (event) => {
  event.waitUntil(keepAll([...event.data.files, event.data.page]));
});
