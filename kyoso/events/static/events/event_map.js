/* The event page's map: one marker at the venue ([data-event-map] with data-lat / data-lon).
 * Uses the site's map settings (window.KYOSO_MAP_CONFIG from issues:map_config); without a
 * tile server the map is a plain background with the marker, and the address stays in text. */
(function () {
  "use strict";
  function start() {
    var config = window.KYOSO_MAP_CONFIG || {};
    if (typeof L === "undefined" || !config.icons) return;
    document.querySelectorAll("[data-event-map]").forEach(function (container) {
      if (container.kyosoMap) return;
      var lat = parseFloat(container.getAttribute("data-lat"));
      var lon = parseFloat(container.getAttribute("data-lon"));
      if (isNaN(lat) || isNaN(lon)) return;
      var map = L.map(container, { scrollWheelZoom: false }).setView([lat, lon], 15);
      if (config.tileUrl) {
        L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
      } else {
        container.classList.add("kyoso-map--plain");
      }
      var icon = L.icon({
        iconUrl: config.icons.marker,
        iconRetinaUrl: config.icons.marker2x,
        shadowUrl: config.icons.shadow,
        iconSize: [25, 41],
        iconAnchor: [12, 41],
      });
      L.marker([lat, lon], { icon: icon, title: container.getAttribute("data-label") || "", alt: container.getAttribute("data-label") || "" }).addTo(map);
      container.kyosoMap = map;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
