"""Rank the candidate sources of a cluster by evidence, and say why in words.

Candidates of a cluster: every setting at least one of its cases was exposed in (workplace,
dormitory, school, market, household, cold-chain lot...), and every imported case in it (the
people recorded as its contacts are "exposed" to it). Each candidate gets three log-likelihood
ratios, added into its score (evidence streams treated as independent, a naive-Bayes sum):

1. **Attack rates (cohort).** Among the people the investigation enumerated (cases, contacts
   and everyone with a recorded exposure: the cohort), the cluster's attack rate in those exposed
   to the candidate vs those not: relative risk with the Katz log-method 95 % interval (Katz,
   Baptista, Azen & Pike 1978, Biometrics 34:469-474; 0.5 added to every cell when one is 0,
   Haldane-Anscombe) and the binomial log-likelihood ratio of "two attack rates" against "one"
   (half the G statistic of the 2x2 table), signed negative where the exposed fare better. It
   rewards a large share of the cluster's cases exposed *and* a high attack rate among the
   exposed.
2. **Timing.** For each exposed case with an onset (else its first positive test) at ``t`` and an
   exposure window ``[a, b]``, the likelihood of ``t`` if infected at a uniform time in the
   window, ``L = mean_{e in [a, b]} f(t - e)`` with ``f`` the discretised incubation period
   (lognormal, Lauer et al. 2020 Ann Intern Med 172:577: median 5.1 days, meanlog 1.621, sdlog
   0.418; truncated at 21 days), against the likelihood with no information on the time of
   infection (uniform over the 21 days before ``t``). This is the exposure-time likelihood used
   to attribute cases to sources (Sartwell 1950 Am J Hyg 51:310 for the lognormal incubation of a
   common-source outbreak; Kaufman et al. 2014 PLoS Comput Biol 10:e1003692 for likelihood
   ranking of candidate sources). A window that covers the whole incubation range carries no
   timing evidence (ratio 1); exposure after the onset, or more than 21 days before, counts
   against the candidate (ratio floored at ``1e-3``).
3. **Environmental samples.** Each positive sample of the setting multiplies the odds by
   ``sensitivity / false_positive`` and each negative one by
   ``(1 - sensitivity) / (1 - false_positive)`` (defaults 0.3 and 0.02: surface swabs of a
   contaminated site are often negative; a positive from an uncontaminated one is rare but
   happens, e.g. shedding by a case).

The ranking is a heuristic built from published pieces; its assumptions are in
docs/methods/tracing.md, and tests/tracing/test_validation.py measures it on simulated outbreaks
with known sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd
from scipy.stats import lognorm, norm

from flareup.errors import InputError
from flareup.tracing.graph import case_time

SOURCE_COLUMNS: Final[tuple[str, ...]] = (
    "cluster",
    "rank",
    "candidate",
    "kind",
    "score",
    "n_cases",
    "n_exposed_cases",
    "share_exposed",
    "n_exposed",
    "attack_rate_exposed",
    "attack_rate_unexposed",
    "rr",
    "rr_low",
    "rr_high",
    "llr_attack",
    "llr_timing",
    "n_timed",
    "n_timing_fit",
    "samples_positive",
    "samples_total",
    "llr_samples",
    "reason",
)


@dataclass(frozen=True, slots=True)
class Incubation:
    """Lognormal incubation period in days (Lauer et al. 2020: meanlog 1.621, sdlog 0.418)."""

    meanlog: float = 1.621
    sdlog: float = 0.418
    max_days: int = 21

    def pmf(self) -> np.ndarray:
        """P(incubation rounds to d days), d = 0..max_days, renormalised."""
        d = np.arange(self.max_days + 1, dtype=float)
        dist = lognorm(s=self.sdlog, scale=np.exp(self.meanlog))
        p = dist.cdf(d + 0.5) - dist.cdf(np.maximum(d - 0.5, 0.0))
        out: np.ndarray = np.asarray(p / p.sum(), dtype=float)
        return out


def katz_rr(
    a: np.ndarray, n1: np.ndarray, c: np.ndarray, n0: np.ndarray, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Relative risk (a/n1)/(c/n0) with the Katz log-method interval (Katz et al. 1978); 0.5
    is added to every cell of a table with a zero cell (Haldane-Anscombe)."""
    a, n1, c, n0 = (np.asarray(x, dtype=float) for x in (a, n1, c, n0))
    zero = (a == 0) | (c == 0) | (n1 - a == 0) | (n0 - c == 0)
    aa = np.where(zero, a + 0.5, a)
    cc = np.where(zero, c + 0.5, c)
    nn1 = np.where(zero, n1 + 1.0, n1)
    nn0 = np.where(zero, n0 + 1.0, n0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = (aa / nn1) / (cc / nn0)
        se = np.sqrt(1 / aa - 1 / nn1 + 1 / cc - 1 / nn0)
    z = norm.ppf(0.5 + level / 2)
    return rr, rr * np.exp(-z * se), rr * np.exp(z * se)


def _xlogy(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(p > 0, p, 1.0)), 0.0)


