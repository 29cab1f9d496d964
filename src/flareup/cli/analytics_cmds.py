"""``flareup`` commands of the analytics group: ``rt``, ``growth``, ``epicurve``, ``state``,
``nowcast``.

Thin: read a file (``--input``) or the registry (``--area``), call ``flareup.analytics``, print.
Every estimate says what it rests on, and DataTooThinWarnings are printed, never swallowed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
from rich.console import Console

from flareup.analytics.growth import r_to_R
from flareup.analytics.incidence import (
    epicurve_from_counts,
    epicurve_from_linelist,
)
from flareup.analytics.nowcast import nowcast_from_linelist
from flareup.analytics.rt import CoriRt
from flareup.analytics.serial_interval import UncertainSI, si_from_frame
from flareup.charts.epi import epicurve_chart, nowcast_chart
from flareup.cli.common import (
    ChartOpt,
    DbOption,
    above,
    bad_option,
    console,
    err_console,
    in_range,
    iso_date,
    one_of,
    user_errors,
    write_chart,
)
from flareup.cli.output import ExcelBomOpt, FormatOpt, OutFormat, OutputOpt, emit
from flareup.cli.state_view import print_state
from flareup.errors import (
    DataTooThinWarning,
    EstimationError,
    FlareupError,
    InputError,
    cannot_write,
)
from flareup.report.analyses import growth_row
from flareup.report.charts import area_names, state_chart
from flareup.report.queries import (
    check_disjoint_areas,
    default_area,
    epicurve_counts,
    epicurve_linelist,
    load_series,
    open_registry,
)
from flareup.report.state import (
    COVID_SI_MEAN,
    COVID_SI_SD,
    DEFAULT_METRIC,
    area_state,
    fmt_number,
)
from flareup.schema import STACKED_METRICS, AreaLevel, area_display_name

# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------


@contextmanager
def _notes(con: Console | None = None) -> Iterator[list[str]]:
    """Collect DataTooThinWarnings raised inside and print them as notes afterwards."""
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataTooThinWarning)
        yield notes
    for w in caught:
        if issubclass(w.category, DataTooThinWarning):
            notes.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    for n in dict.fromkeys(notes):
        (con or err_console).print(f"[yellow]note:[/] {n}", highlight=False, soft_wrap=True)


def _filled_note(days: Sequence[str], area: str | None = None) -> list[str]:
    """The note for days between the first and the last with no figure, counted as 0 (the
    default, as `state`, the dashboard and the report count them): how many and which."""
    if not days:
        return []
    shown = ", ".join(days[:8]) + (f" ... ({len(days)} in all)" if len(days) > 8 else "")
    n = f"{len(days)} day" + ("" if len(days) == 1 else "s")
    where = f"area {area}: " if area else ""
    return [
        f"{where}nothing reported on {n} between the first and the last ({shown}): counted "
        "as 0; "
        "--fill-missing error stops instead"
    ]


def _epicurve_shown(curve: pd.DataFrame, fmt: OutFormat | str, output: Path | None) -> pd.DataFrame:
    """The epicurve as the terminal shows it: one row per area and period with a column per
    metric and their total (a day reads across, as a bulletin's table does), where the tidy
    frame (``-f csv|json``, ``-o``: one row per area, period and metric, R's long format) lists
    each metric's days one after another. The period label is dropped for days (it repeats
    the date) and the area for one area (the title names it)."""
    if OutFormat(fmt) is not OutFormat.TABLE or output is not None or curve.empty:
        return curve
    # confirmed before asymptomatic, as the chart stacks them and bulletins list them
    metrics = sorted(dict.fromkeys(curve["metric"]), key=lambda m: not m.startswith("confirmed"))
    wide = curve.pivot_table(
        index=["area", "period_start", "period"],
        columns="metric",
        values="value",
        aggfunc="sum",
        fill_value=0,
    )[metrics].reset_index()
    wide.columns.name = None
    if len(metrics) > 1:
        wide["total"] = wide[metrics].sum(axis=1)
    drop = []
    if (wide["period"].astype(str) == wide["period_start"].astype(str)).all():
        drop.append("period")
    if wide["area"].nunique() == 1:
        drop.append("area")
    return wide.drop(columns=drop)


def _write_text(path: Path, data: str | bytes, option: str) -> None:
    """Write an output file; an unwritable path is an InputError naming it, not a traceback."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise InputError(cannot_write(exc, path), file=str(path), field=option) from None


#: Columns a table too wide for the terminal leaves out first (cli/output.py ``spare``): the
#: inner quantiles and the 1-based indices (the dates say the same) before either end of the
#: 95% interval, and a window's counts and the doubling / halving time's interval (r's says
#: the same) before r's. Left out from the right, R_t at 80 columns kept q0.025 .. q0.5 and
#: dropped q0.975, and growth in windows kept time_lower and dropped time_upper.
_SPARE = (
    "q0.25",
    "q0.75",
    "q0.05",
    "q0.95",
    "t_start",
    "t_end",
    "std",
    "zero_bins",
    "cases",
    "nb_theta",
    "time_lower",
    "time_upper",
)


def _emit(df: pd.DataFrame, fmt: str, output: Path | None, title: str, floats: int = 3) -> None:
    """Print or write ``df`` through the shared emitter (cli/output.py)."""
    emit(df, fmt, output, title=title, floats=floats, spare=_SPARE)


_fmt = fmt_number


def _named(codes: Sequence[str], names: dict[str, str]) -> str:
    """Areas as a title names them, as rt's and growth's do: 'Kashgar Prefecture [653100]'."""
    return ", ".join(f"{names[c]} [{c}]" if c in names else c for c in codes)


def _parse_times(text: str | None, name: str) -> list[int] | None:
    """``"2,3,4"`` or ``"2:26"`` (inclusive) or a mix -> list of ints."""
    if text is None:
        return None
    out: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if ":" in part:
                a, b = part.split(":")
                out.extend(range(int(a), int(b) + 1))
            elif part:
                out.append(int(part))
    except ValueError:
        raise InputError(
            f"expected integers like 2,3,4 or a range 2:26, got {text!r}", field=name
        ) from None
    return out


def _times_option(option: str) -> Any:
    """An option callback for ``--t-start``/``--t-end``: text that is no list of whole numbers
    or ranges is a usage mistake, said when the command line is parsed."""

    def check(value: str | None) -> str | None:
        try:
            _parse_times(value, option)
        except InputError as exc:
            raise bad_option(option, exc.problems[0].reason) from None
        return value

    return check


# ------------------------------------------------------------------------------------------
# commands
# ------------------------------------------------------------------------------------------

InputOpt = Annotated[
    Path | None,
    typer.Option(
        "--input",
        "-i",
        help="CSV/Parquet/JSON file: date (or t) and value (or I, confirm, or local and imported).",
    ),
]
AreaOpt = Annotated[str | None, typer.Option("--area", help="Area code in the registry.")]


def _flow_metric(value: Any) -> Any:
    """``--metric``: a reported flow or a derived one (``schema``), else a usage mistake said
    when the command line is parsed, listing them (once exit 1, after the registry was read)."""
    from flareup.schema import DERIVED_METRICS, FLOW_METRICS

    for m in [value] if isinstance(value, str) else value or []:
        if m not in FLOW_METRICS and m not in DERIVED_METRICS:
            raise bad_option(
                "--metric",
                f"{m!r} is not a flow metric; use one of "
                f"{', '.join((*DERIVED_METRICS, *FLOW_METRICS))}",
            )
    return value


MetricOpt = Annotated[
    str,
    typer.Option(
        "--metric",
        help="Flow metric, or infections_new "
        "(confirmed directly + asymptomatic, each infection once) or "
        "confirmed_direct.",
        callback=_flow_metric,
    ),
]


class GrowthMethod(StrEnum):
    """``flareup growth --method``."""

    GLM = "glm"
    LOGLINEAR = "loglinear"


FillOpt = Annotated[
    str,
    typer.Option(
        "--fill-missing",
        help="Days between the first and the last with no figure: 'zero' (count them as 0, "
        "as state, the dashboard and the report do; a note names them) or 'error' (stop and "
        "name them).",
        callback=one_of("--fill-missing", ("error", "zero")),
    ),
]
LinelistOpt = Annotated[
    bool,
    typer.Option(
        "--linelist",
        help="With --area: daily incidence "
        "from the registry's line list (one count per person) instead of its "
        "counts.",
    ),
]
ByOpt = Annotated[
    str,
    typer.Option(
        "--by",
        help="Line lists: count each case on its 'onset' date (the default, as rt, growth, "
        "epicurve and state all do; cases with no onset are left out, and a note says how "
        "many) or its 'report' date.",
        callback=one_of("--by", ("onset", "report")),
    ),
]


def rt_command(
    input: InputOpt = None,
    area: AreaOpt = None,
    metric: MetricOpt = DEFAULT_METRIC,
    db: DbOption = None,
    si_mean: Annotated[
        float | None,
        typer.Option(
            "--si-mean",
            "--mean-si",
            help="Serial interval mean (days), gamma shifted by 1 as EpiEstim.",
            callback=in_range(
                "--si-mean", 1, low_open=True, what="the serial-interval mean (days, shift 1)"
            ),
        ),
    ] = None,
    si_sd: Annotated[
        float | None,
        typer.Option(
            "--si-sd",
            "--std-si",
            help="Serial interval sd (days).",
            callback=in_range("--si-sd", 0, low_open=True, what="the serial-interval sd"),
        ),
    ] = None,
    si_distribution: Annotated[
        Path | None,
        typer.Option("--si-distribution", help="CSV with columns k, w (w_0 = 0, sums to 1)."),
    ] = None,
    si_mean_sd: Annotated[
        float | None,
        typer.Option(
            "--si-mean-sd",
            "--std-mean-si",
            help="Uncertain SI: sd of the SI mean (turns on uncertain_si).",
            callback=in_range("--si-mean-sd", 0, low_open=True, what="the sd of the SI mean"),
        ),
    ] = None,
    si_mean_min: Annotated[
        float | None,
        typer.Option(
            "--si-mean-min",
            "--min-mean-si",
            help="Uncertain SI: lowest mean (default mean - 2 sd, >= 1).",
            callback=in_range("--si-mean-min", 1, what="the lowest SI mean"),
        ),
    ] = None,
    si_mean_max: Annotated[
        float | None,
        typer.Option(
            "--si-mean-max",
            "--max-mean-si",
            help="Uncertain SI: highest mean (default mean + 2 sd).",
            callback=in_range("--si-mean-max", 1, what="the highest SI mean"),
        ),
    ] = None,
    si_std_sd: Annotated[
        float | None,
        typer.Option(
            "--si-std-sd",
            "--std-std-si",
            help="Uncertain SI: sd of the SI sd.",
            callback=in_range("--si-std-sd", 0, low_open=True, what="the sd of the SI sd"),
        ),
    ] = None,
    si_std_min: Annotated[
        float | None,
        typer.Option(
            "--si-std-min",
            "--min-std-si",
            help="Uncertain SI: lowest sd (default sd - 2 sd_sd, > 0).",
            callback=in_range("--si-std-min", 0, low_open=True, what="the lowest SI sd"),
        ),
    ] = None,
    si_std_max: Annotated[
        float | None,
        typer.Option(
            "--si-std-max",
            "--max-std-si",
            help="Uncertain SI: highest sd (default sd + 2 sd_sd).",
            callback=in_range("--si-std-max", 0, low_open=True, what="the highest SI sd"),
        ),
    ] = None,
    n1: Annotated[
        int,
        typer.Option(
            "--n1",
            help="Uncertain SI: SI distributions drawn (1-10,000).",
            callback=in_range("--n1", 1, 10_000, what="the number of SI draws"),
        ),
    ] = 500,
    n2: Annotated[
        int,
        typer.Option(
            "--n2",
            help="Uncertain SI: R draws per SI (1-10,000).",
            callback=in_range("--n2", 1, 10_000, what="the number of R draws"),
        ),
    ] = 50,
    window: Annotated[
        int,
        typer.Option(
            "--window",
            help="Sliding window length (days, 1-3650).",
            callback=in_range("--window", 1, 3650, what="the window (days)"),
        ),
    ] = 7,
    t_start: Annotated[
        str | None,
        typer.Option(
            "--t-start",
            help="Window starts, 1-based: 2,9,16 or 2:26.",
            callback=_times_option("--t-start"),
        ),
    ] = None,
    t_end: Annotated[
        str | None,
        typer.Option("--t-end", help="Window ends, 1-based.", callback=_times_option("--t-end")),
    ] = None,
    mean_prior: Annotated[
        float,
        typer.Option(
            "--mean-prior",
            help="Prior mean of R.",
            callback=in_range("--mean-prior", 0, low_open=True, what="the prior mean of R"),
        ),
    ] = 5.0,
    std_prior: Annotated[
        float,
        typer.Option(
            "--std-prior",
            help="Prior sd of R.",
            callback=in_range("--std-prior", 0, low_open=True, what="the prior sd of R"),
        ),
    ] = 5.0,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Seed (uncertain SI), >= 0.",
            callback=in_range("--seed", 0, what="the seed"),
        ),
    ] = None,
    linelist: LinelistOpt = False,
    by: ByOpt = "onset",
    fill_missing: FillOpt = "zero",
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
) -> None:
    """Time-varying reproduction number R_t (Cori et al. 2013, as EpiEstim's estimate_R)."""
    with user_errors():
        series = load_series(
            input, area, metric, db, fill_missing, linelist=linelist, by=by, split_imported=True
        )
        uncertain = None
        si_dist = None
        if si_distribution is not None:
            from flareup.ingest.tables import read_frame

            si_dist = si_from_frame(read_frame(si_distribution), file=str(si_distribution))
        if si_mean_sd is not None or si_std_sd is not None:
            if si_mean is None or si_sd is None or si_mean_sd is None or si_std_sd is None:
                raise InputError(
                    "uncertain SI needs --si-mean, --si-sd, --si-mean-sd and --si-std-sd",
                    field="--si-mean-sd",
                )
            uncertain = UncertainSI(
                mean_si=si_mean,
                std_mean_si=si_mean_sd,
                min_mean_si=si_mean_min
                if si_mean_min is not None
                else max(1.0, si_mean - 2 * si_mean_sd),
                max_mean_si=si_mean_max if si_mean_max is not None else si_mean + 2 * si_mean_sd,
                std_si=si_sd,
                std_std_si=si_std_sd,
                min_std_si=si_std_min
                if si_std_min is not None
                else max(1e-3, si_sd - 2 * si_std_sd),
                max_std_si=si_std_max if si_std_max is not None else si_sd + 2 * si_std_sd,
                n1=n1,
                n2=n2,
            )
            si_mean = si_sd = None
        if si_mean is None and si_sd is None and si_dist is None and uncertain is None:
            raise InputError(
                "give a serial interval: --si-mean and --si-sd, --si-distribution, "
                "or the uncertain-SI options (for COVID-19 e.g. --si-mean 4.7 "
                "--si-sd 2.9)",
                field="--si-mean",
            )
        est = CoriRt(
            si_mean,
            si_sd,
            si_distribution=si_dist,
            uncertain_si=uncertain,
            window=window,
            t_start=_parse_times(t_start, "--t-start"),
            t_end=_parse_times(t_end, "--t-end"),
            mean_prior=mean_prior,
            std_prior=std_prior,
            seed=seed,
            fill_missing=fill_missing,
        )
        with _notes() as notes:
            notes.extend(_filled_note(series.filled))
            est.fit(series.frame, file=series.file)
        res = est.estimates_
        if res.empty:
            raise EstimationError(
                "no window could be estimated: every window ends before the mean serial interval"
            )
        if res["date_start"].isna().all():
            res = res.drop(columns=["date_start", "date_end"])
        # The SI as asked; where the series cut it (as EpiEstim does), the note says so and
        # gives the moments as used (issue 12: "SI mean 0.00 sd 0.00" on a short series).
        mean_si, sd_si = est.si_requested_
        _emit(
            res,
            fmt,
            output,
            f"R_t ({est.method_}, SI mean {mean_si:.2f} sd {sd_si:.2f} d; "
            f"prior mean {mean_prior:g} sd {std_prior:g}) — {series.basis}",
        )
        if est.si_note_:
            err_console.print(f"[yellow]note:[/] {est.si_note_}", highlight=False, soft_wrap=True)
        if chart is not None:
            write_chart(est.plot(source=series.basis), chart)


