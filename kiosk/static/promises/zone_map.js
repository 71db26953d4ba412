// The promise page's map: the zones where its activities take place, drawn as the place
// question draws its map (shared/place_map.js). The list under the map names the same zones
// with their activities: the map's text alternative, and all there is without a script.
import { drawZones } from "../shared/place_map.js";

const data = document.getElementById("zone-map-data");
const container = document.getElementById("zone-map");
if (data && container && window.L) {
  const mapData = JSON.parse(data.textContent);
  const local = (name) => name[mapData.lang] || name.sv || Object.values(name)[0] || "";
  drawZones(container, mapData, mapData.text, local, { scrollWheelZoom: false });
}
