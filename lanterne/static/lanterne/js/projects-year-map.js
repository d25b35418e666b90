// The coordinator's year map: markers from the GeoJSON endpoint (same data as the page's table).
(function () {
  "use strict";

  function start() {
    var element = document.getElementById("projects-map");
    if (!element || !window.L || !window.LanterneMap) {
      return;
    }
    var map = window.LanterneMap.createMap(element);
    map.setView([46.6, 2.4], 5);
    var error = document.getElementById("projects-map-error");
    fetch(element.dataset.geojsonUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            var box = window.LanterneMap.popupContent(feature.properties);
            if (feature.properties.project) {
              var project = document.createElement("div");
              project.textContent = feature.properties.project;
              box.appendChild(project);
            }
            marker.bindPopup(box);
          },
        });
        var group = window.LanterneMap.markerGroup(data.features.length, element);
        group.addLayer(layer).addTo(map);
        if (data.features.length) {
          map.fitBounds(group.getBounds(), { maxZoom: 11, padding: [20, 20] });
        }
      })
      .catch(function () {
        if (error) {
          error.textContent = element.dataset.labelError || "";
          error.hidden = false;
        }
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
