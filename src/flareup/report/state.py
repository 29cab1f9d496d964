"""The situation as data: the figures of a situation report, each with what it rests on.

:func:`area_state` reads the registry (through :mod:`flareup.report.queries`) and returns an
:class:`AreaState`: rows of (figure, value, rests on) and notes about thin data. The CLI prints
it (``flareup state``); the web app serves it as JSON (:meth:`AreaState.to_dict`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from flareup.analytics.composition import (
    asymptomatic_share,
    count_ratio,
    reclassification_rate,
    severe_share,
)
from flareup.analytics.delays import delay_distribution, reporting_delays
from flareup.analytics.growth import fit_growth
from flareup.analytics.incidence import (
    aggregate_to_parents,
    cumulative_and_current,
    incidence_from_linelist,
)
from flareup.analytics.nowcast import nowcast, onset_series
from flareup.analytics.rt import CoriRt
from flareup.errors import DataTooThinWarning, FlareupError, InputError
from flareup.report.queries import area_counts
from flareup.schema import FLOW_METRICS, area_display_name, days_interval_text

if TYPE_CHECKING:
    from flareup.registry import Registry

#: COVID-19 serial interval used by ``state`` and the demo unless told otherwise: mean 4.7 d,
#: sd 2.9 d (Nishiura H, Linton NM, Akhmetzhanov AR. Serial interval of novel coronavirus
#: (COVID-19) infections. Int J Infect Dis 2020;93:284-6).
COVID_SI_MEAN, COVID_SI_SD = 4.7, 2.9
COVID_SI_REF = "Nishiura, Linton & Akhmetzhanov 2020"
#: The metric used by default: every detected infection once (schema.DERIVED_METRICS).
DEFAULT_METRIC = "infections_new"
FLOW_METRICS_ACR = ("asymptomatic_new", "confirmed_new", "reclassified_new")


def fmt_number(v: Any, floats: int = 3) -> str:
    """A number as the tables print it: NaN as an em dash, infinity as ``inf``."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        return "\u2014"
    if isinstance(v, float | np.floating):
        return "inf" if math.isinf(v) else f"{v:.{floats}f}"
    return str(v)


#: One figure's numbers beside its words (``flareup state -f csv|json``, the dashboard's JSON
#: twin): see :func:`numbers`.
Numbers = dict[str, Any]
#: A state row: (figure, value as words, rests on) and, where the figure is a number, its
#: :data:`Numbers`.
Row = tuple[str, str, str] | tuple[str, str, str, Numbers]

#: The numeric columns of a state figure, in order (``flareup state -f csv``).
NUMBER_COLUMNS: tuple[str, ...] = (
    "key",
    "value",
    "lower",
    "upper",
    "unit",
    "interval",
    "figure_date",
    "words",
)


def numbers(
    key: str,
    value: Any = None,
    lower: Any = None,
    upper: Any = None,
    *,
    unit: str | None = None,
    interval: str | None = None,
    on: Any = None,
    words: str | None = None,
) -> Numbers:
    """A figure as numbers a script reads: a stable ``key`` (the figure's name changes with
    the trend: 'Doubling time' / 'Halving time'), the ``value`` and its interval's ``lower``
    and ``upper`` end (floats; infinity where an end is open), the ``unit``, the ``interval``'s
    kind ('95% CI', '95% CrI'), the day the figure stands on (``figure_date``) and the words
    of a verdict ('rising', 'thin', 'no clear trend') in their own column."""

    def num(v: Any) -> float | int | None:
        if v is None or v is pd.NaT:
            return None
        if isinstance(v, int | np.integer):
            return int(v)  # a count stays whole: 45, not 45.0
        f = float(v)
        return None if math.isnan(f) else f

    day = None if on is None or on is pd.NaT else pd.Timestamp(on).date().isoformat()
    return {
        "key": key,
        "value": num(value),
        "lower": num(lower),
        "upper": num(upper),
        "unit": unit,
        "interval": interval if lower is not None or upper is not None else None,
        "figure_date": day,
        "words": words,
    }