def growth_command(
    input: InputOpt = None,
    area: AreaOpt = None,
    metric: MetricOpt = DEFAULT_METRIC,
    db: DbOption = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day (YYYY-MM-DD).", callback=iso_date("--start")),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--end", help="Last day (YYYY-MM-DD).", callback=iso_date("--end")),
    ] = None,
    last: Annotated[
        int | None,
        typer.Option(
            "--last",
            help="Use only the last N days (3-36,500).",
            callback=in_range("--last", 3, 36_500, what="the number of days"),
        ),
    ] = None,
    family: Annotated[
        str,
        typer.Option(
            "--family",
            help="GLM family: poisson or negbin.",
            callback=one_of("--family", ("poisson", "negbin")),
        ),
    ] = "negbin",
    method: Annotated[
        GrowthMethod,
        typer.Option(
            "--method",
            case_sensitive=False,
            help="glm (default: Poisson or negative-binomial GLM, zero days kept) or loglinear "
            "(R incidence's fit: least squares on log counts, zero days dropped, Student-t CI).",
        ),
    ] = GrowthMethod.GLM,
    window: Annotated[
        int | None,
        typer.Option(
            "--window",
            help="Growth rate in every sliding window of N days, 3-3650 (one row per window end).",
            callback=in_range("--window", 3, 3650, what="the window (days)"),
        ),
    ] = None,
    split: Annotated[
        bool,
        typer.Option(
            "--split",
            help="loglinear: two fits split at the day near the peak that fits best "
            "(incidence::fit_optim_split).",
        ),
    ] = False,
    split_at: Annotated[
        str | None,
        typer.Option(
            "--split-at",
            help="loglinear: two fits split at this day (YYYY-MM-DD).",
            callback=iso_date("--split-at"),
        ),
    ] = None,
    gi_mean: Annotated[
        float | None,
        typer.Option(
            "--gi-mean",
            help="Generation interval mean "
            "(days) for R = (1 + r scale)^shape (Wallinga & Lipsitch 2007).",
            callback=in_range("--gi-mean", 0, low_open=True, what="the generation-interval mean"),
        ),
    ] = None,
    gi_sd: Annotated[
        float | None,
        typer.Option(
            "--gi-sd",
            help="Generation interval sd.",
            callback=in_range("--gi-sd", 0, low_open=True, what="the generation-interval sd"),
        ),
    ] = None,
    linelist: LinelistOpt = False,
    by: ByOpt = "onset",
    fill_missing: FillOpt = "zero",
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
) -> None:
    """Exponential growth rate, doubling or halving time, 95% CI (log-linear GLM).

    ``--method loglinear`` is R incidence 1.7.3's ``fit`` (agrees with it to 1e-6 on
    outbreaks::ebola_sim), ``--split``/``--split-at`` its two-phase fits, ``--window N`` sliding
    windows (either method).
    """
    with user_errors():
        if (split or split_at is not None) and method is not GrowthMethod.LOGLINEAR:
            raise InputError("--split and --split-at need --method loglinear", field="--split")
        if sum([window is not None, split, split_at is not None]) > 1:
            raise InputError("give one of --window, --split, --split-at", field="--window")
        series = load_series(
            input, area, metric, db, fill_missing, linelist=linelist, by=by, end=end
        )
        with _notes() as notes:
            notes.extend(_filled_note(series.filled))
            fit: Any = None
            if method is GrowthMethod.GLM and window is None:
                row, fit = growth_row(
                    series, start, end, last, family, gi_mean, gi_sd, fill_missing
                )
                frame = pd.DataFrame([row])
                title = f"Growth ({family}) — {series.basis}"
            else:
                frame, title, fit = _growth_more(
                    series, method, family, start, end, last, window, split, split_at, fill_missing
                )
                if (gi_mean is None) != (gi_sd is None):
                    raise InputError("give both --gi-mean and --gi-sd", field="--gi-mean")
                if gi_mean is not None and gi_sd is not None:
                    # R from r for every row (Wallinga & Lipsitch 2007), as for the GLM
                    for col in ("r", "r_lower", "r_upper"):
                        frame["R" + col[1:]] = r_to_R(frame[col].to_numpy(float), gi_mean, gi_sd)
        _emit(frame, fmt, output, title, floats=4)
        key = _growth_key(frame)
        if key and OutFormat(fmt) is OutFormat.TABLE and output is None:
            # what each figure is and its unit, left-aligned beneath the table over the whole
            # width (a caption would wrap into the narrow table); CSV and JSON stay data only
            console.print(key, highlight=False, markup=False)
        if chart is not None:
            if fit is None or fit.dates is None:
                raise InputError(
                    "a growth chart needs one fit of dated counts (not --window or --split)",
                    field="--chart",
                )
            write_chart(fit.plot(source=series.basis), chart)


