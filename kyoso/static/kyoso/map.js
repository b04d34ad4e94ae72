/*
 * Kyoso maps (Leaflet 1.9 + Leaflet.markercluster, vendored under static/vendor/).
 *
 * 1. The issue map page: an element with [data-issue-map] and data-geojson-url. Markers come
 *    from GET /api/v1/issues.geojson for the visible bounding box and the facets of the form
 *    [data-map-filters]; the issues in view are also listed in [data-map-list] (with the
 *    status line [data-map-status]) for keyboard and screen-reader users.
 * 2. The point picker: an element with [data-point-picker] inside a form. Clicking (tapping)
 *    the map, or the "use the centre" button, fills the form's inputs named "latitude" and
 *    "longitude" (other names: data-latitude-name / data-longitude-name); "clear" empties
 *    them. Values already in the inputs (a form shown again after an error) are shown.
 *
 * Configuration (tile URL, centre, icon URLs, messages in the page's language) comes from
 * window.KYOSO_MAP_CONFIG, written by the script at {% url 'issues:map_config' %}. Without a
 * tile URL the map has a plain background and loads nothing from outside this site.
 * User text is always put into the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var config = window.KYOSO_MAP_CONFIG || {};
  var text = config.messages || {};
  var DECIMALS = 6; // the database keeps six decimal places (about 10 cm)
  var LIST_MAX = 200; // issues listed under the map; the rest are on the list page

  function message(key, values) {
    var template = text[key] || key;
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      return values && name in values ? String(values[name]) : "";
    });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  function markerIcon() {
    // Full URLs from the server (hashed names in production), not Leaflet's CSS detection.
    return L.icon({
      iconUrl: config.icons.marker,
      iconRetinaUrl: config.icons.marker2x,
      shadowUrl: config.icons.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      tooltipAnchor: [16, -28],
      shadowSize: [41, 41],
    });
  }

  // The start view: options.center/zoom, or the region's bounds fitted to the screen.
  function baseMap(container, options) {
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var map = L.map(container, {
      fadeAnimation: !still,
      zoomAnimation: !still,
      markerZoomAnimation: !still,
      minZoom: 3,
      maxZoom: 18,
      zoomSnap: 0.5,
      zoomControl: false,
      worldCopyJump: true,
    });
    L.control
      .zoom({ zoomInTitle: message("zoomIn"), zoomOutTitle: message("zoomOut") })
      .addTo(map);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, {
        attribution: config.tileAttribution || "",
        maxZoom: 19,
      }).addTo(map);
    } else {
      container.classList.add("kyoso-map--plain");
    }
    if (options && options.center) map.setView(options.center, options.zoom);
    else map.fitBounds(config.bounds);
    return map;
  }

  function round(value) {
    return Number(value.toFixed(DECIMALS));
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  // --- 1. The issue map ----------------------------------------------------------------

  function IssueMap(container) {
    this.container = container;
    // A page may name its own things in the status messages (data-map-messages: JSON).
    try {
      var own = JSON.parse(container.getAttribute("data-map-messages") || "{}");
      Object.keys(own).forEach(function (key) {
        text[key] = own[key];
      });
    } catch (ignored) {
      // keep the default messages
    }
    this.url = container.getAttribute("data-geojson-url");
    this.form = document.querySelector("[data-map-filters]");
    this.list = document.querySelector("[data-map-list]");
    this.status = document.querySelector("[data-map-status]");
    this.more = document.querySelector("[data-map-more]");
    this.icon = markerIcon();
    this.map = baseMap(container);
    this.markers = {};
    this.request = null;
    this.timer = null;
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      iconCreateFunction: this.clusterIcon,
    });
    this.map.addLayer(this.clusters);
    this.map.on("moveend", this.scheduleLoad, this);
    if (this.form) {
      var self = this;
      this.form.addEventListener("submit", function (event) {
        event.preventDefault();
        self.rememberFilters();
        self.load();
      });
    }
    this.load();
  }

  IssueMap.prototype.clusterIcon = function (cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var outer = element("div");
    var inner = element("span", null, count);
    inner.appendChild(element("span", "visually-hidden", message("clusterLabel")));
    outer.appendChild(inner);
    return L.divIcon({
      html: outer,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  };

  IssueMap.prototype.filters = function () {
    var params = new URLSearchParams();
    if (!this.form) return params;
    new FormData(this.form).forEach(function (value, name) {
      if (typeof value === "string" && value !== "") params.append(name, value);
    });
    return params;
  };

  IssueMap.prototype.rememberFilters = function () {
    var query = this.filters().toString();
    var address = window.location.pathname + (query ? "?" + query : "");
    window.history.replaceState(null, "", address);
    document.querySelectorAll("[data-map-list-link]").forEach(function (link) {
      var base = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", base + (query ? "?" + query : ""));
    });
  };

  IssueMap.prototype.bbox = function () {
    var bounds = this.map.getBounds();
    var west = clamp(bounds.getWest(), -180, 180);
    var east = clamp(bounds.getEast(), -180, 180);
    if (east <= west) {
      west = -180;
      east = 180;
    }
    return [
      round(west),
      round(clamp(bounds.getSouth(), -90, 90)),
      round(east),
      round(clamp(bounds.getNorth(), -90, 90)),
    ].join(",");
  };

  IssueMap.prototype.scheduleLoad = function () {
    var self = this;
    this.container.setAttribute("data-map-state", "loading");
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.load();
    }, 250);
  };

  IssueMap.prototype.setStatus = function (value) {
    if (this.status) this.status.textContent = value;
    this.container.setAttribute("data-map-state", value ? "ready" : "loading");
  };

  IssueMap.prototype.load = function () {
    var self = this;
    if (this.request) this.request.abort();
    var controller = new AbortController();
    this.request = controller;
    var params = this.filters();
    params.set("bbox", this.bbox());
    this.container.setAttribute("data-map-state", "loading");
    fetch(this.url + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" },
      signal: controller.signal,
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            var error = new Error("api");
            error.body = body;
            throw error;
          }
          return body;
        });
      })
      .then(function (collection) {
        if (self.request !== controller) return;
        self.request = null;
        self.render(collection);
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        self.request = null;
        // A refused filter (422) names the problem in its details; show that to the person.
        var problem = error.body && error.body.error;
        var detail = problem ? (problem.details && problem.details[0] ? problem.details[0].message : problem.message) : "";
        self.setStatus(detail || message("loadFailed"));
        self.container.setAttribute("data-map-state", "error");
      });
  };

  IssueMap.prototype.popup = function (feature) {
    var props = feature.properties;
    var box = element("div", "map-popup");
    var title = element("a", "map-popup__title", props.title);
    title.href = props.url;
    box.appendChild(title);
    var facts = element("p", "map-popup__facts");
    facts.appendChild(element("span", "badge", props.stage_label));
    if (props.municipality) facts.appendChild(element("span", null, " " + props.municipality));
    box.appendChild(facts);
    if (props.summary) box.appendChild(element("p", "map-popup__summary", props.summary));
    if (props.empathy_count !== undefined) {
      box.appendChild(
        element("p", "map-popup__empathy", message("empathyCount", { count: props.empathy_count }))
      );
    }
    return box;
  };

  // Markers already on the map stay (an open popup stays open when the map moves and the
  // issues are loaded again); only those that left the area go and new ones come.
  IssueMap.prototype.render = function (collection) {
    var self = this;
    var features = collection.features || [];
    var wanted = {};
    features.forEach(function (feature) {
      wanted[feature.id] = feature;
    });
    var gone = [];
    Object.keys(this.markers).forEach(function (id) {
      if (!(id in wanted)) {
        gone.push(self.markers[id]);
        delete self.markers[id];
      }
    });
    this.clusters.removeLayers(gone);
    var added = [];
    features.forEach(function (feature) {
      var marker = self.markers[feature.id];
      if (marker) {
        if (!marker.isPopupOpen()) marker.setPopupContent(self.popup(feature));
        return;
      }
      var coords = feature.geometry.coordinates;
      marker = L.marker([coords[1], coords[0]], {
        icon: self.icon,
        title: feature.properties.title,
        alt: feature.properties.title,
        keyboard: true,
      });
      marker.bindPopup(self.popup(feature), { autoPanPadding: L.point(24, 40) });
      self.markers[feature.id] = marker;
      added.push(marker);
    });
    this.clusters.addLayers(added);
    this.renderList(features, collection.truncated);
  };

  IssueMap.prototype.renderList = function (features, truncated) {
    var self = this;
    if (this.list) {
      this.list.textContent = "";
      features.slice(0, LIST_MAX).forEach(function (feature) {
        var props = feature.properties;
        var item = element("li", "map-list__item");
        var link = element("a", "map-list__title", props.title);
        link.href = props.url;
        item.appendChild(link);
        var facts = element("span", "map-list__facts");
        facts.appendChild(element("span", "badge", props.stage_label));
        if (props.municipality) facts.appendChild(element("span", null, " " + props.municipality));
        item.appendChild(facts);
        var show = element("button", "link-button map-list__show", message("showOnMap"));
        show.type = "button";
        show.setAttribute("aria-label", message("showOnMapNamed", { title: props.title }));
        show.addEventListener("click", function () {
          self.reveal(feature.id);
        });
        item.appendChild(show);
        self.list.appendChild(item);
      });
    }
    var status;
    if (!features.length) status = message("none");
    else if (truncated) status = message("truncated", { count: features.length });
    else status = message("count", { count: features.length });
    if (!truncated && features.length > LIST_MAX) {
      status += " " + message("listCapped", { count: LIST_MAX });
    }
    if (this.more) this.more.hidden = !(truncated || features.length > LIST_MAX);
    this.setStatus(status);
  };

  IssueMap.prototype.reveal = function (id) {
    var marker = this.markers[id];
    if (!marker) return;
    this.clusters.zoomToShowLayer(marker, function () {
      marker.openPopup();
      var link = marker.getPopup().getElement().querySelector("a.map-popup__title");
      if (link) link.focus();
    });
  };

  // --- 2. The point picker -------------------------------------------------------------

  function PointPicker(container) {
    var form = container.closest("form");
    if (!form) return;
    var latName = container.getAttribute("data-latitude-name") || "latitude";
    var lonName = container.getAttribute("data-longitude-name") || "longitude";
    this.latInput = form.querySelector('[name="' + latName + '"]');
    this.lonInput = form.querySelector('[name="' + lonName + '"]');
    if (!this.latInput || !this.lonInput) return;
    this.container = container;
    this.icon = markerIcon();
    this.marker = null;

    var mapBox = element("div", "point-picker__map kyoso-map");
    mapBox.setAttribute("role", "region");
    mapBox.setAttribute("aria-label", message("pickerLabel"));
    container.appendChild(mapBox);

    var bar = element("div", "point-picker__bar");
    this.status = element("p", "point-picker__status");
    this.status.setAttribute("aria-live", "polite");
    bar.appendChild(this.status);
    var useCentre = element("button", "button--secondary button--small", message("useCentre"));
    useCentre.type = "button";
    useCentre.setAttribute("data-point-picker-centre", "");
    this.clear = element("button", "button--secondary button--small", message("clearPoint"));
    this.clear.type = "button";
    this.clear.setAttribute("data-point-picker-clear", "");
    bar.appendChild(useCentre);
    bar.appendChild(this.clear);
    container.appendChild(bar);

    var start = this.current();
    this.map = baseMap(mapBox, start ? { center: start, zoom: 14 } : null);
    var self = this;
    this.map.on("click", function (event) {
      self.set(event.latlng);
    });
    useCentre.addEventListener("click", function () {
      self.set(self.map.getCenter());
    });
    this.clear.addEventListener("click", function () {
      self.unset();
    });
    if (start) this.place(L.latLng(start[0], start[1]));
    // Typed into the inputs directly: show that point (nothing is written back).
    [this.latInput, this.lonInput].forEach(function (input) {
      input.addEventListener("change", function () {
        self.follow();
      });
    });
    this.describe();
  }

  PointPicker.prototype.follow = function () {
    var point = this.current();
    if (point) {
      this.place(L.latLng(point[0], point[1]));
    } else if (this.marker && this.latInput.value === "" && this.lonInput.value === "") {
      this.map.removeLayer(this.marker);
      this.marker = null;
    }
    this.describe();
  };

  PointPicker.prototype.current = function () {
    var lat = parseFloat(this.latInput.value);
    var lon = parseFloat(this.lonInput.value);
    if (!isFinite(lat) || !isFinite(lon)) return null;
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
    return [lat, lon];
  };

  PointPicker.prototype.place = function (latlng) {
    if (this.marker) {
      this.marker.setLatLng(latlng);
      return;
    }
    var self = this;
    this.marker = L.marker(latlng, {
      icon: this.icon,
      draggable: true,
      title: message("pickedMarker"),
      alt: message("pickedMarker"),
    }).addTo(this.map);
    this.marker.on("dragend", function () {
      self.set(self.marker.getLatLng());
    });
  };

  PointPicker.prototype.write = function (input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  PointPicker.prototype.set = function (latlng) {
    var wrapped = latlng.wrap();
    var lat = clamp(wrapped.lat, -90, 90).toFixed(DECIMALS);
    var lon = clamp(wrapped.lng, -180, 180).toFixed(DECIMALS);
    this.write(this.latInput, lat);
    this.write(this.lonInput, lon);
    this.place(L.latLng(Number(lat), Number(lon)));
    this.describe();
  };

  PointPicker.prototype.unset = function () {
    this.write(this.latInput, "");
    this.write(this.lonInput, "");
    if (this.marker) {
      this.map.removeLayer(this.marker);
      this.marker = null;
    }
    this.describe();
  };

  PointPicker.prototype.describe = function () {
    var point = this.current();
    this.clear.hidden = !point;
    this.status.textContent = point
      ? message("picked", { lat: point[0].toFixed(5), lon: point[1].toFixed(5) })
      : message("notPicked");
  };

  // --- Start ---------------------------------------------------------------------------

  // Start every map and picker under root (the document, or content htmx just swapped in).
  function start(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (typeof L === "undefined" || !config.icons) return;
    scope.querySelectorAll("[data-issue-map]").forEach(function (container) {
      if (!container.kyosoMap) container.kyosoMap = new IssueMap(container);
    });
    scope.querySelectorAll("[data-point-picker]").forEach(function (container) {
      if (!container.kyosoPicker) container.kyosoPicker = new PointPicker(container);
    });
  }

  window.KyosoMaps = { start: start };
  document.addEventListener("htmx:load", function (event) {
    start(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      start(document);
    });
  } else {
    start(document);
  }
})();
