"""Clusters (connected components of the case graph), transmission chains, serial intervals,
and the epicontacts export.

* :func:`find_clusters` — connected components of :func:`flareup.tracing.graph.case_links`
  (scipy's sparse ``connected_components``: the same components as networkx's, in C, so a
  million links take well under a second), then each unlinked case attached to the cluster most
  likely to have infected it (:func:`attach_unlinked`, Wallinga & Teunis 2004). Cluster ids
  ``K001``, ``K002``... by first report.
* :func:`chains` — directed infector -> infectee links from recorded contacts between cases, the
  infector being the listed case whose onset (else report) is earliest and before the infectee's;
  generations counted from the chain's root (generation 0), as epicontacts' ``get_degree``
  trees are read.
* :func:`serial_intervals` — onset(infectee) - onset(infector) per pair; their mean and sd feed
  :func:`flareup.analytics.serial_interval.discr_si` (Cori et al. 2013, EpiEstim's shifted gamma).
* :func:`to_epicontacts` — a line list (``id`` first) and contacts (``from``, ``to``) as R's
  ``epicontacts::make_epicontacts(linelist, contacts, directed = TRUE)`` takes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from flareup.analytics.serial_interval import check_si_distribution, discr_si
from flareup.errors import EstimationError
from flareup.tracing.graph import case_positions, case_time, col_dates, exposure_windows

CLUSTER_COLUMNS = (
    "cluster",
    "size",
    "first_onset",
    "last_onset",
    "first_report",
    "last_report",
    "settings",
    "areas",
    "n_contact_links",
    "n_setting_links",
)


#: Serial interval used to attach unlinked cases (days; Nishiura, Linton & Akhmetzhanov 2020,
#: Int J Infect Dis 93:284: mean 4.7, sd 2.9), and the longest interval considered.
SI_MEAN, SI_SD, SI_MAX = 4.7, 2.9, 30


def attach_unlinked(
    cases: pd.DataFrame,
    comp: np.ndarray,
    *,
    min_share: float = 0.5,
    si_mean: float = SI_MEAN,
    si_sd: float = SI_SD,
) -> np.ndarray:
    """Component per case after attaching each *unlinked* case (a component of one) to the
    cluster most likely to have infected it, where that is clear.

    Wallinga & Teunis (2004, Am J Epidemiol 160:509): the relative likelihood that case j
    infected case i is ``w(t_i - t_j)`` (w: the serial interval distribution, EpiEstim's
    discretised shifted gamma), normalised over all candidate infectors. Candidates here are the
    earlier cases of the same area (``location``) in linked clusters (components of two or more);
    summed by cluster, the likelihoods give the probability that i's infector belongs to each
    one. The case joins the leading cluster when that probability is at least ``min_share``;
    otherwise (no candidate, or two clusters alike) it stays on its own. Assumptions: an
    unlinked case was infected locally (its own area) by a recorded case; unrecorded cases and
    other areas are ignored. Cost: one row per (area, cluster, day, lag): linear in the cases.
    """
    n = comp.size
    if n == 0 or "location" not in cases.columns:
        return comp
    size = np.bincount(comp)
    single = size[comp] == 1
    if not single.any() or single.all():
        return comp
    t = case_time(cases).to_numpy(dtype="datetime64[D]")
    day = t.astype(np.int64)
    known = ~np.isnat(t)
    area = pd.factorize(cases["location"].astype(str))[0]
    w = discr_si(np.arange(SI_MAX + 1), si_mean, si_sd)
    src = pd.DataFrame(
        {"area": area[~single & known], "comp": comp[~single & known], "day": day[~single & known]}
    )
    src = src.groupby(["area", "comp", "day"], sort=False).size().rename("n").reset_index()
    lags = np.arange(1, SI_MAX + 1)
    # force of infection of each cluster on each later day in its area: sum_j w(t - t_j)
    rep = src.loc[src.index.repeat(lags.size)].reset_index(drop=True)
    lag = np.tile(lags, len(src))
    rep["day"] = rep["day"].to_numpy() + lag
    rep["lam"] = rep["n"].to_numpy() * w[lag]
    lam = rep.groupby(["area", "day", "comp"], sort=False)["lam"].sum().reset_index()
    rows = np.flatnonzero(single & known)
    tgt = pd.DataFrame({"row": rows, "area": area[rows], "day": day[rows]})
    m = tgt.merge(lam, on=["area", "day"])
    if m.empty:
        return comp
    total = m.groupby("row")["lam"].transform("sum")
    m = m.assign(share=m["lam"] / total).sort_values(["row", "share"], ascending=[True, False])
    best = m.drop_duplicates("row")
    best = best[best["share"] >= min_share]
    out = comp.copy()
    out[best["row"].to_numpy()] = best["comp"].to_numpy()
    return out


def cluster_labels(
    cases: pd.DataFrame,
    links: pd.DataFrame,
    *,
    attach: bool = True,
    min_share: float = 0.5,
) -> pd.Series:
    """Cluster id per case (indexed by case id), ``K001``... ordered by first report, then size
    (then by the row of their first case). Clusters are the connected components of the links;
    with ``attach``, unlinked cases then join the cluster most likely to have infected them
    (:func:`attach_unlinked`, ``min_share``)."""
    ids = cases["id"].to_numpy()
    n = len(ids)
    if "ia" in links.columns:
        a = links["ia"].to_numpy(dtype=np.int64)
        b = links["ib"].to_numpy(dtype=np.int64)
    else:
        a = case_positions(cases, links["a"])
        b = case_positions(cases, links["b"])
    ok = (a >= 0) & (b >= 0)
    m = coo_matrix(
        (np.ones(int(ok.sum()), dtype=np.int8), (a[ok], b[ok])),
        shape=(n, n),
    )
    _, comp = connected_components(m, directed=False)
    if attach:
        comp = attach_unlinked(cases, comp, min_share=min_share)
    report = pd.to_datetime(cases["date_reporting"]).to_numpy()
    info = pd.DataFrame({"comp": comp, "report": report, "row": np.arange(n)})
    order = (
        info.groupby("comp")
        .agg(first=("report", "min"), size=("row", "size"), first_row=("row", "min"))
        .sort_values(["first", "size", "first_row"], ascending=[True, False, True])
    )
    width = max(3, len(str(len(order))))
    names = pd.Series(
        [f"K{i + 1:0{width}d}" for i in range(len(order))], index=order.index, dtype=object
    )
    return pd.Series(names.reindex(comp).to_numpy(), index=ids, name="cluster")


def _joined(keys: np.ndarray, values: np.ndarray) -> pd.Series:
    """Per key, its distinct values sorted and joined by ";" (de-duplicated first, so the
    Python join runs over few rows)."""
    v = pd.Series(values, dtype=object)
    ok = v.notna().to_numpy()
    d = pd.DataFrame(
        {"k": pd.Series(keys[ok], dtype=object), "v": v[ok].astype(str).to_numpy(dtype=object)}
    ).drop_duplicates()
    d = d.sort_values(["k", "v"], kind="stable")
    return d.groupby("k", sort=True)["v"].agg(";".join)


def find_clusters(
    cases: pd.DataFrame,
    links: pd.DataFrame,
    exposures: pd.DataFrame | None = None,
    *,
    min_size: int = 1,
    attach: bool = True,
    min_share: float = 0.5,
) -> tuple[pd.Series, pd.DataFrame]:
    """Cluster labels per case and one summary row per cluster (:data:`CLUSTER_COLUMNS`):
    size, first/last onset and report, the settings its cases were exposed in and their areas;
    ``attach``/``min_share``: see :func:`cluster_labels`."""
    labels = cluster_labels(cases, links, attach=attach, min_share=min_share)
    lab = labels.to_numpy()
    size = pd.Series(lab).value_counts()
    big = set(size.index[size.to_numpy() >= min_size])
    keep = pd.Series(lab).isin(big).to_numpy()
    c = pd.DataFrame(
        {
            "cluster": lab[keep],
            "date_onset": col_dates(cases, "date_onset").to_numpy()[keep],
            "date_reporting": col_dates(cases, "date_reporting").to_numpy()[keep],
            "location": (cases["location"].to_numpy()[keep] if "location" in cases.columns else ""),
        }
    )
    g = c.groupby("cluster")
    out = pd.DataFrame(
        {
            "size": g.size(),
            "first_onset": g["date_onset"].min(),
            "last_onset": g["date_onset"].max(),
            "first_report": g["date_reporting"].min(),
            "last_report": g["date_reporting"].max(),
        }
    )
    out["areas"] = _joined(c["cluster"].to_numpy(), c["location"].to_numpy()).reindex(out.index)
    out["settings"] = ""
    if exposures is not None and len(exposures):
        e = exposure_windows(exposures, cases)
        e["cluster"] = lab[e["pos"].to_numpy()]
        e = e[e["cluster"].isin(big)]
        sets = _joined(e["cluster"].to_numpy(), e["setting_id"].to_numpy())
        out["settings"] = sets.reindex(out.index).fillna("")
    ia = links["ia"].to_numpy() if "ia" in links.columns else case_positions(cases, links["a"])
    lk = pd.DataFrame({"cluster": lab[ia[ia >= 0]], "kind": links["kind"].to_numpy()[ia >= 0]})
    n = lk.groupby(["cluster", "kind"]).size().unstack(fill_value=0)
    for kind in ("contact", "setting"):
        col = n[kind] if kind in n.columns else pd.Series(dtype=np.int64)
        out[f"n_{kind}_links"] = col.reindex(out.index).fillna(0).astype(np.int64)
    out.index.name = "cluster"
    out = out.reset_index()[list(CLUSTER_COLUMNS)]
    out = out.sort_values("cluster").reset_index(drop=True)
    return labels, out


def infector_pairs(
    cases: pd.DataFrame, contacts: pd.DataFrame, *, max_interval: int = 21
) -> pd.DataFrame:
    """Infector -> infectee pairs (``from, to``) among cases, from recorded contacts.

    A contact between two cases is read as transmission from the one whose onset (else report)
    came first, if no more than ``max_interval`` days before; where an infectee has several
    candidates, the earliest is kept (ties by id), so every case has at most one infector and
    there are no cycles.
    """
    t = pd.Series(case_time(cases).to_numpy(), index=cases["id"].astype(str))
    f, to = contacts["from"].astype(str), contacts["to"].astype(str)
    both = f.isin(t.index) & to.isin(t.index) & (f != to)
    p = pd.DataFrame({"u": f[both], "v": to[both]})
    if p.empty:  # no contact between two cases: no pair (an empty frame, not a dtype error)
        return pd.DataFrame({"from": pd.Series(dtype=object), "to": pd.Series(dtype=object)})
    tu, tv = p["u"].map(t), p["v"].map(t)
    # orient each pair from earlier to later (ties: the recorded direction)
    swap = (tv < tu).fillna(False).to_numpy(dtype=bool)
    frm = np.where(swap, p["v"], p["u"])
    too = np.where(swap, p["u"], p["v"])
    q = pd.DataFrame({"from": frm, "to": too})
    q["t_from"] = q["from"].map(t)
    q["t_to"] = q["to"].map(t)
    gap = (q["t_to"] - q["t_from"]).dt.days
    # beyond the longest plausible serial interval a contact is no transmission link
    q = q[((gap >= 0) & (gap <= max_interval)).fillna(True).to_numpy(dtype=bool)]
    q = q.sort_values(["to", "t_from", "from"]).drop_duplicates("to", keep="first")
    # a same-day pair recorded both ways would make a 2-cycle: keep the direction from the
    # smaller id
    rev = q.merge(q[["from", "to"]], left_on=["from", "to"], right_on=["to", "from"])
    drop = set(rev.loc[rev["from_x"] > rev["to_x"], "to_x"])
    q = q[~q["to"].isin(drop)]
    return q[["from", "to"]].reset_index(drop=True)


def chains(cases: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Per case: ``infector`` (or missing), ``root`` (first case of its chain), ``generation``
    (0 for a root) and ``chain_size`` (cases sharing the root)."""
    ids = cases["id"].astype(str)
    parent = pd.Series(pairs["from"].to_numpy(), index=pairs["to"].to_numpy(), dtype=object)
    infector = ids.map(parent)
    root = pd.Series(ids.to_numpy(), index=ids.to_numpy(), dtype=object)
    gen = pd.Series(0, index=ids.to_numpy(), dtype=np.int64)
    cur = pd.Series(infector.to_numpy(), index=ids.to_numpy(), dtype=object)
    for _ in range(len(ids) + 1):  # climb one generation per pass (vectorised)
        has = cur.notna()
        if not has.any():
            break
        root[has] = cur[has]
        gen[has] += 1
        cur = cur.map(parent).where(has)
    out = pd.DataFrame(
        {
            "id": ids.to_numpy(),
            "infector": infector.to_numpy(),
            "root": root.to_numpy(),
            "generation": gen.to_numpy(),
        }
    )
    out["chain_size"] = out.groupby("root")["id"].transform("size").astype(np.int64)
    return out


