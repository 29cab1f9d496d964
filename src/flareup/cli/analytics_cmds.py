"""``flareup`` commands of the analytics group: ``rt``, ``growth``, ``epicurve``, ``state``,
``nowcast``.

Thin: read a file (``--input``) or the registry (``--area``), call ``flareup.analytics``, print.
Every estimate says what it rests on, and DataTooThinWarnings are printed, never swallowed.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from flareup.analytics.composition import (
    asymptomatic_share,
    reclassification_rate,
    severe_share,
)
from flareup.analytics.delays import delay_distribution, reporting_delays
from flareup.analytics.growth import fit_growth, r_to_R
from flareup.analytics.incidence import (
    DERIVED_FLOWS,
    STACKED_METRICS,
    aggregate_to_parents,
    cumulative_and_current,
    epicurve_from_counts,
    epicurve_from_linelist,
    incidence_from_linelist,
)
from flareup.analytics.nowcast import nowcast, nowcast_from_linelist, onset_series
from flareup.analytics.rt import CoriRt, prepare_incidence
from flareup.analytics.serial_interval import UncertainSI, si_from_frame
from flareup.analytics.series import check_fill_missing
from flareup.cli.common import DbOption, console, err_console, user_errors
from flareup.errors import (
    DataTooThinWarning,
    EstimationError,
    FlareupError,
    InputError,
)
from flareup.schema import FLOW_METRICS

#: COVID-19 serial interval used by ``state`` and the demo unless told otherwise: mean 4.7 d,
#: sd 2.9 d (Nishiura H, Linton NM, Akhmetzhanov AR. Serial interval of novel coronavirus
#: (COVID-19) infections. Int J Infect Dis 2020;93:284-6).
COVID_SI_MEAN, COVID_SI_SD = 4.7, 2.9
COVID_SI_REF = "Nishiura, Linton & Akhmetzhanov 2020"
#: The metric used by default: every detected infection once (confirmed directly + asymptomatic).
DEFAULT_METRIC = "infections_new"

FORMATS = ("table", "csv", "json")


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


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"must be one of {', '.join(FORMATS)}, got {fmt!r}", field="--format")
    return fmt


def _write_text(path: Path, data: str | bytes, option: str) -> None:
    """Write an output file; an unwritable path is an InputError naming it, not a traceback."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", file=str(path), field=option
        ) from None


def _emit(df: pd.DataFrame, fmt: str, output: Path | None, title: str, floats: int = 3) -> None:
    """Print or write ``df`` as a rich table, CSV or JSON records (ISO dates)."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[c]):
            out[c] = out[c].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        text = out.to_csv(index=False)
    elif fmt == "json":
        text = json.dumps(json.loads(out.to_json(orient="records")), indent=1)
    else:
        text = ""
    if output is not None:
        _write_text(output, text if fmt != "table" else out.to_csv(index=False), "--output")
        err_console.print(f"wrote {len(out)} rows to {output}")
        return
    if fmt != "table":
        typer.echo(text, nl=False)
        return
    table = Table(title=title, title_justify="left")
    if len(out) == 1 and len(out.columns) > 6:
        # One result with many fields reads better as a column of figures.
        console.print(title, highlight=False, soft_wrap=True)
        table = Table()
        table.add_column("figure")
        table.add_column("value", justify="right")
        for c in out.columns:
            table.add_row(str(c), _fmt(out[c].iloc[0], floats))
        console.print(table)
        return
    for c in out.columns:
        table.add_column(
            str(c), justify="right" if pd.api.types.is_numeric_dtype(out[c]) else "left"
        )
    for row in out.itertuples(index=False):
        table.add_row(*[_fmt(v, floats) for v in row])
    console.print(table)


def _fmt(v: Any, floats: int = 3) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT:
        return "—"
    if isinstance(v, float | np.floating):
        return "inf" if math.isinf(v) else f"{v:.{floats}f}"
    return str(v)


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


def _read_input(path: Path) -> pd.DataFrame:
    from flareup.ingest.tables import read_frame

    return read_frame(path)


@dataclass
class Series:
    """A daily incidence frame ready for :func:`prepare_incidence` and what it rests on."""

    frame: pd.DataFrame
    file: str | None
    basis: str
    label: str


def _registry(db: str | None) -> Any:
    from flareup.registry import Registry

    return Registry(db)


def _area_counts(
    reg: Any, area: str, metrics: list[str] | None = None, end: Any = None
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Counts of ``area`` and its descendants (parents filled from children), and the area."""
    info = reg.area(area)  # NotFoundError names an unknown code
    codes = [area, *reg.descendants(area)]
    counts = reg.counts(areas=codes, metrics=metrics, end=end)
    if counts.empty:
        raise InputError(
            f"area {area} ({info.get('name_en', '')}) has no data"
            + (f" for {', '.join(metrics)}" if metrics else ""),
            field="--area",
        )
    areas = reg.areas()
    return counts, areas, info


