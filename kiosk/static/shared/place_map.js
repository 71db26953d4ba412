// The map of a place question, shared by the web survey and the kiosk: a progressive
// enhancement above the list of the map's zones, which stays the map's text alternative
// (and the whole question without a script). Drawn with Leaflet (the global `L`, from our
// own static files): the zones, named, on a plain background when the campaign has no tiles
// (it works offline), under them the tiles and their attribution when it has (base_map.js).
// A tap or a click drops a pin, as many as the question still takes; a pin is removed from its popup
// or from the list of marked places beside the map. The server rounds each point and finds
// its zone again.
import { baseMap, drawZones, zoneFeatures } from "./base_map.js";
import { button, el, fill } from "./dom.js";

// Whether [lon, lat] lies inside a closed ring of [lon, lat] (ray casting).
function inside(lon, lat, ring) {
  let within = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
      within = !within;
    }
  }
  return within;
}

// The zone a point falls in, or undefined.
export function zoneOf(mapData, point) {
  return mapData.zones.find((zone) => inside(point.lon, point.lat, zone.polygon));
}

// "Punkt på kartan", or "Punkt på kartan i Centrum" when the point falls in a zone.
export function pointLabel(mapData, point, text, local) {
  const zone = zoneOf(mapData, point);
  return zone ? fill(text.map_point_in, { zone: local(zone.name) }) : text.map_point;
}

export function isPoint(value) {
  return typeof value === "object" && value !== null && "lat" in value;
}

// The map and its list of marked places, built detached; `draw()` once it is on screen
// (Leaflet measures its container). `points()` gives the places marked, `room()` how many
// more the question takes (its `max` less the zones ticked and the places marked),
// `onChange(points)` hears every change and `refuse()` a tap beyond the question's `max`.
export class PlaceMap {
  constructor({ mapData, text, local, id, points = [], room, onChange, refuse }) {
    this.mapData = mapData;
    this.text = text;
    this.local = local;
    this.marked = points.slice();
    this.room = room;
    this.onChange = onChange;
    this.refuse = refuse;
    this.markers = [];
    const help = el(
      "p",
      { id: `${id}-help`, class: "hint map-help" },
      text.map_help,
      " ",
      text.map_keys,
    );
    this.container = el("div", {
      id,
      class: "place-map",
      role: "region",
      "aria-label": text.map_label,
      "aria-describedby": help.id,
    });
    // From the keyboard: the arrow keys move the map under the cross in its middle, and
    // Enter on the map or this button drops a pin there.
    this.markHere = button(text.map_mark_here, "button mark-here", () => this.addAtCentre());
    this.list = el("ul", { class: "map-points" });
    this.listHeading = el("p", { class: "map-points-heading", text: text.map_marked });
    this.element = el(
      "div",
      { class: "place-map-block" },
      help,
      this.container,
      el("p", { class: "map-actions" }, this.markHere),
      this.listHeading,
      this.list,
    );
    this.map = null;
    // Leaflet focuses the map on a touch and puts back only the window's scroll: in a
    // scrolling screen (the kiosk) the map would move under the finger and the pin land
    // beside the place touched. Focused first without scrolling, it stays where it is.
    const focus = () => this.container.focus({ preventScroll: true });
    this.container.addEventListener("pointerdown", focus, true);
    this.container.addEventListener("mousedown", focus, true);
    this.container.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.target !== this.container) return;
      event.preventDefault();
      this.addAtCentre();
    });
    this.showList();
  }

  points() {
    return this.marked.slice();
  }

  draw() {
    if (this.map) {
      this.map.invalidateSize();
      return;
    }
    const map = baseMap(
      this.container,
      this.mapData,
      { in: this.text.map_zoom_in, out: this.text.map_zoom_out },
      // Two taps are two places, never a zoom.
      { doubleClickZoom: false },
    );
    this.bounds = L.latLngBounds(this.mapData.bounds);
    drawZones(map, zoneFeatures(this.mapData.zones, this.local), { named: true });
    map.on("click", (event) => this.add(event.latlng));
    this.container.append(el("div", { class: "map-centre", "aria-hidden": "true" }));
    this.map = map;
    this.marked.forEach((point) => this.pin(point));
  }

  add(latlng) {
    if (this.bounds && !this.bounds.contains(latlng)) return;
    if (this.room() <= 0) {
      this.refuse();
      return;
    }
    const point = { lat: Number(latlng.lat.toFixed(6)), lon: Number(latlng.lng.toFixed(6)) };
    this.marked.push(point);
    this.pin(point);
    this.changed();
  }

  // A pin where the cross in the map's middle stands.
  addAtCentre() {
    if (this.map) this.add(this.map.getCenter());
  }

  label(point) {
    return pointLabel(this.mapData, point, this.text, this.local);
  }

  pin(point) {
    const label = this.label(point);
    const marker = L.marker([point.lat, point.lon], { keyboard: true, title: label, alt: label });
    const remove = button(this.text.map_remove, "button remove-point", () => this.remove(point), {
      "aria-label": `${this.text.map_remove}: ${label}`,
    });
    marker.bindPopup(el("div", { class: "point-popup" }, el("p", { text: label }), remove));
    marker.addTo(this.map);
    this.markers.push({ point, marker });
  }

  remove(point) {
    this.marked = this.marked.filter((each) => each !== point);
    const found = this.markers.find((each) => each.point === point);
    if (found) found.marker.remove();
    this.markers = this.markers.filter((each) => each !== found);
    this.changed();
  }

  // Every pin goes: the next resident starts with none.
  clear() {
    for (const { marker } of this.markers) marker.remove();
    this.markers = [];
    this.marked = [];
    this.showList();
  }

  // Let go of the map (the kiosk's screen is gone).
  destroy() {
    if (this.map) this.map.remove();
    this.map = null;
  }

  changed() {
    this.showList();
    this.onChange(this.points());
  }

  showList() {
    const items = this.marked.map((point, index) => {
      const label = `${index + 1}. ${this.label(point)}`;
      return el(
        "li",
        {},
        el("span", { text: label }),
        " ",
        button(this.text.map_remove, "button remove-point", () => this.remove(point), {
          "aria-label": `${this.text.map_remove}: ${label}`,
        }),
      );
    });
    this.list.replaceChildren(...items);
    this.list.hidden = items.length === 0;
    this.listHeading.hidden = items.length === 0;
  }
}