@dataclass(frozen=True)
class SerialIntervals:
    """Observed serial intervals and the EpiEstim distribution built from them."""

    pairs: pd.DataFrame  # from, to, si (days)
    n: int
    mean: float
    sd: float
    n_nonpositive: int  # pairs with onset(infectee) <= onset(infector): presymptomatic spread

    def distribution(self, n_days: int = 30) -> np.ndarray:
        """EpiEstim's shifted-gamma ``discr_si(0..n_days-1, mean, sd)`` with the observed mean
        and sd (Cori et al. 2013); needs mean > 1 day and sd > 0."""
        if not (self.mean > 1 and self.sd > 0):
            raise EstimationError(
                f"serial intervals from {self.n} pairs have mean {self.mean:.2f} and sd "
                f"{self.sd:.2f}; EpiEstim's gamma needs mean > 1 and sd > 0"
            )
        return discr_si(np.arange(n_days), self.mean, self.sd)

    def empirical(self, max_days: int = 30) -> np.ndarray:
        """The observed positive intervals as a non-parametric ``w_0..w_K`` (w_0 = 0), checked
        with EpiEstim's rules (:func:`check_si_distribution`)."""
        si = self.pairs["si"].to_numpy()
        si = si[(si > 0) & (si <= max_days)].astype(int)
        if si.size == 0:
            raise EstimationError("no positive serial interval observed")
        w = np.bincount(si, minlength=max_days + 1).astype(float)
        return check_si_distribution(w / w.sum())


