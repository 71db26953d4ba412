// The campaign's map as every page draws it, with Leaflet (the global `L`, from our own
// static files): kept on the campaign's bounds, zoom buttons titled in the page's language,
// and the zones on a plain background when the campaign has no tiles (it works offline),
// or on the tiles and their attribution when it has. Used by a place question's map (the
// web survey and the kiosk), the safety walks' maps and the staff places map.

export const ZONE_STYLE = { color: "#1d4f73", weight: 2, fillColor: "#6fa8d6", fillOpacity: 0.15 };

// A Leaflet map in `container`, fitted to `mapData.bounds` ([[south, west], [north, east]],
// latitude first). `zoom` gives the buttons' titles ({ in, out }); `options` go to L.map.
export function baseMap(container, mapData, zoom, options = {}) {
  const bounds = L.latLngBounds(mapData.bounds);
  const map = L.map(container, {
    maxBounds: bounds.pad(0.25),
    maxBoundsViscosity: 1.0,
    keyboard: true,
    zoomSnap: 0.5,
    zoomControl: false,
    ...options,
  });
  // The zoom buttons in the page's language, not Leaflet's English.
  L.control.zoom({ zoomInTitle: zoom.in, zoomOutTitle: zoom.out }).addTo(map);
  if (mapData.tiles) {
    L.tileLayer(mapData.tiles, {
      attribution: mapData.attribution || "",
      maxZoom: 19,
      referrerPolicy: "no-referrer",
    }).addTo(map);
  } else {
    container.classList.add("no-tiles");
    map.attributionControl.remove();
  }
  map.fitBounds(bounds);
  return map;
}

// The zones ({id, name, polygon: [[lon, lat], …]}) as GeoJSON Features, named by `local`.
export function zoneFeatures(zones, local) {
  return zones.map((zone) => ({
    type: "Feature",
    id: zone.id,
    properties: { id: zone.id, name: local(zone.name) },
    geometry: { type: "Polygon", coordinates: [zone.polygon] },
  }));
}

// A zone's name as a tooltip takes it: an element holding the text, never HTML (Leaflet
// writes a string into the page as markup).
export function nameTag(text) {
  const tag = document.createElement("span");
  tag.textContent = text;
  return tag;
}

// The zones drawn on `map`; with `named`, each carries its name in the middle, and a tap on
// it reaches the map (a zone only names itself).
export function drawZones(map, features, { named = false, style = () => ZONE_STYLE } = {}) {
  return L.geoJSON(features, {
    style,
    interactive: named,
    bubblingMouseEvents: true,
    onEachFeature: named
      ? (feature, layer) =>
          layer.bindTooltip(nameTag(feature.properties.name), {
            permanent: true,
            direction: "center",
            className: "zone-name",
          })
      : undefined,
  }).addTo(map);
}
