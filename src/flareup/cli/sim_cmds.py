"""``flareup`` commands of the sim group: ``simulate`` and ``calibrate``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flareup.cli.common import (
    ChartOpt,
    DbOption,
    SchedulerOpt,
    bad_option,
    console,
    err_console,
    executor_for,
    file_suffix,
    in_range,
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
    write_frame_csv,
)
from flareup.errors import ConfigError, InputError

#: Bounds checked at the command line (issue 12: a 10,000,000-day run ran for minutes).
MAX_RUNS = 100_000
MAX_WORKERS = 1024
MAX_DAYS = 3650  # ten years of daily steps
MAX_AGENTS = 100_000_000  # agents in one run (beyond: use --scale)


def _progress() -> Progress:
    # on stderr, so that stdout carries only the results (--format csv|json)
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    )


def check_scenario_bounds(sc: Any, *, population: float | None = None) -> None:
    """Refuse, before any run, a scenario of more than :data:`MAX_DAYS` days, or one whose
    simulated population (its areas' population times the scale) is empty or above
    :data:`MAX_AGENTS` (issue 12: a zero population simulated silently, 1e12 failed late)."""
    if not 1 <= sc.days <= MAX_DAYS:
        raise ConfigError(
            f"days must be between 1 and {MAX_DAYS:,} (ten years), got {sc.days:,}",
            file=sc.file,
            key="days",
        )
    if population is None:
        from flareup.sim.scenario import scenario_areas

        population = float(pd.to_numeric(scenario_areas(sc)["population"]).sum())
    agents = population * float(getattr(sc, "scale", 1.0))
    if not np.isfinite(agents) or agents < 1:
        raise ConfigError(
            f"the scenario's areas hold no one to simulate (population {population:,.0f}, "
            f"scale {getattr(sc, 'scale', 1.0):g})",
            file=sc.file,
            key="population",
        )
    if agents > MAX_AGENTS:
        raise ConfigError(
            f"{agents:,.0f} people to simulate is more than {MAX_AGENTS:,}; simulate a fraction "
            "with --scale (kashgar-2020 at full scale is 4.5 million)",
            file=sc.file,
            key="population",
        )


def kernels_cached() -> bool:
    """Whether numba has cached the simulator's compiled kernels (``cache=True`` index files)."""
    import os
    from importlib.util import find_spec

    spec = find_spec("flareup.sim")
    if spec is None or not spec.submodule_search_locations:
        return False
    folder = Path(next(iter(spec.submodule_search_locations)))
    places = [folder / "__pycache__"]
    if os.environ.get("NUMBA_CACHE_DIR"):
        places.append(Path(os.environ["NUMBA_CACHE_DIR"]))
    return any(any(p.rglob("*.nbi")) for p in places if p.is_dir())


def announce_compilation() -> None:
    """Say so before the first run compiles the kernels (tens of seconds with a cold cache)."""
    if not kernels_cached():
        err_console.print(
            "compiling simulator kernels (first run only; cached afterwards)...", highlight=False
        )


def _fmt(x: Any) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "-"
    if isinstance(x, int | np.integer) and not isinstance(x, bool):
        return f"{x:,}"
    if isinstance(x, float):
        # A median between two runs' counts keeps its half (22.5, not a rounded 22) where the
        # figure is small enough for a tenth to matter.
        return f"{x:,.0f}" if abs(x) >= 100 or x == int(x) else f"{x:.1f}"
    return str(x)


def summary_table(summary: pd.DataFrame, title: str, runs: int | None = None) -> Table:
    """A rich table of an ensemble summary (scenario, quantity, median, low, high). One run
    has a value and no spread: its table says so instead of a '90% interval' of '5 – 5'."""
    one = runs == 1
    table = Table(title=title, caption="one run: no interval (--runs N for one)" if one else None)
    table.add_column("scenario")
    table.add_column("quantity")
    table.add_column("value" if one else "median", justify="right")
    if not one:
        table.add_column("90% interval", justify="right")
    for r in summary.to_dict("records"):
        # peak_day / end_day print as the days themselves (their *_date columns)
        dated = r.get("median_date") is not None and not pd.isna(r.get("median_date"))
        keys = ("median_date", "low_date", "high_date") if dated else ("median", "low", "high")
        quantity = str(r["quantity"]).replace("_day", " date") if dated else str(r["quantity"])
        cells = [str(r["scenario"]), quantity.replace("_", " "), _fmt(r[keys[0]])]
        if not one:
            cells.append(f"{_fmt(r[keys[1]])} – {_fmt(r[keys[2]])}")
        table.add_row(*cells)
    return table


def observed_table(ens: Any, db: str | None) -> Table:
    """Registry totals over the simulated period beside the simulated ones, per area."""
    from flareup.report.analyses import simulated_vs_observed
    from flareup.report.queries import open_registry

    res = ens.results[ens.scenarios[0]]
    start = res.dates[0].date()
    end = res.dates[-1].date()
    reg = open_registry(db)
    try:
        cmp = simulated_vs_observed(reg, ens)
    finally:
        reg.close()
    table = Table(
        title=f"Simulated ({len(res.seeds)} runs, median and 90% interval) beside "
        f"the registry, {start} to {end}"
    )
    for col in ("area", "metric", "simulated", "observed"):
        table.add_column(col, justify="right" if col in ("simulated", "observed") else "left")
    if cmp.empty:
        table.caption = "the registry holds no counts for these areas and dates"
        return table
    for r in cmp.to_dict("records"):
        table.add_row(
            str(r["area"]),
            str(r["metric"]),
            # rounded as the summary table above rounds the same runs' quantiles
            f"{_fmt(r['sim_median'])} ({_fmt(r['sim_low'])} – {_fmt(r['sim_high'])})",
            f"{int(r['observed']):,}",
        )
    return table


def simulate(
    scenario: Annotated[
        str | None,
        typer.Argument(help="Bundled scenario name (see --list) or a scenario TOML file."),
    ] = None,
    runs: Annotated[
        int,
        typer.Option(
            "--runs",
            "-n",
            help=f"Runs per scenario (1-{MAX_RUNS:,}).",
            callback=in_range("--runs", 1, MAX_RUNS, what="the number of runs"),
        ),
    ] = 1,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Root seed of the runs, >= 0 (default: the scenario's).",
            callback=in_range("--seed", 0, what="the seed"),
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "--out",
            "-o",
            help="Write the full results: .parquet/.csv (tidy) or .nc (xarray).",
            callback=bom_checked(
                file_suffix("--output", (".nc", ".parquet", ".csv"), "a results file")
            ),
        ),
    ] = None,
    excel_bom: ExcelBomOpt = False,  # read by cli.output.write_frame_csv
    scale: Annotated[
        float | None,
        typer.Option(
            "--scale",
            help="Fraction of the population to simulate, in (0, 1].",
            callback=in_range("--scale", 0, 1, low_open=True, what="the scale"),
        ),
    ] = None,
    use_dask: Annotated[
        bool,
        # the old spelling of --scheduler local, kept for scripts
        typer.Option("--dask", hidden=True, help="Same as --scheduler local."),
    ] = False,
    scheduler: SchedulerOpt = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help=f"Local worker processes, 1-{MAX_WORKERS} (default: CPUs; 1 = in this process).",
            callback=in_range("--workers", 1, MAX_WORKERS, what="the number of workers"),
        ),
    ] = None,
    observed: Annotated[
        bool,
        typer.Option("--observed", help="Lay the registry's counts beside the simulated ones."),
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List bundled scenarios.")] = False,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    chart: ChartOpt = None,
    export_registry: Annotated[
        Path | None,
        typer.Option(
            "--export-registry",
            help="Run once and write what an investigation team would have recorded "
            "(settings, cases, contacts, exposures, samples CSVs for flareup import) to DIR.",
        ),
    ] = None,
) -> None:
    """Simulate a scenario: runs with a progress bar, then a summary table.

    The progress goes to stderr; ``--format csv|json`` prints the summary (scenario, quantity,
    median, low, high, runs; the peak and end as days since the start, with their dates in
    median_date, low_date, high_date) on stdout; ``-o`` writes the full results.
    """
    from flareup.sim import streamline_process

    streamline_process()  # this process simulates and exits
    with user_errors():
        from flareup.sim.ensemble import run_ensemble
        from flareup.sim.scenario import list_scenarios, load_scenario

        if list_:
            if fmt is not OutFormat.TABLE:  # name, description and the TOML file to copy
                emit(list_scenarios(), fmt)
                return
            table = Table(title="Bundled scenarios")
            table.add_column("name")
            table.add_column("description")
            for row in list_scenarios().itertuples(index=False):
                table.add_row(str(row.name), str(row.description))
            console.print(table)
            return
        if scenario is None:
            # a usage mistake (exit 2), as a missing argument is
            raise bad_option(
                "SCENARIO",
                "give a scenario name or file (flareup simulate --list shows the bundled ones)",
            )
        if out is not None and out.suffix.lower() not in (".nc", ".parquet", ".csv"):
            # Refuse a bad output name before the runs, not after them.
            raise ConfigError(
                f"expected an output file ending .nc, .parquet or .csv, got {out.name!r}",
                file=str(out),
                key="out",
            )
        sc = load_scenario(scenario)
        if scale is not None:
            sc = sc.replace(scale=scale)
        check_scenario_bounds(sc)
        if export_registry is not None:
            from flareup.cli.tracing_cmds import export_investigation

            return export_investigation(sc, export_registry, seed)
        if use_dask and scheduler not in (None, "local"):
            raise bad_option("--dask", f"--dask is --scheduler local; not with {scheduler!r}")
        executor: Any = executor_for(
            "local" if use_dask else scheduler,
            "serial" if runs == 1 or workers == 1 else "process",
        )
        announce_compilation()
        with _progress() as bar:
            task = bar.add_task(f"{sc.name} ({sc.days} days, scale {sc.scale:g})", total=runs)
            ens = run_ensemble(
                sc,
                runs=runs,
                seed=seed,
                executor=executor,
                max_workers=workers,
                progress=lambda done, total: bar.update(task, completed=done),
            )
        title = f"{sc.name}: {runs} run(s), {sc.start} to {sc.end}"
        if fmt is OutFormat.TABLE:
            console.print(summary_table(ens.summary(), title, runs))
        else:
            emit(ens.summary(), fmt)
        if out is not None:
            if out.suffix.lower() == ".csv":
                # the tidy frame through the CSV writer of every -o FILE.csv (--excel-bom)
                write_frame_csv(out, ens.to_frame())
                path = out
            else:
                try:
                    path = ens.write(out)
                except ConfigError as exc:
                    if exc.key != "out":
                        raise
                    # named as the .csv's error names it: the file and the option
                    raise InputError(exc.reason, file=str(out), field="--output") from None
            err_console.print(f"wrote {path}")
        if observed:
            (console if fmt is OutFormat.TABLE else err_console).print(observed_table(ens, db))
        if chart is not None:
            write_chart(sim_chart(ens, db if observed else None, observed), chart)


