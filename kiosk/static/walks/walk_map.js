/* The map of a safety walk, drawn with Leaflet from our own static files.
 *
 * Without tiles the base map is the campaign's zones on a plain background (it works
 * offline); with tiles, they lie under the zones. The map is never the only way: every
 * page that shows one lists the same places, and the walk page offers "Här står jag" and
 * the zones as a list.
 *
 * WalkMap.create(element, mapData) -> Leaflet map; WalkMap.place(map, point, label)
 * -> marker. On a page with #walk-map[data-points] (the public walk), the places are drawn.
 */
(function () {
  "use strict";

  function readJson(element, name) {
    try {
      return JSON.parse(element.getAttribute(name) || "null");
    } catch (error) {
      return null;
    }
  }

  function create(element, mapData) {
    var bounds = L.latLngBounds(mapData.bounds);
    var map = L.map(element, {
      maxBounds: bounds.pad(0.25),
      maxBoundsViscosity: 1.0,
      keyboard: true,
      zoomSnap: 0.5,
    });
    if (mapData.tiles) {
      L.tileLayer(mapData.tiles, {
        attribution: mapData.attribution || "",
        maxZoom: 19,
        referrerPolicy: "no-referrer",
      }).addTo(map);
    } else {
      element.classList.add("no-tiles");
    }
    L.geoJSON(mapData.zones, {
      style: function () {
        return { color: "#1d4f73", weight: 2, fillColor: "#6fa8d6", fillOpacity: 0.15 };
      },
      interactive: false,
    }).addTo(map);
    map.fitBounds(bounds);
    return map;
  }

  function place(map, point, label) {
    return L.marker([point.lat, point.lon], {
      keyboard: true,
      title: label,
      alt: label,
    }).addTo(map);
  }

  window.WalkMap = { create: create, place: place, readJson: readJson };

  var element = document.getElementById("walk-map");
  if (!element || !element.hasAttribute("data-points")) return;
  var mapData = readJson(element, "data-map");
  var points = readJson(element, "data-points") || [];
  var labels = readJson(element, "data-labels") || {};
  if (!mapData) return;
  var map = create(element, mapData);
  points.forEach(function (point, index) {
    var label = (index + 1) + ". " + (labels[point.category] || point.category);
    place(map, point, label).on("click", function () {
      var item = document.getElementById("point-" + point.id);
      if (item) {
        item.scrollIntoView({ block: "center" });
        item.classList.add("highlight");
      }
    });
  });
})();