def serial_intervals(cases: pd.DataFrame, pairs: pd.DataFrame) -> SerialIntervals:
    """Serial intervals (days between onsets) of infector -> infectee pairs with both onsets."""
    onset = pd.Series(
        col_dates(cases, "date_onset").to_numpy(),
        index=cases["id"].astype(str),
    )
    if pairs.empty or onset.empty:  # nothing to measure: n = 0, mean and sd missing
        p = pd.DataFrame({"from": pairs["from"][:0], "to": pairs["to"][:0], "si": 0})[:0]
    else:
        p = pairs.assign(
            si=(pairs["to"].map(onset) - pairs["from"].map(onset)).dt.days,
        ).dropna(subset=["si"])
    p["si"] = p["si"].astype(np.int64)
    si = p["si"].to_numpy(dtype=float)
    return SerialIntervals(
        pairs=p.reset_index(drop=True),
        n=int(si.size),
        mean=float(si.mean()) if si.size else float("nan"),
        sd=float(si.std(ddof=1)) if si.size > 1 else float("nan"),
        n_nonpositive=int((si <= 0).sum()),
    )


def adjusted_rand_index(a: pd.Series | np.ndarray, b: pd.Series | np.ndarray) -> float:
    """Adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985, J Classif
    2:193): 1 for identical partitions, about 0 for chance agreement."""
    x = pd.factorize(np.asarray(a))[0]
    y = pd.factorize(np.asarray(b))[0]
    if x.size != y.size:
        raise ValueError("the two labellings must have the same length")
    n = x.size
    if n < 2:
        return 1.0
    table = pd.crosstab(x, y).to_numpy(dtype=float)

    def pairs(v: np.ndarray) -> float:
        return float((v * (v - 1) / 2).sum())

    index = pairs(table)
    ra, rb = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    total = n * (n - 1) / 2
    expected = ra * rb / total
    top = (ra + rb) / 2
    if top == expected:
        return 1.0
    return float((index - expected) / (top - expected))