def sim_chart(ens: Any, db: str | None, observed: bool) -> Any:
    """The fan chart (several scenarios: their comparison), with the registry's observed
    points when ``observed``."""
    from flareup.report.charts import simulation_chart
    from flareup.report.queries import open_registry

    if not observed:
        return simulation_chart(ens)
    reg = open_registry(db)
    try:
        return simulation_chart(ens, reg=reg)
    finally:
        reg.close()


#: The scenario settings calibrate may set besides disease.* and the interventions' (as
#: flareup.sim.calibrate.apply_params names them).
_SIM_PARAMS = (
    "sim.initial_infections",
    "sim.seed",
    "sim.clinical_assessment_days",
    "sim.quarantine_at_home",
)


def _unknown_param(name: str) -> str | None:
    """Why ``name`` is no parameter calibrate can set (None: it is one), from the names the
    simulator exposes: ``Params``' fields for ``disease.*``, the interventions' keyword
    parameters (and trigger keys) for ``<type>.*`` and ``intervention[i].*``. Which
    intervention ``i`` is, and whether the scenario has one of the type, is checked when the
    scenario is loaded."""
    import dataclasses
    import difflib
    import re

    from flareup.sim.params import Params
    from flareup.sim.scenario import (
        _TRIGGER_KEYS,
        INTERVENTION_TYPES,
        _accepted_parameters,
        intervention_class,
    )

    disease = sorted(f.name for f in dataclasses.fields(Params))
    head, _, rest = name.partition(".")
    known = (
        f"known: {', '.join(_SIM_PARAMS)}; disease.NAME, NAME one of {', '.join(disease)}; "
        f"TYPE.PARAMETER, TYPE one of {', '.join(INTERVENTION_TYPES)}; or "
        "intervention[i].PARAMETER"
    )

    def unknown() -> str:
        names = [*_SIM_PARAMS, *(f"disease.{d}" for d in disease)]
        near = difflib.get_close_matches(name, names, n=1)
        return (
            f"unknown parameter {name!r}"
            + (f" (did you mean {near[0]!r}?); " if near else "; ")
            + known
        )

    if head == "disease":
        return None if rest in disease else unknown()
    if head == "sim":
        return None if name in _SIM_PARAMS else unknown()
    types = list(INTERVENTION_TYPES)
    if not re.fullmatch(r"intervention\[[1-9][0-9]*\]", head):
        if head not in INTERVENTION_TYPES:
            return unknown()
        types = [head]
    pname = rest.partition(".")[0]  # lockdown.layers.household: one entry of a table
    accepted: set[str] = set(_TRIGGER_KEYS)
    for t in types:
        accepted |= set(_accepted_parameters(intervention_class(t)))
    if pname in accepted:
        return None
    what = types[0] if len(types) == 1 else "an intervention"
    return f"unknown parameter {name!r}: {what} takes {', '.join(sorted(accepted))}"