def attack_llr(a: np.ndarray, n1: np.ndarray, c: np.ndarray, n0: np.ndarray) -> np.ndarray:
    """Signed binomial log-likelihood ratio: two attack rates (exposed, unexposed) vs one."""
    a, n1, c, n0 = (np.asarray(x, dtype=float) for x in (a, n1, c, n0))
    with np.errstate(divide="ignore", invalid="ignore"):
        p1 = np.where(n1 > 0, a / n1, 0.0)
        p0 = np.where(n0 > 0, c / n0, 0.0)
        p = (a + c) / np.maximum(n1 + n0, 1.0)
    ll1 = _xlogy(a, p1) + _xlogy(n1 - a, 1 - p1) + _xlogy(c, p0) + _xlogy(n0 - c, 1 - p0)
    ll0 = _xlogy(a + c, p) + _xlogy(n1 + n0 - a - c, 1 - p)
    out: np.ndarray = np.sign(p1 - p0) * np.maximum(ll1 - ll0, 0.0)
    return out


def _timing(
    t: np.ndarray, start: np.ndarray, end: np.ndarray, inc: Incubation
) -> tuple[np.ndarray, np.ndarray]:
    """log(L / L0) per exposure (days as int64 day numbers) and whether the timing fits."""
    f = inc.pmf()
    m = inc.max_days
    cum = np.concatenate([[0.0], np.cumsum(f)])
    lo = np.clip(np.maximum(start, t - m), None, None)
    hi = np.minimum(end, t)
    # sum_{e=lo}^{hi} f(t - e) = sum_{d=t-hi}^{t-lo} f(d)
    dlo = np.clip(t - hi, 0, m + 1)
    dhi = np.clip(t - lo, -1, m)
    width = hi - lo + 1
    valid = width > 0
    s = np.where(valid & (dhi >= dlo), cum[np.clip(dhi + 1, 0, m + 1)] - cum[dlo], 0.0)
    like = np.where(valid, s / np.maximum(width, 1), 0.0)
    base = 1.0 / (m + 1)  # uniform time of infection over the m + 1 days up to t
    llr = np.log(np.maximum(like, 1e-3 * base) / base)
    return llr, like > 0.5 * base


def _days(s: pd.Series) -> np.ndarray:
    v = pd.to_datetime(s, errors="coerce").dt.normalize()
    return np.asarray(v.to_numpy(dtype="datetime64[D]").astype(np.int64))


def _need(df: pd.DataFrame, cols: tuple[str, ...], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"{what} frame lacks column(s) {', '.join(missing)}", field=missing[0])