def _needed(metric: str) -> list[str]:
    if metric in DERIVED_FLOWS:
        plus, minus = DERIVED_FLOWS[metric]
        return [*plus, *minus]
    return [metric]


def _check_metric(metric: str) -> None:
    if metric not in FLOW_METRICS and metric not in DERIVED_FLOWS:
        raise InputError(
            f"{metric!r} is not a flow metric; use one of "
            f"{', '.join((*DERIVED_FLOWS, *FLOW_METRICS))}",
            field="--metric",
        )


def _registry_series(
    reg: Any, area: str, metric: str, fill_missing: str, end: Any = None
) -> Series:
    _check_metric(metric)
    counts, areas, info = _area_counts(reg, area, _needed(metric), end=end)
    curve = epicurve_from_counts(
        counts,
        metrics=[metric],
        area_table=areas,
        areas=[area],
        fill_missing=fill_missing,
        file=f"registry area {area}",
    )
    frame = pd.DataFrame({"date": curve["period_start"], "I": curve["value"]})
    own = aggregate_to_parents(counts, areas)
    own = own[own["area"] == area]
    n_sources = counts["source_id"].nunique() if "source_id" in counts else 0
    basis = (
        f"{len(counts)} registry figures ({n_sources} sources) for {metric} of "
        f"{info.get('name_en', area)} [{area}]"
        + (" summed from its sub-areas" if (own["basis"] == "summed").any() else "")
        + (", days without a report counted as 0" if fill_missing == "zero" else "")
    )
    return Series(frame=frame, file=None, basis=basis, label=f"{area} {metric}")


def _linelist_series(
    reg: Any, area: str, by: str, fill_missing: str, *, split_imported: bool
) -> Series:
    """Daily incidence of ``area`` (and its sub-areas) from the registry's line list."""
    if by not in ("onset", "report"):
        raise InputError(f"must be 'onset' or 'report', got {by!r}", field="--by")
    info = reg.area(area)  # NotFoundError names an unknown code
    cases = reg.cases([area])
    if cases.empty:
        raise InputError(
            f"area {area} ({info.get('name_en', '')}) has no line-list cases; "
            "use its counts (leave out --linelist) or import a line list",
            field="--area",
        )
    label = f"registry line list {area}"
    frame = incidence_from_linelist(
        cases,
        by=by,  # type: ignore[arg-type]
        split_imported=split_imported,  # type: ignore[arg-type]
        fill_missing=fill_missing,
        file=label,
    )
    col = frame.attrs["by"]
    parts = [
        f"{frame.attrs['n_cases']} line-list cases of {info.get('name_en', area)} "
        f"[{area}] by {col}, one per person"
    ]
    if frame.attrs["n_without_date"]:
        parts.append(f"{frame.attrs['n_without_date']} without a {col} left out")
    if split_imported:
        n_imp = int(frame["imported"].sum())
        parts.append(f"{n_imp} imported kept apart (Thompson et al. 2019)")
        if frame.attrs["n_import_unknown"]:
            parts.append(
                f"{frame.attrs['n_import_unknown']} with unknown import status counted as local"
            )
    if fill_missing == "zero":
        parts.append("days without a case counted as 0")
    if col == "date_onset":
        # Right truncation: recent onsets are not all reported yet.
        parts.append("the last days by onset are incomplete until reported (flareup nowcast)")
    return Series(frame=frame, file=label, basis="; ".join(parts), label=f"{area} by {col}")