def _param_option(values: list[str] | None) -> list[str] | None:
    """``--param NAME=LOW:HIGH`` checked when the command line is parsed: the form, the bounds
    (numbers or ISO dates, both of one kind) and LOW < HIGH. A usage mistake (exit 2) names
    the parameter, before the scenario is loaded or a trial runs."""
    for p in values or []:
        name, eq, rng_text = p.partition("=")
        lo, colon, hi = rng_text.partition(":")
        if not eq or not colon or not name.strip():
            raise bad_option("--param", f"expected NAME=LOW:HIGH, got {p!r}")
        why = _unknown_param(name.strip())
        if why:  # before the scenario loads and the progress bar starts (exit 2, not 1)
            raise bad_option("--param", why)
        try:
            low, high = _parse_bound(lo, name), _parse_bound(hi, name)
        except ConfigError as exc:
            raise bad_option("--param", f"{name}: {exc.reason}") from None
        if isinstance(low, dt.date) != isinstance(high, dt.date):
            raise bad_option(
                "--param", f"{name}: LOW and HIGH must both be numbers or both dates, got {p!r}"
            )
        if not low < high:
            raise bad_option("--param", f"{name}: LOW must be below HIGH, got {lo}:{hi}")
    return values


def _parse_bound(text: str, key: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise ConfigError(f"expected a number or a date, got {text!r}", key=key) from None


def calibrate_cmd(
    scenario: Annotated[str, typer.Argument(help="Bundled scenario name or TOML file.")],
    param: Annotated[
        list[str],
        typer.Option(
            "--param",
            "-p",
            help="NAME=LOW:HIGH, e.g. disease.beta_workplace=0.005:0.03 or "
            "importation.start=2020-09-10:2020-10-10 (repeatable; LOW < HIGH, both numbers or "
            "both dates; whole-number bounds such as 0:2 search whole numbers only, 0.0:2.0 "
            "the whole range).",
            callback=_param_option,
        ),
    ],
    trials: Annotated[
        int,
        typer.Option(
            "--trials",
            help="Parameter sets the optimiser tries (1-100,000).",
            callback=in_range("--trials", 1, 100_000, what="the number of trials"),
        ),
    ] = 20,
    runs: Annotated[
        int,
        typer.Option(
            "--runs",
            "-n",  # as simulate's
            help=f"Runs per trial (1-{MAX_RUNS:,}).",
            callback=in_range("--runs", 1, MAX_RUNS, what="the number of runs"),
        ),
    ] = 1,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            help="Seed of the optimiser and of the runs, >= 0 (same seed, same fit).",
            callback=in_range("--seed", 0, what="the seed"),
        ),
    ] = 0,
    family: Annotated[
        str,
        typer.Option(
            "--family",
            help="Likelihood: poisson or negbin.",
            callback=one_of("--family", ("poisson", "negbin")),
        ),
    ] = "poisson",
    dispersion: Annotated[
        float,
        typer.Option(
            "--dispersion",
            help="negbin size k, > 0.",
            callback=in_range("--dispersion", 0, low_open=True, what="the size k"),
        ),
    ] = 10.0,
    scale: Annotated[
        float | None,
        typer.Option(
            "--scale",
            help="Fraction of the population to simulate, in (0, 1] (default: the scenario's).",
            callback=in_range("--scale", 0, 1, low_open=True, what="the scale"),
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            help="Write the fitted scenario to this TOML file.",
            callback=file_suffix("--save", (".toml",), "the fitted scenario"),
        ),
    ] = None,
    scheduler: SchedulerOpt = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help=f"Local Dask worker processes, 1-{MAX_WORKERS} (default: CPUs).",
            callback=in_range("--workers", 1, MAX_WORKERS, what="the number of workers"),
        ),
    ] = None,
    batch: Annotated[
        int,
        typer.Option(
            "--batch",
            help="Trials asked of the optimiser at a time, >= 1.",
            callback=in_range("--batch", 1, what="the batch"),
        ),
    ] = 1,
    total_only: Annotated[
        bool,
        typer.Option(
            "--total-only",
            help="Fit the total of detections, not the three categories (confirmed, "
            "asymptomatic, reclassified) jointly.",
        ),
    ] = False,
    areas: Annotated[
        list[str] | None,
        typer.Option("--area", help="Fit the counts of these area codes only (repeatable)."),
    ] = None,
    counts: Annotated[
        Path | None,
        typer.Option(
            "--counts",
            "--input",
            "-i",
            help="Observed counts CSV/Parquet (area, date, metric, value); default: the "
            "registry's. (--input/-i: the name rt, growth and epicurve give their file.)",
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOpt = OutFormat.TABLE,
    output: OutputOpt = None,
    excel_bom: ExcelBomOpt = False,
) -> None:
    """Fit scenario parameters to observed daily detections by category (Optuna, trials on
    Dask); print the best and the accepted parameter sets; --save writes the fitted scenario."""
    from flareup.sim import streamline_process

    streamline_process()  # this process simulates and exits
    with user_errors():
        from flareup.sim.calibrate import calibrate
        from flareup.sim.scenario import load_scenario, save_scenario, scenario_areas

        if save is not None and save.suffix != ".toml":
            raise ConfigError("expected a file name ending .toml", file=str(save), key="--save")
        executor: Any = executor_for(scheduler, "dask")
        sc = load_scenario(scenario)
        if scale is not None:
            sc = sc.replace(scale=scale)
        bounds: dict[str, Any] = {}
        for p in param:
            name, eq, rng_text = p.partition("=")
            lo, colon, hi = rng_text.partition(":")
            if not eq or not colon:
                raise ConfigError(f"expected NAME=LOW:HIGH, got {p!r}", key="--param")
            bounds[name] = (_parse_bound(lo, name), _parse_bound(hi, name))
        if counts is not None:
            from flareup.ingest.tables import TableKind, read_table

            # Validated like an import: a missing, empty, binary or malformed file, or a bad
            # row, is an InputError naming the file, row and field.
            obs = read_table(counts, TableKind.COUNTS, unknown_columns="ignore").frame
        else:
            from flareup.report.queries import observed_counts, open_registry

            reg = open_registry(db)
            try:
                obs, _ = observed_counts(reg, scenario_areas(sc), sc.start, sc.end, metrics=None)
            finally:
                reg.close()
        announce_compilation()
        with _progress() as bar:
            task = bar.add_task(f"calibrating {sc.name}", total=trials)
            res = calibrate(
                sc,
                obs,
                bounds,
                n_trials=trials,
                runs_per_trial=runs,
                seed=seed,
                family=family,
                dispersion=dispersion,
                progress=lambda d, t: bar.update(task, completed=d),
                by_category=not total_only,
                executor=executor,
                max_workers=workers,
                batch=batch,
                areas=areas or None,
            )
        summary = res.posterior_summary()
        n_acc = int(summary["accepted"].iloc[0]) if len(summary) else 0
        if fmt is not OutFormat.TABLE or output is not None:
            emit(summary.assign(best_loglik=res.best_loglik), fmt, output)
            return
        table = Table(
            title=f"Best of {trials} trials (log-likelihood {res.best_loglik:,.1f}); "
            f"{n_acc} accepted (likelihood-ratio 95 % region)"
        )
        table.add_column("parameter")
        table.add_column("best", justify="right")
        table.add_column("accepted: median", justify="right")
        table.add_column("accepted: range", justify="right")

        def f(v: Any) -> str:
            return f"{v:.4g}" if isinstance(v, float) else str(v)

        for row in summary.itertuples(index=False):
            table.add_row(
                str(row.parameter), f(row.best), f(row.median), f"{f(row.low)} – {f(row.high)}"
            )
        console.print(table)
        if save is not None:
            header = (
                f"Fitted by flareup calibrate from {sc.file}: {trials} trials x {runs} runs, "
                f"seed {seed}, {family} likelihood"
                f"{'' if total_only else ' of the three categories'}; best log-likelihood "
                f"{res.best_loglik:.1f}.\n"
                + "\n".join(f"{r.parameter} = {f(r.best)}" for r in summary.itertuples())
            )
            path = save_scenario(res.scenario, save, header)
            console.print(f"wrote {path}")


def demo_section(reg: Any, console: Any) -> None:
    """``flareup demo``: the calibrated kashgar-2020 scenario, 8 runs at a tenth of the
    prefecture (every group scaled, the factory too), beside the registry's figures."""
    from flareup.sim.ensemble import run_ensemble
    from flareup.sim.scenario import load_scenario

    sc = load_scenario("kashgar-2020").replace(scale=0.1)
    announce_compilation()
    with _progress() as bar:
        task = bar.add_task("simulating kashgar-2020 (10 % scale)", total=8)
        ens = run_ensemble(
            sc,
            runs=8,
            seed=2020,
            executor="serial",
            progress=lambda done, total: bar.update(task, completed=done),
        )
    console.print(summary_table(ens.summary(), "Simulated kashgar-2020 (10 % scale, 8 runs)"))
    console.print(observed_table(ens, reg.display_url))
    console.print(
        "Simulated at a tenth of the prefecture, every group scaled (the factory too): "
        "counts are about a tenth of full scale; the full-scale calibration and its misfit "
        "are in docs/methods/sim.md."
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("simulate")(simulate)
    app.command("calibrate")(calibrate_cmd)
