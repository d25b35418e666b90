// The small map on a structure's page: one marker at the structure's position.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("structure-map");
    if (!element || typeof L === "undefined") {
      return;
    }
    var position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    var approximate = element.dataset.approximate === "true";
    var map = window.LanterneMap.createMap(element, { scrollWheelZoom: false });
    map.setView(position, approximate ? 11 : 14);
    // Nothing to open on this marker: it is neither focusable nor clickable.
    L.marker(position, {
      alt: element.dataset.name,
      title: element.dataset.name,
      keyboard: false,
      interactive: false,
    }).addTo(map);
  });
})();
