"""The case graph: cases linked by recorded contacts and by shared settings in overlapping time.

Two cases are linked when a contact between them is recorded (epicontacts' ``from``/``to``) and
its timing is consistent with transmission (the later case's onset, else report, no more than
``max_incubation_days`` after the recorded last exposure: a contact whose partner fell ill a
month later explains nothing about that illness), or when both were exposed in the same setting
and their exposure windows overlap (within ``gap_days``). A missing window edge is taken from the case: start = report - ``lookback_days``,
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


def case_positions(cases: pd.DataFrame, *columns: pd.Series) -> np.ndarray:
    """Row position in ``cases`` of each id of ``columns`` (-1 where it is not a case), all
    columns concatenated, by one factorisation (hash-based; far faster than string lookups on
    millions of rows)."""
    own = cases["id"]
    parts = [own, *columns]
    both = pd.concat([p.reset_index(drop=True) for p in parts], ignore_index=True)
    if not (pd.api.types.is_string_dtype(both.dtype) or both.dtype == object):
        both = both.astype(str)
    codes, uniques = pd.factorize(both)
    where = np.full(len(uniques), -1, dtype=np.int64)
    # the last row of a duplicated case id wins, as a dict would
    where[codes[: len(own)]] = np.arange(len(own), dtype=np.int64)
    out: np.ndarray = where[codes[len(own) :]]
    return out


def exposure_windows(
    exposures: pd.DataFrame, cases: pd.DataFrame, *, lookback_days: int = 14
) -> pd.DataFrame:
    """Case exposures (``case_id, setting_id, start, end`` and ``pos``: the case's row in
    ``cases``), windows completed from the case's report date where missing; exposures of
    people who are not cases are left out."""
    _need(exposures, ("case_id", "setting_id"), "exposures")
    pos = case_positions(cases, exposures["case_id"])
    keep = pos >= 0
    report = col_dates(cases, "date_reporting").to_numpy()[pos[keep]]
    start = col_dates(exposures, "date_start").to_numpy()[keep]
    end = col_dates(exposures, "date_end").to_numpy()[keep]
    back = np.timedelta64(lookback_days, "D")
    start = np.where(np.isnat(start), report - back, start)
    end = np.where(np.isnat(end), report, end)
    return pd.DataFrame(
        {
            "case_id": exposures["case_id"].to_numpy()[keep],
            "setting_id": exposures["setting_id"].to_numpy()[keep],
            "start": pd.to_datetime(start),
            "end": pd.to_datetime(end),
            "pos": pos[keep],
        }
    )


#: Longest incubation period (days) a contact link may span: see :func:`case_links`.
MAX_INCUBATION_DAYS = 14


def _incubation_consistent(
    cases: pd.DataFrame, contacts: pd.DataFrame, pf: np.ndarray, pt: np.ndarray, days: int
) -> np.ndarray:
    """True where neither case of a contact fell ill (onset, else report) more than ``days``
    after the contact's last exposure, or where a date is missing (nothing to check)."""
    t = case_time(cases).to_numpy(dtype="datetime64[D]")
    last = col_dates(contacts, "date_last_exposure").to_numpy(dtype="datetime64[D]")
    bound = last + np.timedelta64(days, "D")
    ok = np.ones(len(contacts), dtype=bool)
    for p in (pf, pt):
        tp = t[np.clip(p, 0, None)]
        late = ~np.isnat(tp) & ~np.isnat(last) & (tp > bound)
        ok &= ~late
    return ok