def rank_sources(
    cases: pd.DataFrame,
    labels: pd.Series,
    exposures: pd.DataFrame,
    *,
    settings: pd.DataFrame | None = None,
    samples: pd.DataFrame | None = None,
    contacts: pd.DataFrame | None = None,
    incubation: Incubation | None = None,
    sensitivity: float = 0.3,
    false_positive: float = 0.02,
    clusters: list[str] | None = None,
    min_size: int = 2,
    lookback_days: int = 14,
) -> pd.DataFrame:
    """Candidate sources of each cluster, ranked (columns :data:`SOURCE_COLUMNS`).

    ``labels``: cluster per case id (from :func:`flareup.tracing.clusters.find_clusters`).
    ``exposures``: ``case_id`` (any person id: cases and non-cases), ``setting_id``,
    ``date_start``, ``date_end``. ``clusters``: only these; clusters smaller than ``min_size``
    are skipped.
    """
    _need(cases, ("id", "date_reporting"), "cases")
    _need(exposures, ("case_id", "setting_id"), "exposures")
    if not 0 < false_positive < sensitivity < 1:
        raise InputError(
            "need 0 < false_positive < sensitivity < 1", field="sensitivity/false_positive"
        )
    inc = incubation or Incubation()
    ids = cases["id"].astype(str)
    lab = labels.reindex(ids.to_numpy())
    size = lab.value_counts()
    keep = size[size >= min_size].index
    if clusters is not None:
        keep = keep.intersection(pd.Index(clusters))
    t_case = pd.Series(_days(case_time(cases)), index=ids.to_numpy())
    report = pd.Series(_days(cases["date_reporting"]), index=ids.to_numpy())

    # exposures of everyone (candidates: settings, and imported cases via their contacts)
    e = pd.DataFrame(
        {
            "person": exposures["case_id"].astype(str).to_numpy(),
            "candidate": exposures["setting_id"].astype(str).to_numpy(),
            "start": _days(exposures["date_start"])
            if "date_start" in exposures
            else np.full(len(exposures), np.iinfo(np.int64).min),
            "end": _days(exposures["date_end"])
            if "date_end" in exposures
            else np.full(len(exposures), np.iinfo(np.int64).min),
        }
    )
    kinds = pd.Series(dtype=object)
    if settings is not None and len(settings):
        kinds = pd.Series(settings["kind"].to_numpy(), index=settings["id"].astype(str).to_numpy())
    e["kind"] = e["candidate"].map(kinds).fillna("setting")
    if "imported" in cases.columns and contacts is not None and len(contacts):
        imp = set(ids[cases["imported"].fillna(False).astype(bool).to_numpy()])
        ci = contacts[contacts["from"].astype(str).isin(imp)]
        if len(ci):
            frm = ci["from"].astype(str).to_numpy()
            rep = report.reindex(frm).to_numpy()
            last = (
                _days(ci["date_last_exposure"])
                if "date_last_exposure" in ci
                else np.full(len(ci), np.iinfo(np.int64).min)
            )
            end = np.where(last != np.iinfo(np.int64).min, last, rep)
            e = pd.concat(
                [
                    e,
                    pd.DataFrame(
                        {
                            "person": ci["to"].astype(str).to_numpy(),
                            "candidate": "case:" + pd.Series(frm),
                            "start": end - 4,  # infectious from ~4 days before (NHC 7th ed.)
                            "end": end,
                            "kind": "imported_case",
                        }
                    ),
                ],
                ignore_index=True,
            )
    nat = np.iinfo(np.int64).min
    # cohort: everyone the investigation enumerated
    cohort = pd.Index(ids).union(pd.Index(e["person"].unique()))
    if contacts is not None and len(contacts):
        cohort = cohort.union(pd.Index(contacts["to"].astype(str).unique()))
    n_cohort = len(cohort)

    per = e.drop_duplicates(["person", "candidate"])
    n_exposed = per.groupby("candidate").size()
    e["cluster"] = e["person"].map(labels)
    ce = e[e["cluster"].isin(keep)].copy()
    if ce.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SOURCE_COLUMNS})
    # windows completed from the case (missing start: report - lookback; missing end: report)
    rep = report.reindex(ce["person"].to_numpy()).to_numpy()
    ce["start"] = np.where(ce["start"] == nat, rep - lookback_days, ce["start"])
    ce["end"] = np.where(ce["end"] == nat, rep, ce["end"])
    ce["t"] = t_case.reindex(ce["person"].to_numpy()).to_numpy()
    llr, fits = _timing(
        ce["t"].to_numpy(np.int64),
        ce["start"].to_numpy(np.int64),
        ce["end"].to_numpy(np.int64),
        inc,
    )
    ce["llr_t"] = llr
    ce["fit"] = fits
    # one exposure per (case, candidate): the best-fitting window
    ce = ce.sort_values("llr_t").drop_duplicates(["person", "candidate"], keep="last")
    g = ce.groupby(["cluster", "candidate"])
    out = pd.DataFrame(
        {
            "kind": g["kind"].first(),
            "n_exposed_cases": g.size(),
            "llr_timing": g["llr_t"].sum(),
            "n_timed": g.size(),
            "n_timing_fit": g["fit"].sum(),
        }
    ).reset_index()
    out["n_cases"] = out["cluster"].map(size).astype(np.int64)
    out["n_exposed"] = out["candidate"].map(n_exposed).astype(np.int64)
    a = out["n_exposed_cases"].to_numpy(float)
    n1 = out["n_exposed"].to_numpy(float)
    c = out["n_cases"].to_numpy(float) - a
    n0 = n_cohort - n1
    out["share_exposed"] = a / out["n_cases"].to_numpy(float)
    out["attack_rate_exposed"] = a / n1
    out["attack_rate_unexposed"] = np.where(n0 > 0, c / np.maximum(n0, 1), np.nan)
    rr, lo, hi = katz_rr(a, n1, c, n0)
    out["rr"], out["rr_low"], out["rr_high"] = rr, lo, hi
    out["llr_attack"] = attack_llr(a, n1, c, n0)

    pos = pd.Series(dtype=np.int64)
    tot = pd.Series(dtype=np.int64)
    if samples is not None and len(samples):
        s = samples[samples["result"].astype(str).isin(["positive", "negative"])]
        sid = s["setting_id"].astype(str)
        pos = (s["result"] == "positive").groupby(sid).sum()
        tot = sid.value_counts()
    out["samples_positive"] = out["candidate"].map(pos).fillna(0).astype(np.int64)
    out["samples_total"] = out["candidate"].map(tot).fillna(0).astype(np.int64)
    npos = out["samples_positive"].to_numpy(float)
    nneg = out["samples_total"].to_numpy(float) - npos
    out["llr_samples"] = npos * np.log(sensitivity / false_positive) + nneg * np.log(
        (1 - sensitivity) / (1 - false_positive)
    )
    out["score"] = out["llr_attack"] + out["llr_timing"] + out["llr_samples"]
    out = out.sort_values(["cluster", "score", "candidate"], ascending=[True, False, True])
    out["rank"] = out.groupby("cluster").cumcount().astype(np.int64) + 1
    out["reason"] = [_reason(r) for r in out.itertuples(index=False)]
    return out[list(SOURCE_COLUMNS)].reset_index(drop=True)