#: What each figure of a growth table is, with its unit (the table's key; CSV and JSON keep
#: the bare column names).
_GROWTH_KEY: tuple[tuple[str, str], ...] = (
    ("r", "r: growth rate per day (r_lower to r_upper: its 95% CI)"),
    (
        "time",
        "time: doubling time (growth) or halving time (decay), days, as growth_or_decay says "
        "(time_lower to time_upper: its 95% CI; ∞: no upper bound)",
    ),
    ("nb_theta", "nb_theta: negative-binomial dispersion (larger: closer to Poisson)"),
    ("R", "R: reproduction number from r and the generation interval (Wallinga & Lipsitch 2007)"),
)


def _growth_key(frame: pd.DataFrame) -> str | None:
    """The key beneath a growth table: 'r -0.0399' and 'halving_time 17.3584' said neither
    per what nor in what unit."""
    lines = [text for col, text in _GROWTH_KEY if col in frame.columns]
    return "\n".join(lines) or None


def _growth_more(
    series: Any,
    method: GrowthMethod,
    family: str,
    start: str | None,
    end: str | None,
    last: int | None,
    window: int | None,
    split: bool,
    split_at: str | None,
    fill_missing: str,
) -> tuple[pd.DataFrame, str, Any]:
    """The log-linear fit, its splits, and sliding windows (flareup.analytics.growth); the
    frame, its title, and the single fit (None for windows and splits)."""
    from flareup.analytics.growth import (
        fit_loglinear,
        fit_loglinear_split,
        fit_optim_split,
        growth_windows,
    )
    from flareup.analytics.rt import prepare_incidence

    inc = prepare_incidence(series.frame, fill_missing=fill_missing, file=series.file)
    y = (inc["local"] + inc["imported"]).to_numpy(dtype=float)
    dates = pd.DatetimeIndex(inc["date"]) if inc["date"].notna().all() else None
    keep = np.ones(y.size, dtype=bool)
    if dates is not None:
        if start is not None:
            keep &= dates >= pd.Timestamp(start)
        if end is not None:
            keep &= dates <= pd.Timestamp(end)
    if last is not None:
        keep &= np.arange(y.size) >= y.size - last
    y = y[keep]
    dates = dates[keep] if dates is not None else None
    name = "log-linear least squares" if method is GrowthMethod.LOGLINEAR else family

    def row(part: str, fit: Any) -> dict[str, Any]:
        return {
            "part": part,
            "date_start": fit.date_start,
            "date_end": fit.date_end,
            "days": fit.n_days,
            "cases": int(fit.n_cases),
            "zero_days_dropped": fit.n_zero_dropped,
            **fit.tidy(),
            "adj_r_squared": fit.adj_r_squared,
        }

    if window is not None:
        m = "loglinear" if method is GrowthMethod.LOGLINEAR else family
        frame = growth_windows(y, dates, window=window, method=m)  # type: ignore[arg-type]
        return frame, f"Growth ({name}) in {window}-day windows — {series.basis}", None
    if split or split_at is not None:
        if split_at is not None:
            before, after = fit_loglinear_split(y, dates, split=split_at)
            where = split_at
        else:
            res = fit_optim_split(y, dates)
            before, after = res.before, res.after
            where = str(pd.Timestamp(res.split).date()) if dates is not None else str(res.split)
        frame = pd.DataFrame([row("before", before), row("after", after)])
        return frame, f"Growth ({name}), split at {where} — {series.basis}", None
    fit = fit_loglinear(y, dates)
    return pd.DataFrame([row("all", fit)]), f"Growth ({name}) — {series.basis}", fit


