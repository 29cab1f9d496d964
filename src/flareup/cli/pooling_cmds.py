"""``flareup pooling design`` and ``flareup pooling plan``: pooled-testing designs and campaigns.

Thin: parses options, reads areas/progress from the registry where asked, calls
:mod:`flareup.pooling` (pure) and prints with rich.
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import pandas as pd
import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from flareup.cli.common import (
    ChartOpt,
    DbOption,
    bad_option,
    console,
    err_console,
    file_suffix,
    in_range,
    iso_datetime,
    one_of,
    user_errors,
    write_chart,
)
from flareup.cli.output import (
    ExcelBomOpt,
    FormatOpt,
    OutFormat,
    OutputOpt,
    bom_checked,
    emit,
    plain_table,
    render,
    write_file,
)
from flareup.errors import InputError, cannot_write
from flareup.pooling import (
    DEFAULT_MAX_POOL,
    DEFAULT_MIN_RELATIVE_SENSITIVITY,
    VALIDATED_MAX_POOL,
    CampaignPlan,
    DilutionModel,
    DorfmanDesign,
    UnvalidatedPoolSizeWarning,
    compare_designs,
    compare_with_progress,
    derive_swabs_per_team_hour,
    implied_lab_throughput,
    plan_campaign,
)
from flareup.report.queries import (
    campaign_progress,
    open_registry,
    plan_areas,
    registry_prevalence,
)
from flareup.report.testing import KASHGAR, kashgar_round1_plans
from flareup.schema import PCR_CT_CUTOFF

if TYPE_CHECKING:
    from rich.console import Console


pooling_app = typer.Typer(
    help="Pooled testing: designs side by side, and mass-testing plans.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.add_typer(pooling_app, name="pooling")


# ---- design ----------------------------------------------------------------------------------


#: Largest pool ``pooling design`` searches: validation data stop at 20-30 samples, hypercube
#: designs at 100 (Mutesa et al. 2021), and the search costs grow with the square of the size.
MAX_POOL_LIMIT = 500


@pooling_app.command("design")
def design_cmd(
    prevalence: Annotated[
        float,
        typer.Option(
            help="Prevalence among those tested, in [0, 1].",
            callback=in_range("--prevalence", 0, 1, what="the prevalence"),
        ),
    ],
    sensitivity: Annotated[
        float,
        typer.Option(
            help="Assay sensitivity on one sample, in (0, 1].",
            callback=in_range("--sensitivity", 0, 1, low_open=True, what="the sensitivity"),
        ),
    ] = 1.0,
    specificity: Annotated[
        float,
        typer.Option(
            help="Assay specificity, in (0, 1].",
            callback=in_range("--specificity", 0, 1, low_open=True, what="the specificity"),
        ),
    ] = 1.0,
    max_pool: Annotated[
        int,
        typer.Option(
            help=f"Largest pool searched (1-{MAX_POOL_LIMIT}).",
            callback=in_range("--max-pool", 1, MAX_POOL_LIMIT, what="the largest pool"),
        ),
    ] = DEFAULT_MAX_POOL,
    dilution: Annotated[
        bool,
        typer.Option(
            "--dilution/--no-dilution",
            help="Lower pool sensitivity by a log2(k) Ct shift (Ct ~ N(28.5, 8.4), "
            f"limit {PCR_CT_CUTOFF:g}).",
        ),
    ] = False,
    ct_limit: Annotated[
        float,
        typer.Option(
            help="Assay Ct cut-off for the dilution model, in [10, 50].",
            callback=in_range("--ct-limit", 10, 50, what="the Ct cut-off"),
        ),
    ] = PCR_CT_CUTOFF,
    people: Annotated[
        int,
        typer.Option(
            "--people",
            help="People, for expected errors (1-10^10).",
            callback=in_range("--people", 1, 10**10, what="the number of people"),
        ),
    ] = 100_000,
    min_sensitivity: Annotated[
        float,
        typer.Option(
            help="Skip designs whose overall sensitivity is below this, in [0, 1].",
            callback=in_range("--min-sensitivity", 0, 1, what="the sensitivity floor"),
        ),
    ] = 0.0,
    min_relative_sensitivity: Annotated[
        float,
        typer.Option(
            help="Skip designs that find fewer than this share of the positives individual "
            "testing finds, in [0, 1] (default 0.95; 0 ranks on cost alone).",
            callback=in_range("--min-relative-sensitivity", 0, 1, what="the share"),
        ),
    ] = DEFAULT_MIN_RELATIVE_SENSITIVITY,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
) -> None:
    """Every design's best pool size at PREVALENCE, side by side, with the recommended one."""
    with user_errors():
        model = DilutionModel(limit=ct_limit) if dilution else None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UnvalidatedPoolSizeWarning)
            table = compare_designs(
                prevalence,
                se=sensitivity,
                sp=specificity,
                dilution=model,
                max_pool=max_pool,
                n=people,
                min_sensitivity=min_sensitivity,
                min_relative_sensitivity=min_relative_sensitivity,
            )
        notes = [str(w.message) for w in caught]
        if table.attrs.get("below_floor"):
            notes.append(
                f"left out, below the sensitivity floor {table.attrs['min_sensitivity']:.3f} "
                f"({min_relative_sensitivity:g} of individual testing's): "
                + ", ".join(table.attrs["below_floor"])
            )
        if fmt is OutFormat.TABLE and output is None:
            console.print(design_table(table, prevalence, people, dilution=model))
            for n in notes:
                err_console.print(f"[yellow]note:[/] {escape(n)}", highlight=False)
        else:
            emit(table, fmt, output, notes=notes)


