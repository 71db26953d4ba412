/* A safety walk on a participant's phone: mark a place (a tap on the map, "Här står jag",
 * or a zone from the list), choose what it is about, write a short note, add a photo.
 *
 * Every place goes first into an outbox in local storage, with its own UUID and the time
 * it was marked (`captured_at`), and is sent from there: when the signal drops it waits,
 * and it is sent again until the server gives a final answer. A resend is harmless (the
 * server answers 200 for the same point again), so nothing is stored twice. A photo is
 * made smaller here first (it also loses its EXIF and GPS on the way) and sent after its
 * point. The page shows what still waits.
 */
(function () {
  "use strict";

  var main = document.querySelector("main[data-walk]");
  if (!main) return;
  var walkId = main.getAttribute("data-walk");
  var key = new URLSearchParams(location.search).get("k") || "";
  var STORE_KEY = "medborgardialog.walk." + walkId + ".outbox.v1";
  var MAX_BACKOFF_MS = 15000;
  var PHOTO_SIDE = 1600;
  var texts = document.getElementById("texts").dataset;
  var form = document.getElementById("walk-form");
  var positionText = document.getElementById("position");
  var problem = document.getElementById("form-problem");
  var list = document.getElementById("outbox");
  var outboxStatus = document.getElementById("outbox-status");
  var mapElement = document.getElementById("walk-map");
  var mapData = mapElement && window.WalkMap ? WalkMap.readJson(mapElement, "data-map") : null;
  var bounds = mapData ? mapData.bounds : null;

  var chosen = null; // {lat, lon, label}
  var map = null;
  var marker = null;
  var items = readItems();
  var sending = false;
  var failures = 0;
  var timer = null;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return values[name];
    });
  }

  function readItems() {
    try {
      var found = JSON.parse(localStorage.getItem(STORE_KEY));
      return Array.isArray(found) ? found : [];
    } catch (error) {
      return [];
    }
  }

  function saveItems() {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(items));
    } catch (error) {
      // Storage full (a photo too many): the photos stay in memory for as long as the page
      // lives; the places themselves are small and are kept without them.
      try {
        localStorage.setItem(
          STORE_KEY,
          JSON.stringify(
            items.map(function (item) {
              return Object.assign({}, item, { photo: null });
            })
          )
        );
      } catch (ignored) {
        /* nothing more can be kept across a reload */
      }
    }
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map
      .call(bytes, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function inside(lat, lon) {
    if (!bounds) return true;
    return lat >= bounds[0][0] && lat <= bounds[1][0] && lon >= bounds[0][1] && lon <= bounds[1][1];
  }

  function choose(lat, lon, label) {
    if (!inside(lat, lon)) {
      positionText.textContent = texts.outside;
      return;
    }
    chosen = { lat: lat, lon: lon, label: label };
    positionText.textContent = say(texts.chosen, {
      where: label || lat.toFixed(5) + ", " + lon.toFixed(5),
    });
    if (map) {
      if (marker) marker.setLatLng([lat, lon]);
      else {
        var text = positionText.textContent;
        marker = L.marker([lat, lon], { draggable: true, keyboard: false, title: text, alt: text }).addTo(map);
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          choose(at.lat, at.lng, null);
        });
      }
    }
  }

  if (mapData) {
    map = WalkMap.create(mapElement, mapData);
    map.on("click", function (event) {
      choose(event.latlng.lat, event.latlng.lng, null);
    });
  }

  document.getElementById("here").addEventListener("click", function () {
    if (!navigator.geolocation) {
      positionText.textContent = texts.noPosition;
      return;
    }
    positionText.textContent = texts.locating;
    navigator.geolocation.getCurrentPosition(
      function (found) {
        choose(found.coords.latitude, found.coords.longitude, texts.here);
        if (map && chosen) map.setView([chosen.lat, chosen.lon], Math.max(map.getZoom(), 16));
      },
      function () {
        positionText.textContent = texts.noPosition;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 }
    );
  });

  var zone = document.getElementById("zone");
  if (zone) {
    zone.addEventListener("change", function () {
      if (!zone.value) return;
      var parts = zone.value.split(",");
      choose(parseFloat(parts[0]), parseFloat(parts[1]), zone.options[zone.selectedIndex].text);
    });
  }

  function shrink(file) {
    // The photo drawn again at most PHOTO_SIDE px on its long side: small enough to wait in
    // the outbox, and nothing of the camera's metadata goes with it.
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL("image/jpeg", 0.85);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    problem.textContent = "";
    var category = form.querySelector("input[name=category]:checked");
    if (!chosen) {
      problem.textContent = texts.needPosition;
      return;
    }
    if (!category) {
      problem.textContent = texts.needCategory;
      form.querySelector("input[name=category]").focus();
      return;
    }
    var contact = notifyContact();
    if (contact === false) return;
    var note = form.elements.note.value.trim();
    var file = form.elements.photo.files && form.elements.photo.files[0];
    var item = {
      point: {
        id: uuid(),
        lat: chosen.lat,
        lon: chosen.lon,
        category: category.value,
        note: note || null,
        captured_at: new Date().toISOString(),
      },
      photo: null,
      state: "waiting",
      pointSent: false,
    };
    var ready = file ? shrink(file).catch(function () { return null; }) : Promise.resolve(null);
    if (contact) item.point.contact = contact;
    ready.then(function (photo) {
      item.photo = photo;
      items.push(item);
      saveItems();
      form.reset();
      keepNotify(contact);
      positionText.textContent = texts.saved;
      render();
      send();
    });
  });

  // "Tell me when it is fixed": the address only with the box ticked (the server asks for
  // the same); false when the participant still has something to put right.
  var notify = document.getElementById("notify");
  var notifyEmail = document.getElementById("notify-email");
  function notifyContact() {
    if (!notify) return null;
    var email = notifyEmail.value.trim();
    if (!notify.checked) {
      if (!email) return null;
      problem.textContent = texts.needConsent;
      notify.focus();
      return false;
    }
    if (!email || !notifyEmail.validity.valid) {
      problem.textContent = texts.needEmail;
      notifyEmail.focus();
      return false;
    }
    return { email: email, consent: true, locale: document.documentElement.lang || null };
  }

  // The next place marked is likely the same participant's: the choice stays on the page
  // (in memory only, never in the outbox once a place is sent).
  function keepNotify(contact) {
    if (!notify || !contact) return;
    notify.checked = true;
    notifyEmail.value = contact.email;
  }

  function render() {
    list.textContent = "";
    var waiting = 0;
    var sent = 0;
    items.forEach(function (item) {
      var li = document.createElement("li");
      var label = texts["category" + item.point.category.charAt(0).toUpperCase() + item.point.category.slice(1)] || item.point.category;
      var state = item.state === "sent" ? texts.itemSent : item.state === "refused" ? texts.itemRefused : texts.itemWaiting;
      li.textContent = label + (item.photo ? " (" + texts.photo + ")" : "") + ": " + state +
        (item.contactRefused ? " (" + texts.noNotice + ")" : "");
      li.className = "outbox-" + item.state;
      list.appendChild(li);
      if (item.state === "waiting") waiting += 1;
      if (item.state === "sent") sent += 1;
    });
    outboxStatus.textContent = waiting
      ? say(texts.waiting, { n: waiting }) + " · " + say(texts.sent, { n: sent })
      : sent === items.length && sent ? texts.allSent + " " + say(texts.sent, { n: sent })
      : items.length ? say(texts.sent, { n: sent }) : "";
  }

  function retryable(status) {
    return status === 0 || status === 403 || status === 408 || status === 429 || status >= 500;
  }

  function post(url, body, type) {
    var controller = window.AbortController ? new AbortController() : null;
    var stop = controller ? setTimeout(function () { controller.abort(); }, 30000) : null;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": type, "X-Walk-Key": key },
      body: body,
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.status;
      })
      .catch(function () {
        return 0;
      })
      .finally(function () {
        if (stop) clearTimeout(stop);
      });
  }

  function photoBlob(dataUrl) {
    var parts = dataUrl.split(",");
    var binary = atob(parts[1]);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: "image/jpeg" });
  }

  function deliver(item) {
    var base = "/api/v1/walks/" + encodeURIComponent(walkId) + "/points";
    var first = item.pointSent
      ? Promise.resolve(200)
      : post(base, JSON.stringify(item.point), "application/json").then(function (status) {
          // The place matters more than the message about it: a contact the server will
          // not take (422) is left out, the place sent again without it, and the list says so.
          if (status !== 422 || !item.point.contact) return status;
          delete item.point.contact;
          item.contactRefused = true;
          saveItems();
          return post(base, JSON.stringify(item.point), "application/json");
        });
    return first.then(function (status) {
      if (status !== 200 && status !== 201) return status;
      item.pointSent = true;
      saveItems();
      if (!item.photo) return status;
      return post(base + "/" + item.point.id + "/photo", photoBlob(item.photo), "image/jpeg").then(
        function (photoStatus) {
          // The place is stored: a photo refused for good does not undo it.
          return retryable(photoStatus) ? photoStatus : 200;
        }
      );
    });
  }

  function send() {
    if (sending) return;
    var next = items.find(function (item) {
      return item.state === "waiting";
    });
    if (!next) return;
    sending = true;
    clearTimeout(timer);
    deliver(next).then(function (status) {
      sending = false;
      if (status === 200 || status === 201) {
        next.state = "sent";
        next.photo = null;
        delete next.point.contact; // stored on the server: the phone need not keep it
        failures = 0;
      } else if (retryable(status)) {
        failures += 1;
        saveItems();
        render();
        if (status === 403) outboxStatus.textContent = texts.keyInvalid;
        timer = setTimeout(send, Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, failures - 1)));
        return;
      } else {
        next.state = "refused";
        delete next.point.contact;
      }
      saveItems();
      render();
      send();
    });
  }

  window.addEventListener("online", function () {
    failures = 0;
    send();
  });
  render();
  send();
})();