def pct(share: float, lo: float, hi: float) -> str:
    return f"{100 * share:.0f}% (95% CI {100 * lo:.0f}–{100 * hi:.0f}%)"


def dynamics_rows(
    s: pd.Series,
    imported: pd.Series | None,
    si_mean: float,
    si_sd: float,
    *,
    what: str,
    tag: str = "",
) -> tuple[list[Row], list[str]]:
    """Trend, R_t of the last window and doubling time of the daily series ``s`` (all cases;
    ``imported`` the imported among them, kept apart for R_t as Thompson et al. 2019)."""
    rows: list[Row] = []
    notes: list[str] = []
    key = "_linelist" if tag else ""
    # trend: last 7 days against the 7 before
    if len(s) >= 14:
        a, b = int(s.iloc[-7:].sum()), int(s.iloc[-14:-7].sum())
        # a verdict only where chance alone cannot explain the difference (exact Poisson ratio)
        ratio, lo, hi, word = count_ratio(a, b)
        rows.append(
            (
                "Trend (7 days vs previous 7)" + tag,
                f"{word}: {a} vs {b}"
                + (
                    f" (ratio {fmt_number(ratio, 2)}, 95% CI {fmt_number(lo, 2)}–"
                    f"{fmt_number(hi, 2)})"
                    if a + b
                    else ""
                ),
                f"{what} to {s.index[-1].date()}; exact Poisson rate-ratio interval",
                numbers(
                    "trend_ratio" + key,
                    ratio if a + b else None,
                    lo if a + b else None,
                    hi if a + b else None,
                    unit="rate ratio (last 7 days / previous 7)",
                    interval="95% CI",
                    on=s.index[-1],
                    words=word,
                ),
            )
        )
    else:
        rows.append(
            (
                "Trend (7 days vs previous 7)" + tag,
                "—",
                f"only {len(s)} days of data (need 14)",
                numbers("trend_ratio" + key),
            )
        )
    # R_t, last window
    try:
        with warnings.catch_warnings():
            # Thin windows are reported below, in words, for the last window only.
            warnings.simplefilter("ignore", DataTooThinWarning)
            frame = (
                pd.DataFrame({"date": s.index, "I": s.to_numpy()})
                if imported is None
                else pd.DataFrame(
                    {
                        "date": s.index,
                        "local": (s - imported).to_numpy(),
                        "imported": imported.to_numpy(),
                    }
                )
            )
            est = CoriRt(si_mean, si_sd, fill_missing="zero").fit(frame)
        if est.estimates_.empty:
            rows.append(
                (
                    "R_t (last 7 days)" + tag,
                    "—",
                    "series too short for one window",
                    numbers("rt" + key),
                )
            )
        else:
            r = est.estimates_.iloc[-1]
            diag = est.diagnostics_[est.diagnostics_["t_end"] == r["t_end"]].iloc[0]
            thin = bool(diag["too_few_cases"])
            rows.append(
                (
                    "R_t (last 7 days)" + tag,
                    f"{r['mean']:.2f} (95% CrI {r['q0.025']:.2f}–{r['q0.975']:.2f})"
                    + (" — thin" if thin else ""),
                    f"Cori et al. 2013 on {int(diag['n_cases'])} cases "
                    f"{r['date_start'].date()}–{r['date_end'].date()}; SI gamma mean "
                    f"{si_mean:g} sd {si_sd:g} d"
                    + (
                        f" ({COVID_SI_REF})"
                        if (si_mean, si_sd) == (COVID_SI_MEAN, COVID_SI_SD)
                        else ""
                    )
                    + "; prior mean 5 sd 5",
                    numbers(
                        "rt" + key,
                        r["mean"],
                        r["q0.025"],
                        r["q0.975"],
                        unit="reproduction number",
                        interval="95% CrI",
                        on=r["date_end"],
                        words="thin" if thin else None,
                    ),
                )
            )
            if thin:
                notes.append(
                    f"R_t{tag}: the last window holds {int(diag['n_cases'])} cases, "
                    f"fewer than the {est_min_cases()} EpiEstim asks for a posterior CV of 0.3;"
                    " the interval is wide and the prior still weighs"
                )
    except FlareupError as exc:
        rows.append(
            (
                "R_t (last 7 days)" + tag,
                "—",
                f"not estimable: {_why(exc)}",
                numbers("rt" + key),
            )
        )
    # growth over the last 14 days (or all)
    n = min(14, len(s))
    try:
        fit = fit_growth(s.to_numpy()[-n:], s.index[-n:], family="negbin")
        kind, t, tlo, thi = fit.time_interval()
        rows.append(
            (
                f"{kind.capitalize()} time ({n} days){tag}",
                days_interval_text(t, tlo, thi),
                # the verdict heads the basis line: beside the interval it wrapped at 80 columns
                ("no clear trend (r's interval holds 0): " if fit.r_low < 0 < fit.r_high else "")
                + f"negative-binomial log-linear fit, r = {fit.r:+.3f}/day "
                f"({fit.r_low:+.3f} to {fit.r_high:+.3f}) on {int(fit.n_cases)} cases",
                # i2extras' words: 'growth' (a doubling time) or 'decay' (a halving time)
                numbers(
                    "growth_time" + key,
                    t,
                    tlo,
                    thi,
                    unit="days",
                    interval="95% CI",
                    on=s.index[-1],
                    words=("growth" if kind == "doubling" else "decay")
                    + ("; no clear trend" if fit.r_low < 0 < fit.r_high else ""),
                ),
            )
        )
        if fit.n_cases < 20:
            notes.append(f"growth{tag}: only {int(fit.n_cases)} cases in the last {n} days")
    except FlareupError as exc:
        rows.append(
            (
                "Doubling time" + tag,
                "—",
                f"not estimable: {_why(exc)}",
                numbers("growth_time" + key),
            )
        )
    return rows, notes


