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
    var geo = JSON.stringify(node.layer || node.mark || "").indexOf("geoshape") >= 0;
    if (typeof node.width === "number" && node.width > avail && !geo) { node.width = avail; }
    // a facet's panel (node.spec) as well: the risk timeline is one panel per area
    (node.vconcat || []).concat(node.hconcat || [], node.concat || [], node.spec ? [node.spec] : []).forEach(function (c) {
      shrink(c, avail);
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
    }
    shrink(spec, Math.max(el.clientWidth - 90, 160));
    return spec;
  };
})();
