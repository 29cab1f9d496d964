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
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy.special import ndtr, ndtri

from flareup.errors import InputError
from flareup.tracing.graph import case_positions, case_time, col_dates

SOURCE_COLUMNS: Final[tuple[str, ...]] = (
    "cluster",
    "rank",
    "candidate",
    "name",
    "kind",
    "score",
    "n_cases",
    "n_primary",
    "n_exposed_cases",
    "share_exposed",
    "n_exposed",
    "attack_rate_exposed",
    "attack_rate_unexposed",
    "rr",
    "rr_low",
    "rr_high",
    "llr_exposure",
    "llr_timing",
    "n_timed",
    "n_timing_fit",
    "samples_positive",
    "samples_total",
    "llr_samples",
    "within",
    "llr_within",
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
        p = _lognormal_cdf(d + 0.5, self.meanlog, self.sdlog) - _lognormal_cdf(
            np.maximum(d - 0.5, 0.0), self.meanlog, self.sdlog
        )
        out: np.ndarray = np.asarray(p / p.sum(), dtype=float)
        return out


def _lognormal_cdf(x: np.ndarray, meanlog: float, sdlog: float) -> np.ndarray:
    """P(X <= x) for log X ~ N(meanlog, sdlog^2): the standard normal CDF of (log x - meanlog)
    / sdlog, 0 at x = 0. scipy.special's ``ndtr``, not scipy.stats's ``lognorm``: importing
    scipy.stats costs 0.7 s, more than all the rest of `flareup sources`."""
    with np.errstate(divide="ignore"):
        z = (np.log(x) - meanlog) / sdlog
    out: np.ndarray = ndtr(z)
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
    z = float(ndtri(0.5 + level / 2))  # the normal quantile
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
    t: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    f: np.ndarray,
    base: float,
) -> tuple[np.ndarray, np.ndarray]:
    """log(L / L0) per exposure (days as int64 day numbers) and whether the timing fits.

    ``f``: probability of each delay 0..m from infection to the case's date; ``base``: the
    likelihood with no information on the time of infection (``f`` averaged over the lookback).
    """
    m = f.size - 1
    cum = np.concatenate([[0.0], np.cumsum(f)])
    lo = np.maximum(start, t - m)
    hi = np.minimum(end, t)
    # sum_{e=lo}^{hi} f(t - e) = sum_{d=t-hi}^{t-lo} f(d)
    dlo = np.clip(t - hi, 0, m + 1)
    dhi = np.clip(t - lo, -1, m)
    width = end - np.maximum(start, t - m) + 1  # days of the window that could have mattered
    valid = hi >= lo
    s = np.where(valid & (dhi >= dlo), cum[np.clip(dhi + 1, 0, m + 1)] - cum[dlo], 0.0)
    like = np.where(valid, s / np.maximum(width, 1), 0.0)
    llr = np.log(np.maximum(like, 1e-3 * base) / base)
    # A window over the whole lookback carries no timing evidence: its likelihood is the
    # baseline, computed another way (a sum of the pmf against its mean); rounding is not evidence.
    llr = np.where(np.isclose(like, base, rtol=1e-9, atol=0.0), 0.0, llr)
    return llr, like > 0.5 * base


