"""The dashboard's pages on the records behind the figures: the investigation (line list and
contacts, :mod:`flareup.report.chainview`), the sources and where they disagree, and the audit
log. Re-exported by :mod:`flareup.report.pages`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from flareup.report.page_model import PAGES, Chart, Page, Table, _day, _iso, spec
from flareup.report.page_queries import _names, last_date
from flareup.schema import area_display_name

if TYPE_CHECKING:
    from flareup.registry import Registry


def investigation(reg: Registry, date: Any = None) -> Page:
    """The investigation page (:func:`flareup.report.chainview.investigation_page`)."""
    from flareup.report.chainview import investigation_page

    return investigation_page(reg, date)


def sources(reg: Registry, date: Any = None) -> Page:
    """Every source with how many current figures rest on it, and where sources disagree."""
    day = _day(date) or last_date(reg)  # the default date, as every page's (its picker shows it)
    page = Page("sources", PAGES["sources"], date=_iso(day))
    page.params = {"date": page.date}
    c = reg.counts(policy="all", end=day)
    if not c.empty:
        s = (
            c.groupby(["source_title", "source_kind"], dropna=False)
            .agg(figures=("value", "size"), first=("date", "min"), last=("date", "max"))
            .reset_index()
            .sort_values("figures", ascending=False)
        )
        uris = c.drop_duplicates("source_title").set_index("source_title")["source_uri"]
        s["uri"] = s["source_title"].map(uris)
        s["uri"] = s["uri"].where(s["uri"] != s["source_title"])  # only where it adds something
        if s["uri"].isna().all():
            s = s.drop(columns="uri")  # a column of blanks says nothing
        page.tables.append(Table.from_frame("Sources of the stored figures", s, floats=0))
    d = reg.disagreements()
    if day is not None and not d.empty:
        d = d[d["date"] <= day]
    # as English text names them ("Kashi Diqu (Kashgar Prefecture)" -> "Kashgar Prefecture")
    names = {c: area_display_name(n) for c, n in _names(reg).items()}
    shown = d
    if not d.empty:
        # read by people: the area's name beside its code, the URL only where it is not the
        # title already (the page shows booleans as a tick; its JSON twin keeps them)
        shown = d.assign(
            area_name=d["area"].astype(str).map(lambda a: names.get(a, a)),
        )
        if "source_uri" in shown:
            shown["source_uri"] = shown["source_uri"].where(
                shown["source_uri"] != shown["source_title"]
            )
            if shown["source_uri"].isna().all():
                shown = shown.drop(columns="source_uri")
        cols = ["area", "area_name"] + [c for c in shown.columns if c not in ("area", "area_name")]
        # named for what it says (the registry's own column is 'chosen')
        shown = shown[cols].rename(columns={"chosen": "used_by_registry"})
    page.tables.append(
        Table.from_frame(
            "Disagreements",
            shown,
            # the order of Registry._ranked_counts (the 'latest' policy), in words
            note="Every (area, date, metric) where current sources give different values, one "
            "row per source. The registry uses one of them (used_by_registry \u2714): an "
            "official source's figure (bulletin, table file, lab result, manual entry) before "
            "news, among those the most recently published, then the most recently recorded.",
            floats=0,
        )
    )
    if not d.empty:
        dd = d.assign(
            date=pd.to_datetime(d["date"]).dt.strftime("%Y-%m-%d"),
            label=d["area"].astype(str).map(lambda a: names.get(a, a))
            + " \u00b7 "
            + d["metric"].astype(str)
            + " \u00b7 "
            + pd.to_datetime(d["date"]).dt.strftime("%Y-%m-%d"),
            # the legend reads 'figure: used / not used', not 'chosen: false / true'
            figure=d["chosen"].map({True: "used by the registry", False: "not used"}),
        )[["date", "label", "value", "source_title", "figure"]]
        page.charts.append(
            Chart(
                "disagreements",
                "Values given by each source where sources disagree",
                spec(
                    alt.Chart(dd)
                    .mark_point(filled=True, size=80)
                    .encode(
                        x=alt.X("value:Q", title="count reported by each source"),
                        # the whole label: area, metric and date (Vega-Lite cuts at 180 px)
                        y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=400)),
                        color=alt.Color("source_title:N", title="source", legend=None),
                        shape=alt.Shape(
                            "figure:N",
                            title="figure",
                            scale=alt.Scale(domain=["used by the registry", "not used"]),
                        ),
                        tooltip=["date:T", "label:N", "value:Q", "source_title:N", "figure:N"],
                    )
                    .properties(width="container", height=max(80, 30 * dd["label"].nunique()))
                ),
            )
        )
    return page


def audit(reg: Registry, limit: int = 200) -> Page:
    """The newest entries of the registry's audit log."""
    page = Page("audit", PAGES["audit"])
    page.params = {"limit": limit}
    a = reg.audit(limit=limit)
    if not a.empty:
        a = a.assign(
            at=pd.to_datetime(a["at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
            before=a["before"].map(_brief),
            after=a["after"].map(_brief),
        )
    # 'newest 200' over the 9 entries there were read as a cut; how many, and their zone
    # (UTC, as the registry records them and --as-of takes them)
    n = len(a)
    total = len(reg.audit()) if n >= limit else n
    title = (
        f"Audit log (newest {limit} of {total})"
        if total > n
        else f"Audit log ({n} entr{'y' if n == 1 else 'ies'}, newest first)"
    )
    page.tables.append(
        Table.from_frame(
            title,
            a,
            note="Times in UTC. Corrections supersede; nothing is overwritten or lost.",
        )
    )
    return page


def _brief(v: Any) -> str | None:
    """An audit entry's row as ``key=value, ...`` (empty fields left out, long values cut), as
    ``flareup audit`` prints it, not as a Python dict."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, dict):
        v = ", ".join(f"{k}={_cut(str(x), 48)}" for k, x in v.items() if x is not None and x != "")
    return _cut(str(v), 240)


def _cut(s: str, n: int) -> str:
    """``s`` cut to ``n`` characters, an ellipsis marking the cut."""
    return s if len(s) <= n else s[: n - 1] + "\u2026"
