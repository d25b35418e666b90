// Shared Leaflet set-up for Lanterne's maps: vendored marker images, optional tile layer.
// Everything the script needs comes from data-* attributes (no inline script: CSP).
(function () {
  "use strict";

  function createMap(element, options) {
    if (element.dataset.iconPath) {
      L.Icon.Default.imagePath = element.dataset.iconPath;
    }
    var settings = Object.assign({ zoomControl: false }, options || {});
    var map = L.map(element, settings);
    // Leaflet's own control titles are English: the page gives them in its language.
    L.control
      .zoom({
        zoomInTitle: element.dataset.labelZoomIn || "+",
        zoomOutTitle: element.dataset.labelZoomOut || "-",
      })
      .addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && element.dataset.labelClose) {
        close.setAttribute("aria-label", element.dataset.labelClose);
        close.setAttribute("title", element.dataset.labelClose);
      }
    });
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>'
    );
    var tileUrl = element.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: element.dataset.tileAttribution || "",
      }).addTo(map);
    }
    return map;
  }

  // Popup content built from DOM nodes and textContent: names come from the database.
  function popupContent(properties, labels) {
    var box = document.createElement("div");
    var name = document.createElement("a");
    name.className = "map-popup-name";
    name.href = properties.url;
    name.textContent = properties.name;
    box.appendChild(name);
    var kind = document.createElement("div");
    kind.textContent = properties.kind_label;
    box.appendChild(kind);
    if (properties.commune) {
      var commune = document.createElement("div");
      commune.textContent = properties.commune;
      box.appendChild(commune);
    }
    if (properties.approximate && labels && labels.approximate) {
      var note = document.createElement("div");
      note.className = "small fst-italic";
      note.textContent = labels.approximate;
      box.appendChild(note);
    }
    return box;
  }

  window.LanterneMap = { createMap: createMap, popupContent: popupContent };
})();