def _no_onset_note(curve: pd.DataFrame, by: str) -> list[str]:
    """The note of a line-list epicurve by onset that left out cases with no onset date."""
    n = int(curve.attrs.get("n_without_onset", 0)) if by == "onset" else 0
    if not n:
        return []
    return [
        f"{n:,} case{'s' if n != 1 else ''} with no onset date (asymptomatic infections among "
        "them) left out of the curve by onset; --by report counts every case"
    ]


def epicurve_command(
    input: InputOpt = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area", help="Area code(s) in the registry; parents are summed from their sub-areas."
        ),
    ] = None,
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric",
            help="Flow metric(s); default "
            "the stacked detections confirmed_direct + asymptomatic_new.",
            callback=_flow_metric,
        ),
    ] = None,
    db: DbOption = None,
    interval: Annotated[
        str,
        typer.Option(
            "--interval",
            help="day, week or month.",
            callback=one_of("--interval", ("day", "week", "month")),
        ),
    ] = "day",
    week_system: Annotated[
        str,
        typer.Option(
            "--week-system",
            help="iso (Monday) or mmwr (Sunday) weeks.",
            callback=one_of("--week-system", ("iso", "mmwr")),
        ),
    ] = "iso",
    by: ByOpt = "onset",
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="Line lists: roll areas up to this level (needs the registry's area table).",
            callback=one_of("--level", tuple(x.value for x in AreaLevel)),
        ),
    ] = None,
    linelist: Annotated[
        bool,
        typer.Option(
            "--linelist",
            help="With --area: count the "
            "registry's line list (one per person) instead of its counts.",
        ),
    ] = False,
    fill_missing: FillOpt = "zero",
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
    stack_by: Annotated[
        str,
        typer.Option(
            "--stack-by",
            help="Chart: stack bars by 'metric' or by 'area'.",
            callback=one_of("--stack-by", ("metric", "area")),
        ),
    ] = "metric",
) -> None:
    """Epidemic curve by day, ISO/MMWR week or month; confirmed and asymptomatic stacked."""
    with user_errors():
        metrics = list(metric) if metric else list(STACKED_METRICS)
        if input is not None and area:
            raise InputError("give either --input FILE or --area CODE", field="--input")
        names: dict[str, str] = {}
        left_out: list[str] = []
        if input is not None:
            from flareup.ingest.tables import read_frame

            df = read_frame(input)
            if "id" in df.columns and "date_reporting" in df.columns:
                curve = epicurve_from_linelist(
                    df,
                    by=by,  # type: ignore[arg-type]
                    interval=interval,  # type: ignore[arg-type]
                    week_system=week_system,
                    file=str(input),
                )
                left_out = _no_onset_note(curve, by)
                curve = curve.rename(columns={"category": "metric", "n": "value"})
                basis = f"line list {input} by {by} date, one count per person"
            else:
                curve = epicurve_from_counts(
                    df,
                    metrics=metrics,
                    interval=interval,  # type: ignore[arg-type]
                    week_system=week_system,
                    fill_missing=fill_missing,
                    file=str(input),
                )
                basis = f"counts file {input}"
                for a, days in curve.attrs.get("filled_days", {}).items():
                    left_out += _filled_note(days, a)
        elif area:
            reg = open_registry(db)
            try:
                if chart is not None and stack_by == "area":
                    check_disjoint_areas(reg, list(area))
                if linelist:
                    curve = epicurve_linelist(
                        reg,
                        list(area),
                        by=by,
                        interval=interval,
                        week_system=week_system,
                        level=level,
                    )
                    unit = {
                        "day": "day",
                        "week": f"{week_system.upper()} week",
                        "month": "month",
                    }.get(interval, interval)
                    names = area_names(reg)
                    if chart is not None:
                        write_chart(
                            epicurve_chart(
                                curve,
                                stack_by=stack_by,
                                interval=interval,
                                week_system=week_system,
                                names=names,
                                source=f"registry line list of {', '.join(area)} by {by} "
                                "date, one count per person",
                            ),
                            chart,
                        )
                    emit(
                        _epicurve_shown(curve, fmt, output),
                        fmt,
                        output,
                        title=f"Epidemic curve by {unit} — registry line list of "
                        f"{_named(area, names)} by {by} date, one count per person",
                        spare=_SPARE,
                        notes=_no_onset_note(curve, by),
                    )
                    return
                curve = epicurve_counts(
                    reg,
                    list(area),
                    metrics,
                    interval=interval,
                    week_system=week_system,
                    fill_missing=fill_missing,
                )
                for a, days in curve.attrs.get("filled_days", {}).items():
                    left_out += _filled_note(days, a)
                names = area_names(reg)
            finally:
                reg.close()
            basis = f"registry counts of {_named(area, names)}"
        else:
            raise InputError("give either --input FILE or --area CODE", field="--input")
        unit = {"day": "day", "week": f"{week_system.upper()} week", "month": "month"}[interval]
        if chart is not None:
            write_chart(
                epicurve_chart(
                    curve,
                    stack_by=stack_by,
                    interval=interval,
                    week_system=week_system,
                    names=names,
                    source=basis,
                ),
                chart,
            )
        emit(
            _epicurve_shown(curve, fmt, output),
            fmt,
            output,
            title=f"Epidemic curve by {unit} — {basis}",
            spare=_SPARE,
            notes=left_out,
        )


