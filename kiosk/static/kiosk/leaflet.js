// Leaflet (about 150 KB) is fetched when a place question's map is first shown, not with
// the page: the attract screen and most of the walk need none of it. The service worker
// is handed its address with the page's files, so the map also opens while the server is
// away.
let loading = null;

// The address of Leaflet's script, when the campaign asks where (else undefined).
export function leafletSource() {
  return document.getElementById("kiosk").dataset.leaflet;
}

// Leaflet's `L`, once its script has run; a failed fetch can be tried again later.
export function leaflet() {
  if (window.L) return Promise.resolve(window.L);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = leafletSource();
      script.onload = () => resolve(window.L);
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(new Error("Leaflet did not load"));
      };
      document.head.append(script);
    });
  }
  return loading;
}
