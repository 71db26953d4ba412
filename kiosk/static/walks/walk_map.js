/* The map of a safety walk, drawn as every map is (../shared/base_map.js).
 *
 * Without tiles the base map is the campaign's zones on a plain background (it works
 * offline); with tiles, they lie under the zones. The map is never the only way: every
 * page that shows one lists the same places, and the walk page offers "Här står jag" and
 * the zones as a list. The zoom buttons' titles come from the element's `data-zoom-in` and
 * `data-zoom-out`, in the page's language.
 *
 * WalkMap.create(element, mapData) -> Leaflet map; WalkMap.place(map, point, label)
 * -> marker. On a page with #walk-map[data-points] (the public walk), the places are drawn.
 * A module: the page's walk.js, also a module, runs after it.
 */
import { baseMap, drawZones } from "../shared/base_map.js";

function readJson(element, name) {
  try {
    return JSON.parse(element.getAttribute(name) || "null");
  } catch (error) {
    return null;
  }
}

function create(element, mapData) {
  const zoom = { in: element.dataset.zoomIn, out: element.dataset.zoomOut };
  const map = baseMap(element, mapData, zoom);
  drawZones(map, mapData.zones);
  return map;
}

function place(map, point, label) {
  return L.marker([point.lat, point.lon], { keyboard: true, title: label, alt: label }).addTo(map);
}

window.WalkMap = { create, place, readJson };

function drawPlaces(element) {
  const mapData = readJson(element, "data-map");
  if (!mapData) return;
  const points = readJson(element, "data-points") || [];
  const labels = readJson(element, "data-labels") || {};
  const map = create(element, mapData);
  points.forEach((point, index) => {
    const label = `${index + 1}. ${labels[point.category] || point.category}`;
    place(map, point, label).on("click", () => {
      const item = document.getElementById(`point-${point.id}`);
      if (item) {
        item.scrollIntoView({ block: "center" });
        item.classList.add("highlight");
      }
    });
  });
}

const shown = document.getElementById("walk-map");
if (shown && shown.hasAttribute("data-points")) drawPlaces(shown);