def case_links(
    cases: pd.DataFrame,
    contacts: pd.DataFrame | None = None,
    exposures: pd.DataFrame | None = None,
    *,
    gap_days: int = 0,
    lookback_days: int = 14,
    setting_kinds: pd.Series | None = None,
    exclude_kinds: tuple[str, ...] = (),
    max_incubation_days: int | None = MAX_INCUBATION_DAYS,
) -> pd.DataFrame:
    """Links between cases (columns ``a, b, kind, setting_id``; kind ``contact`` or ``setting``;
    ``ia``, ``ib``: the two cases' rows in ``cases``).

    ``setting_kinds``: setting id -> kind, with ``exclude_kinds`` the kinds that do not link
    (none by default). ``max_incubation_days``: a recorded contact between two cases links them
    only if neither case's onset (else report) is later than its ``date_last_exposure`` plus
    this (14 days: the upper end of the incubation period, 99th percentile 13.4 days under
    Lauer et al. 2020's lognormal, and the span of the 14-day quarantine built on it; WHO 2020
    contact-tracing guidance); a contact without a last-exposure date always links; ``None``
    turns the check off.
    """
    _need(cases, ("id", "date_reporting"), "cases")
    ids = cases["id"].to_numpy()
    ia: list[np.ndarray] = []
    ib: list[np.ndarray] = []
    kind: list[np.ndarray] = []
    setting: list[np.ndarray] = []
    if contacts is not None and len(contacts):
        _need(contacts, ("from", "to"), "contacts")
        pft = case_positions(cases, contacts["from"], contacts["to"])
        pf, pt = pft[: len(contacts)], pft[len(contacts) :]
        both = (pf >= 0) & (pt >= 0) & (pf != pt)
        if max_incubation_days is not None and "date_last_exposure" in contacts.columns:
            both &= _incubation_consistent(cases, contacts, pf, pt, max_incubation_days)
        ia.append(pf[both])
        ib.append(pt[both])
        kind.append(np.full(int(both.sum()), "contact", dtype=object))
        setting.append(np.full(int(both.sum()), None, dtype=object))
    if exposures is not None and len(exposures):
        e = exposure_windows(exposures, cases, lookback_days=lookback_days)
        if setting_kinds is not None and exclude_kinds:
            e = e[~e["setting_id"].map(setting_kinds).isin(exclude_kinds)]
        sid, _ = pd.factorize(e["setting_id"])
        st = e["start"].to_numpy(dtype="datetime64[D]").astype(np.int64)
        en = e["end"].to_numpy(dtype="datetime64[D]").astype(np.int64)
        order = np.lexsort((en, st, sid))
        sid, st, en = sid[order], st[order], en[order]
        pos = e["pos"].to_numpy()[order]
        same = np.zeros(len(sid), dtype=bool)
        same[1:] = sid[1:] == sid[:-1]
        # running latest end of the windows up to this one, restarting at each setting
        seg = np.cumsum(~same) - 1
        run = pd.Series(en).groupby(seg).cummax().to_numpy()
        prev = np.empty_like(run)
        prev[:1] = np.iinfo(np.int64).min
        prev[1:] = run[:-1]
        overlaps = same & (st <= prev + gap_days)
        k = np.flatnonzero(overlaps)
        ia.append(pos[k - 1])
        ib.append(pos[k])
        kind.append(np.full(k.size, "setting", dtype=object))
        setting.append(e["setting_id"].to_numpy()[order][k])
    if not ia:
        return pd.DataFrame(
            {
                **{c: pd.Series(dtype=object) for c in LINK_COLUMNS},
                "ia": pd.Series(dtype=np.int64),
                "ib": pd.Series(dtype=np.int64),
            }
        )
    a_pos, b_pos = np.concatenate(ia), np.concatenate(ib)
    keep = a_pos != b_pos
    a_pos, b_pos = a_pos[keep], b_pos[keep]
    return pd.DataFrame(
        {
            "a": ids[a_pos],
            "b": ids[b_pos],
            "kind": np.concatenate(kind)[keep],
            "setting_id": np.concatenate(setting)[keep],
            "ia": a_pos,
            "ib": b_pos,
        }
    )


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
    "MAX_INCUBATION_DAYS",
    "case_graph",
    "case_links",
    "case_positions",
    "case_time",
    "col_dates",
    "exposure_windows",
]
