// The network map: markers from the GeoJSON endpoint, with the page's filters.
(function () {
  "use strict";

  // Metropolitan France; overseas structures are listed in the table beside the map.
  var FRANCE_CENTRE = [46.6, 2.4];
  var FRANCE_ZOOM = 5;

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("network-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    var map = window.LanterneMap.createMap(element);
    map.setView(FRANCE_CENTRE, FRANCE_ZOOM);
    var labels = { approximate: element.dataset.labelApproximate };

    fetch(element.dataset.geojsonUrl, {
      headers: { Accept: "application/geo+json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, {
              alt: feature.properties.name,
              title: feature.properties.name,
              keyboard: true,
            });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(window.LanterneMap.popupContent(feature.properties, labels));
          },
        });
        var group = window.LanterneMap.markerGroup(data.features.length, element);
        group.addLayer(layer).addTo(map);
        if (element.dataset.fitBounds === "true" && data.features.length) {
          map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 12 });
        }
      })
      .catch(function () {
        var error = document.getElementById("network-map-error");
        if (error) {
          error.textContent = element.dataset.labelError;
          error.hidden = false;
        }
      });
  });
})();