def _why(exc: FlareupError) -> str:
    """An error's reason without the ``<input>, field 'x':`` prefix meant for file errors."""
    return str(getattr(exc, "reason", None) or exc)


def state_rows(
    counts: pd.DataFrame,
    areas: pd.DataFrame,
    area: str,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
) -> tuple[list[Row], list[str]]:
    """The situation-report figures of ``area`` on ``date``: (figure, value, rests on) rows and
    notes about thin data. Pure apart from the frames given (registry counts and areas)."""
    notes: list[str] = []
    rows: list[Row] = []
    full = aggregate_to_parents(
        counts.drop(
            columns=[c for c in counts.columns if c not in ("area", "date", "metric", "value")]
        ),
        areas,
    )
    df = full[full["area"] == area].copy()
    if date is not None:
        df = df[df["date"] <= pd.Timestamp(date)]
    if df.empty:
        raise InputError(
            f"area {area} has no data" + (f" on or before {date}" if date else ""), field="--area"
        )
    day = df["date"].max() if date is None else pd.Timestamp(date)
    summed = set(df.loc[df["basis"] == "summed", "metric"])

    def basis(metrics: list[str]) -> str:
        return "summed from sub-areas" if summed & set(metrics) else "reported"

    # current stocks: latest reported figure on or before the day
    have = set(df["metric"])
    for m, label in (
        ("confirmed_current", "Current confirmed"),
        # severe cases are confirmed cases: the row goes under confirmed, never asymptomatic
        (
            "severe_current",
            "  of which severe" if "confirmed_current" in have else "Current severe (confirmed)",
        ),
        ("asymptomatic_current", "Current asymptomatic"),
    ):
        sub = df[df["metric"] == m]
        if sub.empty:
            continue
        r = sub.sort_values("date").iloc[-1]
        age = (day - r["date"]).days
        # "summed from sub-areas stock on ..." read as one noun phrase: the sum is said after
        how = "reported stock" if r["basis"] == "reported" else "stock summed from sub-areas,"
        rows.append(
            (
                label,
                f"{int(r['value'])}",
                f"{how} on {r['date'].date()}" + (f" ({age} days old)" if age > 0 else ""),
                numbers(m, int(r["value"]), unit="people", on=r["date"]),
            )
        )
    flows = df[df["metric"].isin(FLOW_METRICS)]
    if flows.empty:
        notes.append(
            "no flow figures (new cases per day): no cumulative counts, trend, R_t or growth rate"
        )
        return rows, notes
    cc = cumulative_and_current(
        flows[["area", "date", "metric", "value"]], area=area, fill_missing="zero"
    )
    first = cc["date"].min().date()
    lastc = cc.iloc[-1]
    rows.append(
        (
            "Cumulative detected infections",
            f"{int(lastc['infections_cum'])}",
            f"sum of daily new confirmed (direct) + new asymptomatic since {first}, "
            f"each infection once; {basis(['asymptomatic_new', 'confirmed_new'])}",
            numbers(
                "infections_cum", int(lastc["infections_cum"]), unit="infections", on=lastc["date"]
            ),
        )
    )
    rows.append(
        (
            "  confirmed (incl. reclassified)",
            f"{int(lastc['confirmed_cum'])}",
            f"of which {int(lastc['reclassified_cum'])} reclassified from asymptomatic",
            numbers("confirmed_cum", int(lastc["confirmed_cum"]), unit="cases", on=lastc["date"]),
        )
    )
    gaps = cc["date"][~cc["date"].isin(flows["date"])]
    if len(gaps):
        notes.append(
            f"no report of new cases on {len(gaps)} day(s) "
            f"({', '.join(d.date().isoformat() for d in gaps[:6])}"
            f"{' ...' if len(gaps) > 6 else ''}): counted as 0 for the trend, R_t and "
            "growth rate"
        )
    inc = cc[["date"]].copy()
    inc["I"] = cc["infections_cum"].diff().fillna(cc["infections_cum"]).astype(int)
    # New cases end with the last flow report: days after it are unknown, not zero.
    flow_end = flows["date"].max()
    if flow_end < day:
        notes.append(
            f"the last report of new cases is from {flow_end.date()}, "
            f"{(day - flow_end).days} day(s) before {day.date()}: the trend, R_t and "
            f"growth rate describe the days up to {flow_end.date()}"
        )
    cal = pd.date_range(inc["date"].min(), flow_end, freq="D")
    s = inc.set_index("date")["I"].reindex(cal, fill_value=0)
    if lastc["infections_cum"] > 0 and lastc["asymptomatic_cum"] > 0.5 * lastc["infections_cum"]:
        notes.append(
            f"{100 * lastc['asymptomatic_cum'] / lastc['infections_cum']:.0f}% of "
            "detections were asymptomatic, i.e. found by testing: counts by report "
            "date follow the testing rounds, so the trend, R_t and growth rate "
            "describe detections, not infections"
        )
    drows, dnotes = dynamics_rows(s, None, si_mean, si_sd, what="new detected infections")
    rows += drows
    notes += dnotes
    # composition: each share on its own, so that one inconsistent figure (e.g. more
    # reclassified than confirmed, which no proportion can hold) costs that figure only and is
    # said in words, instead of taking every other figure of the state down with it
    fl = flows[["area", "date", "metric", "value"]]
    shares: list[tuple[str, Callable[[], Row | None]]] = [
        ("Asymptomatic at detection", lambda: _asymptomatic_row(fl)),
        ("Asymptomatic later confirmed", lambda: _reclassified_row(flows)),
        ("Severe among current confirmed", lambda: _severe_row(df)),
    ]
    for label, build in shares:
        try:
            row = build()
        except InputError as exc:
            notes.append(f"{label.lower()}: not computable, the counts disagree ({_why(exc)})")
            continue
        if row is not None:
            rows.append(row)
    return rows, notes


