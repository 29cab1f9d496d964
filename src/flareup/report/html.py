"""The one-file report: the situation room's pages for one area and date in a single HTML file
that opens offline in any browser and can be mailed (``flareup report``).

Everything is inlined: the Vega, Vega-Lite and vega-embed builds shipped with the package
(``web/static/vendor``, see its SOURCE.md), the CSS, every chart's spec and data, and the
reference lists of the method notes (``docs/methods/*.md`` in a source checkout, else the
copy shipped in ``report/references.md``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import markupsafe

from flareup.report import pages as P

if TYPE_CHECKING:
    from flareup.registry import Registry

#: The pages of a report, in order (the audit log and the write forms stay on the server).
REPORT_PAGES: tuple[str, ...] = ("overview", "map", "epicurve", "rt", "testing", "sources")

_VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")


#: The dashboard's static files (the vendored Vega builds, CSS, chart script). Read as files,
#: not through ``flareup.web``: the report must not need the web extra (FastAPI).
STATIC = Path(__file__).resolve().parents[1] / "web" / "static"


def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot close the <script> element it is inlined into."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


_CODE = re.compile(r"`([^`]+)`")
_EMPH = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")


def inline_markdown(text: str) -> markupsafe.Markup:
    """``text`` (a line of a method note) as HTML: its ```code``` and ``*emphasis*`` drawn,
    not shown as backticks and asterisks; everything else escaped."""
    parts = _CODE.split(str(markupsafe.escape(text)))  # odd items: inside backticks
    return markupsafe.Markup(
        "".join(
            f"<code>{p}</code>" if i % 2 else _EMPH.sub(r"<em>\1</em>", p)
            for i, p in enumerate(parts)
        )
    )


def references() -> list[dict[str, Any]]:
    """The references of each method note: ``[{note, title, items: [str]}]``."""
    from flareup.report import references as refs

    return refs.load()


def build_pages(
    reg: Registry, area: str | None = None, date: Any = None, include_simulation: bool = False
) -> list[P.Page]:
    """The report's pages for ``area`` (default Kashgar Prefecture) on ``date``. The pages
    share one set of registry reads (:class:`~flareup.report.readcache.CachedReads`): the
    areas, counts and line list are read once per report, not once per chart."""
    from flareup.report.readcache import CachedReads

    reg = reg if isinstance(reg, CachedReads) else CachedReads(reg)  # type: ignore[assignment]
    out = []
    for name in REPORT_PAGES:
        if name == "map":
            out.append(P.risk_map(reg, date, timeline_to_date=True))
        elif name in ("overview", "epicurve", "rt"):
            out.append(P.BUILDERS[name](reg, date=date, area=area))
        else:
            out.append(P.BUILDERS[name](reg, date=date))
    section = investigation_section(reg, date)
    if section is not None:
        out.append(section)
    if include_simulation:
        out.append(P.simulation(reg, date, pending="not run for this report"))
    return out


def investigation_section(reg: Registry, date: Any = None) -> P.Page | None:
    """The report's Investigation section (the dashboard's page, brief: chain chart, largest
    clusters, ranked likely sources with reasons), or None when the registry holds no recorded
    contacts: checked first, so a large registry of counts and cases pays one small read."""
    from flareup.report.chainview import investigation_page

    if reg.contacts(as_of=None).empty:  # the same call (cache key) investigation.load makes
        return None
    page = investigation_page(reg, date, brief=True)
    return page if page.charts or page.tables else None


def render_report(pages: list[P.Page], *, title: str | None = None) -> str:
    """The pages as one self-contained HTML document (scripts and data inlined)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    env.filters["md"] = inline_markdown
    env.filters["cell"] = P.cell_text
    env.filters["label"] = P.header_text  # words and units; the JSON keeps the names
    first = pages[0] if pages else None
    head = title or (first.title if first else "flareup report")
    scripts = [_script_safe(_static(f"vendor/{n}")) for n in _VENDOR]
    return env.get_template("report.html").render(
        title=head,
        pages=pages,
        css=_static("app.css"),
        scripts=scripts,
        charts_js=_script_safe("\n".join(_static(n) for n in ("fit.js", "tables.js", "report.js"))),
        references=references(),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        # "<" as \u003c: the JSON stays the same and cannot end or confuse its <script>
        spec_json=lambda s: json.dumps(s, ensure_ascii=False).replace("<", "\\u003c"),
    )


def write_report(
    reg: Registry, out: str | Path, *, area: str | None = None, date: Any = None
) -> Path:
    """Write the report of ``area`` on ``date`` to ``out`` (HTML); returns the path."""
    pages = build_pages(reg, area, date)
    html = render_report(pages)
    path = Path(out)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)  # never a half-written report under the final name
    return path


__all__ = [
    "REPORT_PAGES",
    "build_pages",
    "inline_markdown",
    "investigation_section",
    "references",
    "render_report",
    "write_report",
]