def _load_series(
    input: Path | None,
    area: str | None,
    metric: str,
    db: str | None,
    fill_missing: str,
    *,
    linelist: bool = False,
    by: str = "report",
    split_imported: bool = False,
) -> Series:
    check_fill_missing(fill_missing)
    if (input is None) == (area is None):
        raise InputError("give either --input FILE or --area CODE", field="--input")
    if input is not None:
        if linelist:
            raise InputError(
                "--linelist reads the registry's line list: give --area CODE, not --input",
                field="--linelist",
            )
        df = _read_input(input)
        return Series(frame=df, file=str(input), basis=f"file {input}", label=input.name)
    assert area is not None
    reg = _registry(db)
    try:
        if linelist:
            return _linelist_series(reg, area, by, fill_missing, split_imported=split_imported)
        return _registry_series(reg, area, metric, fill_missing)
    finally:
        reg.close()


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
MetricOpt = Annotated[
    str,
    typer.Option(
        "--metric",
        help="Flow metric, or infections_new "
        "(confirmed directly + asymptomatic, each infection once) or "
        "confirmed_direct.",
    ),
]
FillOpt = Annotated[
    str,
    typer.Option(
        "--fill-missing",
        help="Days missing from the series: "
        "'error' (stop and name them) or 'zero' (count them as 0).",
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]
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
    str, typer.Option("--by", help="With --linelist: count cases by 'onset' or 'report' date.")
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")]


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
        ),
    ] = None,
    si_sd: Annotated[
        float | None, typer.Option("--si-sd", "--std-si", help="Serial interval sd (days).")
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
        ),
    ] = None,
    si_mean_min: Annotated[
        float | None,
        typer.Option(
            "--si-mean-min",
            "--min-mean-si",
            help="Uncertain SI: lowest mean (default mean - 2 sd, >= 1).",
        ),
    ] = None,
    si_mean_max: Annotated[
        float | None,
        typer.Option(
            "--si-mean-max",
            "--max-mean-si",
            help="Uncertain SI: highest mean (default mean + 2 sd).",
        ),
    ] = None,
    si_std_sd: Annotated[
        float | None,
        typer.Option("--si-std-sd", "--std-std-si", help="Uncertain SI: sd of the SI sd."),
    ] = None,
    si_std_min: Annotated[
        float | None,
        typer.Option(
            "--si-std-min",
            "--min-std-si",
            help="Uncertain SI: lowest sd (default sd - 2 sd_sd, > 0).",
        ),
    ] = None,
    si_std_max: Annotated[
        float | None,
        typer.Option(
            "--si-std-max", "--max-std-si", help="Uncertain SI: highest sd (default sd + 2 sd_sd)."
        ),
    ] = None,
    n1: Annotated[int, typer.Option("--n1", help="Uncertain SI: SI distributions drawn.")] = 500,
    n2: Annotated[int, typer.Option("--n2", help="Uncertain SI: R draws per SI.")] = 50,
    window: Annotated[int, typer.Option("--window", help="Sliding window length (days).")] = 7,
    t_start: Annotated[
        str | None, typer.Option("--t-start", help="Window starts, 1-based: 2,9,16 or 2:26.")
    ] = None,
    t_end: Annotated[str | None, typer.Option("--t-end", help="Window ends, 1-based.")] = None,
    mean_prior: Annotated[float, typer.Option("--mean-prior", help="Prior mean of R.")] = 5.0,
    std_prior: Annotated[float, typer.Option("--std-prior", help="Prior sd of R.")] = 5.0,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed (uncertain SI).")] = None,
    linelist: LinelistOpt = False,
    by: ByOpt = "onset",
    fill_missing: FillOpt = "error",
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Time-varying reproduction number R_t (Cori et al. 2013, as EpiEstim's estimate_R)."""
    with user_errors():
        _check_format(fmt)
        series = _load_series(
            input, area, metric, db, fill_missing, linelist=linelist, by=by, split_imported=True
        )
        if seed is not None and seed < 0:
            raise InputError(f"must be a non-negative integer, got {seed}", field="--seed")
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
        with _notes():
            est.fit(series.frame, file=series.file)
        res = est.estimates_
        if res.empty:
            raise EstimationError(
                "no window could be estimated: every window ends before the mean serial interval"
            )
        if res["date_start"].isna().all():
            res = res.drop(columns=["date_start", "date_end"])
        mean_si, sd_si = est.si_moments_
        _emit(
            res,
            fmt,
            output,
            f"R_t ({est.method_}, SI mean {mean_si:.2f} sd {sd_si:.2f} d; "
            f"prior mean {mean_prior:g} sd {std_prior:g}) — {series.basis}",
        )


def growth_command(
    input: InputOpt = None,
    area: AreaOpt = None,
    metric: MetricOpt = DEFAULT_METRIC,
    db: DbOption = None,
    start: Annotated[str | None, typer.Option("--start", help="First day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last day (YYYY-MM-DD).")] = None,
    last: Annotated[int | None, typer.Option("--last", help="Use only the last N days.")] = None,
    family: Annotated[str, typer.Option("--family", help="poisson or negbin.")] = "negbin",
    gi_mean: Annotated[
        float | None,
        typer.Option(
            "--gi-mean",
            help="Generation interval mean "
            "(days) for R = (1 + r scale)^shape (Wallinga & Lipsitch 2007).",
        ),
    ] = None,
    gi_sd: Annotated[float | None, typer.Option("--gi-sd", help="Generation interval sd.")] = None,
    linelist: LinelistOpt = False,
    by: ByOpt = "onset",
    fill_missing: FillOpt = "error",
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Exponential growth rate, doubling or halving time, 95% CI (log-linear GLM)."""
    with user_errors():
        _check_format(fmt)
        series = _load_series(input, area, metric, db, fill_missing, linelist=linelist, by=by)
        with _notes():
            row = _growth_row(series, start, end, last, family, gi_mean, gi_sd, fill_missing)
        _emit(pd.DataFrame([row]), fmt, output, f"Growth ({family}) — {series.basis}", floats=4)


def _growth_row(
    series: Series,
    start: str | None,
    end: str | None,
    last: int | None,
    family: str,
    gi_mean: float | None,
    gi_sd: float | None,
    fill_missing: str,
) -> dict[str, Any]:
    inc = prepare_incidence(series.frame, fill_missing=fill_missing, file=series.file)
    y = (inc["local"] + inc["imported"]).to_numpy()
    dates = inc["date"] if inc["date"].notna().all() else None
    lo: Any = start
    hi: Any = end
    if last is not None:
        if last < 3:
            raise InputError(f"must be >= 3 days, got {last}", field="--last")
        lo = max(0, y.size - last) if dates is None else dates.iloc[max(0, y.size - last)]
    if dates is None and (start is not None or end is not None):
        lo = int(start) - 1 if start is not None else lo
        hi = int(end) - 1 if end is not None else None
    fit = fit_growth(y, dates, family=family, start=lo, end=hi)  # type: ignore[arg-type]
    kind, t, tlo, thi = fit.time_interval()
    row: dict[str, Any] = {
        "date_start": fit.date_start,
        "date_end": fit.date_end,
        "days": fit.n_days,
        "cases": int(fit.n_cases),
        "r": fit.r,
        "r_low": fit.r_low,
        "r_high": fit.r_high,
        f"{kind}_time": t,
        f"{kind}_low": tlo,
        f"{kind}_high": thi,
    }
    if fit.theta is not None:
        row["nb_theta"] = fit.theta
    if (gi_mean is None) != (gi_sd is None):
        raise InputError("give both --gi-mean and --gi-sd", field="--gi-mean")
    if gi_mean is not None and gi_sd is not None:
        row["R"] = r_to_R(fit.r, gi_mean, gi_sd)
        row["R_low"] = r_to_R(fit.r_low, gi_mean, gi_sd)
        row["R_high"] = r_to_R(fit.r_high, gi_mean, gi_sd)
    if fit.n_cases < 20:
        warnings.warn(
            f"the growth rate rests on {int(fit.n_cases)} cases over {fit.n_days} days",
            DataTooThinWarning,
            stacklevel=2,
        )
    return row


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
        ),
    ] = None,
    db: DbOption = None,
    interval: Annotated[str, typer.Option("--interval", help="day, week or month.")] = "day",
    week_system: Annotated[
        str, typer.Option("--week-system", help="iso (Monday) or mmwr (Sunday) weeks.")
    ] = "iso",
    by: Annotated[str, typer.Option("--by", help="Line lists: report or onset date.")] = "report",
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            help="Line lists: roll areas up to this level (needs the registry's area table).",
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
    fill_missing: FillOpt = "error",
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart", help="Write a stacked bar chart: .svg, .png, or .json (Vega-Lite spec)."
        ),
    ] = None,
) -> None:
    """Epidemic curve by day, ISO/MMWR week or month; confirmed and asymptomatic stacked."""
    with user_errors():
        _check_format(fmt)
        if week_system not in ("iso", "mmwr"):
            raise InputError(f"must be 'iso' or 'mmwr', got {week_system!r}", field="--week-system")
        metrics = list(metric) if metric else list(STACKED_METRICS)
        if input is not None and area:
            raise InputError("give either --input FILE or --area CODE", field="--input")
        if input is not None:
            df = _read_input(input)
            if "id" in df.columns and "date_reporting" in df.columns:
                curve = epicurve_from_linelist(
                    df,
                    by=by,  # type: ignore[arg-type]
                    interval=interval,  # type: ignore[arg-type]
                    week_system=week_system,
                    file=str(input),
                )
                curve = curve.rename(columns={"category": "metric", "n": "value"})
                basis = f"line list {input}: one count per person"
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
        elif area:
            reg = _registry(db)
            try:
                if linelist:
                    cases = reg.cases(list(area))
                    if cases.empty:
                        raise InputError(f"no line-list cases in {', '.join(area)}", field="--area")
                    curve = epicurve_from_linelist(
                        cases,
                        by=by,  # type: ignore[arg-type]
                        interval=interval,  # type: ignore[arg-type]
                        week_system=week_system,  # type: ignore[arg-type]
                        area_table=reg.areas() if level else None,
                        level=level,
                    )
                    curve = curve.rename(columns={"category": "metric", "n": "value"})
                    unit = {
                        "day": "day",
                        "week": f"{week_system.upper()} week",
                        "month": "month",
                    }.get(interval, interval)
                    if chart is not None:
                        _write_chart(curve, chart, f"Epidemic curve by {unit}")
                    _emit(
                        curve,
                        fmt,
                        output,
                        f"Epidemic curve by {unit} — registry line list"
                        f" of {', '.join(area)}, one count per person",
                    )
                    return
                for m in metrics:
                    _check_metric(m)
                needed = sorted({x for m in metrics for x in _needed(m)})
                frames, tables = [], None
                for a in area:
                    c, tables, _ = _area_counts(reg, a, needed)
                    frames.append(c)
                counts = pd.concat(frames).drop_duplicates(["area", "date", "metric"])
                curve = epicurve_from_counts(
                    counts,
                    metrics=metrics,
                    interval=interval,  # type: ignore[arg-type]
                    week_system=week_system,
                    area_table=tables,
                    areas=area,
                    fill_missing=fill_missing,
                    file=f"registry ({', '.join(area)})",
                )
            finally:
                reg.close()
            basis = f"registry counts of {', '.join(area)}"
        else:
            raise InputError("give either --input FILE or --area CODE", field="--input")
        unit = {"day": "day", "week": f"{week_system.upper()} week", "month": "month"}[interval]
        if chart is not None:
            _write_chart(curve, chart, f"Epidemic curve by {unit}")
            err_console.print(f"wrote chart to {chart}")
        _emit(curve, fmt, output, f"Epidemic curve by {unit} — {basis}")


def epicurve_spec(curve: pd.DataFrame, title: str) -> dict[str, Any]:
    """A Vega-Lite stacked bar spec of an epicurve frame (``period_start``, ``metric``, ``value``)."""
    data = curve.copy()
    data["period_start"] = pd.to_datetime(data["period_start"]).dt.strftime("%Y-%m-%d")
    facet = data["area"].nunique() > 1 if "area" in data else False
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": json.loads(data.to_json(orient="records"))},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "title": None,
                "sort": {"field": "period_start"},
            },
            "y": {"field": "value", "type": "quantitative", "stack": "zero", "title": "count"},
            "color": {"field": "metric", "type": "nominal", "title": None},
        },
        "width": 480,
        "height": 220,
    }
    if facet:
        spec["encoding"]["row"] = {"field": "area", "type": "nominal"}
    return spec


def _write_chart(curve: pd.DataFrame, path: Path, title: str) -> None:
    spec = epicurve_spec(curve, title)
    suffix = path.suffix.lower()
    if suffix == ".json":
        _write_text(path, json.dumps(spec, indent=1), "--chart")
        return
    if suffix not in (".svg", ".png"):
        raise InputError(f"chart format {suffix!r}: use .svg, .png or .json", field="--chart")
    try:
        import vl_convert as vlc
    except ImportError:
        from flareup.errors import MissingExtraError

        raise MissingExtraError("vl-convert-python", "charts") from None
    if suffix == ".svg":
        _write_text(path, vlc.vegalite_to_svg(spec), "--chart")
    else:
        _write_text(path, vlc.vegalite_to_png(spec), "--chart")


# ------------------------------------------------------------------------------------------
# nowcast: onsets not yet reported
# ------------------------------------------------------------------------------------------


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
        ),
    ] = None,
    max_delay: Annotated[
        int,
        typer.Option(
            "--max-delay",
            help="Longest onset-to-report delay (days); longer ones are pooled into it.",
        ),
    ] = 14,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the bootstrap.")] = 2020,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            help="Show the last N onset days "
            "(default max-delay + 1: the days still being reported).",
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOpt = "table",
    output: OutputOpt = None,
) -> None:
    """Nowcast of recent onsets not yet reported, from the registry's line list (onset ->
    report delays; Lawless 1994; Höhle & an der Heiden 2014)."""
    with user_errors():
        _check_format(fmt)
        as_of = None
        if date is not None:
            try:
                # as ns: a date pandas cannot hold (e.g. 2999-01-01) fails here, not deep inside
                as_of = pd.Timestamp(date).as_unit("ns")
            except ValueError as exc:  # OutOfBoundsDatetime is a ValueError
                raise InputError(
                    f"not an ISO date (1677-2262): {date!r} ({exc})", field="--date"
                ) from None
        if days is not None and days < 1:
            raise InputError(f"must be >= 1, got {days}", field="--days")
        if seed is not None and seed < 0:
            raise InputError(f"must be a non-negative integer, got {seed}", field="--seed")
        reg = _registry(db)
        try:
            info = reg.area(area)
            cases = reg.cases([area])
        finally:
            reg.close()
        name = f"{info.get('name_en', area)} [{area}]"
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
        _emit(
            shown,
            fmt,
            output,
            f"Nowcast of onsets in {name} as of {end.date()} — delay "
            f"inflation, 95% predictive interval; onset-to-report delay from {dist.n} cases "
            f"(mean {dist.mean:.1f} d, up to {max_delay} d)",
            floats=2,
        )


# ------------------------------------------------------------------------------------------
# state: one screen for a situation report
# ------------------------------------------------------------------------------------------


def _pct(share: float, lo: float, hi: float) -> str:
    return f"{100 * share:.0f}% (95% CI {100 * lo:.0f}–{100 * hi:.0f}%)"


def _dynamics_rows(
    s: pd.Series,
    imported: pd.Series | None,
    si_mean: float,
    si_sd: float,
    *,
    what: str,
    tag: str = "",
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Trend, R_t of the last window and doubling time of the daily series ``s`` (all cases;
    ``imported`` the imported among them, kept apart for R_t as Thompson et al. 2019)."""
    rows: list[tuple[str, str, str]] = []
    notes: list[str] = []
    # trend: last 7 days against the 7 before
    if len(s) >= 14:
        a, b = int(s.iloc[-7:].sum()), int(s.iloc[-14:-7].sum())
        word = "rising" if a > b else "falling" if a < b else "flat"
        rows.append(
            (
                "Trend (7 days vs previous 7)" + tag,
                f"{word}: {a} vs {b}",
                f"{what} to {s.index[-1].date()}",
            )
        )
    else:
        rows.append(
            ("Trend (7 days vs previous 7)" + tag, "—", f"only {len(s)} days of data (need 14)")
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
            rows.append(("R_t (last 7 days)" + tag, "—", "series too short for one window"))
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
                )
            )
            if thin:
                notes.append(
                    f"R_t{tag}: the last window holds {int(diag['n_cases'])} cases, "
                    f"fewer than the {est_min_cases()} EpiEstim asks for a posterior CV of 0.3;"
                    " the interval is wide and the prior still weighs"
                )
    except FlareupError as exc:
        rows.append(("R_t (last 7 days)" + tag, "—", f"not estimable: {exc}"))
    # growth over the last 14 days (or all)
    n = min(14, len(s))
    try:
        fit = fit_growth(s.to_numpy()[-n:], s.index[-n:], family="negbin")
        kind, t, tlo, thi = fit.time_interval()
        rows.append(
            (
                f"{kind.capitalize()} time ({n} days){tag}",
                f"{_fmt(t, 1)} d (95% CI {_fmt(tlo, 1)}–{_fmt(thi, 1)})"
                + (" — no clear trend" if fit.r_low < 0 < fit.r_high else ""),
                f"negative-binomial log-linear fit, r = {fit.r:+.3f}/day "
                f"({fit.r_low:+.3f} to {fit.r_high:+.3f}) on {int(fit.n_cases)} cases",
            )
        )
        if fit.n_cases < 20:
            notes.append(f"growth{tag}: only {int(fit.n_cases)} cases in the last {n} days")
    except FlareupError as exc:
        rows.append(("Doubling time" + tag, "—", f"not estimable: {exc}"))
    return rows, notes


