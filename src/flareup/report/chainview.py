"""The dashboard's Investigation page: clusters, transmission chains (the chain chart),
ranked likely sources with their reasons and the contact follow-up on a date, built from the
registry through :mod:`flareup.report.investigation` (issue 11's "chain view")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import altair as alt
import numpy as np
import pandas as pd

from flareup.errors import FlareupError
from flareup.report.page_model import PAGES, Chart, Page, Table, _day, _day_x, _iso, spec, why
from flareup.report.page_queries import last_date

if TYPE_CHECKING:
    from flareup.registry import Registry


#: Follow-up protocol of the investigation page (tracing.protocols; China 2020, 14 days).
FOLLOWUP_PROTOCOL = "china-2020"
#: Chains drawn in the chain chart (the largest, by size).
CHAIN_ROWS = 15
#: Clusters listed in the brief (report) version of the page.
BRIEF_CLUSTERS = 5


def investigation_page(reg: Registry, date: Any = None, *, brief: bool = False) -> Page:
    """Clusters, transmission chains with generations, ranked likely sources of the largest
    cluster (with their reasons in words) and the contact follow-up on ``date``
    (:mod:`flareup.report.investigation`). ``brief`` (the one-file report's section): the chain
    chart, the :data:`BRIEF_CLUSTERS` largest clusters and the ranked sources with the top
    source's reason as a sentence; no chains table and no follow-up list."""
    from flareup.report import investigation as inv
    from flareup.tracing import load_protocol

    day = _day(date) or last_date(reg)
    page = Page("investigation", PAGES["investigation"], date=_iso(day))
    page.params = {"date": page.date, "protocol": FOLLOWUP_PROTOCOL}
    res = inv.clusters(reg, min_size=1)
    if res.data.cases.empty:
        page.notes.append(
            "the registry holds no line list: import cases, contacts and exposures (flareup "
            "demo imports a simulated investigation of Kashgar 2020)"
        )
        return page
    origin = inv.linelist_provenance(res.data.cases)
    table = res.clusters[res.clusters["size"] >= 2].reset_index(drop=True)
    ch, si = inv.chains(reg, res=res)
    linked = int(ch["infector"].notna().sum())
    if origin:
        # every figure below rests on these records: where they come from (a simulated line
        # list, say) is read first, at the top of the page, not in the notes below the chart
        page.figures.append(
            {"figure": "Line list", "value": f"{len(res.data.cases):,} cases", "basis": origin}
        )
    page.figures += [
        {
            "figure": "Clusters (2+ cases)",
            "value": f"{len(table)}",
            "basis": f"{len(res.data.cases):,} cases linked by {len(res.data.contacts):,} recorded "
            "contacts and by shared settings in overlapping windows (connected components)",
        },
        {
            "figure": "Largest cluster",
            "value": (
                f"{table['cluster'].iloc[0]}: {int(table['size'].iloc[0])} cases"
                if len(table)
                else "—"
            ),
            "basis": "cases in its connected component",
        },
        {
            "figure": "Cases with a recorded infector",
            "value": f"{linked} of {len(ch)}",
            "basis": f"transmission chains up to generation {int(ch['generation'].max())}",
        },
        {
            "figure": "Serial interval",
            "value": f"mean {si.mean:.1f} d (sd {si.sd:.1f})" if si.n else "—",
            "basis": f"{si.n} infector-infectee pairs with both onsets",
        },
    ]
    chart = _chain_chart(ch)
    if chart is not None:
        page.charts.append(
            Chart(
                "chains",
                f"The {CHAIN_ROWS} largest transmission chains",
                spec(chart),
                "One row per chain (named by its first case); points: cases at onset "
                "(hollow: report date where the onset is unknown); rules: infector to "
                "infectee; colour: generation (0 = the chain's first case).",
            )
        )
    if len(table):
        n_shown = BRIEF_CLUSTERS if brief else 10
        # read by people: each area's name beside its code
        shown = inv.with_area_names(table.head(n_shown), reg)
        # a large cluster touches hundreds of settings: name a few, count the rest
        shown["settings"] = [_some(str(x)) for x in shown["settings"]]
        shown["area_names"] = [_some(str(x).replace("; ", ";")) for x in shown["area_names"]]
        page.tables.append(
            Table.from_frame(
                "Clusters",
                shown.drop(columns=["first_report", "last_report"], errors="ignore"),
                note=f"the {min(n_shown, len(table))} largest of {len(table)}",
                floats=0,
            )
        )
        first = str(table["cluster"].iloc[0])
        try:
            ranked = inv.sources(reg, cluster=first, res=res)
            if brief and len(ranked):
                best = ranked.iloc[0]
                page.notes.append(
                    f"most likely source of {first}: {best.get('name') or best['candidate']} "
                    f"({best.get('kind', 'setting')}): {best.get('reason', '')}"
                )
            cols = ["rank", "candidate", "name", "kind", "share_exposed", "rr", "rr_low"]
            cols += ["rr_high", "samples_positive", "reason"]
            page.tables.append(
                Table.from_frame(
                    f"Likely sources of {first}",
                    ranked.head(5)[[c for c in cols if c in ranked.columns]],
                    note="ranked by a log-likelihood over exposures, their timing against "
                    "the incubation period, relative risk and environmental samples "
                    "(docs/methods/tracing.md)",
                )
            )
        except FlareupError as exc:
            page.notes.append(f"no source ranking: {why(exc)}")
    if brief:
        page.notes.append(
            "clusters, chains and sources are computed from every record in the registry "
            "(the dashboard's Investigation page adds the chains and the contact follow-up)"
        )
        return page
    top = (
        ch.groupby("root", as_index=False)
        .agg(
            size=("chain_size", "first"),
            generations=("generation", "max"),
            cluster=("cluster", "first"),
        )
        .sort_values(["size", "root"], ascending=[False, True])
    )
    top = top[top["size"] >= 2].head(10)
    if len(top):
        page.tables.append(Table.from_frame("Largest chains", top, floats=0))
    if day is not None:
        try:
            _, counts = inv.followup_list(
                reg, day.date(), load_protocol(FOLLOWUP_PROTOCOL), data=res.data
            )
            page.tables.append(
                Table.from_frame(
                    f"Contact follow-up on {day.date()}",
                    counts,
                    note=f"protocol {FOLLOWUP_PROTOCOL} (centralised quarantine 14 days, "
                    "with its test days); generation 2: contacts of contacts",
                    floats=0,
                )
            )
        except FlareupError as exc:
            page.notes.append(f"no follow-up list: {why(exc)}")
    page.notes.append(
        "clusters, chains and sources are computed from every record in the registry; the "
        "date sets the day of the follow-up list"
    )
    return page


def _some(joined: str, n: int = 6) -> str:
    items = [x for x in joined.split(";") if x]
    return "; ".join(items) if len(items) <= n else f"{'; '.join(items[:n])} ... ({len(items)})"


def _chain_chart(ch: pd.DataFrame) -> Any:
    """Cases of the largest chains by onset date (report date where unknown), one row per
    chain, infector-infectee links as rules coloured by the infectee's generation."""
    c = ch.copy()
    c["when"] = pd.to_datetime(c["date_onset"]).fillna(pd.to_datetime(c["date_reporting"]))
    c["dated_by"] = np.where(pd.to_datetime(c["date_onset"]).notna(), "onset", "report")
    sizes = c.groupby("root")["chain_size"].first().sort_values(ascending=False, kind="stable")
    keep = [r for r in sizes.index if sizes[r] >= 2][:CHAIN_ROWS]
    if not keep:
        return None
    c = c[c["root"].isin(keep) & c["when"].notna()]
    c["chain"] = c["root"].map({r: f"{r} ({int(sizes[r])})" for r in keep})
    order = [f"{r} ({int(sizes[r])})" for r in keep]
    when = dict(zip(c["id"], c["when"], strict=True))
    links = c[c["infector"].notna() & c["infector"].isin(when)].copy()
    links["from_when"] = links["infector"].map(when)
    fmt = "%Y-%m-%d"
    pts = c.assign(when=c["when"].dt.strftime(fmt))[
        ["id", "when", "dated_by", "chain", "generation", "cluster", "infector"]
    ]
    lk = links.assign(
        when=links["when"].dt.strftime(fmt), from_when=links["from_when"].dt.strftime(fmt)
    )[["id", "infector", "when", "from_when", "chain", "generation"]]
    y = alt.Y("chain:N", title="chain (first case, size)", sort=order)
    scale = alt.Scale(scheme="dark2")
    colour = alt.Color("generation:O", title="generation", scale=scale)
    rules = (
        alt.Chart(lk)
        .mark_rule(strokeWidth=1.5, opacity=0.7)
        .encode(
            x=_day_x("from_when", "date (onset; report where unknown)"),
            x2="utcyearmonthdate(when)",
            y=y,
            color=colour,
            tooltip=["infector:N", "id:N", "generation:O"],
        )
    )
    points = (
        alt.Chart(pts)
        .mark_point(size=60, opacity=0.9)
        .encode(
            x=_day_x("when", "date (onset; report where unknown)"),
            y=y,
            color=colour,
            fill=alt.condition(
                "datum.dated_by == 'onset'",
                alt.Fill("generation:O", scale=scale, legend=None),
                alt.value("white"),
            ),
            tooltip=["id:N", "when:T", "dated_by:N", "generation:O", "infector:N", "cluster:N"],
        )
    )
    return alt.layer(rules, points).properties(width="container", height=22 * len(keep) + 40)


__all__ = ["BRIEF_CLUSTERS", "CHAIN_ROWS", "FOLLOWUP_PROTOCOL", "investigation_page"]