def _share(key: str, x: Any, on: Any = None) -> Numbers:
    """A share's numbers: a proportion (0-1) with its Wilson interval."""
    return numbers(
        key, x["share"], x["low"], x["high"], unit="proportion", interval="95% CI", on=on
    )


def _asymptomatic_row(flows: pd.DataFrame) -> Row | None:
    try:
        sh = asymptomatic_share(flows, fill_missing="zero", cumulative=True)
    except InputError:
        tot = flows.groupby("metric")["value"].sum()
        a, c, r = (int(tot.get(m, 0)) for m in FLOW_METRICS_ACR)
        raise InputError(
            f"more reclassified ({r}) than confirmed ({c}) on some day to date, so fewer "
            f"detected infections than asymptomatic ones (to date: {a} asymptomatic, "
            f"{a + c - r} infections = confirmed + asymptomatic - reclassified)",
            field="reclassified_new",
        ) from None
    if not len(sh) or sh["n"].iloc[-1] <= 0:
        return None
    x = sh.iloc[-1]
    return (
        "Asymptomatic at detection",
        pct(x["share"], x["low"], x["high"]),
        f"{int(x['k'])} of {int(x['n'])} detected infections; Wilson interval",
        _share("asymptomatic_share", x, x.get("date")),
    )


def _reclassified_row(flows: pd.DataFrame) -> Row | None:
    rr = reclassification_rate(flows)
    if not len(rr):
        return None
    x = rr.iloc[0]
    return (
        "Asymptomatic later confirmed",
        pct(x["share"], x["low"], x["high"]),
        f"{int(x['k'])} of {int(x['n'])} reclassified so far (a lower bound: "
        "recent ones have had little time)",
        _share("reclassified_share", x),
    )