# ------------------------------------------------------------------------------------------
# nowcast: onsets not yet reported
# ------------------------------------------------------------------------------------------


#: What the nowcast's columns are (stderr, under every format).
NOWCAST_NOTE = (
    "median, low, high: the day's total onsets (reported so far and still to come), the median "
    "and 95% predictive interval; observed_over_p: observed / p_reported, the plain "
    "delay-inflated count, 0 on a day with no report yet however many are still to come "
    "(read the median)"
)


def _nowcast_for_print(nc: pd.DataFrame) -> pd.DataFrame:
    """The nowcast as the command prints it: the predictive median and interval first, as whole
    numbers (they are counts), and ``estimate`` (``observed / p_reported``) named for what it is."""
    out = nc.rename(columns={"estimate": "observed_over_p"})
    for c in ("median", "low", "high"):
        out[c] = out[c].round().astype("Int64")
    first = ["date", "observed", "days_since", "p_reported", "median", "low", "high"]
    return out[first + [c for c in out.columns if c not in first]]


def nowcast_command(
    area: Annotated[
        str,
        typer.Option(
            "--area", help="Area code in the registry (its line list, sub-areas included)."
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Nowcast as of this day: cases "
            "reported by then (YYYY-MM-DD; default the last report).",
            callback=iso_date("--date"),
        ),
    ] = None,
    max_delay: Annotated[
        int,
        typer.Option(
            "--max-delay",
            help="Longest onset-to-report delay (days, 0-365) of the window; longer ones form "
            "its tail.",
            callback=in_range("--max-delay", 0, 365, what="the delay (days)"),
        ),
    ] = 14,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Seed of the bootstrap, >= 0.",
            callback=in_range("--seed", 0, what="the seed"),
        ),
    ] = 2020,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            callback=in_range("--days", 1, what="the number of days"),
            help="Show the last N onset days "
            "(default max-delay + 1: the days still being reported).",
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
) -> None:
    """Nowcast of recent onsets not yet reported, from the registry's line list (onset ->
    report delays; Lawless 1994; Höhle & an der Heiden 2014)."""
    with user_errors():
        # --date is a day pandas holds (iso_date, when the command line was parsed)
        as_of = None if date is None else pd.Timestamp(date).as_unit("ns")
        reg = open_registry(db)
        try:
            info = reg.area(area)
            cases = reg.cases([area])
        finally:
            reg.close()
        name = f"{area_display_name(str(info.get('name_en', area)))} [{area}]"
        if cases.empty:
            raise EstimationError(
                f"{name} has no line list in the registry: onset-to-report "
                "delays and a nowcast need one row per case with onset and "
                "report dates (counts alone cannot give them)"
            )
        with _notes():
            nc, dist = nowcast_from_linelist(
                cases,
                as_of=as_of,
                max_delay=max_delay,
                seed=seed,
                file=f"registry line list {area}",
            )
        end = nc.attrs["as_of"]
        shown = nc.tail(days if days is not None else max_delay + 1)
        notes = [NOWCAST_NOTE]
        last = pd.to_datetime(cases["date_reporting"]).max()
        if pd.notna(last) and (pd.Timestamp(end) - last).days > 1:
            # --date 2021-01-01 on a line list ending in November nowcast 'onsets still to come'
            # without a word that nothing had been reported for seven weeks
            notes.append(
                f"the line list's last report is {last.date()}, {(pd.Timestamp(end) - last).days} "
                f"days before {end.date()}: the days since are read as days with no onset "
                "reported (is the line list up to date?)"
            )
        emit(
            _nowcast_for_print(shown),
            fmt,
            output,
            title=f"Nowcast of onsets in {name} as of {end.date()}: each day's total, median "
            f"and 95% predictive interval (delay inflation); onset-to-report delay from "
            f"{dist.n} cases (mean {dist.mean:.1f} d, up to {max_delay} d)",
            floats=2,
            spare=_SPARE,
            notes=notes,
        )
        if chart is not None:
            # the days still being reported, and as many before them for comparison
            write_chart(
                nowcast_chart(
                    nc.tail(2 * len(shown)),
                    as_of=end,
                    source=f"registry line list of {name}; onset-to-report delay from "
                    f"{dist.n} cases (mean {dist.mean:.1f} d, up to {max_delay} d)",
                ),
                chart,
            )