def _reason(r: object) -> str:
    """The evidence in words, as an investigation report would put it."""
    g = r.__dict__ if hasattr(r, "__dict__") else r._asdict()  # type: ignore[attr-defined]
    parts = [
        f"{g['n_exposed_cases']} of the cluster's {g['n_cases']} cases "
        f"({g['share_exposed']:.0%}) were exposed"
    ]
    parts.append(
        f"attack rate {g['attack_rate_exposed']:.0%} among the {g['n_exposed']} exposed vs "
        f"{g['attack_rate_unexposed']:.1%} among the unexposed, RR {g['rr']:.1f} "
        f"(95% CI {g['rr_low']:.1f}-{g['rr_high']:.1f})"
    )
    if g["llr_timing"] > 0.5:
        parts.append(
            f"onsets of {g['n_timing_fit']} of {g['n_timed']} fit exposure there given the "
            f"incubation period"
        )
    elif g["llr_timing"] < -0.5:
        parts.append(
            f"timing argues against it: only {g['n_timing_fit']} of {g['n_timed']} onsets fit "
            "an exposure there"
        )
    else:
        parts.append("exposure dates carry no timing evidence")
    if g["samples_total"]:
        parts.append(
            f"{g['samples_positive']} of {g['samples_total']} environmental samples positive"
        )
    return "; ".join(parts)


__all__ = ["SOURCE_COLUMNS", "Incubation", "attack_llr", "katz_rr", "rank_sources"]