def design_table(
    table: pd.DataFrame, p: float, people: int, *, dilution: DilutionModel | None
) -> Table:
    """A rich table of :func:`compare_designs` output."""
    title = f"Pooled testing designs at prevalence {p:g}" + (
        f" (dilution, Ct limit {dilution.limit:g})" if dilution else ""
    )
    # Borderless, headers in two lines: at 80 columns the boxed table cut them ("tests…").
    t: Table = plain_table(title)
    t.add_column("design", no_wrap=True)
    for col in (
        "tests /\nperson",
        "sensi-\ntivity",
        "speci-\nficity",
        f"missed\n/{people:,}",
        f"false +\n/{people:,}",
        "pays\nto p",
    ):
        t.add_column(col, justify="right", no_wrap=True)
    for r in table.to_dict("records"):
        # a mark, not words: 'unvalidated >20' after each label widened the first column
        # until every figure was cut to '1.00…' at 80 columns
        flag = " [yellow]†[/]" if r["unvalidated"] else ""
        mark = "[bold green]*[/] " if r["recommended"] else "  "
        t.add_row(
            mark + str(r["label"]) + flag,
            f"{r['tests_per_person']:.4f}",
            f"{r['sensitivity']:.4f}",
            f"{r['specificity']:.5f}",
            f"{r['expected_false_negatives']:,.1f}",
            f"{r['expected_false_positives']:,.1f}",
            f"{r['break_even_prevalence']:.4f}",
        )
    t.caption_justify = "left"
    t.caption = (
        "* recommended: fewest expected tests among designs that pay and keep the "
        "sensitivity floor "
        "(Dorfman 1943; Kim et al. 2007; Phatarfod & Sudbury 1994)\n"
        # an abbreviation no one could read without the docs
        "pays to p: the prevalence up to which the design needs fewer tests than testing "
        "each person once"
    )
    if table["unvalidated"].any():
        t.caption += (
            f"\n† pools above {VALIDATED_MAX_POOL} samples: not validated (dilution data stop "
            "there)"
        )
    return t


# ---- plan ------------------------------------------------------------------------------------


def _parse_steps(values: list[str], name: str) -> Any:
    """``N`` or ``N@TIME`` options -> a number or [(time or None, N), ...]."""
    steps: list[tuple[Any, float]] = []
    for v in values:
        rate, _, when = v.partition("@")
        try:
            r = float(rate.replace(",", "").replace("_", ""))
        except ValueError:
            raise InputError(
                f"--{name.replace('_', '-')} takes N or N@TIME, got {v!r}", field=name
            ) from None
        steps.append((when or None, int(r) if r.is_integer() else r))
    if len(steps) == 1 and steps[0][0] is None:
        return steps[0][1]
    return steps


def _steps_option(option: str, *, whole: bool = False) -> Any:
    """An option callback for ``N`` or ``N@TIME`` steps (``--teams``, ``--lab-tubes-per-day``):
    N a positive number (``whole``: a whole one), TIME an ISO date-time; anything else is a
    usage mistake said when the command line is parsed."""
    when_ok = iso_datetime(option)

    def check(values: list[str] | None) -> list[str] | None:
        for v in values or []:
            rate, at, when = v.partition("@")
            try:
                r = float(rate.replace(",", "").replace("_", ""))
            except ValueError:
                r = math.nan
            kind = "a whole number" if whole else "a number"
            if not math.isfinite(r) or r <= 0 or (whole and not r.is_integer()):
                raise bad_option(option, f"takes N or N@TIME, N {kind} > 0, got {v!r}")
            if at:
                when_ok(when)
        return values

    return check


