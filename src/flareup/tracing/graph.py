"""The case graph: cases linked by recorded contacts and by shared settings in overlapping time.

Two cases are linked when a contact between them is recorded (epicontacts' ``from``/``to``), or
when both were exposed in the same setting and their exposure windows overlap (within
``gap_days``). A missing window edge is taken from the case: start = report - ``lookback_days``,
end = report. Inside one setting only the links needed to keep the same connected pieces are
made (a sweep over windows sorted by start: each window links to the one before it while they
overlap), so a market visited by 10,000 cases yields 10,000 links, not 50 million; the connected
components are exactly those of the full overlap graph.

:func:`case_links` returns the links as a frame (fast, any size); :func:`case_graph` builds the
networkx graph from them for drawing and graph algorithms.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from flareup.errors import InputError

LINK_COLUMNS = ("a", "b", "kind", "setting_id")


def _need(df: pd.DataFrame, cols: tuple[str, ...], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"{what} frame lacks column(s) {', '.join(missing)}", field=missing[0])


def col_dates(df: pd.DataFrame, name: str) -> pd.Series:
    """Column ``name`` as normalised datetimes (all NaT where the column is absent)."""
    if name not in df.columns:
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    return pd.Series(pd.to_datetime(df[name], errors="coerce"), index=df.index).dt.normalize()


def case_time(cases: pd.DataFrame) -> pd.Series:
    """A case's date for timing: onset where known, else the first positive test (report)."""
    return col_dates(cases, "date_onset").fillna(col_dates(cases, "date_reporting"))


def exposure_windows(
    exposures: pd.DataFrame, cases: pd.DataFrame, *, lookback_days: int = 14
) -> pd.DataFrame:
    """Case exposures (``case_id, setting_id, start, end``), windows completed from the case's
    report date where missing; exposures of people who are not cases are left out."""
    _need(exposures, ("case_id", "setting_id"), "exposures")
    report = pd.Series(
        pd.to_datetime(cases["date_reporting"]).dt.normalize().to_numpy(),
        index=cases["id"].astype(str),
    )
    e = pd.DataFrame(
        {"case_id": exposures["case_id"].astype(str), "setting_id": exposures["setting_id"]}
    )
    e = e.assign(
        start=col_dates(exposures, "date_start").to_numpy(),
        end=col_dates(exposures, "date_end").to_numpy(),
    )
    rep = e["case_id"].map(report)
    e = e[rep.notna()].copy()
    rep = rep[rep.notna()]
    e["start"] = e["start"].fillna(rep - pd.Timedelta(days=lookback_days))
    e["end"] = e["end"].fillna(rep)
    return e.reset_index(drop=True)


def case_links(
    cases: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    exposures: pd.DataFrame | None = None,
    *,
    gap_days: int = 0,
    lookback_days: int = 14,
    setting_kinds: pd.Series | None = None,
    exclude_kinds: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Links between cases (columns ``a, b, kind, setting_id``; kind ``contact`` or ``setting``).

    ``setting_kinds``: setting id -> kind, with ``exclude_kinds`` the kinds that do not link
    (none by default).
    """
    _need(cases, ("id", "date_reporting"), "cases")
    ids = cases["id"].astype(str)
    parts: list[pd.DataFrame] = []
    if contacts is not None and len(contacts):
        _need(contacts, ("from", "to"), "contacts")
        f, t = contacts["from"].astype(str), contacts["to"].astype(str)
        both = f.isin(ids) & t.isin(ids)
        parts.append(
            pd.DataFrame({"a": f[both], "b": t[both], "kind": "contact", "setting_id": None})
        )
    if exposures is not None and len(exposures):
        e = exposure_windows(exposures, cases, lookback_days=lookback_days)
        if setting_kinds is not None and exclude_kinds:
            e = e[~e["setting_id"].map(setting_kinds).isin(exclude_kinds)]
        e = e.sort_values(["setting_id", "start", "end"], kind="stable").reset_index(drop=True)
        same = e["setting_id"].eq(e["setting_id"].shift()).to_numpy()
        # running latest end of the windows before this one, within the setting
        prev_end = e.groupby("setting_id", sort=False)["end"].cummax().shift()
        overlaps = same & (e["start"] <= prev_end + pd.Timedelta(days=gap_days)).fillna(
            False
        ).to_numpy(dtype=bool)
        k = np.flatnonzero(overlaps)
        parts.append(
            pd.DataFrame(
                {
                    "a": e["case_id"].to_numpy()[k - 1],
                    "b": e["case_id"].to_numpy()[k],
                    "kind": "setting",
                    "setting_id": e["setting_id"].to_numpy()[k],
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LINK_COLUMNS})
    links = pd.concat(parts, ignore_index=True)
    return links[links["a"] != links["b"]].reset_index(drop=True)


def case_graph(cases: pd.DataFrame, links: pd.DataFrame) -> nx.Graph:
    """An undirected networkx graph: one node per case (with its columns as attributes), one
    edge per linked pair (attribute ``kinds``: the set of link kinds, ``settings``: the set of
    shared settings)."""
    g: nx.Graph = nx.Graph()
    records = cases.to_dict("records")
    g.add_nodes_from((str(r["id"]), dict(r)) for r in records)
    for a, b, kind, setting in links[list(LINK_COLUMNS)].itertuples(index=False):
        if g.has_edge(a, b):
            g[a][b]["kinds"].add(kind)
        else:
            g.add_edge(a, b, kinds={kind}, settings=set())
        if setting is not None and not (isinstance(setting, float) and np.isnan(setting)):
            g[a][b]["settings"].add(setting)
    return g


__all__ = [
    "LINK_COLUMNS",
    "case_graph",
    "case_links",
    "case_time",
    "col_dates",
    "exposure_windows",
]
