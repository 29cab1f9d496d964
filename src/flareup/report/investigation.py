"""Investigation from the registry: the only place the registry's contacts, exposures,
settings and samples meet :mod:`flareup.tracing`.

Each function reads what it needs from a :class:`flareup.registry.Registry` and hands frames to
the pure functions; the CLI (``flareup followup``, ``clusters``, ``chains``, ``sources``) and
the web app print or draw the frames returned here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from flareup import tracing
from flareup.errors import NotFoundError
from flareup.ingest.tables import read_table
from flareup.tracing.protocols import Protocol

#: Import order of an investigation export (settings before exposures and samples, cases
#: before contacts and exposures).
INVESTIGATION_TABLES = ("settings", "cases", "contacts", "exposures", "samples")


def investigation_dir() -> Path:
    """The bundled simulated investigation of Kashgar 2020 (a full-scale ``flareup simulate
    kashgar-2020 --seed 20201024 --export-registry`` export; see its SOURCE.md)."""
    from flareup.data import kashgar_2020

    return Path(kashgar_2020.__file__).with_name("investigation")


@dataclass(frozen=True)
class InvestigationData:
    """The registry's investigation tables, current (or as of a time)."""

    cases: pd.DataFrame
    contacts: pd.DataFrame
    exposures: pd.DataFrame
    settings: pd.DataFrame
    samples: pd.DataFrame


def load(reg: Any, *, as_of: Any = None) -> InvestigationData:
    """Read cases, contacts, exposures, settings and samples from ``reg``."""
    return InvestigationData(
        cases=reg.cases(as_of=as_of),
        contacts=reg.contacts(as_of=as_of),
        exposures=reg.exposures(as_of=as_of),
        settings=reg.settings(as_of=as_of),
        samples=reg.samples(as_of=as_of),
    )


#: The source title of the bundled investigation's rows, so that every page resting on them
#: says they are simulated (the file names alone, 'cases.csv', did not).
SIMULATED_TITLE = (
    "simulated investigation of Kashgar 2020, synthetic records "
    "(flareup simulate kashgar-2020 --seed 20201024)"
)


def import_investigation(
    reg: Any, directory: str | Path, *, user: str | None = None, title: str | None = None
) -> list[Any]:
    """Import an investigation export (``settings.csv``, ``cases.csv``, ``contacts.csv``,
    ``exposures.csv``, ``samples.csv``; those present) in order; returns the import summaries.

    ``title``: the source of every row, as '<title>: <file name>' (default: the file name;
    :data:`SIMULATED_TITLE` for the bundled :func:`investigation_dir`)."""
    d = Path(directory)
    if title is None and d.resolve() == investigation_dir().resolve():
        title = SIMULATED_TITLE
    out = []
    for kind in INVESTIGATION_TABLES:
        p = d / f"{kind}.csv"
        if p.exists():
            vt = read_table(p, kind)
            if title is not None:
                # a row's source is its own 'source' cell, else the file's name: the label
                # goes where the cell is empty, and names the source record too
                label = f"{title}: {p.name}"
                frame = vt.frame
                if "source" in frame:
                    frame = frame.assign(
                        source=frame["source"].where(frame["source"].notna(), label)
                    )
                vt = replace(vt, frame=frame, source=replace(vt.source, title=label))
            out.append(reg.import_table(vt, user=user))
    return out


def linelist_provenance(cases: pd.DataFrame) -> str | None:
    """Where the line list's current cases come from, in words (None: no cases): every page
    resting on a line list says it, as the bundled one is simulated."""
    if cases.empty or "source" not in cases:
        return None
    by = cases["source"].fillna("unknown source").astype(str).value_counts()
    shown = "; ".join(f"{n} from {src}" for src, n in by.head(3).items())
    more = f"; and {int(by.iloc[3:].sum())} from {len(by) - 3} more" if len(by) > 3 else ""
    return f"line list of {len(cases)} cases: {shown}{more}"