def state_rows(
    counts: pd.DataFrame,
    areas: pd.DataFrame,
    area: str,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The situation-report figures of ``area`` on ``date``: (figure, value, rests on) rows and
    notes about thin data. Pure apart from the frames given (registry counts and areas)."""
    notes: list[str] = []
    rows: list[tuple[str, str, str]] = []
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
    for m, label in (
        ("confirmed_current", "Current confirmed"),
        ("asymptomatic_current", "Current asymptomatic"),
        ("severe_current", "  of which severe"),
    ):
        sub = df[df["metric"] == m]
        if sub.empty:
            continue
        r = sub.sort_values("date").iloc[-1]
        age = (day - r["date"]).days
        how = "reported" if r["basis"] == "reported" else "summed from sub-areas"
        rows.append(
            (
                label,
                f"{int(r['value'])}",
                f"{how} stock on {r['date'].date()}" + (f" ({age} days old)" if age > 0 else ""),
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
        )
    )
    rows.append(
        (
            "  confirmed (incl. reclassified)",
            f"{int(lastc['confirmed_cum'])}",
            f"of which {int(lastc['reclassified_cum'])} reclassified from asymptomatic",
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
    drows, dnotes = _dynamics_rows(s, None, si_mean, si_sd, what="new detected infections")
    rows += drows
    notes += dnotes
    # composition
    sh = asymptomatic_share(
        flows[["area", "date", "metric", "value"]], fill_missing="zero", cumulative=True
    )
    if len(sh) and sh["n"].iloc[-1] > 0:
        x = sh.iloc[-1]
        rows.append(
            (
                "Asymptomatic at detection",
                _pct(x["share"], x["low"], x["high"]),
                f"{int(x['k'])} of {int(x['n'])} detected infections; Wilson interval",
            )
        )
    rr = reclassification_rate(flows)
    if len(rr):
        x = rr.iloc[0]
        rows.append(
            (
                "Asymptomatic later confirmed",
                _pct(x["share"], x["low"], x["high"]),
                f"{int(x['k'])} of {int(x['n'])} reclassified so far (a lower bound: "
                "recent ones have had little time)",
            )
        )
    sev = severe_share(df[["area", "date", "metric", "value"]])
    if len(sev):
        x = sev.iloc[-1]
        rows.append(
            (
                "Severe among current confirmed",
                _pct(x["share"], x["low"], x["high"]),
                f"{int(x['k'])} of {int(x['n'])} on {pd.Timestamp(x['date']).date()}",
            )
        )
    return rows, notes


def est_min_cases() -> int:
    """Cases EpiEstim asks of a window with the default prior and CV (11)."""
    from flareup.analytics.rt import min_cases_for_cv, prior_shape_scale

    return min_cases_for_cv(0.3, prior_shape_scale(5.0, 5.0)[0])


def linelist_rows(
    cases: pd.DataFrame,
    *,
    as_of: Any = None,
    seed: int = 2020,
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Reporting delay and a nowcast of the last 7 days by onset, from a line list."""
    rows: list[tuple[str, str, str]] = []
    notes: list[str] = []
    if cases is None or cases.empty:
        notes.append("no line list: no onset-to-report delay distribution and no nowcast")
        return rows, notes
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
            f"{dist.n} cases with both dates (empirical, up to 14 d)",
        )
    )
    if nc["estimate"].notna().all():
        rows.append(
            (
                "Onsets, last 7 days (nowcast)",
                f"{int(nc['median'].sum())} (reported so far {int(nc['observed'].sum())})",
                "delay inflation with a negative-binomial predictive and bootstrapped "
                "delays (Lawless 1994; Höhle & an der Heiden 2014)",
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
) -> tuple[list[tuple[str, str, str]], list[str]]:
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
    rows: list[tuple[str, str, str]] = [
        (
            f"Cases{tag}",
            f"{inc.attrs['n_cases']}",
            f"one per person, {s.index[0].date()}–{s.index[-1].date()}; {int(imp.sum())} imported"
            + (
                f"; {inc.attrs['n_without_date']} without a {col}"
                if inc.attrs["n_without_date"]
                else ""
            ),
        )
    ]
    drows, notes = _dynamics_rows(s, imp, si_mean, si_sd, what=f"cases by {col}", tag=tag)
    rows += drows
    if by == "onset":
        notes.append(
            "by onset, the last days hold only the cases reported so far (see the "
            "nowcast): the trend, R_t and growth by onset understate the latest days"
        )
    return rows, notes


def print_state(
    reg: Any,
    area: str,
    con: Console,
    *,
    date: Any = None,
    si_mean: float = COVID_SI_MEAN,
    si_sd: float = COVID_SI_SD,
    linelist: bool = False,
    by: str = "onset",
) -> None:
    """Print the one-screen state of ``area`` from the registry ``reg``; with ``linelist``,
    add the trend, R_t and doubling time from its line list by ``by`` date."""
    try:
        cases = reg.cases([area])
    except FlareupError:
        cases = None
    try:
        counts, areas, info = _area_counts(reg, area, end=date)
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
    table = Table(
        title=f"{info.get('name_en', area)} [{area}] — state on {day.date()}", title_justify="left"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("rests on")
    for r in rows:
        table.add_row(*r)
    con.print(table)
    for n in notes:
        con.print(f"[yellow]thin data:[/] {n}", highlight=False, soft_wrap=True)


def state_command(
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area code (default: the area with the most figures)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="State on this day (YYYY-MM-DD; default the last day with data)."
        ),
    ] = None,
    db: DbOption = None,
    si_mean: Annotated[
        float, typer.Option("--si-mean", help="Serial interval mean (days).")
    ] = COVID_SI_MEAN,
    si_sd: Annotated[
        float, typer.Option("--si-sd", help="Serial interval sd (days).")
    ] = COVID_SI_SD,
    linelist: Annotated[
        bool,
        typer.Option(
            "--linelist", help="Add the trend, R_t and doubling time from the registry's line list."
        ),
    ] = False,
    by: ByOpt = "onset",
) -> None:
    """One screen for a situation report: counts, trend, R_t, doubling time, composition."""
    with user_errors():
        if date is not None:
            try:
                pd.Timestamp(date).as_unit("ns")  # also refuses dates pandas cannot hold
            except ValueError as exc:  # OutOfBoundsDatetime is a ValueError
                raise InputError(
                    f"not an ISO date (1677-2262): {date!r} ({exc})", field="--date"
                ) from None
        # A bad serial interval is the user's error, not an R_t "not estimable" on a screen
        # that exits 0: check it before anything is read (same rule as flareup rt).
        if not math.isfinite(si_mean) or si_mean <= 1:
            raise InputError(
                f"the serial-interval mean must be > 1 day (shift 1), got {si_mean}",
                field="--si-mean",
            )
        if not math.isfinite(si_sd) or si_sd <= 0:
            raise InputError(f"the serial-interval sd must be > 0, got {si_sd}", field="--si-sd")
        reg = _registry(db)
        try:
            code = area
            if code is None:
                allc = reg.counts()
                if allc.empty:
                    raise InputError(
                        "the registry holds no counts; import some first (or run flareup demo)",
                        field="--area",
                    )
                code = str(allc["area"].value_counts().index[0])
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


__all__ = ["demo_section", "epicurve_spec", "register", "state_rows"]
