// flareup situation room: draw every chart of the page with vega-embed (served locally) and
// send the write forms with the bearer token typed by the user.
(function () {
  "use strict";
  var opts = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById("spec-" + el.dataset.chart).textContent);
    vegaEmbed(el, spec, opts)
      .then(function () { el.dataset.rendered = "true"; })
      .catch(function (err) { el.dataset.rendered = "error"; el.textContent = "chart failed: " + err; console.error(err); });
  });

  function show(box, res, body) {
    box.className = "result " + (res.ok ? "ok" : "bad");
    if (res.ok) {
      box.textContent = "HTTP " + res.status + ": " + body.inserted + " inserted, " + body.unchanged +
        " unchanged, " + body.superseded + " superseded (" + body.kind + " from " + body.file + ")";
      return;
    }
    var lines = ["HTTP " + res.status + ": " + (body.error || body.detail || "refused") + " — nothing was stored"];
    (body.problems || []).forEach(function (p) {
      lines.push([p.file, p.row == null ? "" : "row " + p.row, p.field, p.reason].filter(Boolean).join(" · "));
    });
    box.textContent = lines.join("\n");
  }

  function send(form, url, makeBody, box) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var token = form.elements.token.value;
      var init = makeBody(form);
      init.method = "POST";
      init.headers = init.headers || {};
      if (token) { init.headers.Authorization = "Bearer " + token; }
      fetch(url, init).then(function (res) {
        return res.json().then(function (body) { show(box, res, body); });
      }).catch(function (err) { box.className = "result bad"; box.textContent = String(err); });
    });
  }

  var imp = document.getElementById("import-form");
  if (imp) {
    send(imp, "/api/import", function (f) {
      var data = new FormData();
      data.append("kind", f.elements.kind.value);
      data.append("file", f.elements.file.files[0]);
      return { body: data };
    }, document.getElementById("import-result"));
  }
  var des = document.getElementById("designation-form");
  if (des) {
    send(des, "/api/designations", function (f) {
      var body = {};
      ["area", "level", "valid_from", "valid_to", "reason", "source"].forEach(function (k) {
        if (f.elements[k].value) { body[k] = f.elements[k].value; }
      });
      return { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
    }, document.getElementById("designation-result"));
  }
})();