@pooling_app.command("plan")
def plan_cmd(
    start: Annotated[
        str,
        typer.Option(
            help="When sampling starts, e.g. 2020-10-24T14:00.", callback=iso_datetime("--start")
        ),
    ],
    teams: Annotated[
        list[str],
        typer.Option(
            help="Sampling teams: N, or N@TIME steps (repeat for a schedule).",
            callback=_steps_option("--teams", whole=True),
        ),
    ],
    lab_tubes_per_day: Annotated[
        list[str],
        typer.Option(
            help="Laboratory tests a day: N, or N@TIME steps (repeat for a schedule).",
            callback=_steps_option("--lab-tubes-per-day"),
        ),
    ],
    area: Annotated[
        list[str] | None,
        typer.Option("--area", help="Area code (repeat); population from the registry."),
    ] = None,
    population: Annotated[
        int | None,
        typer.Option(
            help="People to test, 1-10^10 (instead of, or overriding, one area's population).",
            callback=in_range("--population", 1, 10**10, what="the number of people"),
        ),
    ] = None,
    swabs_per_team_hour: Annotated[
        float | None,
        typer.Option(
            help="Swabs per team per hour, > 0 (default: fitted to reported progress, needs "
            "--area).",
            callback=in_range("--swabs-per-team-hour", 0, low_open=True, what="the swab rate"),
        ),
    ] = None,
    hours_per_day: Annotated[
        int,
        typer.Option(
            help="Sampling hours a day, 1-24.",
            callback=in_range("--hours-per-day", 1, 24, what="the sampling hours a day"),
        ),
    ] = 14,
    day_start_hour: Annotated[
        int,
        typer.Option(
            help="Clock hour sampling starts, 0-23.",
            callback=in_range("--day-start-hour", 0, 23, what="the start hour"),
        ),
    ] = 8,
    turnaround_hours: Annotated[
        int,
        typer.Option(
            help="Hours from test run to result, >= 1.",
            callback=in_range("--turnaround-hours", 1, what="the turnaround (hours)"),
        ),
    ] = 6,
    pool_size: Annotated[
        int | None,
        typer.Option(
            help=f"Swabs per tube (fixed), 1-{MAX_POOL_LIMIT}.",
            callback=in_range("--pool-size", 1, MAX_POOL_LIMIT, what="the pool size"),
        ),
    ] = None,
    prevalence: Annotated[
        float | None,
        typer.Option(
            help="Prevalence, in [0, 1] (chooses the pool size when --pool-size is not given; "
            "default: from registry counts).",
            callback=in_range("--prevalence", 0, 1, what="the prevalence"),
        ),
    ] = None,
    sensitivity: Annotated[
        float,
        typer.Option(
            help="Assay sensitivity, in (0, 1].",
            callback=in_range("--sensitivity", 0, 1, low_open=True, what="the sensitivity"),
        ),
    ] = 1.0,
    specificity: Annotated[
        float,
        typer.Option(
            help="Assay specificity, in (0, 1].",
            callback=in_range("--specificity", 0, 1, low_open=True, what="the specificity"),
        ),
    ] = 1.0,
    dilution: Annotated[
        bool,
        typer.Option(
            "--dilution/--no-dilution",
            help="Lower pool sensitivity by a log2(k) Ct shift "
            f"(Ct ~ N(28.5, 8.4), limit {PCR_CT_CUTOFF:g}).",
        ),
    ] = False,
    retest: Annotated[
        bool, typer.Option("--retest/--no-retest", help="Test members of positive pools alone.")
    ] = True,
    order: Annotated[
        str,
        typer.Option(
            help="given, largest_first or smallest_first.",
            callback=one_of("--order", ("given", "largest_first", "smallest_first")),
        ),
    ] = "given",
    allocation: Annotated[
        str,
        typer.Option(
            help="proportional or sequential.",
            callback=one_of("--allocation", ("proportional", "sequential")),
        ),
    ] = "proportional",
    max_pool: Annotated[
        int,
        typer.Option(
            help=f"Largest pool when chosen by prevalence (1-{MAX_POOL_LIMIT}).",
            callback=in_range("--max-pool", 1, MAX_POOL_LIMIT, what="the largest pool"),
        ),
    ] = DEFAULT_MAX_POOL,
    store: Annotated[
        str | None, typer.Option(help="Save the plan in the registry as NAME.")
    ] = None,
    compare: Annotated[bool, typer.Option(help="Lay reported progress beside the plan.")] = False,
    campaign_round: Annotated[
        int | None,
        typer.Option(
            "--round",
            help="Only this campaign round's progress (1, 2, ...).",
            callback=in_range("--round", 1, what="the round"),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write the daily plan (.csv, .parquet or .json, by suffix; .json: one object "
            "with the plan's summary, params and daily rows).",
            callback=bom_checked(
                file_suffix("--output", (".csv", ".parquet", ".json"), "the daily plan")
            ),
        ),
    ] = None,
    excel_bom: ExcelBomOpt = False,  # read by cli.output.write_file
    fmt: FormatOpt = OutFormat.TABLE,
    db: DbOption = None,
    chart: ChartOpt = None,
) -> None:
    """A day-by-day mass-testing plan: people sampled, tubes run, retests, completion time."""
    with user_errors():
        # with --format csv|json stdout carries the daily plan alone; the rest goes to stderr
        info = console if fmt is OutFormat.TABLE else err_console
        codes = list(area or [])
        team_plan = _parse_steps(teams, "teams")
        if store is not None and not store.strip():
            # An empty name would silently skip storing; say so instead.
            raise bad_option("--store", "the plan name must not be empty")
        reg = None
        needs_registry = (
            bool(codes)
            or store
            or compare
            or (pool_size is None and prevalence is None)
            or swabs_per_team_hour is None
        )
        if pool_size is None and prevalence is None and not codes:
            raise InputError(
                "give --pool-size or --prevalence (or --area to estimate the "
                "prevalence from the registry)",
                field="pool_size",
            )
        if needs_registry:
            reg = open_registry(db)
        try:
            frame = plan_areas(reg, codes, population)
            t0 = pd.Timestamp(start)  # an ISO date-time (iso_datetime, at parsing)
            progress = None
            if compare or swabs_per_team_hour is None:
                if not codes:
                    raise InputError(
                        "comparing with or fitting to reported progress needs --area", field="area"
                    )
                assert reg is not None
                progress = campaign_progress(reg, codes, campaign_round)
                if progress.empty:
                    raise InputError(
                        f"the registry holds no reported campaign progress for "
                        f"{', '.join(codes)}; import a campaigns file (flareup import campaigns "
                        f"FILE) or give --swabs-per-team-hour and leave out --compare",
                        field="area",
                    )
            if swabs_per_team_hour is None:
                assert progress is not None
                swabs_per_team_hour = derive_swabs_per_team_hour(
                    progress,
                    start=t0,
                    teams=team_plan,
                    population=int(frame["population"].sum()),
                    hours_per_day=hours_per_day,
                    day_start_hour=day_start_hour,
                )
                info.print(
                    f"swabs per team per hour fitted to reported progress: "
                    f"{swabs_per_team_hour:.1f}"
                )
            if prevalence is None and reg is not None and codes:
                prevalence, basis = registry_prevalence(
                    reg, codes, t0, int(frame["population"].sum())
                )
                info.print(f"prevalence from the registry: {prevalence:.3g} ({basis})")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", UnvalidatedPoolSizeWarning)
                plan = plan_campaign(
                    frame,
                    start=t0,
                    teams=team_plan,
                    swabs_per_team_hour=swabs_per_team_hour,
                    lab_tubes_per_day=_parse_steps(lab_tubes_per_day, "lab_tubes_per_day"),
                    hours_per_day=hours_per_day,
                    day_start_hour=day_start_hour,
                    turnaround_hours=turnaround_hours,
                    pool_size=pool_size,
                    prevalence=prevalence,
                    sensitivity=sensitivity,
                    specificity=specificity,
                    dilution=DilutionModel() if dilution else None,
                    retest=retest,
                    order=order,
                    allocation=allocation,
                    max_pool=max_pool,
                )
            for w in caught:
                err_console.print(f"[yellow]warning:[/] {w.message}")
            if fmt is OutFormat.TABLE:
                print_plan(plan, console)
            elif output is None:
                emit(plan.to_frame(), fmt)
            if compare and progress is not None:
                cmp = compare_with_progress(plan, progress)
                if fmt is OutFormat.TABLE:
                    console.print(comparison_table(cmp))
                else:
                    err_console.print(comparison_table(cmp))
            if chart is not None:
                from flareup.report.charts import plan_chart

                write_chart(plan_chart(plan, progress if compare else None), chart)
            if output is not None:
                write_plan(plan, output)
                info.print(f"plan written to {output}")
            if store:
                assert reg is not None
                pid = reg.store_campaign_plan(
                    plan.to_frame(),
                    name=store,
                    params=plan.params | {"summary": _jsonable(plan.summary)},
                )
                info.print(f"plan stored in the registry as {store!r} (id {pid})")
        finally:
            if reg is not None:
                reg.close()


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, pd.Timestamp) else v) for k, v in d.items()}