def bcubed(
    truth: pd.Series | np.ndarray, found: pd.Series | np.ndarray
) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of a clustering ``found`` against ``truth`` (Bagga &
    Baldwin 1998; Amigo et al. 2009, Inf Retr 12:461): for each item, the share of its found
    cluster that shares its true cluster (precision) and the share of its true cluster that it
    was found with (recall), averaged over items. Unlike the adjusted Rand index it scores each
    case: splitting one case off a single true cluster of 77 costs about 1 % of recall, where
    the ARI of any split of a single true cluster is 0."""
    x = pd.factorize(np.asarray(truth))[0]
    y = pd.factorize(np.asarray(found))[0]
    if x.size != y.size:
        raise ValueError("the two labellings must have the same length")
    if x.size == 0:
        return 1.0, 1.0, 1.0
    table = pd.crosstab(x, y).to_numpy(dtype=float)
    # each of the n_ij items of cell (i, j) shares its found cluster j with n_ij items of its
    # true cluster i: precision n_ij / (size of j), recall n_ij / (size of i)
    sq = table * table
    precision = float((sq.sum(axis=0) / table.sum(axis=0)).sum() / x.size)
    recall = float((sq.sum(axis=1) / table.sum(axis=1)).sum() / x.size)
    f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def to_epicontacts(
    cases: pd.DataFrame, contacts: pd.DataFrame, labels: pd.Series | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(linelist, contacts) for ``epicontacts::make_epicontacts``: ``id`` first in the line
    list, ``from``/``to`` first in the contacts; the cluster label where given."""
    ll = cases.copy()
    ll["id"] = ll["id"].astype(str)
    if labels is not None:
        ll["cluster"] = ll["id"].map(labels)
    cols = ["id", *[c for c in ll.columns if c != "id"]]
    ct = contacts.copy()
    ct = ct[["from", "to", *[c for c in ct.columns if c not in ("from", "to")]]]
    return ll[cols], ct


__all__ = [
    "CLUSTER_COLUMNS",
    "SerialIntervals",
    "adjusted_rand_index",
    "attach_unlinked",
    "bcubed",
    "chains",
    "cluster_labels",
    "find_clusters",
    "infector_pairs",
    "serial_intervals",
    "to_epicontacts",
]