def _severe_row(df: pd.DataFrame) -> Row | None:
    sev = severe_share(df[["area", "date", "metric", "value"]])
    if not len(sev):
        return None
    x = sev.iloc[-1]
    return (
        "Severe among current confirmed",
        pct(x["share"], x["low"], x["high"]),
        f"{int(x['k'])} of {int(x['n'])} on {pd.Timestamp(x['date']).date()}",
        _share("severe_share", x, x["date"]),
    )


def est_min_cases() -> int:
    """Cases EpiEstim asks of a window with the default prior and CV (11)."""
    from flareup.analytics.rt import min_cases_for_cv, prior_shape_scale

    return min_cases_for_cv(0.3, prior_shape_scale(5.0, 5.0)[0])


def linelist_rows(
    cases: pd.DataFrame | None,
    *,
    as_of: Any = None,
    seed: int = 2020,
) -> tuple[list[Row], list[str]]:
    """Reporting delay and a nowcast of the last 7 days by onset, from a line list."""
    rows: list[Row] = []
    notes: list[str] = []
    if cases is None or cases.empty:
        notes.append("no line list: no onset-to-report delay distribution and no nowcast")
        return rows, notes
    from flareup.report.investigation import linelist_provenance

    origin = linelist_provenance(cases)
    if origin:
        notes.append(f"the delay and nowcast rest on the {origin}")
    cases = cases.copy()
    if as_of is not None:
        cases = cases[pd.to_datetime(cases["date_reporting"]) <= pd.Timestamp(as_of)]
    delays = reporting_delays(cases)
    if len(delays) < 5:
        notes.append(
            f"only {len(delays)} cases with both onset and report dates: no delay "
            "distribution or nowcast"
        )
        return rows, notes
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataTooThinWarning)
        dist = delay_distribution(delays, max_delay=14, as_of=as_of)
        end = (
            pd.Timestamp(as_of)
            if as_of is not None
            else pd.to_datetime(cases["date_reporting"]).max()
        )
        obs = onset_series(cases, as_of=end)
        nc = nowcast(obs, dist, as_of=end, seed=seed).tail(7)
    notes += [str(w.message) for w in caught if issubclass(w.category, DataTooThinWarning)]
    rows.append(
        (
            "Onset to report (mean)",
            f"{dist.mean:.1f} d",
            f"{len(delays)} cases with both dates; the distribution (empirical, 0-14 d) "
            + (
                f"from the {dist.n} whose onset is 14+ days before the last report, so that "
                "no delay is cut short"
                if dist.n < len(delays)
                else "from all of them"
            ),
            numbers("report_delay_mean", dist.mean, unit="days", on=end),
        )
    )
    if nc["estimate"].notna().all():
        rows.append(
            (
                "Onsets, last 7 days (nowcast)",
                f"{int(nc['median'].sum())} (reported so far {int(nc['observed'].sum())})",
                "delay inflation with a negative-binomial predictive and bootstrapped "
                "delays (Lawless 1994; Höhle & an der Heiden 2014)",
                numbers(
                    "nowcast_onsets_7d",
                    int(nc["median"].sum()),
                    unit="onsets",
                    on=end,
                    words=f"reported so far {int(nc['observed'].sum())}",
                ),
            )
        )
    return rows, notes