def write_plan(plan: CampaignPlan, path: Path) -> None:
    """Export the daily plan by suffix: .csv, .parquet or .json (records, ISO dates)."""
    df = plan.to_frame()
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            # the writer of every command's -o FILE.csv (ISO dates; --excel-bom)
            write_file(path, render(df, OutFormat.CSV))
        elif suffix == ".parquet":
            df.to_parquet(path, index=False)
        elif suffix == ".json":
            path.write_text(
                json.dumps(
                    {
                        "summary": _jsonable(plan.summary),
                        "params": plan.params,
                        "daily": json.loads(df.to_json(orient="records", date_format="iso")),
                    },
                    indent=1,
                    default=str,
                )
            )
        else:
            raise InputError(
                f"unknown output format {suffix!r}; use .csv, .parquet or .json",
                file=str(path),
                field="--output",
            )
    except OSError as exc:
        raise InputError(cannot_write(exc, path), file=str(path), field="--output") from None


def print_plan(plan: CampaignPlan, out: Console) -> None:
    """The daily table and the completion summary."""
    s = plan.summary
    t = Table(
        title=f"Campaign plan: {s['population']:,} people, pools of {s['pool_size']}"
        + (" [yellow](unvalidated pool size)[/]" if s["unvalidated_pool_size"] else ""),
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,  # ISO dates: eight columns fit 80 (the last was cut, 'fou…')
        pad_edge=False,
        show_edge=False,
    )
    for col in (
        "date",
        "people\nsampled",
        "sampled\n(cum)",
        "pool\ntests",
        "re-\ntests",
        "back-\nlog",
        "results\n(cum)",
        "found",
    ):
        t.add_column(col, justify="left" if col == "date" else "right", no_wrap=True)
    for r in plan.daily.to_dict("records"):
        t.add_row(
            f"{r['date']:%Y-%m-%d}",
            f"{r['people_sampled']:,}",
            f"{r['people_sampled_cum']:,}",
            f"{r['pool_tests_run']:,}",
            f"{r['retests_run']:,.0f}",
            f"{r['backlog_tests']:,.0f}",
            f"{r['results_out_cum']:,.0f}",
            f"{r['positives_found']:.1f}",
        )
    caps = sorted({int(c) for c in plan.daily["lab_capacity"]})
    t.caption_justify = "left"  # as every other table's caption
    t.caption = (
        f"laboratory capacity a day: {', '.join(f'{c:,}' for c in caps)} "
        "(first and last days partial); backlog at midnight"
    )
    out.print(t)
    # one fact a line, each under 80 columns: run together, the line broke inside '(43 h)'
    out.print(
        f"sampling complete {s['sampling_complete']:%Y-%m-%d %H:%M} "
        f"({s['hours_to_sample']:.0f} h after the start)\n"
        f"all results out {s['results_complete']:%Y-%m-%d %H:%M} "
        f"({s['hours_to_results']:.0f} h after the start)\n"
        f"tests {s['tests']:,.0f} ({s['pool_tests']:,} pools + {s['retests']:,.0f} retests)\n"
        f"positives expected {s['positives_expected']:.1f}, found {s['positives_found']:.1f}, "
        f"missed {s['positives_missed']:.1f}",
        highlight=False,
    )