def followup_list(
    reg: Any,
    date: dt.date | str,
    protocol: Protocol,
    *,
    area: str | None = None,
    tests: pd.DataFrame | None = None,
    data: InvestigationData | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The day's follow-up list and its counts by status (``area``: the area and its
    sub-areas, by the index case's location; ``data``: the tables already read)."""
    data = data if data is not None else load(reg)
    areas = None
    if area is not None:
        reg.area(area)  # NotFoundError for an unknown code
        areas = {area, *reg.descendants(area)}
    work = tracing.followup(data.contacts, data.cases, date, protocol, tests=tests, areas=areas)
    return work, tracing.followup_counts(work)


@dataclass(frozen=True)
class ClusterResult:
    """Clusters of the registry's cases, with what made them."""

    data: InvestigationData
    links: pd.DataFrame
    labels: pd.Series
    clusters: pd.DataFrame


def clusters(
    reg: Any,
    *,
    min_size: int = 2,
    gap_days: int = 0,
    max_incubation_days: int | None = tracing.MAX_INCUBATION_DAYS,
    attach: bool = True,
) -> ClusterResult:
    """Clusters (connected components of cases linked by contacts and shared settings, unlinked
    cases attached by timing: see :func:`flareup.tracing.find_clusters`)."""
    data = load(reg)
    links = tracing.case_links(
        data.cases,
        data.contacts,
        data.exposures,
        gap_days=gap_days,
        max_incubation_days=max_incubation_days,
    )
    labels, table = tracing.find_clusters(
        data.cases, links, data.exposures, min_size=min_size, attach=attach
    )
    return ClusterResult(data, links, labels, table)


def with_area_names(table: pd.DataFrame, reg: Any) -> pd.DataFrame:
    """``table`` (clusters: ``areas``, codes joined by ";") with ``area_names`` beside it: each
    code's name as English text names it (:func:`flareup.schema.area_display_name`, "Zhanmin
    Xiang" -> "Zhanmin Township"), for tables read by people; CSV and JSON keep the codes."""
    from flareup.schema import area_display_name

    if "areas" not in table or table.empty:
        return table
    a = reg.areas()
    names = {
        str(c): area_display_name(str(n)) for c, n in zip(a["code"], a["name_en"], strict=True)
    }
    joined = [
        "; ".join(names.get(code, code) for code in str(v).split(";") if code)
        if isinstance(v, str)
        else ""
        for v in table["areas"]
    ]
    out = table.copy()
    out.insert(list(out.columns).index("areas") + 1, "area_names", joined)
    return out


def case_link_kinds(res: ClusterResult) -> pd.DataFrame:
    """Per case of the clusters: ``id, cluster, date`` (onset, else report) and ``linked_by``,
    the kind of setting that links it into its cluster (the setting of most of its links; a
    household only where nothing else links it), ``contact`` where only recorded contacts do,
    ``no link (timing)`` for an unlinked case attached by timing."""
    d = res.data
    kinds = d.settings.set_index("id")["kind"] if len(d.settings) else pd.Series(dtype=object)
    lk = res.links
    ends = pd.concat(
        [
            pd.DataFrame({"id": lk["a"], "setting_id": lk["setting_id"], "kind": lk["kind"]}),
            pd.DataFrame({"id": lk["b"], "setting_id": lk["setting_id"], "kind": lk["kind"]}),
        ],
        ignore_index=True,
    )
    st = ends[ends["kind"] == "setting"].assign(sk=lambda x: x["setting_id"].map(kinds))
    st = st.assign(home=st["sk"].isin(["household", "dormitory"]))
    best = (
        st.groupby(["id", "sk", "home"])
        .size()
        .rename("n")
        .reset_index()
        # a household explains a case only where no other setting does
        .sort_values(["id", "home", "n"], ascending=[True, True, False])
        .drop_duplicates("id")
        .set_index("id")["sk"]
    )
    by_contact = set(ends.loc[ends["kind"] == "contact", "id"])
    ids = d.cases["id"].astype(str)
    how = ids.map(best)
    how = how.fillna(ids.map(lambda i: "contact" if i in by_contact else "no link (timing)"))
    return pd.DataFrame(
        {
            "id": ids.to_numpy(),
            "cluster": ids.map(res.labels).to_numpy(),
            "date": tracing.case_time(d.cases).to_numpy(),
            "linked_by": how.to_numpy(),
        }
    )


def chains(
    reg: Any, *, res: ClusterResult | None = None
) -> tuple[pd.DataFrame, tracing.SerialIntervals]:
    """Per case: infector, root, generation, chain size and cluster; and the serial intervals
    of the infector-infectee pairs (``res``: clusters already found with ``min_size=1``)."""
    res = res if res is not None else clusters(reg, min_size=1)
    pairs = tracing.infector_pairs(res.data.cases, res.data.contacts)
    ch = tracing.chains(res.data.cases, pairs)
    ch["cluster"] = ch["id"].map(res.labels)
    ch = ch.merge(
        res.data.cases[["id", "location", "date_onset", "date_reporting"]], on="id", how="left"
    )
    return ch, tracing.serial_intervals(res.data.cases, pairs)


def sources(
    reg: Any,
    *,
    cluster: str | None = None,
    min_size: int = 2,
    res: ClusterResult | None = None,
) -> pd.DataFrame:
    """Ranked candidate sources of each cluster (or of one); ``res``: clusters already found
    with ``min_size=1``."""
    res = res if res is not None else clusters(reg, min_size=1)
    if cluster is not None and cluster not in set(res.labels):
        raise NotFoundError(
            f"no cluster {cluster!r}; clusters: {', '.join(res.clusters['cluster'].head(10))}"
        )
    d = res.data
    return tracing.rank_sources(
        d.cases,
        res.labels,
        d.exposures,
        settings=d.settings,
        samples=d.samples,
        contacts=d.contacts,
        clusters=[cluster] if cluster is not None else None,
        min_size=min_size,
    )


def epicontacts(reg: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(line list, contacts) for R's ``epicontacts::make_epicontacts``."""
    res = clusters(reg, min_size=1)
    return tracing.to_epicontacts(res.data.cases, res.data.contacts, res.labels)


__all__ = [
    "INVESTIGATION_TABLES",
    "SIMULATED_TITLE",
    "ClusterResult",
    "InvestigationData",
    "case_link_kinds",
    "chains",
    "clusters",
    "epicontacts",
    "followup_list",
    "import_investigation",
    "investigation_dir",
    "linelist_provenance",
    "load",
    "sources",
]
