// flareup: a table taller than its box (480 px), or wider (on a phone), scrolls inside it; say
// so under the box, with its number of rows or columns, since a cut-off last row looks like the
// end of the table (the audit log at 1280 px showed 7 of 9 rows with no cue). Short tables are
// never capped in height (class "short").
(function () {
  "use strict";
  function cue() {
    document.querySelectorAll(".scroll").forEach(function (box) {
      var rows = box.querySelectorAll("tbody tr").length;
      var cols = box.querySelectorAll("thead th").length;
      var next = box.nextElementSibling;
      var has = next && next.classList.contains("scroll-cue");
      var down = box.scrollHeight > box.clientHeight + 2;
      var across = box.scrollWidth > box.clientWidth + 2;  // on a phone, tables scroll sideways
      if ((down || across) && rows) {
        var p = has ? next : document.createElement("p");
        p.className = "scroll-cue";
        p.textContent = down && !across ? rows + " rows \u2014 scroll the table to see them all"
          : (down ? rows + " rows, " : "") + cols + " columns \u2014 scroll " +
            (down ? "the table" : "sideways") + " to see them all";
        if (!has) { box.insertAdjacentElement("afterend", p); }
      } else if (has) {
        next.remove();
      }
    });
  }
  window.addEventListener("load", cue);
  window.addEventListener("resize", cue);
})();
