// The network map. The server gathers the structures: one point per département for the
// national view, then, once zoomed in, one point per commune of the départements in view
// (fetched as they come into view). A commune's popup lists its structures a page at a time.
// Points that overlap are clustered here, with the sum of the structures they hold.
(function () {
  "use strict";

  // Metropolitan France; overseas régions are one button away (lanterne-map.js).
  var FRANCE_CENTRE = [46.6, 2.4];
  var FRANCE_ZOOM = 5;
  // From this zoom on, the communes of the départements in view replace the départements.
  var DETAIL_ZOOM = 8;
  // How far a département's marker zooms in at most (one commune: no need to go further).
  var DEPARTEMENT_MAX_ZOOM = 11;

  function getJSON(url) {
    return fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  // "{name} : {count} structures", in the page's language, singular or plural.
  function label(element, which, properties) {
    var template = element.dataset[which + (properties.count === 1 ? "One" : "Other")] || "";
    return template.replace("{name}", properties.name).replace("{count}", properties.count);
  }

  function countIcon(count, kind) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var box = document.createElement("div");
    var text = document.createElement("span");
    text.textContent = String(count);
    box.appendChild(text);
    return L.divIcon({
      html: box,
      className: "marker-cluster marker-cluster-" + size + " map-count map-count-" + kind,
      iconSize: L.point(40, 40),
    });
  }

  // A point the keyboard reaches, named for screen readers by what it holds. Leaflet gives it
  // the role of a button; the keys of a button activate it (`keys`: those Leaflet does not
  // handle itself — it opens a bound popup with Enter).
  function countMarker(feature, latlng, kind, name, keys, activate) {
    var marker = L.marker(latlng, {
      icon: countIcon(feature.properties.count, kind),
      title: name,
      keyboard: true,
      count: feature.properties.count,
    });
    marker.on("add", function () {
      var icon = marker.getElement();
      icon.setAttribute("aria-label", name);
      icon.addEventListener("keydown", function (event) {
        if (keys.indexOf(event.key) !== -1) {
          event.preventDefault();
          activate();
        }
      });
    });
    return marker;
  }

  // Client-side clusters show how many structures they gather, not how many points.
  function clusterGroup(element) {
    if (typeof L.markerClusterGroup !== "function") {
      element.dataset.clustered = "false";
      return L.featureGroup();
    }
    element.dataset.clustered = "true";
    var group = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      iconCreateFunction: function (cluster) {
        var total = cluster.getAllChildMarkers().reduce(function (sum, marker) {
          return sum + (marker.options.count || 1);
        }, 0);
        return countIcon(total, "cluster");
      },
    });
    // A cluster is a button too: Enter or Space opens it up, as a click does.
    group.on("clusterkeypress", function (event) {
      var key = event.originalEvent.key;
      if (key === "Enter" || key === " ") {
        event.originalEvent.preventDefault();
        event.layer.zoomToBounds({ padding: [20, 20] });
      }
    });
    return group;
  }

  function appendText(parent, tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) {
      node.className = className;
    }
    parent.appendChild(node);
    return node;
  }

  // A commune's popup: its name, its count per type, then its structures, fetched on opening.
  function communePopup(element, properties, changed) {
    var box = document.createElement("div");
    box.className = "map-commune-popup";
    appendText(box, "div", label(element, "labelCommune", properties), "map-popup-name");
    var kinds = document.createElement("ul");
    kinds.className = "list-unstyled small mb-1";
    properties.kinds.forEach(function (kind) {
      var text = (element.dataset.labelKind || "{label} : {count}")
        .replace("{label}", kind.label)
        .replace("{count}", kind.count);
      appendText(kinds, "li", text);
    });
    box.appendChild(kinds);
    var list = document.createElement("ul");
    list.className = "map-commune-structures";
    box.appendChild(list);
    var status = appendText(box, "p", element.dataset.labelLoading, "small mb-0");
    status.setAttribute("role", "status");
    var more = appendText(box, "button", element.dataset.labelMore, "btn btn-link btn-sm p-0");
    more.type = "button";
    more.hidden = true;

    var busy = false;
    // `more`: a further page, asked for with the button; focus goes to its first structure,
    // as the button may disappear.
    function load(url, further) {
      if (busy) {
        return;
      }
      busy = true;
      status.textContent = element.dataset.labelLoading;
      getJSON(url)
        .then(function (data) {
          var first = null;
          data.structures.forEach(function (structure) {
            var item = document.createElement("li");
            var link = appendText(item, "a", structure.name);
            link.href = structure.url;
            appendText(item, "span", " — " + structure.kind_label, "small");
            list.appendChild(item);
            first = first || link;
          });
          status.textContent = "";
          more.hidden = !data.next;
          more.onclick = function () {
            load(data.next, true);
          };
          changed();
          if (further && first) {
            first.focus();
          }
        })
        .catch(function () {
          status.textContent = element.dataset.labelListError;
        })
        .finally(function () {
          busy = false;
        });
    }
    return { box: box, load: load };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("network-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    var map = window.LanterneMap.createMap(element);
    map.setView(FRANCE_CENTRE, FRANCE_ZOOM);
    var departements = clusterGroup(element);
    var communes = clusterGroup(element);
    var boxes = {}; // département code → its structures' box
    var loaded = {}; // département code → its communes were fetched (or are being fetched)

    function showError() {
      var error = document.getElementById("network-map-error");
      if (error) {
        error.textContent = element.dataset.labelError;
        error.hidden = false;
      }
    }

    function addCommunes(data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var name = label(element, "labelCommune", feature.properties);
          var marker = countMarker(feature, latlng, "commune", name, [" "], function () {
            marker.openPopup();
          });
          return marker;
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup("");
          marker.on("popupopen", function () {
            // Built again on each opening: the list starts from its first page.
            var popup = communePopup(element, feature.properties, function () {
              marker.getPopup().update(); // its size follows the list
            });
            marker.setPopupContent(popup.box);
            popup.load(feature.properties.url);
          });
        },
      });
      communes.addLayers(layer.getLayers());
    }

    // Zoomed in: fetch the communes of each département in view, once.
    function showDetail() {
      var view = map.getBounds().pad(0.2);
      Object.keys(boxes).forEach(function (code) {
        if (loaded[code] || !view.intersects(boxes[code].bounds)) {
          return;
        }
        loaded[code] = true;
        getJSON(boxes[code].url)
          .then(addCommunes)
          .catch(function () {
            delete loaded[code];
            showError();
          });
      });
    }

    function update() {
      var detailed = map.getZoom() >= DETAIL_ZOOM;
      element.dataset.level = detailed ? "communes" : "departements";
      if (detailed) {
        map.removeLayer(departements);
        map.addLayer(communes);
        showDetail();
      } else {
        map.removeLayer(communes);
        map.addLayer(departements);
      }
    }

    getJSON(element.dataset.geojsonUrl)
      .then(function (data) {
        var all = null;
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var box = feature.properties.bbox;
            var bounds = L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
            boxes[feature.properties.code] = { bounds: bounds, url: feature.properties.url };
            all = all ? all.extend(bounds) : L.latLngBounds(bounds.getSouthWest(), bounds.getNorthEast());
            // Activated: into the département, where its communes show.
            function zoomIn() {
              var zoom = map.getBoundsZoom(bounds.pad(0.1));
              zoom = Math.min(Math.max(zoom, DETAIL_ZOOM), DEPARTEMENT_MAX_ZOOM);
              map.setView(bounds.getCenter(), zoom);
            }
            var name = label(element, "labelDepartement", feature.properties);
            var marker = countMarker(feature, latlng, "departement", name, ["Enter", " "], zoomIn);
            marker.on("click", zoomIn);
            return marker;
          },
        });
        departements.addLayers(layer.getLayers());
        map.on("zoomend moveend", update);
        if (element.dataset.fitBounds === "true" && all) {
          // A région's départements, not yet their communes.
          // Not animated: a click during an animated zoom would be lost.
          map.fitBounds(all, { padding: [30, 30], maxZoom: DETAIL_ZOOM - 1, animate: false });
        }
        update();
        element.dataset.loaded = "true";
      })
      .catch(showError);
  });
})();
