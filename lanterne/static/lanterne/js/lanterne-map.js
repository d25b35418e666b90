// Shared Leaflet set-up for Lanterne's maps: vendored marker images, an offline background
// (France's régions, shipped with Lanterne) under the optional tile layer.
// Everything the script needs comes from data-* attributes (no inline script: CSP).
(function () {
  "use strict";

  function createMap(element, options) {
    if (element.dataset.iconPath) {
      L.Icon.Default.imagePath = element.dataset.iconPath;
    }
    // A maximum zoom of its own: without a tile layer the map still knows it (marker
    // clustering needs it).
    var settings = Object.assign({ zoomControl: false, maxZoom: 18 }, options || {});
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
    if (element.dataset.backgroundUrl) {
      addBackground(map, element);
    }
    var tileUrl = element.dataset.tileUrl;
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: element.dataset.tileAttribution || "",
      }).addTo(map);
    }
    return map;
  }

  // The régions drawn in a pane below the tiles: without tiles (not configured, offline or
  // refused) the map still shows France; with them, the tiles cover it.
  function addBackground(map, element) {
    var pane = map.createPane("lanterneBackground");
    pane.style.zIndex = 150;
    pane.style.pointerEvents = "none";
    element.classList.add("map-has-background");
    fetch(element.dataset.backgroundUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pane: "lanterneBackground",
          interactive: false,
          style: {
            color: "#6c757d",
            weight: 1,
            fillColor: "#f1ede4",
            fillOpacity: 1,
          },
        }).addTo(map);
        element.dataset.backgroundLoaded = "true";
        if (element.dataset.labelOverseas) {
          addOverseasControl(map, element, layer);
        }
      })
      .catch(function () {
        element.dataset.backgroundLoaded = "false";
      });
  }

  // Overseas régions are far from the metropolitan view: one button each brings it into view
  // (and one brings metropolitan France back).
  function addOverseasControl(map, element, layer) {
    var overseas = [];
    var metropole = null;
    layer.eachLayer(function (region) {
      var code = region.feature.properties.code;
      if (code < "10") {
        overseas.push(region);
      } else {
        metropole = metropole ? metropole.extend(region.getBounds()) : L.latLngBounds(region.getBounds());
      }
    });
    if (!overseas.length || !metropole) {
      return;
    }
    var Control = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar map-overseas");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", element.dataset.labelOverseas || "");
        L.DomEvent.disableClickPropagation(box);
        function button(label, bounds) {
          var item = L.DomUtil.create("button", "map-overseas-button", box);
          item.type = "button";
          item.textContent = label;
          L.DomEvent.on(item, "click", function () {
            map.fitBounds(bounds, { padding: [10, 10] });
          });
        }
        button(element.dataset.labelMetropole || "France", metropole);
        overseas
          .sort(function (a, b) {
            return a.feature.properties.code < b.feature.properties.code ? -1 : 1;
          })
          .forEach(function (region) {
            button(region.feature.properties.nom, region.getBounds());
          });
        return box;
      },
    });
    new Control().addTo(map);
  }

  // Markers in clusters once there are many (the national map may hold tens of thousands);
  // a few markers stay one by one, each reachable with the keyboard.
  function markerGroup(count, element) {
    var threshold = parseInt(element.dataset.clusterFrom || "50", 10);
    if (typeof L.markerClusterGroup === "function" && count >= threshold) {
      element.dataset.clustered = "true";
      return L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    }
    element.dataset.clustered = "false";
    return L.featureGroup();
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

  window.LanterneMap = {
    createMap: createMap,
    markerGroup: markerGroup,
    popupContent: popupContent,
  };
})();
