// flareup: fit a chart's Vega-Lite spec to its box before drawing it (dashboard and report).
// On a phone (a box under 640 px) a chart sized to its box ("container") was squashed to a strip:
// its title and subtitle, one line each of up to 750 px, count in the width Vega fits. They become
// wrapped text above the chart. Side-by-side panels (the county map and the township cells) are
// stacked instead of scrolled sideways.
(function () {
  "use strict";
  var NARROW = 640;

  function lines(t) {
    if (t == null) { return []; }
    return Array.isArray(t) ? t.map(String) : [String(t)];
  }

  // A panel drawn a fixed width wider than the box is drawn the box's width (less room for its
  // y axis), so that it does not scroll sideways; maps keep theirs (their labels are placed for
  // that size).
  function shrink(node, avail) {
    if (!node || typeof node !== "object") { return; }
    if (typeof node.width === "number" && node.width > avail && !isGeo(node)) { node.width = avail; }
    // a facet's panel (node.spec) as well: the risk timeline is one panel per area
    (node.vconcat || []).concat(node.hconcat || [], node.concat || [], node.spec ? [node.spec] : []).forEach(function (c) {
      shrink(c, avail);
    });
  }

  function isGeo(node) {
    return JSON.stringify(node.layer || node.mark || "").indexOf("geoshape") >= 0;
  }

  // A map panel stacked under a wider one (Shufu's township cells under the county map) is
  // drawn z times larger, filling the row, so that the whole chart, scaled down to the screen,
  // keeps it readable: its cells and the room of their labels ('limit': the cells may sit as
  // little as ~33 px apart for a 32 px label) z times, the labels' font a further LABEL_GROW
  // times (a few letters fewer before the '…'; the tooltip has the whole name).
  var LABEL_GROW = 1.2;
  function zoom(node, z) {
    node.width = Math.round(node.width * z);
    if (typeof node.height === "number") { node.height = Math.round(node.height * z); }
    (node.layer || []).forEach(function (l) {
      var m = l.mark;
      if (!m || typeof m !== "object") { return; }
      if (typeof m.size === "number") { m.size = m.size * z * z; }
      if (m.type === "text") {
        var f = m.fontSize || 11, g = f * z * LABEL_GROW;
        // the label's top stays the same gap below its (larger) cell
        if (typeof m.dy === "number") { m.dy = m.dy * z + (g - f * z) / 2; }
        if (typeof m.limit === "number") { m.limit = m.limit * z; }
        m.fontSize = g;
      }
    });
  }

  function widenStacked(panels) {
    var widest = 0;
    panels.forEach(function (c) {
      if (typeof c.width === "number" && c.width > widest) { widest = c.width; }
    });
    panels.forEach(function (c) {
      if (isGeo(c) && typeof c.width === "number" && c.width < widest) { zoom(c, widest / c.width); }
    });
  }

  window.flareupFit = function (el, spec) {
    if (el.clientWidth >= NARROW) { return spec; }
    var t = spec.title;
    if (t) {
      var head = typeof t === "object" && !Array.isArray(t) ? lines(t.text) : lines(t);
      var sub = typeof t === "object" && !Array.isArray(t) ? lines(t.subtitle) : [];
      var cap = document.createElement("div");
      cap.className = "chart-title";
      var strong = document.createElement("strong");
      strong.textContent = head.join(" ");
      cap.appendChild(strong);
      sub.forEach(function (s) {
        var p = document.createElement("div");
        p.className = "note";
        p.textContent = s;
        cap.appendChild(p);
      });
      el.parentNode.insertBefore(cap, el);
      delete spec.title;
    }
    // legends below the chart, not beside it: the plot keeps the box's width
    spec.config = spec.config || {};
    // several legends below one another (side by side they ran past a phone's edge)
    spec.config.legend = Object.assign(
      { orient: "bottom", direction: "horizontal", layout: { bottom: { direction: "vertical", anchor: "start" } } },
      spec.config.legend || {}
    );
    if (spec.hconcat) {
      spec.vconcat = spec.hconcat;
      delete spec.hconcat;
      widenStacked(spec.vconcat);
    }
    shrink(spec, Math.max(el.clientWidth - 90, 160));
    return spec;
  };
})();