def linelist_dynamics_rows(
    cases: pd.DataFrame,
    *,
    by: str = "onset",
    as_of: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
) -> tuple[list[Row], list[str]]:
    """Cases, trend, R_t and doubling time from a line list (one count per person, days
    without a case counted as 0), by onset or report date, up to ``as_of``."""
    if by not in ("onset", "report"):
        raise InputError(f"must be 'onset' or 'report', got {by!r}", field="--by")
    cases = cases.copy()
    if as_of is not None:
        rep = pd.to_datetime(cases["date_reporting"], errors="coerce")
        cases = cases[(rep <= pd.Timestamp(as_of)).to_numpy()]
    if cases.empty:
        return [], ["no line-list cases reported by then"]
    inc = incidence_from_linelist(
        cases,
        by=by,  # type: ignore[arg-type]
        split_imported=True,  # type: ignore[arg-type]
        fill_missing="zero",
        end=as_of,
    )
    col = inc.attrs["by"]
    s = pd.Series((inc["local"] + inc["imported"]).to_numpy(), index=pd.DatetimeIndex(inc["date"]))
    imp = pd.Series(inc["imported"].to_numpy(), index=s.index)
    tag = f" — line list by {by}"
    rows: list[Row] = [
        (
            f"Cases{tag}",
            f"{inc.attrs['n_cases']}",
            f"one per person, {s.index[0].date()}–{s.index[-1].date()}; {int(imp.sum())} imported"
            + (
                f"; {inc.attrs['n_without_date']} without a {col}"
                if inc.attrs["n_without_date"]
                else ""
            ),
            numbers("cases_linelist", int(inc.attrs["n_cases"]), unit="cases", on=s.index[-1]),
        )
    ]
    drows, notes = dynamics_rows(s, imp, si_mean, si_sd, what=f"cases by {col}", tag=tag)
    rows += drows
    if by == "onset":
        notes.append(
            "by onset, the last days hold only the cases reported so far (see the "
            "nowcast): the trend, R_t and growth by onset understate the latest days"
        )
    return rows, notes


@dataclass(frozen=True)
class Figure:
    """One headline figure: what it is, its value as shown, and what it rests on (sources)."""

    figure: str
    value: str
    basis: str
    #: the figure as numbers (:func:`numbers`); None for a figure that is no number
    numbers: Numbers | None = None


