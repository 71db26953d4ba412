// The published places: each zone of the campaign's map shaded by how many residents marked
// a place in it (darker is more; a count under five is not published and stays pale), with
// its name and count. The table beside the map gives the same counts; the map is a picture
// of it, so its zones take no focus.
import { baseMap, nameTag } from "./shared/base_map.js";

const DARKEST = 0.75;

function shade(zone, most) {
  if (zone.count === null || !most) {
    return { color: "#1d4f73", weight: 2, fillColor: "#b8c4ce", fillOpacity: 0.2 };
  }
  const opacity = 0.15 + (DARKEST - 0.15) * (zone.count / most);
  return { color: "#1d4f73", weight: 2, fillColor: "#1d4f73", fillOpacity: opacity };
}

function draw(element) {
  const mapData = JSON.parse(element.dataset.map);
  const zoom = { in: element.dataset.zoomIn, out: element.dataset.zoomOut };
  const map = baseMap(element, mapData, zoom);
  const most = Math.max(0, ...mapData.zones.map((zone) => zone.count || 0));
  for (const zone of mapData.zones) {
    const ring = zone.polygon.map(([lon, lat]) => [lat, lon]);
    L.polygon(ring, { ...shade(zone, most), interactive: false })
      .bindTooltip(nameTag(`${zone.name}: ${zone.count_text}`), {
        permanent: true,
        direction: "center",
        className: "zone-name",
      })
      .addTo(map);
  }
}

for (const element of document.querySelectorAll(".zone-map[data-map]")) draw(element);
