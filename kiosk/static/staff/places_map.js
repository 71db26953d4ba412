// The staff map of the places residents marked. The server gathers the places into the
// cells of grids of several sizes (survey/place_summary.py); at each zoom the size that keeps
// clusters about 60 pixels apart is drawn: a ring with the number of places, or a dot for a
// single place. A ring zooms in on its places when chosen (by a click, or Enter once
// focused). The tables under the map say the same without a script.
import { baseMap, drawZones, nameTag, zoneFeatures } from "../shared/base_map.js";
import { fill } from "../shared/dom.js";

const SPACING_PX = 60;
const EARTH_M = 40075016.686;

function metresPerPixel(map) {
  return (EARTH_M * Math.cos((map.getCenter().lat * Math.PI) / 180)) / 2 ** (map.getZoom() + 8);
}

// The largest cells that still keep clusters apart at this zoom: the smallest size of at
// least SPACING_PX pixels, or the smallest of all when zoomed in beyond it.
function levelFor(map, levels) {
  const wanted = SPACING_PX * metresPerPixel(map);
  const fitting = levels.filter((level) => level.size_m >= wanted);
  return fitting.length ? fitting[fitting.length - 1] : levels[levels.length - 1];
}

function clusterMarker(map, [lat, lon, count], texts) {
  const title = count === 1 ? texts.one : fill(texts.many, { num: count });
  if (count === 1) {
    return L.circleMarker([lat, lon], { radius: 7, color: "#7a1f00", weight: 2, fillOpacity: 0.8 })
      .bindTooltip(nameTag(title));
  }
  const size = 28 + 8 * Math.min(4, Math.floor(Math.log10(count)));
  const icon = L.divIcon({
    className: "place-cluster",
    html: `<span aria-hidden="true">${Number(count)}</span>`,
    iconSize: [size, size],
  });
  const marker = L.marker([lat, lon], { icon, keyboard: true, title, alt: title });
  const closer = () => map.setView([lat, lon], Math.min(map.getZoom() + 2, 18));
  marker.on("click", closer);
  // Leaflet gives a focused marker the role of a button but no key: Enter and Space are ours.
  marker.on("add", () => {
    marker.getElement().addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      closer();
    });
  });
  return marker;
}

function draw(element) {
  const mapData = JSON.parse(element.dataset.map);
  const texts = { one: element.dataset.one, many: element.dataset.many };
  const map = baseMap(element, mapData, { in: element.dataset.zoomIn, out: element.dataset.zoomOut });
  drawZones(map, zoneFeatures(mapData.zones, (name) => name), { named: true });
  const layer = L.layerGroup().addTo(map);
  let shown = null;
  const levels = mapData.levels || [];
  const redraw = () => {
    if (!levels.length) return;
    const level = levelFor(map, levels);
    if (level === shown) return;
    shown = level;
    layer.clearLayers();
    for (const cluster of level.clusters) layer.addLayer(clusterMarker(map, cluster, texts));
    element.dataset.clusterSize = String(level.size_m);
  };
  map.on("zoomend", redraw);
  redraw();
}

// The places map, and the campaign editor's map of its zones (zones only, no clusters).
for (const element of document.querySelectorAll(".places-map[data-map]")) draw(element);
