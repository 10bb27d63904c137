/* frontlines: draw control of places from the compact data blob (see render/data.py).
 * One canvas renderer per pane; markers are made once and restyled when the day changes;
 * popups are built on click with textContent, so no article text is ever parsed as HTML. */
(function () {
  "use strict";
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var KIND_WORDS = { capture: "captured by", recapture: "recaptured by", withdrawal: "taken over by",
    observation: "reported held by" };
  var LABEL_LIMIT = 60; /* places named on the map itself (more are named on hover) */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function pane(map, name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = z;
    return name;
  }

  /* The offset in iv of the interval covering day d (-1 if none): intervals are flat (six numbers
   * each), sorted, disjoint. */
  function intervalIndex(iv, d) {
    var lo = 0, hi = iv.length / 6 - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, s = iv[mid * 6];
      if (s === null || s <= d) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found < 0) { return -1; }
    var e = iv[found * 6 + 1];
    return (e === null || e >= d) ? found * 6 : -1;
  }

  function intervalAt(iv, d) {
    var k = intervalIndex(iv, d);
    return k < 0 ? null : iv.slice(k, k + 6);
  }

  /* The indexes of a place's events: p[8] is [first, count]. */
  function eventIndexes(p) {
    var out = [];
    for (var k = 0; k < p[8][1]; k++) { out.push(p[8][0] + k); }
    return out;
  }

  function lowerBound(changes, d) {
    var lo = 0, hi = changes.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (changes[mid][0] < d) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }

  /* Read the data blob (JSON, or deflated and base64-encoded when large: see render/data.py) and
   * draw it. The compressed form is inflated with the browser's DecompressionStream. */
  window.frontlinesLoad = function (map, id, layers) {
    var node = document.getElementById(id);
    if (node.type !== "application/x-frontlines-deflate") {
      return window.frontlinesControl(map, JSON.parse(node.textContent), layers);
    }
    var bin = atob(node.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(function (text) {
      return window.frontlinesControl(map, JSON.parse(text), layers);
    });
  };

  window.frontlinesControl = function (map, data, layers) {
    var base = Date.parse(data.base + "T00:00:00Z");
    var ctrls = data.controllers, strings = data.strings, places = data.places, events = data.events;
    var certs = data.certainties, kinds = data.kinds, changes = [];
    var unknownColour = ctrls[data.unknown][2];
    var haloRenderer = L.canvas({ padding: 0.5, pane: pane(map, "fl-halos", 405) });
    var lineRenderer = L.canvas({ padding: 0.5, pane: pane(map, "fl-lines", 410) });
    var placeRenderer = L.canvas({ padding: 0.5, pane: pane(map, "fl-places", 420), tolerance: 3 });
    var items = new Array(places.length), keys = new Array(places.length);
    var halos = L.layerGroup().addTo(layers.places);
    var haloItems = new Array(places.length), haloKeys = new Array(places.length);
    var recentMark = new Int32Array(places.length), stamp = 0;
    var day = data.days[1];

    function isoDay(d) { return new Date(base + d * DAY_MS).toISOString().slice(0, 10); }
    function longDay(d) {
      var t = new Date(base + d * DAY_MS);
      return t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear();
    }

    function dateText(ev) {
      if (ev[3] !== null && ev[4] !== null && ev[3] !== ev[4]) { return isoDay(ev[3]) + " – " + isoDay(ev[4]); }
      var one = ev[5] !== null ? ev[5] : (ev[3] !== null ? ev[3] : ev[4]);
      return one === null ? "date unknown" : isoDay(one);
    }

    /* [day, place index] of every dated control change, sorted: for the "changed recently" halo. */
    places.forEach(function (p, i) {
      eventIndexes(p).forEach(function (k) {
        var ev = events[k], when = ev[5] !== null ? ev[5] : (ev[4] !== null ? ev[4] : ev[3]);
        if (kinds[ev[0]] !== "observation" && when !== null) { changes.push([when, i]); }
      });
    });
    changes.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });

    function markerStyle(iv, recent, kind) {
      var s = { fillColor: unknownColour, fillOpacity: 0.75, color: "#7a7a7a", weight: 1, opacity: 1,
        dashArray: null, radius: 4.5 };
      if (iv) {
        var cert = certs[iv[3]];
        s.fillColor = ctrls[iv[2]][2];
        s.fillOpacity = cert === "inferred" ? 0.45 : 0.92;
        s.color = "#202020";
        s.radius = 5.5;
        if (cert === "changing" || cert === "contested") {
          s.color = iv[4] >= 0 ? ctrls[iv[4]][2] : unknownColour;
          s.weight = 3.5;
          s.dashArray = cert === "changing" ? "5 3" : "1.5 3";
          s.radius = 7;
        }
      }
      if (kind === "j") { s.radius -= 1; s.weight += 1; }
      if (recent) { s.radius += 3; }
      return s;
    }

    function lineStyle(iv) {
      var cert = iv ? certs[iv[3]] : "none";
      var moving = cert === "changing" || cert === "contested";
      return { color: iv ? ctrls[iv[2]][2] : unknownColour, weight: 5, lineCap: "butt",
        opacity: cert === "inferred" || !iv ? 0.45 : 0.85, dashArray: moving ? "10 7" : null };
    }

    function stateText(iv) {
      if (!iv) { return "Control unknown on this date"; }
      var c = ctrls[iv[2]][1], cert = certs[iv[3]], other = iv[4] >= 0 ? ctrls[iv[4]][1] : "";
      var since = iv[5] === null ? "" : " since " + isoDay(iv[5]);
      if (cert === "changing") { return "Changing hands: " + c + " → " + other + since; }
      if (cert === "contested") { return "Contested: " + c + " (by the reported changes) vs " + other + since; }
      if (cert === "inferred") { return c + " (inferred: held before the first reported change)"; }
      return c + " (reported)" + since;
    }

    function sourceItem(src) {
      var li = el("li");
      li.appendChild(el("span", "fl-outlet", strings[src[0]] || "unknown outlet"));
      if (src[3] !== null) { li.appendChild(el("span", "fl-pub", " (" + isoDay(src[3]) + ")")); }
      var evidence = strings[src[1]];
      if (evidence) { li.appendChild(el("q", "fl-evidence", evidence)); }
      var url = strings[src[2]];
      if (url && /^https?:\/\//i.test(url)) {
        var a = el("a", "fl-link", "article");
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      }
      return li;
    }

    function eventItem(ev) {
      var li = el("li", "fl-event");
      var head = el("div", "fl-event-head");
      var kind = kinds[ev[0]];
      head.appendChild(el("span", "fl-when", dateText(ev)));
      head.appendChild(el("span", "fl-precision", " (" + data.precisions[ev[6]] + ")"));
      var what = " " + (KIND_WORDS[kind] || kind) + " " + ctrls[ev[1]][1];
      if (ev[2] >= 0 && kind !== "observation") { what += " from " + ctrls[ev[2]][1]; }
      head.appendChild(el("span", "fl-what", what));
      li.appendChild(head);
      var expression = strings[ev[8]];
      if (expression) { li.appendChild(el("div", "fl-expr", "date as written: " + expression)); }
      if (strings[ev[7]]) { li.appendChild(el("div", "fl-flags", "flags: " + strings[ev[7]])); }
      var ul = el("ul", "fl-sources");
      for (var k = 9; k + 3 < ev.length; k += 4) { ul.appendChild(sourceItem(ev.slice(k, k + 4))); }
      li.appendChild(ul);
      return li;
    }

    function popup(i) {
      var p = places[i], iv = intervalAt(p[7], day);
      var box = el("div", "fl-popup");
      var name = el("div", "fl-name", p[1]);
      if (p[2]) { var ar = el("span", "fl-ar", p[2]); ar.dir = "rtl"; ar.lang = "ar"; name.appendChild(ar); }
      box.appendChild(name);
      if (p[5] === "h") { box.appendChild(el("div", "fl-admin", "approximate route")); }
      if (p[9]) { box.appendChild(el("div", "fl-admin", p[9])); }
      var state = el("div", "fl-state");
      var sw = el("span", "fl-swatch");
      sw.style.background = iv ? ctrls[iv[2]][2] : unknownColour;
      state.appendChild(sw);
      state.appendChild(el("span", null, isoDay(day) + ": " + stateText(iv)));
      box.appendChild(state);
      if (p[8][1]) {
        box.appendChild(el("div", "fl-h", "History"));
        var ol = el("ol", "fl-history");
        eventIndexes(p).forEach(function (k) { ol.appendChild(eventItem(events[k])); });
        box.appendChild(ol);
      }
      return box;
    }

    places.forEach(function (p, i) {
      var item;
      if (p[6]) {
        item = L.polyline(p[6], { renderer: lineRenderer, interactive: true });
        layers.lines.addLayer(item);
      } else {
        item = L.circleMarker([p[3], p[4]], { renderer: placeRenderer });
        layers.places.addLayer(item);
      }
      var labelled = !p[6] && places.length <= LABEL_LIMIT;
      item.bindTooltip(function () { return el("span", null, p[1] + (p[6] ? " (approximate route)" : "")); },
        labelled ? { permanent: true, direction: "right", offset: [7, 0], className: "fl-label" } : { sticky: !!p[6] });
      item.bindPopup(function () { return popup(i); }, { maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [40, 80], autoPanPaddingBottomRight: [40, 40] });
      items[i] = item;
    });

    /* Show, recolour or hide the "changed recently" halo of place i (made once, then reused). */
    function setHalo(i, colour) {
      var shown = haloKeys[i] === undefined ? null : haloKeys[i];
      if (shown === colour) { return; }
      var h = haloItems[i];
      if (colour === null) {
        halos.removeLayer(h);
      } else {
        if (!h) {
          var p = places[i];
          h = haloItems[i] = L.circleMarker([p[3], p[4]], { renderer: haloRenderer, interactive: false, radius: 17,
            stroke: true, color: colour, weight: 1.5, opacity: 0.9, fillColor: colour, fillOpacity: 0.22 });
        } else {
          h.setStyle({ color: colour, fillColor: colour });
        }
        if (shown === null) { halos.addLayer(h); }
      }
      haloKeys[i] = colour;
    }

    /* Restyle only what differs from the last day shown: markers whose interval, certainty or
     * "recent" flag changed, and halos that appear, disappear or change colour. Canvas redraws are
     * batched by Leaflet into one frame. */
    function setDay(d) {
      day = Math.max(data.days[0], Math.min(data.days[1], d));
      stamp += 1;
      for (var k = lowerBound(changes, day - data.recent_days); k < changes.length && changes[k][0] <= day; k++) {
        recentMark[changes[k][1]] = stamp;
      }
      for (var i = 0; i < places.length; i++) {
        var p = places[i], ivs = p[7], at = intervalIndex(ivs, day), isRecent = recentMark[i] === stamp;
        var key = at < 0 ? -2 : ((ivs[at + 2] * 8 + ivs[at + 3]) * 1024 + ivs[at + 4] + 1) * 2;
        if (p[6]) {
          if (keys[i] !== key) { items[i].setStyle(lineStyle(at < 0 ? null : ivs.slice(at, at + 6))); keys[i] = key; }
          continue;
        }
        if (isRecent) { key += 1; }
        if (keys[i] !== key) {
          items[i].setStyle(markerStyle(at < 0 ? null : ivs.slice(at, at + 6), isRecent, p[5]));
          keys[i] = key;
        }
        setHalo(i, isRecent ? (at < 0 ? unknownColour : ctrls[ivs[at + 2]][2]) : null);
      }
      var label = document.getElementById(data.title_id);
      if (label) { label.textContent = longDay(day); }
      map.fire("frontlines:day", { day: day, iso: isoDay(day) });
    }

    function styleOf(placeId) {
      for (var i = 0; i < places.length; i++) {
        if (places[i][0] === placeId) { return items[i].options; }
      }
      return null;
    }

    function addPlayer() {
      var Player = L.Control.extend({
        options: { position: "bottomleft" },
        onAdd: function () {
          var box = el("div", "fl-player leaflet-bar");
          var prev = el("button", "fl-btn", "«"), play = el("button", "fl-btn fl-play", "▶");
          var next = el("button", "fl-btn", "»");
          prev.type = play.type = next.type = "button";
          prev.title = "Previous change"; play.title = "Play"; next.title = "Next change";
          var range = el("input", "fl-range");
          range.type = "range"; range.min = data.days[0]; range.max = data.days[1]; range.step = 1;
          range.value = day; range.setAttribute("aria-label", "Date");
          var label = el("span", "fl-player-date", isoDay(day));
          [prev, play, next, range, label].forEach(function (x) { box.appendChild(x); });
          var timer = null, stride = Math.max(1, Math.round((data.days[1] - data.days[0]) / 400));
          function go(d) { setDay(d); range.value = day; label.textContent = isoDay(day); }
          function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = "▶"; play.title = "Play"; }
          function jump(dir) {
            stop();
            var target = null;
            changes.forEach(function (c) {
              if (dir > 0 && c[0] > day && (target === null || c[0] < target)) { target = c[0]; }
              if (dir < 0 && c[0] < day && (target === null || c[0] > target)) { target = c[0]; }
            });
            if (target !== null) { go(target); }
          }
          range.addEventListener("input", function () { stop(); go(parseInt(range.value, 10)); });
          prev.addEventListener("click", function () { jump(-1); });
          next.addEventListener("click", function () { jump(1); });
          play.addEventListener("click", function () {
            if (timer) { stop(); return; }
            if (day >= data.days[1]) { go(data.days[0]); }
            play.textContent = "||"; play.title = "Pause";
            timer = setInterval(function () {
              if (day >= data.days[1]) { stop(); return; }
              go(day + stride);
            }, 80);
          });
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          return box;
        }
      });
      new Player().addTo(map);
    }

    if (data.bounds) { map.fitBounds(data.bounds, { padding: [30, 30], maxZoom: 11, animate: false }); }
    setDay(day);
    if (!data.snapshot) { addPlayer(); }
    window.frontlines = { map: map, data: data, setDay: setDay, styleOf: styleOf, isoDay: isoDay,
      getDay: function () { return day; }, markerCount: function () {
        return layers.places.getLayers().filter(function (l) { return l instanceof L.CircleMarker; }).length;
      } };
    return window.frontlines;
  };
})();