def _delay_pmfs(inc: Incubation, lookback: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Infection-to-onset (the incubation period) and infection-to-first-positive-test (the
    incubation period plus a uniform 0-6 day wait for the test: an assumption, see the method
    note) distributions, with their no-information baselines over ``lookback`` days."""
    f = inc.pmf()
    g = np.convolve(f, np.full(7, 1 / 7))[: f.size]
    g = g / g.sum()
    k = min(lookback, f.size - 1) + 1
    return f, g, float(f[:k].mean()), float(g[:k].mean())


#: How many leading candidates of a cluster are compared for nesting.
TOP_NESTED: Final[int] = 5

#: Setting kinds where living together makes transmission from an earlier case the explanation.
CLOSE_KINDS: Final[tuple[str, ...]] = ("household", "dormitory")


def exposure_llr(a: np.ndarray, n: np.ndarray, q: np.ndarray, unexplained: float) -> np.ndarray:
    """Log-likelihood ratio that the candidate is the cluster's source, from who was exposed:
    under "source", each of the ``n`` primary cases was exposed with probability
    ``1 - unexplained``; under "not the source", with the cohort's exposure prevalence ``q``
    (Kaufman et al. 2014's likelihood of case exposures given a candidate, for binary exposure).
    ``a`` cases were exposed."""
    a, n, q = (np.asarray(x, dtype=float) for x in (a, n, q))
    q = np.clip(q, 1e-9, 1 - 1e-9)
    out: np.ndarray = a * np.log((1 - unexplained) / q) + (n - a) * np.log(unexplained / (1 - q))
    return out


def secondary_cases(
    cases: pd.DataFrame,
    exposures: pd.DataFrame,
    kinds: pd.Series,
    contacts: pd.DataFrame | None = None,
    *,
    min_gap: int = 2,
) -> pd.Series:
    """Cases explained by an earlier case (bool per case id): a recorded household contact with
    a case whose date is at least ``min_gap`` days earlier, or a household or dormitory shared
    with such a case. A source has to explain the others (the primary cases)."""
    pf = pt = np.empty(0, dtype=np.int64)
    if contacts is not None and len(contacts) and "type" in contacts.columns:
        home = contacts[(contacts["type"] == "household").fillna(False).to_numpy(dtype=bool)]
        pft = case_positions(cases, home["from"], home["to"])
        pf, pt = pft[: len(home)], pft[len(home) :]
    close = exposures["setting_id"].map(kinds).isin(list(CLOSE_KINDS)).to_numpy(dtype=bool)
    pos = case_positions(cases, exposures["case_id"][close])
    sid = pd.factorize(exposures["setting_id"].to_numpy()[close])[0]
    sec = _secondary(_days(case_time(cases)), pf, pt, pos, sid, min_gap)
    return pd.Series(sec, index=cases["id"].to_numpy())


def _secondary(
    t: np.ndarray,
    pf: np.ndarray,
    pt: np.ndarray,
    pos: np.ndarray,
    sid: np.ndarray,
    min_gap: int,
) -> np.ndarray:
    """The rule of :func:`secondary_cases` on case rows: household contacts ``pf``-``pt`` (rows,
    -1 for non-cases) and close-setting exposures (case rows ``pos``, setting codes ``sid``)."""
    sec = np.zeros(t.size, dtype=bool)
    # only contacts of living together: two pupils or workers infected by one source on
    # different days are not each other's infectors for sure
    both = (pf >= 0) & (pt >= 0)
    pf, pt = pf[both], pt[both]
    sec[pt[t[pf] <= t[pt] - min_gap]] = True
    sec[pf[t[pt] <= t[pf] - min_gap]] = True
    ok = pos >= 0
    if ok.any():
        tc = pd.Series(t[pos[ok]])
        first = tc.groupby(sid[ok]).transform("min").to_numpy()
        sec[pos[ok][tc.to_numpy() - first >= min_gap]] = True
    return sec


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
    unexplained: float = 0.2,
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
    if not 0 < unexplained < 1:
        raise InputError("need 0 < unexplained < 1", field="unexplained")
    if not 0 < false_positive < sensitivity < 1:
        raise InputError(
            "need 0 < false_positive < sensitivity < 1", field="sensitivity/false_positive"
        )
    inc = incubation or Incubation()
    nat = np.iinfo(np.int64).min
    n_cases = len(cases)
    lab = labels.reindex(cases["id"].to_numpy()).to_numpy()
    size = pd.Series(lab).value_counts()
    keep = set(size.index[size.to_numpy() >= min_size])
    if clusters is not None:
        keep &= set(clusters)
    t_case = _days(case_time(cases))
    report = _days(cases["date_reporting"])
    onset_known = col_dates(cases, "date_onset").notna().to_numpy()
    kinds = pd.Series(dtype=object)
    if settings is not None and len(settings):
        kinds = pd.Series(settings["kind"].to_numpy(), index=settings["id"].to_numpy())

    # every person as a code: cases first (code = row in cases), then everyone else
    parts = [cases["id"], exposures["case_id"]]
    if contacts is not None and len(contacts):
        parts += [contacts["from"], contacts["to"]]
    allp = pd.concat([p.reset_index(drop=True) for p in parts], ignore_index=True)
    if not pd.api.types.is_string_dtype(allp.dtype):
        allp = allp.astype(str)
    pcode, _ = pd.factorize(allp)
    case_code = pcode[:n_cases]
    n_people = int(pcode.max()) + 1 if len(pcode) else 0
    pos_of = np.full(n_people, -1, dtype=np.int64)  # person code -> row in cases
    pos_of[case_code] = np.arange(n_cases)
    e_person = pcode[n_cases : n_cases + len(exposures)]
    e_cand = exposures["setting_id"].to_numpy().astype(str).astype(object)
    e_start = _days(exposures["date_start"]) if "date_start" in exposures else None
    e_end = _days(exposures["date_end"]) if "date_end" in exposures else None
    e_start = e_start if e_start is not None else np.full(len(exposures), nat)
    e_end = e_end if e_end is not None else np.full(len(exposures), nat)
    e_kind = pd.Series(e_cand).map(kinds).fillna("setting").to_numpy(dtype=object)
    if "imported" in cases.columns and contacts is not None and len(contacts):
        # imported cases: the people recorded as their contacts were exposed to them
        imported = cases["imported"].fillna(False).to_numpy(dtype=bool)
        c_from = pcode[n_cases + len(exposures) : n_cases + len(exposures) + len(contacts)]
        c_to = pcode[n_cases + len(exposures) + len(contacts) :]
        fpos = pos_of[c_from]
        sel = (fpos >= 0) & imported[np.maximum(fpos, 0)]
        if sel.any():
            last = (
                _days(contacts["date_last_exposure"])[sel]
                if "date_last_exposure" in contacts
                else np.full(int(sel.sum()), nat)
            )
            end = np.where(last != nat, last, report[fpos[sel]])
            e_person = np.concatenate([e_person, c_to[sel]])
            e_cand = np.concatenate(
                [
                    e_cand,
                    ("case:" + pd.Series(cases["id"].to_numpy()[fpos[sel]]).astype(str)).to_numpy(
                        dtype=object
                    ),
                ]
            )
            e_start = np.concatenate([e_start, end - 4])  # infectious ~4 days before onset
            e_end = np.concatenate([e_end, end])
            e_kind = np.concatenate([e_kind, np.full(int(sel.sum()), "imported_case", object)])
    cand_code, cand_index = pd.factorize(pd.Series(e_cand, dtype=object))
    cand_names = np.asarray(cand_index, dtype=object)
    cand_kind = np.empty(len(cand_names), dtype=object)
    cand_kind[cand_code] = e_kind

    # primary cases: those no earlier case explains; secondary cases leave the analysis
    n_e = len(exposures)
    home_f = home_t = np.empty(0, dtype=np.int64)
    if contacts is not None and len(contacts) and "type" in contacts.columns:
        home = (contacts["type"] == "household").fillna(False).to_numpy(dtype=bool)
        c_codes = pcode[n_cases + n_e :]
        home_f = pos_of[c_codes[: len(contacts)][home]]
        home_t = pos_of[c_codes[len(contacts) :][home]]
    close = np.isin(cand_kind[cand_code[:n_e]], list(CLOSE_KINDS))
    sec_case = _secondary(
        t_case,
        home_f,
        home_t,
        pos_of[pcode[n_cases : n_cases + n_e][close]],
        cand_code[:n_e][close],
        2,
    )
    secondary = np.zeros(n_people, dtype=bool)
    secondary[case_code[sec_case]] = True
    n_primary = pd.Series(lab[~sec_case]).value_counts()
    n_cohort = n_people - int(secondary.sum())
    ok = ~secondary[e_person]
    e_person, cand_code = e_person[ok], cand_code[ok]
    e_start, e_end = e_start[ok], e_end[ok]
    n_c = len(cand_names)
    pair = np.unique(e_person.astype(np.int64) * n_c + cand_code)
    n_exposed = np.bincount(pair % n_c, minlength=n_c)

    # the exposures of the kept clusters' cases
    e_pos = pos_of[e_person]
    kept_case = pd.Series(lab).isin(keep).to_numpy()
    sel = (e_pos >= 0) & kept_case[np.maximum(e_pos, 0)]
    if not sel.any():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SOURCE_COLUMNS})
    pos = e_pos[sel]
    cc = cand_code[sel]
    rep = report[pos]
    st = np.where(e_start[sel] == nat, rep - lookback_days, e_start[sel])
    en = np.where(e_end[sel] == nat, rep, e_end[sel])
    f_onset, f_test, b_onset, b_test = _delay_pmfs(inc, lookback_days)
    t = t_case[pos]
    llr_o, fit_o = _timing(t, st, en, f_onset, b_onset)
    llr_t, fit_t = _timing(t, st, en, f_test, b_test)
    has_onset = onset_known[pos]
    ce = pd.DataFrame(
        {
            "cluster": lab[pos],
            "cand": cc,
            "person": case_code[pos],
            "llr_t": np.where(has_onset, llr_o, llr_t),
            "fit": np.where(has_onset, fit_o, fit_t),
        }
    )
    # one exposure per (case, candidate): the best-fitting window
    ce = ce.sort_values("llr_t", kind="stable").drop_duplicates(["person", "cand"], keep="last")
    g = ce.groupby(["cluster", "cand"])
    out = pd.DataFrame(
        {
            "n_exposed_cases": g.size(),
            "llr_timing": g["llr_t"].sum(),
            "n_timed": g.size(),
            "n_timing_fit": g["fit"].sum(),
        }
    ).reset_index()
    code = out["cand"].to_numpy()
    out["candidate"] = cand_names[code]
    out["kind"] = cand_kind[code]
    names = pd.Series(dtype=object)
    if settings is not None and "name" in settings.columns:
        names = pd.Series(settings["name"].to_numpy(), index=settings["id"].to_numpy())
    mapped = pd.Series(out["candidate"].to_numpy()).map(names).to_numpy(dtype=object)
    out["name"] = [v if isinstance(v, str) else "" for v in mapped]
    out["n_cases"] = out["cluster"].map(size).astype(np.int64)
    out["n_primary"] = out["cluster"].map(n_primary).fillna(0).astype(np.int64)
    out["n_exposed"] = n_exposed[code].astype(np.int64)
    a = out["n_exposed_cases"].to_numpy(float)
    n1 = out["n_exposed"].to_numpy(float)
    c = out["n_primary"].to_numpy(float) - a
    n0 = n_cohort - n1
    out["share_exposed"] = a / np.maximum(out["n_primary"].to_numpy(float), 1.0)
    out["attack_rate_exposed"] = a / n1
    out["attack_rate_unexposed"] = np.where(n0 > 0, c / np.maximum(n0, 1), np.nan)
    rr, lo, hi = katz_rr(a, n1, c, n0)
    out["rr"], out["rr_low"], out["rr_high"] = rr, lo, hi
    out["llr_exposure"] = exposure_llr(
        a, out["n_primary"].to_numpy(float), n1 / max(n_cohort, 1), unexplained
    )
    pos_n = np.zeros(n_c, dtype=np.int64)
    tot_n = np.zeros(n_c, dtype=np.int64)
    if samples is not None and len(samples):
        res = samples["result"].astype(str).to_numpy()
        done = (res == "positive") | (res == "negative")
        idx = pd.Index(cand_names).get_indexer(samples["setting_id"].to_numpy()[done])
        hit = idx >= 0
        np.add.at(tot_n, idx[hit], 1)
        np.add.at(pos_n, idx[hit], (res[done] == "positive")[hit].astype(np.int64))
    out["samples_positive"] = pos_n[code]
    out["samples_total"] = tot_n[code]
    npos = out["samples_positive"].to_numpy(float)
    nneg = out["samples_total"].to_numpy(float) - npos
    out["llr_samples"] = npos * np.log(sensitivity / false_positive) + nneg * np.log(
        (1 - sensitivity) / (1 - false_positive)
    )
    out["score"] = out["llr_exposure"] + out["llr_timing"] + out["llr_samples"]
    out["within"] = ""
    out["llr_within"] = 0.0
    per = pd.DataFrame({"person": pair // n_c, "cand": pair % n_c})
    _refine_nested(out, per, ce)
    out = out.sort_values(["cluster", "score", "candidate"], ascending=[True, False, True])
    out["rank"] = out.groupby("cluster").cumcount().astype(np.int64) + 1
    used = list(REASON_FIELDS)
    out["reason"] = [
        _reason(dict(zip(used, row, strict=True)))
        for row in zip(*(out[c].tolist() for c in used), strict=True)
    ]
    return out[list(SOURCE_COLUMNS)].reset_index(drop=True)


def _refine_nested(out: pd.DataFrame, per: pd.DataFrame, ce: pd.DataFrame) -> None:
    """Nested candidates: one whose exposed people are (90 % or more) also exposed to another
    (a cold-chain lot in a warehouse, a workshop in a factory) explains the same cases, so the
    two are told apart by what differs: among the larger one's exposed, the attack rate of those
    exposed to the smaller one against the rest (signed binomial log-likelihood ratio), and the
    two candidates' timing and sample evidence. The smaller one's score becomes the larger one's
    plus those differences when that is higher than its own. Households and dormitories are
    where secondary cases arise, never a finer source."""
    # only the leading candidates of a cluster can change places: the top TOP_NESTED by score
    top = out[(out["n_exposed_cases"] >= 2) & ~out["kind"].isin(list(CLOSE_KINDS))]
    top = top.sort_values("score", ascending=False).groupby("cluster").head(TOP_NESTED)
    big = top[top.groupby("cluster")["candidate"].transform("size") > 1]
    if big.empty:
        return
    cands = np.unique(big["cand"].to_numpy())
    # exposed people per candidate, built only for the pairs that get that far
    p_sorted = per[np.isin(per["cand"].to_numpy(), cands)].sort_values("cand", kind="stable")
    p_cand = p_sorted["cand"].to_numpy()
    p_person = p_sorted["person"].to_numpy()
    cache: dict[int, set[int]] = {}

    def exposed(c: int) -> set[int]:
        if c not in cache:
            lo, hi = np.searchsorted(p_cand, [c, c + 1])
            cache[c] = set(p_person[lo:hi].tolist())
        return cache[c]

    sub = ce[np.isin(ce["cand"].to_numpy(), cands)]
    cases_of = {(cl, c): set(g) for (cl, c), g in sub.groupby(["cluster", "cand"])["person"]}
    idx = {(r.cluster, r.cand): i for i, r in zip(big.index, big.itertuples(), strict=True)}
    size = dict(
        zip(big["cand"].to_numpy().tolist(), big["n_exposed"].to_numpy().tolist(), strict=True)
    )
    for cl, grp in big.groupby("cluster"):
        cols = ["cand", "candidate", "kind", "score", "llr_samples", "llr_timing"]
        rows: list[dict[str, Any]] = [
            dict(zip(cols, r, strict=True)) for r in grp[cols].itertuples(index=False, name=None)
        ]
        for fine in rows:
            if fine["kind"] in CLOSE_KINDS:
                continue
            best: tuple[str, float, float] | None = None
            fc = cases_of.get((cl, fine["cand"]), set())
            for coarse in rows:
                if coarse["cand"] == fine["cand"] or size[coarse["cand"]] <= size[fine["cand"]]:
                    continue
                # cheap first: the exposed cases must be nested too
                if len(fc & cases_of.get((cl, coarse["cand"]), set())) < 0.9 * len(fc):
                    continue
                ef, ec = exposed(fine["cand"]), exposed(coarse["cand"])
                inside = ef & ec
                if len(inside) < 0.9 * len(ef):
                    continue
                cf = cases_of.get((cl, fine["cand"]), set()) & inside
                cc = cases_of.get((cl, coarse["cand"]), set())
                arr = [np.array([float(x)]) for x in (len(cf), len(inside), len(cc - inside))]
                llr = float(attack_llr(arr[0], arr[1], arr[2], np.array([len(ec - inside)]))[0])
                delta = (
                    llr
                    + (float(fine["llr_samples"]) - float(coarse["llr_samples"]))
                    + (float(fine["llr_timing"]) - float(coarse["llr_timing"]))
                )
                total = float(coarse["score"]) + delta
                if best is None or total > best[1]:
                    best = (str(coarse["candidate"]), total, llr)
            if best is not None:
                i = idx[(cl, fine["cand"])]
                if best[1] > float(out["score"].to_numpy()[out.index.get_loc(i)]):
                    out.at[i, "score"] = best[1]
                    out.at[i, "within"] = best[0]
                    out.at[i, "llr_within"] = best[2]


REASON_FIELDS: Final[tuple[str, ...]] = (
    "n_exposed_cases",
    "n_primary",
    "share_exposed",
    "n_cases",
    "attack_rate_exposed",
    "n_exposed",
    "attack_rate_unexposed",
    "rr",
    "rr_low",
    "rr_high",
    "llr_timing",
    "n_timing_fit",
    "n_timed",
    "within",
    "llr_within",
    "samples_total",
    "samples_positive",
)


def _reason(g: dict[str, Any]) -> str:
    """The evidence in words, as an investigation report would put it."""
    parts = [
        f"{g['n_exposed_cases']} of the cluster's {g['n_primary']} primary cases "
        f"({g['share_exposed']:.0%}; {g['n_cases'] - g['n_primary']} more explained by an "
        "earlier case) were exposed"
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
    if g["within"]:
        parts.append(
            f"nested in {g['within']}: scored as it, plus the difference in attack rate inside "
            f"it (log-likelihood ratio {g['llr_within']:+.1f}), timing and samples"
        )
    if g["samples_total"]:
        parts.append(
            f"{g['samples_positive']} of {g['samples_total']} environmental samples positive"
        )
    return "; ".join(parts)


__all__ = [
    "SOURCE_COLUMNS",
    "Incubation",
    "attack_llr",
    "exposure_llr",
    "katz_rr",
    "rank_sources",
    "secondary_cases",
]
