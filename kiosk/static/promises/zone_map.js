// The promise page's map: the zones where its activities take place, drawn as every map of
// the campaign is (shared/base_map.js). The list under the map names the same zones with
// their activities: the map's text alternative, and all there is without a script.
import { baseMap, drawZones, zoneFeatures } from "../shared/base_map.js";

const data = document.getElementById("zone-map-data");
const container = document.getElementById("zone-map");
if (data && container && window.L) {
  const mapData = JSON.parse(data.textContent);
  const local = (name) => name[mapData.lang] || name.sv || Object.values(name)[0] || "";
  const zoom = { in: mapData.text.map_zoom_in, out: mapData.text.map_zoom_out };
  const map = baseMap(container, mapData, zoom, { scrollWheelZoom: false });
  drawZones(map, zoneFeatures(mapData.zones, local), { named: true });
}
