/* conflict-kg report: builds the map markers, timeline and tables from the inline JSON. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kg-data").textContent);
  var A = D.attacks;
  // attack fields
  var ID = 0, LABEL = 1, TYPE = 2, DATE = 3, END = 4, FAT = 5, INJ = 6, PERP = 7, TGT = 8,
    PLACE = 9, EVID = 10, REPS = 11, FIGS = 12;
  var PAGE = 100;
  var SVGNS = "http://www.w3.org/2000/svg";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "cls") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en"); }
  function typeWords(t) { return t.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase(); }
  function place(a) { return a[PLACE] >= 0 ? D.places[a[PLACE]] : null; }
  function placeText(a) {
    var p = place(a);
    if (!p) return "";
    var parts = [p[0]];
    if (p[1] && p[1] !== p[0]) parts.push(p[1]);
    if (p[2] && p[2] !== p[0]) parts.push(p[2]);
    return parts.join(", ");
  }
  function when(a) { return a[END] ? a[DATE] + " – " + a[END] : (a[DATE] || "undated"); }
  function perps(a) { return a[PERP].map(function (g) { return D.groups[g]; }).join("; "); }
  function sourcesOf(a) {
    var seen = {};
    return a[REPS].map(function (r) { return D.sources[r[0]]; })
      .filter(function (s) { if (seen[s]) return false; seen[s] = 1; return true; });
  }

  /* ---------------------------------------------------------------- paginated tables */
  function pagedTable(container, columns, count, renderRow, pageSize) {
    // renderRow(i) -> array of <tr> for item i (row and, lazily, its detail)
    pageSize = pageSize || PAGE;
    var page = 0;
    var pages = Math.max(1, Math.ceil(count / pageSize));
    container.textContent = "";
    if (!count) { container.appendChild(el("p", { cls: "empty", text: "Nothing to show." })); return; }
    var info = el("span");
    var prev = el("button", { type: "button", text: "‹ previous" });
    var next = el("button", { type: "button", text: "next ›" });
    var pager = el("div", { cls: "pager" }, [prev, next, info]);
    var head = el("tr", null, columns.map(function (c) {
      return el("th", { cls: c.num ? "num" : "", text: c.name });
    }));
    var body = el("tbody");
    var table = el("table", null, [el("thead", null, [head]), body]);
    container.appendChild(pager);
    container.appendChild(table);
    function show() {
      body.textContent = "";
      var start = page * pageSize, stop = Math.min(count, start + pageSize);
      for (var i = start; i < stop; i++) {
        renderRow(i).forEach(function (tr) { body.appendChild(tr); });
      }
      info.textContent = "rows " + fmt(start + 1) + "–" + fmt(stop) + " of " + fmt(count) +
        " (page " + (page + 1) + " of " + fmt(pages) + ")";
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    prev.onclick = function () { if (page > 0) { page--; show(); } };
    next.onclick = function () { if (page < pages - 1) { page++; show(); } };
    show();
  }

  function attackDetail(a) {
    var box = el("div", { cls: "detail" });
    box.appendChild(el("div", null, [el("b", { text: a[LABEL] })]));
    var facts = [];
    if (a[INJ] !== null) facts.push("injured " + fmt(a[INJ]));
    if (a[FIGS].length) facts.push("figures in the graph: " + a[FIGS].join(", "));
    facts.push("id " + a[ID]);
    box.appendChild(el("div", { cls: "hint", text: facts.join(" · ") }));
    box.appendChild(el("div", { text: "Evidence:" }));
    if (!a[EVID].length) box.appendChild(el("p", { cls: "empty", text: "no sentence" }));
    a[EVID].forEach(function (s) { box.appendChild(el("blockquote", { text: s })); });
    box.appendChild(el("div", { text: "Sources:" }));
    var ul = el("ul");
    a[REPS].forEach(function (r) {
      var art = r[3] >= 0 ? D.articles[r[3]] : null;
      var li = el("li", null, [el("b", { text: D.sources[r[0]] }),
        " — " + (r[2] ? "statement" : "article") + (r[1] ? ", " + r[1] : "")]);
      if (art) {
        li.appendChild(document.createTextNode(" · in "));
        var name = art[1] || art[0];
        if (art[2]) li.appendChild(el("a", { href: art[2], rel: "noreferrer", text: name }));
        else li.appendChild(el("i", { text: name }));
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  var ATTACK_COLUMNS = [
    { name: "date" }, { name: "type" }, { name: "perpetrator" }, { name: "target" },
    { name: "place" }, { name: "killed", num: true }, { name: "sources" }
  ];
  function attackTable(container, indices) {
    var open = {};
    pagedTable(container, ATTACK_COLUMNS, indices.length, function (i) {
      var idx = indices[i], a = A[idx];
      var tr = el("tr", { cls: "row", "data-attack": a[ID] }, [
        el("td", { text: when(a) }), el("td", { text: typeWords(D.types[a[TYPE]]) }),
        el("td", { text: perps(a) }), el("td", { text: a[TGT] }),
        el("td", { text: placeText(a) }), el("td", { cls: "num", text: fmt(a[FAT]) }),
        el("td", { text: sourcesOf(a).join("; ") })
      ]);
      var rows = [tr];
      var detail = null;
      function toggle() {
        if (detail) {
          detail.parentNode.removeChild(detail); detail = null; delete open[idx];
          tr.className = "row"; return;
        }
        detail = el("tr", { cls: "detail" }, [el("td", { colspan: "7" }, [attackDetail(a)])]);
        tr.parentNode.insertBefore(detail, tr.nextSibling);
        tr.className = "row open"; open[idx] = 1;
      }
      tr.onclick = toggle;
      if (open[idx]) {
        detail = el("tr", { cls: "detail" }, [el("td", { colspan: "7" }, [attackDetail(a)])]);
        tr.className = "row open"; rows.push(detail);
      }
      return rows;
    });
  }

  /* ---------------------------------------------------------------- attacks + filters */
  var filter = { text: "", type: "", only: null, onlyNote: "" };
  var haystack = null;
  function matches(i) {
    var a = A[i];
    if (filter.type !== "" && a[TYPE] !== +filter.type) return false;
    if (filter.text) {
      if (!haystack) haystack = new Array(A.length);
      if (haystack[i] === undefined) {
        haystack[i] = [a[LABEL], perps(a), a[TGT], placeText(a), sourcesOf(a).join(" "),
          a[EVID].join(" "), a[DATE] || ""].join(" ").toLowerCase();
      }
      if (haystack[i].indexOf(filter.text) < 0) return false;
    }
    return true;
  }
  function showAttacks() {
    var base = filter.only || A.map(function (_, i) { return i; });
    var indices = base.filter(matches);
    var notes = [];
    if (filter.onlyNote) notes.push(filter.onlyNote);
    if (filter.text || filter.type !== "") notes.push("filtered");
    document.getElementById("filter-note").textContent = notes.join(" · ");
    attackTable(document.getElementById("attacks"), indices);
  }
  function showOnly(indices, note) {
    filter.only = indices; filter.onlyNote = note;
    showAttacks();
    document.getElementById("attacks-section").scrollIntoView();
  }
  (function setupFilters() {
    var typeSelect = document.getElementById("filter-type");
    D.types.forEach(function (t, i) {
      typeSelect.appendChild(el("option", { value: String(i), text: typeWords(t) }));
    });
    var timer = null;
    document.getElementById("filter-text").oninput = function (e) {
      clearTimeout(timer);
      var value = e.target.value.trim().toLowerCase();
      timer = setTimeout(function () { filter.text = value; showAttacks(); }, 200);
    };
    typeSelect.onchange = function (e) { filter.type = e.target.value; showAttacks(); };
    document.getElementById("filter-clear").onclick = function () {
      filter = { text: "", type: "", only: null, onlyNote: "" };
      document.getElementById("filter-text").value = "";
      typeSelect.value = "";
      showAttacks();
    };
  })();

  /* ---------------------------------------------------------------- map */
  var map = document.getElementById("map");
  var located = [];  // [lon, lat, attack index]
  (function drawMarkers() {
    var parts = [[], [], []];
    A.forEach(function (a, i) {
      var p = place(a);
      if (!p || p[3] === null || p[4] === null) return;
      var f = a[FAT] || 0;
      var size = f >= 50 ? 2 : f >= 10 ? 1 : 0;
      parts[size].push("M" + p[3] + " " + (-p[4]) + "h0");
      located.push([p[3], p[4], i]);
    });
    var group = document.getElementById("markers");
    parts.forEach(function (d, size) {
      if (!d.length) return;
      group.appendChild(svg("path", { "class": "marker s" + size, d: d.join(""),
        "data-count": String(d.length) }));
    });
    map.setAttribute("data-markers", String(located.length));
    var status = document.getElementById("map-status");
    status.textContent = fmt(located.length) + " of " + fmt(A.length) +
      " attacks have coordinates";
  })();

  var view = { x: -180, y: -90, w: 360, h: 180 };
  function setView(v) {
    var w = Math.min(360, Math.max(0.5, v.w)), h = w / 2;
    var cx = v.x + v.w / 2, cy = v.y + v.h / 2;
    view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
    map.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
  }
  function fit() {
    if (!located.length) { setView({ x: -180, y: -90, w: 360, h: 180 }); return; }
    var x0 = 180, x1 = -180, y0 = 90, y1 = -90;
    located.forEach(function (m) {
      x0 = Math.min(x0, m[0]); x1 = Math.max(x1, m[0]);
      y0 = Math.min(y0, -m[1]); y1 = Math.max(y1, -m[1]);
    });
    var w = Math.max(24, (x1 - x0) * 1.2, (y1 - y0) * 2.4);
    setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / 4, w: w, h: w / 2 });
  }
  function zoom(factor, cx, cy) {
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    var w = Math.min(360, Math.max(0.5, view.w * factor)), h = w / 2;
    var fx = (cx - view.x) / view.w, fy = (cy - view.y) / view.h;
    setView({ x: cx - fx * w, y: cy - fy * h, w: w, h: h });
  }
  function toMap(evt) {
    var pt = map.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    var m = map.getScreenCTM();
    return m ? pt.matrixTransform(m.inverse()) : { x: 0, y: 0 };
  }
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.onclick = function () {
      var z = b.getAttribute("data-zoom");
      if (z === "in") zoom(0.5);
      else if (z === "out") zoom(2);
      else if (z === "fit") fit();
      else setView({ x: -180, y: -90, w: 360, h: 180 });
    };
  });
  map.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = toMap(e);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  var drag = null;
  map.addEventListener("pointerdown", function (e) {
    drag = { x: e.clientX, y: e.clientY, view: view, moved: false };
    map.setPointerCapture(e.pointerId);
  });
  map.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; map.classList.add("dragging"); }
    if (!drag.moved) return;
    var scale = drag.view.w / map.getBoundingClientRect().width;
    var scaleY = drag.view.h / map.getBoundingClientRect().height;
    var s = Math.max(scale, scaleY);
    setView({ x: drag.view.x - dx * s, y: drag.view.y - dy * s, w: drag.view.w, h: drag.view.h });
  });
  map.addEventListener("pointerup", function (e) {
    var wasDrag = drag && drag.moved;
    drag = null; map.classList.remove("dragging");
    if (wasDrag) return;
    var p = toMap(e);
    var rect = map.getBoundingClientRect();
    var r = 8 * Math.max(view.w / rect.width, view.h / rect.height);
    var hits = [];
    located.forEach(function (m) {
      var dx = m[0] - p.x, dy = -m[1] - p.y;
      if (dx * dx + dy * dy <= r * r) hits.push(m[2]);
    });
    var old = document.getElementById("picked");
    if (old) old.parentNode.removeChild(old);
    if (!hits.length) return;
    document.getElementById("markers").appendChild(svg("circle", {
      id: "picked", "class": "picked", cx: p.x, cy: p.y, r: r }));
    hits.sort(function (a, b) { return a - b; });
    showOnly(hits, fmt(hits.length) + " attacks picked on the map");
  });
  fit();

  /* ---------------------------------------------------------------- timeline */
  function dayNumber(iso) {
    var t = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
    return Math.floor(t / 86400000);
  }
  function isoOfDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  function bucketOf(iso, unit) {
    if (unit === "month") return (+iso.slice(0, 4)) * 12 + (+iso.slice(5, 7) - 1);
    var d = dayNumber(iso);  // 1970-01-01 was a Thursday: weeks start on Monday
    return Math.floor((d + 3) / 7);
  }
  function bucketLabel(b, unit) {
    if (unit === "month") {
      var m = b % 12 + 1;
      return Math.floor(b / 12) + "-" + (m < 10 ? "0" : "") + m;
    }
    return "week of " + isoOfDay(b * 7 - 3);
  }
  function drawTimeline() {
    var unit = document.getElementById("timeline-unit").value;
    var dated = A.filter(function (a) { return /^\d{4}-\d\d-\d\d$/.test(a[DATE] || ""); });
    var box = document.getElementById("timeline");
    box.textContent = "";
    var note = document.getElementById("timeline-note");
    note.textContent = (A.length - dated.length) ? " · " + fmt(A.length - dated.length) +
      " undated attacks left out" : "";
    if (!dated.length) { box.appendChild(el("p", { cls: "empty", text: "No dated attack." })); return; }
    if (unit === "auto") {
      var first = Infinity, last = -Infinity;
      dated.forEach(function (a) {
        var d = dayNumber(a[DATE]);
        if (d < first) first = d;
        if (d > last) last = d;
      });
      var span = last - first;
      unit = span > 7 * 80 ? "month" : "week";
    }
    var counts = {}, deaths = {}, lo = Infinity, hi = -Infinity;
    dated.forEach(function (a) {
      var b = bucketOf(a[DATE], unit);
      counts[b] = (counts[b] || 0) + 1;
      deaths[b] = (deaths[b] || 0) + (a[FAT] || 0);
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    });
    var n = hi - lo + 1, W = 1000, H = 80, pad = 34, gap = 14;
    var maxA = 1, maxF = 1;
    for (var b = lo; b <= hi; b++) {
      maxA = Math.max(maxA, counts[b] || 0); maxF = Math.max(maxF, deaths[b] || 0);
    }
    var root = svg("svg", { viewBox: "0 0 " + (W + pad + 40) + " " + (2 * H + gap + 40),
      "data-unit": unit, "data-buckets": String(n) });
    var bw = W / n;
    function panel(y0, values, max, cls, name) {
      var t = svg("text", { x: 2, y: y0 + 12 });
      t.textContent = name + " (max " + fmt(max) + ")";
      root.appendChild(t);
      root.appendChild(svg("line", { "class": "axis", x1: pad, x2: pad + W, y1: y0 + H, y2: y0 + H }));
      for (var b = lo; b <= hi; b++) {
        var v = values[b] || 0;
        if (!v) continue;
        var h = Math.max(1, (v / max) * (H - 18));
        var r = svg("rect", { "class": cls, x: pad + (b - lo) * bw, y: y0 + H - h,
          width: Math.max(0.6, bw * 0.85), height: h });
        var title = svg("title", {});
        title.textContent = bucketLabel(b, unit) + ": " + fmt(counts[b] || 0) + " attacks, " +
          fmt(deaths[b] || 0) + " killed";
        r.appendChild(title);
        root.appendChild(r);
      }
    }
    panel(0, counts, maxA, "bar-a", "attacks per " + unit);
    panel(H + gap, deaths, maxF, "bar-f", "killed per " + unit);
    var ticks = Math.min(n, 8);
    for (var k = 0; k < ticks; k++) {
      var bk = lo + Math.round(k * (n - 1) / Math.max(1, ticks - 1));
      var lab = svg("text", { x: pad + (bk - lo) * bw, y: 2 * H + gap + 16 });
      lab.textContent = bucketLabel(bk, unit).replace("week of ", "");
      root.appendChild(lab);
    }
    box.appendChild(root);
  }
  document.getElementById("timeline-unit").onchange = drawTimeline;
  drawTimeline();

  /* ---------------------------------------------------------------- armed groups */
  (function groups() {
    var stats = D.groups.map(function (name) {
      return { name: name, attacks: [], killed: 0, first: "", last: "", types: {} };
    });
    A.forEach(function (a, i) {
      a[PERP].forEach(function (g) {
        var s = stats[g];
        s.attacks.push(i);
        s.killed += a[FAT] || 0;
        if (a[DATE] && (!s.first || a[DATE] < s.first)) s.first = a[DATE];
        var last = a[END] || a[DATE];
        if (last && last > s.last) s.last = last;
        var t = D.types[a[TYPE]];
        s.types[t] = (s.types[t] || 0) + 1;
      });
    });
    stats.sort(function (x, y) { return y.attacks.length - x.attacks.length || (x.name < y.name ? -1 : 1); });
    var columns = [{ name: "armed group" }, { name: "attacks", num: true },
      { name: "killed", num: true }, { name: "first" }, { name: "last" }, { name: "types" }];
    var container = document.getElementById("groups");
    container.setAttribute("data-groups", String(stats.length));
    var open = {};
    pagedTable(container, columns, stats.length, function (i) {
      var s = stats[i];
      var types = Object.keys(s.types).sort(function (x, y) { return s.types[y] - s.types[x]; })
        .map(function (t) { return typeWords(t) + " " + s.types[t]; }).join(", ");
      var tr = el("tr", { cls: "row", "data-group": s.name }, [
        el("td", null, [el("a", { cls: "link", text: s.name })]),
        el("td", { cls: "num", text: fmt(s.attacks.length) }),
        el("td", { cls: "num", text: fmt(s.killed) }),
        el("td", { text: s.first }), el("td", { text: s.last }), el("td", { text: types })
      ]);
      var detail = null;
      function build() {
        var inner = el("div", { cls: "group-attacks" });
        attackTable(inner, s.attacks);
        return el("tr", { cls: "detail" }, [el("td", { colspan: "6" }, [
          el("div", { text: "Attacks by " + s.name + ":" }), inner])]);
      }
      tr.onclick = function () {
        if (detail) {
          detail.parentNode.removeChild(detail); detail = null; delete open[s.name];
          tr.className = "row"; return;
        }
        detail = build();
        tr.parentNode.insertBefore(detail, tr.nextSibling);
        tr.className = "row open"; open[s.name] = 1;
      };
      if (open[s.name]) { detail = build(); tr.className = "row open"; return [tr, detail]; }
      return [tr];
    });
  })();

  /* ---------------------------------------------------------------- conflicting claims */
  (function claims() {
    var columns = [{ name: "place" }, { name: "date" }, { name: "claims (source, figure, said on)" }];
    var container = document.getElementById("claims");
    container.setAttribute("data-claims", String(D.claims.length));
    pagedTable(container, columns, D.claims.length, function (i) {
      var c = D.claims[i];
      var cards = el("div", { cls: "claims" });
      c[3].forEach(function (claim) {
        var a = A[claim[0]];
        var link = el("a", { cls: "link", text: "attack" });
        link.onclick = function () { showOnly([claim[0]], "attack " + a[ID]); };
        cards.appendChild(el("div", { cls: "claim" }, [
          el("span", { cls: "src", text: D.sources[claim[1]] || "(no source)" }),
          el("b", { text: fmt(claim[2]) }), " killed ",
          el("span", { cls: "when", text: claim[3] ? "said " + claim[3] + " · " : "" }), link
        ]));
      });
      var dates = c[1] === c[2] ? (c[1] || "") : (c[1] || "") + " – " + (c[2] || "");
      return [el("tr", { cls: "claim-row" }, [el("td", { text: c[0] }), el("td", { text: dates }),
        el("td", null, [cards])])];
    }, 50);
  })();

  showAttacks();
  document.body.setAttribute("data-ready", "1");
})();