@dataclass
class AreaState:
    """The state of one area on one day: figures with their bases, and notes on thin data."""

    area: str
    name: str
    day: pd.Timestamp
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """``Shufu County [653121] — state on 2020-11-20``."""
        return f"{self.name} [{self.area}] \u2014 state on {self.day.date()}"

    def rows(self) -> list[tuple[str, str, str]]:
        """The figures as (figure, value, rests on) tuples."""
        return [(f.figure, f.value, f.basis) for f in self.figures]

    def frame(self) -> pd.DataFrame:
        """The figures for a script (``flareup state -f csv|json``): one row per figure,
        columns ``area``, ``date``, ``figure`` (its name, without the table's indent),
        :data:`NUMBER_COLUMNS` (``key``, ``value``, ``lower``, ``upper``, ``unit``,
        ``interval``, ``figure_date``, ``words``: numbers, never prose), ``text`` (the value as
        the table words it) and ``rests_on``."""
        rows = []
        for f in self.figures:
            num = f.numbers or numbers(_figure_key(f.figure))
            rows.append(
                {
                    "area": self.area,
                    "date": self.day,
                    "figure": f.figure.strip(),
                    **num,
                    # the table's '—' (no value) is a missing value: empty in CSV, JSON null
                    "text": None if f.value == "\u2014" else f.value,
                    "rests_on": f.basis,
                }
            )
        cols = ["area", "date", "figure", *NUMBER_COLUMNS, "text", "rests_on"]
        out = pd.DataFrame(rows, columns=cols)
        # counts stay whole beside rates (45 and 1.18, not 45.0): one column of plain numbers
        out["value"] = pd.Series([r["value"] for r in rows], index=out.index, dtype=object)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ISO day, figures as records, notes."""
        return {
            "area": self.area,
            "name": self.name,
            "date": self.day.date().isoformat(),
            "figures": [
                # the terminal's indent of a sub-figure ("  of which severe") is layout, not name
                {
                    "figure": f.figure.strip(),
                    "value": f.value,
                    "basis": f.basis,
                    # the same figure as numbers, for a script (None: no number)
                    "numbers": f.numbers,
                }
                for f in self.figures
            ],
            "notes": list(self.notes),
        }


def _figure_key(figure: str) -> str:
    """A stable key for a figure that carries no numbers of its own: its name in snake case."""
    import re

    return re.sub(r"[^a-z0-9]+", "_", figure.strip().lower()).strip("_")


def _area_cases(reg: Any, area: str) -> pd.DataFrame:
    """The line list of ``area`` and its sub-areas. Where the registry's reads are shared
    (:class:`~flareup.report.readcache.CachedReads`: the dashboard, the report) the whole line
    list has been read already for the rule set's cluster flags, so the area's rows are taken
    from it (same rows, same order) instead of reading them again."""
    from flareup.report.readcache import CachedReads

    if not isinstance(reg, CachedReads):
        own: pd.DataFrame = reg.cases([area])
        return own
    every: pd.DataFrame = reg.cases()
    codes = {area, *reg.descendants(area)}
    return every[every["location"].astype(str).isin(codes)].reset_index(drop=True)


def area_state(
    reg: Registry,
    area: str,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
    linelist: bool = False,
    by: str = "onset",
) -> AreaState:
    """The situation-report state of ``area`` on ``date`` (default: its last day with data)
    from the registry; with ``linelist``, also the trend, R_t and doubling time from its line
    list by ``by`` date. Raises InputError when the area has neither counts nor (with
    ``linelist``) a line list."""
    try:
        cases: pd.DataFrame | None = _area_cases(reg, area)
    except FlareupError:
        cases = None
    try:
        counts, areas, info = area_counts(reg, area, end=date)
        rows, notes = state_rows(counts, areas, area, date=date, si_mean=si_mean, si_sd=si_sd)
        day = pd.Timestamp(date) if date is not None else counts["date"].max()
    except InputError:
        # An area known only from its line list still has a state, from the line list.
        if not linelist or cases is None or cases.empty:
            raise
        info = reg.area(area)
        rows, notes = (
            [],
            ["no counts in the registry for this area: figures from its line list only"],
        )
        day = (
            pd.Timestamp(date)
            if date is not None
            else pd.to_datetime(cases["date_reporting"]).max()
        )
    if linelist:
        if cases is None or cases.empty:
            notes.append("no line list: no figures by onset or report date of each case")
        else:
            drows, dnotes = linelist_dynamics_rows(
                cases, by=by, as_of=date, si_mean=si_mean, si_sd=si_sd
            )
            rows += drows
            notes += dnotes
    lrows, lnotes = linelist_rows(cases, as_of=date)
    rows += lrows
    notes += lnotes
    return AreaState(
        area=area,
        name=area_display_name(str(info.get("name_en", area))),
        day=pd.Timestamp(day),
        figures=[Figure(*r) for r in rows],
        notes=notes,
    )
