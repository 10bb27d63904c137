/* frontlines: draw control of places from the compact data blob (see render/data.py).
 * Every place (area outline, halo, highway line, marker, label) is drawn by one canvas layer (PlaceCanvas) in a
 * few batched passes, one path per style; it does its own hit-testing (a grid of the points at the
 * current zoom) for popups and hover names. Popups are built on click with textContent, so no
 * article text is ever parsed as HTML. */
(function () {
  "use strict";
  var DAY_MS = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var KIND_WORDS = { capture: "captured by", recapture: "recaptured by", withdrawal: "taken over by",
    observation: "reported held by", interdiction: "cut or under fire by" };
  var LABEL_LIMIT = 60; /* places named on the map itself (more are named on hover) */
  var LABEL_FONT = '600 11.5px "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans Arabic", sans-serif';
  var LABEL_GAP = 11; /* label offset from a marker's centre (px): clears the largest marker */
  var TOLERANCE = 3; /* extra px around a marker or line that still counts as a hit */
  var CELL = 32; /* hit-test grid cell (px) */
  var HALO_RADIUS = 17;
  var TAU = 2 * Math.PI;
  var RANKS = { inferred: 0, none: 1, reported: 2, changing: 3, contested: 3, claimed: 3 };
  /* Changing hands, contested, or claimed by an unverified or doubtful report: ringed (or hatched) with the other side. */
  function unsettled(cert) { return cert === "changing" || cert === "contested" || cert === "claimed"; }

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
  var IV = 7; /* numbers per interval: start, end, controller, certainty, other, since, since_latest */
  function intervalIndex(iv, d) {
    var lo = 0, hi = iv.length / IV - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, s = iv[mid * IV];
      if (s === null || s <= d) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (found < 0) { return -1; }
    var e = iv[found * IV + 1];
    return (e === null || e >= d) ? found * IV : -1;
  }

  function intervalAt(iv, d) {
    var k = intervalIndex(iv, d);
    return k < 0 ? null : iv.slice(k, k + IV);
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

  function dashes(text) { return text ? text.split(" ").map(Number) : []; }

  /* The squared distance from (px, py) to the segment (ax, ay)-(bx, by). */
  function segmentDistance2(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, t = 0;
    if (len2 > 0) { t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)); }
    var x = ax + t * dx - px, y = ay + t * dy - py;
    return x * x + y * y;
  }

  function overlap(a, b) {
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /* The JSON of a blob (plain, or deflated and base64-encoded when large: see render/data.py),
   * passed to `use` (at once for plain JSON; the compressed form is inflated with the browser's
   * DecompressionStream, so then `use` runs later and a promise of its result is returned). */
  function readBlob(id, use) {
    var node = document.getElementById(id);
    if (node.type !== "application/x-frontlines-deflate") { return use(JSON.parse(node.textContent)); }
    var bin = atob(node.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(function (text) { return use(JSON.parse(text)); });
  }

  /* The offline background under the tiles (land outside the country in one tint, the admin
   * areas) and the reference names (governorates, main cities) in `names`, a layer that starts
   * shown without tiles and is shown when a tile fails to load (offline). */
  window.frontlinesBase = function (map, id, names, tiled) {
    var ref = JSON.parse(document.getElementById(id).textContent);
    var base = pane(map, "fl-base", 150), labels = pane(map, "fl-ref", 380);
    map.getPane(labels).style.pointerEvents = "none";
    if (ref.outside) {
      L.geoJSON(ref.outside, { pane: base, interactive: false,
        style: { stroke: false, fillColor: ref.outside_tint, fillOpacity: 1 } }).addTo(map);
    }
    L.geoJSON(ref.admin, { pane: base, interactive: false,
      style: { color: "#9aa4ad", weight: 1, fillColor: "#f7f5f0", fillOpacity: 1 } }).addTo(map);
    ref.labels.forEach(function (l) {
      var icon = L.divIcon({ className: "fl-ref fl-ref-" + l[3], html: el("span", null, l[0]), iconSize: null });
      names.addLayer(L.marker([l[1], l[2]], { icon: icon, pane: labels, interactive: false, keyboard: false }));
    });
    if (tiled) {
      map.eachLayer(function (layer) {
        if (layer instanceof L.TileLayer) { layer.once("tileerror", function () { map.addLayer(names); }); }
      });
    }
  };

  /* Draw the map from its data blob; the article strings (most of the bytes, needed only by
   * popups) are read from their own blob after the map is drawn. */
  window.frontlinesLoad = function (map, id, layers, stringsId) {
    return readBlob(id, function (data) {
      var waiting = [];
      data.strings = null;
      data.whenStrings = function (fn) { if (data.strings) { fn(); } else { waiting.push(fn); } };
      var control = window.frontlinesControl(map, data, layers);
      setTimeout(function () {
        readBlob(stringsId, function (strings) {
          data.strings = strings;
          waiting.splice(0).forEach(function (fn) { fn(); });
        });
      }, 0);
      return control;
    });
  };

  /* One canvas for all places. It reuses L.Canvas for sizing, panning, zoom animation and redraw
   * batching (one redraw per animation frame), but draws from the arrays of `view` in a few passes
   * (halos, highways, markers grouped by style, labels) instead of one Leaflet path per place. */
  var PlaceCanvas = L.Canvas.extend({
    initialize: function (view, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._view = view;
    },
    _update: function () {
      if (this._map._animatingZoom && this._bounds) { return; }
      this._origin = this._map.getPixelOrigin();
      this._scale = this._map.options.crs.scale(this._map.getZoom()) / this._map.options.crs.scale(0);
      L.Canvas.prototype._update.call(this);
    },
    _updatePaths: function () {
      if (this._postponeUpdatePaths) { return; }
      this._redraw();
    },
    _requestRedraw: function () {
      if (!this._map) { return; }
      this._redrawRequest = this._redrawRequest || L.Util.requestAnimFrame(this._redraw, this);
    },
    _redraw: function () {
      this._redrawRequest = null;
      this._redrawBounds = null;
      if (!this._map || !this._ctx) { return; }
      this._clear();
      var b = this._bounds, ctx = this._ctx;
      ctx.save();
      this._view.draw(ctx, this._scale, this._origin, b.min.x - 24, b.min.y - 24, b.max.x + 24, b.max.y + 24);
      ctx.restore();
    },
    _onClick: function (e) {
      var map = this._map;
      map._fireDOMEvent(e, e.type, false);
      if (e.type !== "click" || map._draggableMoved(map)) { return; }
      var hit = this._view.hit(map.mouseEventToLayerPoint(e), this._scale, this._origin);
      if (hit >= 0) { this._view.open(hit, map.mouseEventToLatLng(e)); }
    },
    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) { return; }
      var hit = this._view.hit(point, this._scale, this._origin);
      if (hit !== this._hovered) {
        if (hit >= 0) { L.DomUtil.addClass(this._container, "leaflet-interactive"); } else {
          L.DomUtil.removeClass(this._container, "leaflet-interactive");
        }
        this._hovered = hit;
      }
      this._view.hover(hit, this._map.mouseEventToLatLng(e));
      this._map._fireDOMEvent(e, e.type, false);
      this._mouseHoverThrottled = true;
      var self = this;
      setTimeout(function () { self._mouseHoverThrottled = false; }, 32);
    },
    _handleMouseOut: function (e) {
      if (this._hovered >= 0) { L.DomUtil.removeClass(this._container, "leaflet-interactive"); }
      this._hovered = -1;
      this._mouseHoverThrottled = false;
      this._view.hover(-1, null);
      if (this._map) { this._map._fireDOMEvent(e, "mouseout", false); }
    }
  });

  window.frontlinesControl = function (map, data, layers) {
    var base = Date.parse(data.base + "T00:00:00Z");
    var ctrls = data.controllers, places = data.places, events = data.events;
    function text(k) { return data.strings[k]; }
    var whenStrings = data.whenStrings || function (fn) { fn(); };
    var certs = data.certainties, kinds = data.kinds, changes = [];
    var unknownColour = ctrls[data.unknown][2];
    var n = places.length, crs = map.options.crs;
    var labelled = n <= LABEL_LIMIT;
    var keys = new Float64Array(n).fill(NaN), styleIndex = new Int32Array(n).fill(-1);
    var haloColour = new Array(n).fill(null), recentMark = new Int32Array(n), stamp = 0;
    var ux = new Float64Array(n).fill(NaN), uy = new Float64Array(n).fill(NaN);
    var points = [], lines = [], lineStyles = new Array(n).fill(null), areas = [], areaStyles = new Array(n).fill(null);
    var styles = [], styleKeys = new Map(), rankBuckets = [[], [], [], [], [], [], [], []];
    var grid = null, gridScale = -1, labelLayout = null, labelScale = -1, labelWidths = null, labelShown = [];
    var tooltip = L.tooltip({ className: "fl-hover", direction: "top", offset: [0, -8] });
    var tooltipFor = -1, openPopup = null, clicks = 0, day = data.open !== undefined ? data.open : data.days[1];

    function isoDay(d) { return new Date(base + d * DAY_MS).toISOString().slice(0, 10); }
    function longDay(d) {
      var t = new Date(base + d * DAY_MS);
      return t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear();
    }

    /* "between 13 and 27 February 2020", "by 27 February 2020", "after ...": a range as a range. */
    function rangeText(lo, hi) {
      if (lo === null && hi === null) { return "date unknown"; }
      if (lo === null) { return "by " + longDay(hi); }
      if (hi === null) { return "after " + longDay(lo); }
      if (lo === hi) { return longDay(lo); }
      var a = new Date(base + lo * DAY_MS), b = new Date(base + hi * DAY_MS), first = longDay(lo);
      if (a.getUTCFullYear() === b.getUTCFullYear()) {
        first = a.getUTCMonth() === b.getUTCMonth() ? String(a.getUTCDate()) : a.getUTCDate() + " " + MONTHS[a.getUTCMonth()];
      }
      return "between " + first + " and " + longDay(hi);
    }

    function vague(ev) {
      var p = data.precisions[ev[6]];
      return p === "month" || p === "year" || ev[3] === null || ev[4] === null || ev[4] - ev[3] > data.vague_days;
    }

    function dateText(ev) {
      if (vague(ev) && (ev[3] !== null || ev[4] !== null)) { return rangeText(ev[3], ev[4]); }
      if (ev[3] !== null && ev[4] !== null && ev[3] !== ev[4]) { return isoDay(ev[3]) + " – " + isoDay(ev[4]); }
      var one = ev[5] !== null ? ev[5] : (ev[3] !== null ? ev[3] : ev[4]);
      return one === null ? "date unknown" : isoDay(one);
    }

    /* [day, place index] of every control change with a precise date, sorted: for the "changed
     * recently" halo and the « » buttons (a change dated "recently" is not a change of last week). */
    places.forEach(function (p, i) {
      eventIndexes(p).forEach(function (k) {
        var ev = events[k], when = ev[5] !== null ? ev[5] : (ev[4] !== null ? ev[4] : ev[3]);
        if (data.change_kinds.indexOf(kinds[ev[0]]) >= 0 && when !== null && !vague(ev)) { changes.push([when, i]); }
      });
    });
    changes.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });

    /* Points at zoom 0 (pixels); a zoom multiplies them by `scale`, the view subtracts its origin. */
    places.forEach(function (p, i) {
      if (p[10]) {
        var box = [Infinity, Infinity, -Infinity, -Infinity], size = 0;
        var rings = p[10].map(function (ring) {
          var xy = new Float64Array(ring.length * 2);
          ring.forEach(function (c, k) {
            var q = crs.latLngToPoint(L.latLng(c[0], c[1]), 0);
            xy[2 * k] = q.x; xy[2 * k + 1] = q.y;
            box = [Math.min(box[0], q.x), Math.min(box[1], q.y), Math.max(box[2], q.x), Math.max(box[3], q.y)];
          });
          for (var m = 0, last = xy.length - 2; m < xy.length; last = m, m += 2) {
            size += xy[last] * xy[m + 1] - xy[m] * xy[last + 1];
          }
          return xy;
        });
        areas.push({ index: i, rings: rings, box: box, size: Math.abs(size) / 2 });
      } else if (p[6]) {
        var xy = new Float64Array(p[6].length * 2);
        p[6].forEach(function (c, k) {
          var q = crs.latLngToPoint(L.latLng(c[0], c[1]), 0);
          xy[2 * k] = q.x; xy[2 * k + 1] = q.y;
        });
        lines.push({ index: i, xy: xy });
      } else {
        var q = crs.latLngToPoint(L.latLng(p[3], p[4]), 0);
        ux[i] = q.x; uy[i] = q.y;
        points.push(i);
      }
    });

    /* Areas from the largest to the smallest (a neighbourhood over the region around it). */
    areas.sort(function (a, b) { return b.size - a.size || a.index - b.index; });

    function markerStyle(iv, recent, kind) {
      var s = { fillColor: unknownColour, fillOpacity: 0.75, color: "#7a7a7a", weight: 1, opacity: 1,
        dashArray: null, radius: 4.5, rank: RANKS.none };
      if (iv) {
        var cert = certs[iv[3]];
        s.fillColor = ctrls[iv[2]][2];
        s.fillOpacity = cert === "inferred" ? 0.45 : 0.92;
        s.color = "#202020";
        s.radius = 5.5;
        s.rank = RANKS[cert];
        if (unsettled(cert)) {
          s.color = iv[4] >= 0 ? ctrls[iv[4]][2] : unknownColour;
          s.weight = 3.5;
          s.dashArray = cert === "changing" ? "5 3" : "1.5 3";
          s.radius = 7;
        }
      }
      if (kind === "j") { s.radius -= 1; s.weight += 1; }
      if (recent) { s.radius += 3; s.rank += 4; }
      s.r = Math.max(Math.round(s.radius), 1); /* drawn radius, rounded as Leaflet's canvas does */
      s.dash = dashes(s.dashArray);
      return s;
    }

    function lineStyle(iv) {
      var cert = iv ? certs[iv[3]] : "none";
      var moving = unsettled(cert);
      var s = { color: iv ? ctrls[iv[2]][2] : unknownColour, weight: 5, lineCap: "butt",
        opacity: cert === "inferred" || !iv ? 0.45 : 0.85, dashArray: moving ? "10 7" : null };
      s.dash = dashes(s.dashArray);
      return s;
    }

    /* An area is filled like its marker would be: the holder's colour (faint when inferred, grey
     * and dashed when unknown); changing or contested, it is hatched with the other side's colour
     * under a dashed or dotted outline of that colour, never a plain fill. */
    function areaStyle(iv, recent) {
      var cert = iv ? certs[iv[3]] : "none", moving = unsettled(cert);
      var s = { fillColor: unknownColour, fillOpacity: 0.15, color: "#7a7a7a", weight: 1, opacity: 0.9,
        dashArray: "4 3", hatch: null, rank: RANKS[cert] };
      if (iv) {
        s.fillColor = s.color = ctrls[iv[2]][2];
        s.fillOpacity = cert === "inferred" ? 0.15 : 0.35;
        s.weight = 1.5;
        s.dashArray = cert === "inferred" ? "4 3" : null;
        if (moving) {
          s.hatch = s.color = iv[4] >= 0 ? ctrls[iv[4]][2] : unknownColour;
          s.weight = 3;
          s.dashArray = cert === "changing" ? "5 3" : "1.5 3";
        }
      }
      if (recent) { s.weight += 2; s.rank += 4; }
      s.dash = dashes(s.dashArray);
      return s;
    }

    /* The fill of an uncertain area: stripes of the holder's and the other side's colours. */
    var hatches = new Map();
    function hatchPattern(ctx, fill, hatch) {
      var key = fill + hatch, pattern = hatches.get(key);
      if (!pattern) {
        var c = document.createElement("canvas"), x = c.getContext("2d");
        c.width = c.height = 8;
        x.fillStyle = fill; x.fillRect(0, 0, 8, 8);
        x.strokeStyle = hatch; x.lineWidth = 3; x.lineCap = "square";
        x.beginPath(); x.moveTo(-2, 10); x.lineTo(10, -2); x.moveTo(-2, 2); x.lineTo(2, -2);
        x.moveTo(6, 10); x.lineTo(10, 6); x.stroke();
        hatches.set(key, pattern = ctx.createPattern(c, "repeat"));
      }
      return pattern;
    }

    /* The index of the (shared) style of a marker with this state key. */
    function styleFor(key, kind, iv, recent) {
      var k = key * 2 + (kind === "j" ? 1 : 0), index = styleKeys.get(k);
      if (index === undefined) {
        index = styles.length;
        var st = markerStyle(iv, recent, kind);
        st.sprite = sprite(st.r, st.fillColor, st.fillOpacity, st.color, st.weight, st.opacity, st.dash);
        styles.push(st);
        styleKeys.set(k, index);
      }
      return index;
    }

    /* ---- drawing ---- */

    function shown(group) { return map.hasLayer(group); }

    /* A marker (or halo) drawn once on a small canvas of its own and then stamped with drawImage,
     * far cheaper for the software rasteriser than thousands of anti-aliased arcs. */
    function sprite(r, fill, fillOpacity, stroke, weight, opacity, dash) {
      var half = Math.ceil(r + weight / 2 + 1), size = 2 * half, m = L.Browser.retina ? 2 : 1;
      var c = document.createElement("canvas");
      c.width = c.height = size * m;
      var x = c.getContext("2d");
      x.scale(m, m);
      x.beginPath(); x.arc(half, half, r, 0, TAU);
      x.globalAlpha = fillOpacity; x.fillStyle = fill; x.fill();
      x.setLineDash(dash); x.lineCap = "round"; x.lineJoin = "round";
      x.globalAlpha = opacity; x.lineWidth = weight; x.strokeStyle = stroke; x.stroke();
      return { canvas: c, half: half, size: size };
    }

    var haloSprites = new Map();
    function haloSprite(colour) {
      var h = haloSprites.get(colour);
      if (!h) { haloSprites.set(colour, h = sprite(HALO_RADIUS, colour, 0.22, colour, 1.5, 0.9, [])); }
      return h;
    }

    function drawHalos(ctx, s, ox, oy, x0, y0, x1, y1) {
      for (var k = 0; k < points.length; k++) {
        var i = points[k], c = haloColour[i];
        if (c === null) { continue; }
        var x = Math.round(ux[i] * s - ox), y = Math.round(uy[i] * s - oy);
        if (x < x0 - HALO_RADIUS || x > x1 + HALO_RADIUS || y < y0 - HALO_RADIUS || y > y1 + HALO_RADIUS) { continue; }
        var h = haloSprite(c);
        ctx.drawImage(h.canvas, x - h.half, y - h.half, h.size, h.size);
      }
    }

    function drawAreas(ctx, s, ox, oy, x0, y0, x1, y1) {
      ctx.lineJoin = "round"; ctx.lineCap = "butt";
      areas.forEach(function (area) {
        var st = areaStyles[area.index], b = area.box;
        if (!st || b[2] * s - ox < x0 || b[0] * s - ox > x1 || b[3] * s - oy < y0 || b[1] * s - oy > y1) { return; }
        ctx.beginPath();
        area.rings.forEach(function (xy) {
          for (var m = 0; m < xy.length; m += 2) {
            var x = xy[m] * s - ox, y = xy[m + 1] * s - oy;
            if (m) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
          }
          ctx.closePath();
        });
        ctx.globalAlpha = st.fillOpacity;
        ctx.fillStyle = st.hatch ? hatchPattern(ctx, st.fillColor, st.hatch) : st.fillColor;
        ctx.fill("evenodd");
        ctx.setLineDash(st.dash);
        ctx.globalAlpha = st.opacity; ctx.lineWidth = st.weight; ctx.strokeStyle = st.color;
        ctx.stroke();
      });
      ctx.globalAlpha = 1;
    }

    /* True when the zoom-0 point (x, y) is inside the area (even-odd over its rings). */
    function inArea(area, x, y) {
      var b = area.box, inside = false;
      if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) { return false; }
      area.rings.forEach(function (xy) {
        for (var m = 0, last = xy.length - 2; m < xy.length; last = m, m += 2) {
          var ax = xy[m], ay = xy[m + 1], bx = xy[last], by = xy[last + 1];
          if ((ay > y) !== (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax) { inside = !inside; }
        }
      });
      return inside;
    }

    function drawLines(ctx, s, ox, oy) {
      ctx.lineJoin = "round";
      lines.forEach(function (line) {
        var st = lineStyles[line.index], xy = line.xy;
        if (!st) { return; }
        ctx.beginPath();
        for (var m = 0; m < xy.length; m += 2) {
          var x = xy[m] * s - ox, y = xy[m + 1] * s - oy;
          if (m) { ctx.lineTo(x, y); } else { ctx.moveTo(x, y); }
        }
        ctx.setLineDash(st.dash);
        ctx.globalAlpha = st.opacity; ctx.lineWidth = st.weight; ctx.strokeStyle = st.color; ctx.lineCap = st.lineCap;
        ctx.stroke();
      });
      ctx.globalAlpha = 1;
    }

    /* Markers from faint to prominent (inferred, unknown, reported, changing or contested; places
     * that changed recently on top), in place order within each rank. */
    function drawMarkers(ctx, s, ox, oy, x0, y0, x1, y1) {
      for (var b = 0; b < rankBuckets.length; b++) { rankBuckets[b].length = 0; }
      for (var k = 0; k < points.length; k++) {
        var i = points[k], x = ux[i] * s - ox, y = uy[i] * s - oy;
        if (x < x0 || x > x1 || y < y0 || y > y1 || styleIndex[i] < 0) { continue; }
        rankBuckets[styles[styleIndex[i]].rank].push(i);
      }
      for (var r = 0; r < rankBuckets.length; r++) {
        var list = rankBuckets[r];
        for (var q = 0; q < list.length; q++) {
          var j = list[q], sp = styles[styleIndex[j]].sprite;
          ctx.drawImage(sp.canvas, Math.round(ux[j] * s - ox) - sp.half, Math.round(uy[j] * s - oy) - sp.half, sp.size, sp.size);
        }
      }
    }

    /* Where each name goes at zoom scale s (pan-independent): beside its marker on the side where it
     * overlaps the fewest other names and markers; a name that would cover another is left out (it
     * shows on hover). Places with more reports are placed first. */
    function layoutLabels(ctx, s) {
      if (!labelWidths) {
        ctx.font = LABEL_FONT;
        labelWidths = places.map(function (p) { return p[6] ? 0 : ctx.measureText(p[1]).width; });
      }
      var order = points.slice().sort(function (a, b) { return places[b][8][1] - places[a][8][1] || a - b; });
      var placed = [], layout = new Array(n).fill(null), h = 14, g = LABEL_GAP;
      var marks = points.map(function (i) { var x = ux[i] * s, y = uy[i] * s; return [i, [x - 7, y - 7, x + 7, y + 7]]; });
      order.forEach(function (i) {
        var x = ux[i] * s, y = uy[i] * s, w = labelWidths[i] + 4, best = null, bestScore = Infinity;
        [[x + g, y - h / 2], [x - g - w, y - h / 2], [x - w / 2, y - g - h], [x - w / 2, y + g],
          [x + g * 0.7, y - g * 0.7 - h], [x + g * 0.7, y + g * 0.7], [x - g * 0.7 - w, y - g * 0.7 - h],
          [x - g * 0.7 - w, y + g * 0.7]].forEach(function (c, k) {
          var box = [c[0], c[1], c[0] + w, c[1] + h], hard = 0, soft = 0;
          placed.forEach(function (q) { hard += overlap(box, q); });
          marks.forEach(function (m) { if (m[0] !== i) { soft += overlap(box, m[1]); } });
          var score = hard * 1000 + soft * 10 + k;
          if (score < bestScore) { bestScore = score; best = box; }
        });
        if (bestScore < 1000) { placed.push(best); layout[i] = best; }
      });
      return layout;
    }

    function drawLabels(ctx, s, ox, oy) {
      if (labelScale !== s) { labelLayout = layoutLabels(ctx, s); labelScale = s; }
      ctx.font = LABEL_FONT; ctx.textBaseline = "middle"; ctx.setLineDash([]);
      ctx.globalAlpha = 1; ctx.lineJoin = "round"; ctx.lineWidth = 3; ctx.strokeStyle = "#fff"; ctx.fillStyle = "#222";
      labelShown = labelLayout.map(function (box) { return box !== null; });
      points.forEach(function (i) {
        var box = labelLayout[i];
        if (!box) { return; }
        var x = Math.round(box[0] + 2 - ox), y = Math.round((box[1] + box[3]) / 2 - oy);
        ctx.strokeText(places[i][1], x, y);
        ctx.fillText(places[i][1], x, y);
      });
    }

    var view = {
      draw: function (ctx, s, origin, x0, y0, x1, y1) {
        var ox = origin.x, oy = origin.y, withPlaces = shown(layers.places);
        if (withPlaces) {
          drawAreas(ctx, s, ox, oy, x0, y0, x1, y1);
          drawHalos(ctx, s, ox, oy, x0, y0, x1, y1);
        }
        if (shown(layers.lines)) { drawLines(ctx, s, ox, oy); }
        if (withPlaces) {
          drawMarkers(ctx, s, ox, oy, x0, y0, x1, y1);
          if (labelled) { drawLabels(ctx, s, ox, oy); } else { labelShown = []; }
        }
      },
      /* The place under a layer point: the nearest marker within reach, else a highway, else the
       * smallest area around it. */
      hit: function (pt, s, origin) {
        var x = pt.x + origin.x, y = pt.y + origin.y, best = -1, bestD = Infinity;
        if (shown(layers.places)) {
          if (gridScale !== s) {
            grid = new Map();
            points.forEach(function (i) {
              var key = Math.floor(ux[i] * s / CELL) + "," + Math.floor(uy[i] * s / CELL), list = grid.get(key);
              if (!list) { grid.set(key, list = []); }
              list.push(i);
            });
            gridScale = s;
          }
          var cx = Math.floor(x / CELL), cy = Math.floor(y / CELL);
          for (var gx = cx - 1; gx <= cx + 1; gx++) {
            for (var gy = cy - 1; gy <= cy + 1; gy++) {
              var list = grid.get(gx + "," + gy);
              if (!list) { continue; }
              for (var k = 0; k < list.length; k++) {
                var i = list[k], dx = ux[i] * s - x, dy = uy[i] * s - y, d = Math.sqrt(dx * dx + dy * dy);
                var reach = (styleIndex[i] >= 0 ? styles[styleIndex[i]].r : 5) + TOLERANCE;
                if (d <= reach && d < bestD) { best = i; bestD = d; }
              }
            }
          }
        }
        if (best < 0 && shown(layers.lines)) {
          lines.forEach(function (line) {
            var xy = line.xy, reach = lineStyles[line.index] ? lineStyles[line.index].weight / 2 + TOLERANCE : 0;
            for (var m = 2; m < xy.length; m += 2) {
              var d2 = segmentDistance2(x, y, xy[m - 2] * s, xy[m - 1] * s, xy[m] * s, xy[m + 1] * s);
              if (d2 <= reach * reach && d2 < bestD) { best = line.index; bestD = d2; }
            }
          });
        }
        if (best < 0 && shown(layers.places)) {
          for (var a = areas.length - 1; a >= 0; a--) { /* the smallest (drawn last) first */
            if (areaStyles[areas[a].index] && inArea(areas[a], x / s, y / s)) { return areas[a].index; }
          }
        }
        return best;
      },
      open: function (i, at) {
        var click = ++clicks;
        whenStrings(function () {
          if (click !== clicks) { return; } /* a later click won while the strings were being read */
          var p = places[i], body = popup(i);
          openPopup = { index: i, state: body.querySelector(".fl-state") };
          L.popup({ maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [40, 80], autoPanPaddingBottomRight: [40, 40] })
            .setLatLng(p[6] || p[10] ? at : [p[3], p[4]]).setContent(body).openOn(map);
        });
      },
      hover: function (i, at) {
        var named = i >= 0 && !(labelShown[i] && !places[i][6]);
        if (!named) {
          if (tooltipFor >= 0) { map.closeTooltip(tooltip); tooltipFor = -1; }
          return;
        }
        var p = places[i], follows = p[6] || p[10]; /* a line's or an area's name follows the pointer */
        if (tooltipFor !== i) {
          tooltip.options.direction = follows ? "auto" : "top";
          tooltip.options.offset = follows ? [8, 0] : [0, -(styleIndex[i] >= 0 ? styles[styleIndex[i]].r : 5) - 2];
          tooltip.setContent(el("span", null, p[1] + (p[6] ? " (approximate route)" : "")));
          tooltipFor = i;
          tooltip.setLatLng(follows ? at : [p[3], p[4]]);
          map.openTooltip(tooltip);
        } else if (follows) {
          tooltip.setLatLng(at);
        }
      }
    };
    map.on("popupclose", function () { openPopup = null; });

    function stateText(iv) {
      if (!iv) { return "Control unknown on this date"; }
      var c = ctrls[iv[2]][1], cert = certs[iv[3]], other = iv[4] >= 0 ? ctrls[iv[4]][1] : "";
      var since = iv[6] !== null && iv[6] !== undefined ? ", changed " + rangeText(iv[5], iv[6])
        : (iv[5] === null ? "" : " since " + isoDay(iv[5]));
      if (cert === "changing") { return "Changing hands: " + c + " → " + other + since; }
      if (cert === "contested") { return "Contested: " + c + " (by the reported changes) vs " + other + since; }
      if (cert === "claimed") {
        return "Claimed, not confirmed: " + c + " (by an unverified report, or one that may mean a namesake)" +
          (other ? " vs " + other : "") + since;
      }
      if (cert === "inferred") { return c + " (inferred: held before the first reported change)"; }
      return c + " (reported)" + since;
    }

    function sourceItem(src) {
      var li = el("li");
      li.appendChild(el("span", "fl-outlet", text(src[0]) || "unknown outlet"));
      if (src[3] !== null) { li.appendChild(el("span", "fl-pub", " (" + isoDay(src[3]) + ")")); }
      var evidence = text(src[1]);
      if (evidence) { li.appendChild(el("q", "fl-evidence", evidence)); }
      var url = text(src[2]);
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
      if (ev[2] >= 0 && data.change_kinds.indexOf(kind) >= 0) { what += " from " + ctrls[ev[2]][1]; }
      head.appendChild(el("span", "fl-what", what));
      li.appendChild(head);
      var expression = text(ev[8]);
      if (expression) { li.appendChild(el("div", "fl-expr", "date as written: " + expression)); }
      if (text(ev[7])) { li.appendChild(el("div", "fl-flags", "flags: " + text(ev[7]))); }
      var ul = el("ul", "fl-sources");
      for (var k = 9; k + 3 < ev.length; k += 4) { ul.appendChild(sourceItem(ev.slice(k, k + 4))); }
      li.appendChild(ul);
      return li;
    }

    /* The "on this day" line of a popup (kept up to date while the popup is open). */
    function fillState(state, i) {
      var iv = intervalAt(places[i][7], day);
      state.textContent = "";
      var sw = el("span", "fl-swatch");
      sw.style.background = iv ? ctrls[iv[2]][2] : unknownColour;
      state.appendChild(sw);
      state.appendChild(el("span", null, isoDay(day) + ": " + stateText(iv)));
    }

    function popup(i) {
      var p = places[i];
      var box = el("div", "fl-popup");
      var name = el("div", "fl-name", p[1]);
      if (p[2]) { var ar = el("span", "fl-ar", p[2]); ar.dir = "rtl"; ar.lang = "ar"; name.appendChild(ar); }
      box.appendChild(name);
      if (p[5] === "h") { box.appendChild(el("div", "fl-admin", "approximate route")); }
      if (p[9]) { box.appendChild(el("div", "fl-admin", p[9])); }
      var state = el("div", "fl-state");
      fillState(state, i);
      box.appendChild(state);
      if (p[8][1]) {
        box.appendChild(el("div", "fl-h", "History"));
        var ol = el("ol", "fl-history");
        eventIndexes(p).forEach(function (k) { ol.appendChild(eventItem(events[k])); });
        box.appendChild(ol);
      }
      return box;
    }

    var canvas = new PlaceCanvas(view, { padding: 0.3, pane: pane(map, "fl-places", 420) });
    map.addLayer(canvas);
    map.on("overlayadd overlayremove", function () { canvas._requestRedraw(); });

    /* Restyle only what differs from the last day shown (markers whose interval, certainty or
     * "recent" flag changed, halos that appear, disappear or change colour), then ask for one
     * redraw in the next animation frame. */
    function setDay(d) {
      day = Math.max(data.days[0], Math.min(data.days[1], d));
      stamp += 1;
      for (var k = lowerBound(changes, day - data.recent_days); k < changes.length && changes[k][0] <= day; k++) {
        recentMark[changes[k][1]] = stamp;
      }
      for (var i = 0; i < n; i++) {
        var p = places[i], ivs = p[7], at = intervalIndex(ivs, day), isRecent = recentMark[i] === stamp;
        var key = at < 0 ? -2 : ((ivs[at + 2] * 8 + ivs[at + 3]) * 1024 + ivs[at + 4] + 1) * 2;
        if (p[6]) {
          if (keys[i] !== key) { lineStyles[i] = lineStyle(at < 0 ? null : ivs.slice(at, at + IV)); keys[i] = key; }
          continue;
        }
        if (isRecent) { key += 1; }
        if (p[10]) {
          if (keys[i] !== key) { areaStyles[i] = areaStyle(at < 0 ? null : ivs.slice(at, at + IV), isRecent); keys[i] = key; }
          continue;
        }
        if (keys[i] !== key) {
          styleIndex[i] = styleFor(key, p[5], at < 0 ? null : ivs.slice(at, at + IV), isRecent);
          keys[i] = key;
        }
        haloColour[i] = isRecent ? (at < 0 ? unknownColour : ctrls[ivs[at + 2]][2]) : null;
      }
      canvas._requestRedraw();
      if (openPopup) { fillState(openPopup.state, openPopup.index); }
      var label = document.getElementById(data.title_id);
      if (label) { label.textContent = longDay(day); }
      map.fire("frontlines:day", { day: day, iso: isoDay(day) });
    }

    /* The style a place is drawn with on the current day (fillColor, color, radius, ...). */
    function styleOf(placeId) {
      for (var i = 0; i < n; i++) {
        if (places[i][0] === placeId) {
          var st = places[i][6] ? lineStyles[i] : (places[i][10] ? areaStyles[i] : styles[styleIndex[i]]), out = {};
          Object.keys(st).forEach(function (k) { if (k !== "sprite") { out[k] = st[k]; } });
          return out;
        }
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
          map.on("frontlines:day", function (e) { range.value = e.day; label.textContent = e.iso; });
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

    /* Keep the places clear of the title above and the slider (or the scale) below. */
    if (data.bounds) {
      map.fitBounds(data.bounds, { paddingTopLeft: [30, 80], paddingBottomRight: [30, data.snapshot ? 40 : 110],
        maxZoom: 11, animate: false });
    }
    setDay(day);
    if (!data.snapshot) { addPlayer(); }
    window.frontlines = { map: map, data: data, setDay: setDay, styleOf: styleOf, isoDay: isoDay,
      getDay: function () { return day; },
      /* Draw now instead of in the next animation frame (for tests and timing). */
      redraw: function () { if (canvas._redrawRequest) { L.Util.cancelAnimFrame(canvas._redrawRequest); } canvas._redraw(); },
      /* The number of point places drawn (highways are lines, areas outlines, not markers). */
      markerCount: function () { return points.length; },
      /* The ids of the places drawn as areas, in drawing order (the largest first). */
      areaIds: function () { return areas.map(function (a) { return places[a.index][0]; }); },
      /* The place drawn at a container point (its id), or null. */
      placeAt: function (x, y) {
        var i = view.hit(map.containerPointToLayerPoint([x, y]), canvas._scale, canvas._origin);
        return i < 0 ? null : places[i][0];
      },
      /* Names written on the map, with their boxes in container pixels (for tests). */
      labels: function () {
        var out = [];
        if (!labelled || !labelLayout) { return out; }
        var o = canvas._origin;
        points.forEach(function (i) {
          var box = labelLayout[i];
          if (box && labelScale === canvas._scale) {
            var a = map.layerPointToContainerPoint([box[0] - o.x, box[1] - o.y]);
            out.push({ id: places[i][0], name: places[i][1], box: [a.x, a.y, a.x + box[2] - box[0], a.y + box[3] - box[1]] });
          }
        });
        return out;
      } };
    return window.frontlines;
  };
})();
