// flareup one-file report: draw each chart from its inlined spec (no network needed).
(function () {
  "use strict";
  var opts = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById("spec-" + el.dataset.chart).textContent);
    vegaEmbed(el, window.flareupFit ? window.flareupFit(el, spec) : spec, opts)
      .then(function () { el.dataset.rendered = "true"; })
      .catch(function (err) { el.dataset.rendered = "error"; el.textContent = "chart failed: " + err; console.error(err); });
  });
})();