def comparison_table(cmp: pd.DataFrame) -> Table:
    """Reported progress beside the plan."""
    t = Table(
        title="Plan vs reported progress",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
        show_edge=False,
    )
    for col in (
        "time",
        "area",
        "sampled\nreported",
        "sampled\nplan",
        "results\nreported",
        "results\nplan",
    ):
        t.add_column(col, justify="left" if col in ("time", "area") else "right", no_wrap=True)

    def f(x: Any) -> str:
        return "\u2014" if x is None or pd.isna(x) else f"{int(x):,}"

    for r in cmp.to_dict("records"):
        t.add_row(
            f"{r['timestamp']:%Y-%m-%d %H:%M}",
            str(r["area"]),
            f(r["reported_sampled"]),
            f(r["plan_sampled"]),
            f(r["reported_results_out"]),
            f(r["plan_results_out"]),
        )
    return t


# ---- demo ------------------------------------------------------------------------------------


def demo_section(reg: Any, console: Console) -> None:
    """Kashgar 2020, round 1: campaign plans from the reported resources vs reported progress.

    Plan A uses the stated resources throughout; plan B what the reports add (602 teams the first
    afternoon, 122,000 extra tubes a day). Both fit swabs per team-hour to the sampled counts.
    """
    k = KASHGAR
    console.rule("Pooled mass testing: Kashgar, round 1 (24-27 October 2020)")
    pv = kashgar_round1_plans(reg, k)
    people, positives, p = pv.people, pv.positives, pv.prevalence
    plans, rates, top = pv.plans, pv.swabs_per_team_hour, pv.progress
    console.print(
        f"{people:,} people, pools of {k.pool_size}, sampling {k.day_start_hour:02d}:00-"
        f"{k.day_start_hour + k.hours_per_day:02d}:00 from {k.start}, results "
        f"{k.turnaround_hours} h after a run, prevalence {p:.2g} ({positives} reported "
        "positives). Swabs per team-hour: least squares through the reported sampled counts.\n"
        f"A: {k.teams:,} teams, {k.lab_tubes_per_day:,} tubes a day throughout "
        f"({rates['A']:.1f} swabs per team-hour).\n"
        f"B: {k.first_teams} teams the first afternoon, {k.teams:,} from {k.all_teams_from}; "
        f"+{k.extra_tubes_per_day:,} tubes a day from {k.extra_from} "
        f"({rates['B']:.1f} swabs per team-hour)."
    )
    print_plan(plans["A"], console)
    sb = plans["B"].summary
    console.print(
        f"B: sampling complete {sb['sampling_complete']:%Y-%m-%d %H:%M}; all results "
        f"out {sb['results_complete']:%Y-%m-%d %H:%M}. Reported: all tested by "
        "2020-10-27 17:00."
    )
    cmp = {
        name: g.drop(columns="plan").reset_index(drop=True)
        for name, g in pv.comparison.groupby("plan", sort=True)
    }
    t = Table(
        title=f"Plans vs reported progress, {k.area} (reported / plan A / plan B)",
        box=box.SIMPLE_HEAD,
        # a space between columns (the divider), no padding: seven columns with ISO times
        # ('2020-10-25 08:00') fit 80 columns; with padding the figures were cut ('2,133,6…')
        padding=(0, 0),
        pad_edge=False,
        show_edge=False,
    )
    for col in ("time", "sampled", "A", "B", "results", "A ", "B "):
        t.add_column(col, justify="left" if col == "time" else "right", no_wrap=True)

    def f(x: Any) -> str:
        return "\u2014" if x is None or pd.isna(x) else f"{int(x):,}"

    for ra, rb in zip(cmp["A"].to_dict("records"), cmp["B"].to_dict("records"), strict=True):
        t.add_row(
            f"{ra['timestamp']:%Y-%m-%d %H:%M}",
            f(ra["reported_sampled"]),
            f(ra["plan_sampled"]),
            f(rb["plan_sampled"]),
            f(ra["reported_results_out"]),
            f(ra["plan_results_out"]),
            f(rb["plan_results_out"]),
        )
    console.print(t)
    thr = implied_lab_throughput(top, pool_size=k.pool_size)
    if not thr.empty:
        spans = "; ".join(
            f"{r['from']:%Y-%m-%d %H:%M} to {r['to']:%Y-%m-%d %H:%M}: {r['tubes_per_day']:,.0f}"
            for r in thr.to_dict("records")
        )
        console.print(
            f"Tubes a day implied by reported results ({spans}) vs "
            f"{k.lab_tubes_per_day:,} stated (+{k.extra_tubes_per_day:,} brought in)."
        )
    d5 = DorfmanDesign(k.pool_size)
    console.print(
        f"5-in-1 pooling: {d5.tests_per_person(p):.4f} tests per person at this "
        f"prevalence (Dorfman 1943); it stops paying above p = "
        f"{d5.break_even_prevalence():.3f}."
    )
