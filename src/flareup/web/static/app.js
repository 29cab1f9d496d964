// flareup situation room: draw every chart of the page with vega-embed (served locally) and
// send the write forms with the bearer token typed by the user; read a pasted bulletin.
(function () {
  "use strict";
  var opts = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById("spec-" + el.dataset.chart).textContent);
    vegaEmbed(el, window.flareupFit ? window.flareupFit(el, spec) : spec, opts)
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
  // Read a bulletin: the counts as a table (built with textContent: the text is the user's),
  // then what an import stored and what it could not.
  var bul = document.getElementById("bulletin-form");
  if (bul) {
    bul.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var box = document.getElementById("bulletin-result");
      var importing = ev.submitter && ev.submitter.value === "import";
      var headers = { "Content-Type": "application/json" };
      if (bul.elements.token.value) { headers.Authorization = "Bearer " + bul.elements.token.value; }
      var body = { text: bul.elements.text.value, published: bul.elements.published.value };
      if (bul.elements.source.value) { body.source = bul.elements.source.value; }
      if (bul.elements.place.value) { body.place = bul.elements.place.value; }
      box.className = "result";
      box.textContent = "reading…";
      fetch(importing ? "/api/bulletin/import" : "/api/bulletin",
            { method: "POST", headers: headers, body: JSON.stringify(body) })
        .then(function (res) {
          return res.json().then(function (b) { showBulletin(box, res, b, importing); });
        })
        .catch(function (err) { box.className = "result bad"; box.textContent = String(err); });
    });
  }

  function showBulletin(box, res, body, importing) {
    box.textContent = "";
    if (!res.ok) {
      var detail = body.detail;
      if (Array.isArray(detail)) { detail = detail.map(function (d) { return (d.loc || []).join(".") + ": " + d.msg; }).join("; "); }
      var lines = ["HTTP " + res.status + ": " + (body.error || detail || "refused") + " — nothing was stored"];
      (body.problems || []).forEach(function (p) {
        lines.push([p.file, p.row == null ? "" : "row " + p.row, p.field, p.reason].filter(Boolean).join(" · "));
      });
      box.className = "result bad";
      box.textContent = lines.join("\n");
      return;
    }
    box.className = "result ok";
    var head = document.createElement("p");
    var text = body.count + (body.count === 1 ? " count" : " counts") + " found";
    if (importing && body["import"]) {
      var i = body["import"];
      text += "; " + i.inserted + " inserted, " + i.unchanged + " unchanged, " + i.superseded +
        " superseded, " + i.not_stored.length + " not stored";
    }
    head.textContent = text;
    box.appendChild(head);
    var wrap = document.createElement("div");
    wrap.className = "scroll";
    var table = document.createElement("table");
    var cols = ["date", "place", "area", "category", "value", "evidence", "not_stored"];
    var tr = document.createElement("tr");
    // Reading stores nothing: there the last column says why an import would skip a count.
    var label = function (c) {
      if (c !== "not_stored") { return c; }
      return importing ? "not stored because" : "an import would skip it because";
    };
    cols.forEach(function (c) {
      var th = document.createElement("th");
      th.textContent = label(c);
      tr.appendChild(th);
    });
    var thead = document.createElement("thead");
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = document.createElement("tbody");
    body.records.forEach(function (r) {
      var row = document.createElement("tr");
      cols.forEach(function (c) {
        var td = document.createElement("td");
        var v = r[c];
        if (c === "date" && r.period_start) { v = r.period_start + "…" + (r.date || ""); }
        if (c === "value" && r.value_max != null) { v = r.value + "–" + r.value_max; }
        td.textContent = v == null ? "" : String(v);
        // On a phone each count reads as a card whose cells carry their column's name.
        td.setAttribute("data-label", label(c));
        td.className = "c-" + c + (v == null || v === "" ? " empty" : "");
        if (c === "date" || c === "value" || c === "area") { td.className += " nw"; }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    box.appendChild(wrap);
  }

  // A date input shows its value in the browser's locale ("11/16/2020"), which a page cannot
  // change; the ISO date it holds (and sends) is written beside it, as everywhere else.
  document.querySelectorAll('input[type="date"]').forEach(function (input) {
    var iso = input.closest("label") && input.closest("label").querySelector(".iso");
    if (!iso) { return; }
    var show = function () { iso.textContent = input.value; };
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    show();
  });

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