# ------------------------------------------------------------------------------------------
# state: one screen for a situation report
# ------------------------------------------------------------------------------------------


def state_command(
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area code (default: the area with the most figures)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="State on this day (YYYY-MM-DD; default the last day with data).",
            callback=iso_date("--date"),
        ),
    ] = None,
    db: DbOption = None,
    si_mean: Annotated[
        float,
        typer.Option(
            "--si-mean",
            help="Serial interval mean (days; > 1: gamma shifted by 1).",
            # a bad serial interval is a usage mistake, not an R_t "not estimable" on a
            # screen that exits 0 (same rule as flareup rt)
            callback=above("--si-mean", 1, "the serial-interval mean (days, shift 1)"),
        ),
    ] = COVID_SI_MEAN,
    si_sd: Annotated[
        float,
        typer.Option(
            "--si-sd",
            help="Serial interval sd (days).",
            callback=above("--si-sd", 0, "the serial-interval sd"),
        ),
    ] = COVID_SI_SD,
    linelist: Annotated[
        bool,
        typer.Option(
            "--linelist", help="Add the trend, R_t and doubling time from the registry's line list."
        ),
    ] = False,
    by: ByOpt = "onset",
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
    chart: ChartOpt = None,
) -> None:
    """One screen for a situation report: counts, trend, R_t, doubling time, composition.

    With ``--format csv|json`` (or ``-o``): one row per figure, columns area, date, figure,
    key, value, lower, upper, unit, interval, figure_date, words (numbers, not prose), text
    (the value as the table words it), rests_on; the notes on thin data go to stderr.
    """
    with user_errors():
        reg = open_registry(db)
        try:
            code = area if area is not None else default_area(reg)
            if fmt is OutFormat.TABLE and output is None:
                print_state(
                    reg,
                    code,
                    console,
                    date=date,
                    si_mean=si_mean,
                    si_sd=si_sd,
                    linelist=linelist,
                    by=by,
                )
            else:
                st = area_state(
                    reg, code, date=date, si_mean=si_mean, si_sd=si_sd, linelist=linelist, by=by
                )
                # numbers for a script (value, lower, upper, unit, interval, figure_date; the
                # verdict's words and the table's prose in their own columns: report/state.py)
                emit(st.frame(), fmt, output, title=st.title, notes=st.notes)
            if chart is not None:
                write_chart(state_chart(reg, code, date=date, si_mean=si_mean, si_sd=si_sd), chart)
        finally:
            reg.close()


def demo_section(reg: Any, con: Console) -> None:
    """The analytics part of ``flareup demo``: the state of Shufu and Kashgar on the example."""
    con.rule("Epidemic state (analytics)")
    for code in ("653121", "653100"):
        try:
            print_state(reg, code, con)
        except FlareupError as exc:
            con.print(f"[yellow]{code}:[/] {exc}")
    con.print(
        "The example's flows are reported for Shufu County only, with gaps; Kashgar "
        "Prefecture's own figures are stocks. Estimates above say where they are thin.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    reg_cmd: Callable[..., Any] = app.command
    reg_cmd("rt")(rt_command)
    reg_cmd("growth")(growth_command)
    reg_cmd("epicurve")(epicurve_command)
    reg_cmd("state")(state_command)
    reg_cmd("nowcast")(nowcast_command)


__all__ = ["demo_section", "print_state", "register"]
