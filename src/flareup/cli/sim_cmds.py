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

from flareup.cli.common import ChartOpt, DbOption, console, user_errors, write_chart
from flareup.errors import ConfigError


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _fmt(x: Any) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "-"
    if isinstance(x, float):
        return f"{x:,.0f}" if abs(x) >= 10 or x == int(x) else f"{x:.1f}"
    return str(x)


def summary_table(summary: pd.DataFrame, title: str) -> Table:
    """A rich table of an ensemble summary (scenario, quantity, median, low, high)."""
    table = Table(title=title)
    table.add_column("scenario")
    table.add_column("quantity")
    table.add_column("median", justify="right")
    table.add_column("90% interval", justify="right")
    for row in summary.itertuples(index=False):
        table.add_row(
            str(row.scenario),
            str(row.quantity).replace("_", " "),
            _fmt(row.median),
            f"{_fmt(row.low)} – {_fmt(row.high)}",
        )
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
            f"{r['sim_median']:,.0f} ({r['sim_low']:,.0f} – {r['sim_high']:,.0f})",
            f"{int(r['observed']):,}",
        )
    return table


def simulate(
    scenario: Annotated[
        str | None,
        typer.Argument(help="Bundled scenario name (see --list) or a scenario TOML file."),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="Runs per scenario.")] = 1,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Root seed of the runs (default: the scenario's).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write results: .parquet/.csv (tidy) or .nc (xarray)."),
    ] = None,
    scale: Annotated[
        float | None,
        typer.Option("--scale", help="Fraction of the population to simulate, in (0, 1]."),
    ] = None,
    use_dask: Annotated[
        bool,
        typer.Option("--dask", help="Run on Dask (a LocalCluster) instead of local processes."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", help="Local worker processes (default: CPUs; 1 = in this process)."
        ),
    ] = None,
    observed: Annotated[
        bool,
        typer.Option("--observed", help="Lay the registry's counts beside the simulated ones."),
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List bundled scenarios.")] = False,
    db: DbOption = None,
    chart: ChartOpt = None,
) -> None:
    """Simulate a scenario: runs with a progress bar, then a summary table."""
    with user_errors():
        from flareup.sim.ensemble import run_ensemble
        from flareup.sim.scenario import list_scenarios, load_scenario

        if list_:
            table = Table(title="Bundled scenarios")
            table.add_column("name")
            table.add_column("description")
            for row in list_scenarios().itertuples(index=False):
                table.add_row(str(row.name), str(row.description))
            console.print(table)
            return
        if scenario is None:
            raise ConfigError(
                "give a scenario name or file (flareup simulate --list shows the bundled ones)",
                key="SCENARIO",
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
        executor: Any = (
            "dask" if use_dask else ("serial" if runs == 1 or workers == 1 else "process")
        )
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
        console.print(
            summary_table(ens.summary(), f"{sc.name}: {runs} run(s), {sc.start} to {sc.end}")
        )
        if out is not None:
            path = ens.write(out)
            console.print(f"wrote {path}")
        if observed:
            console.print(observed_table(ens, db))
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
            "importation.start=2020-09-10:2020-10-10 (repeatable).",
        ),
    ],
    trials: Annotated[int, typer.Option("--trials", min=1)] = 20,
    runs: Annotated[int, typer.Option("--runs", min=1, help="Runs per trial.")] = 1,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    family: Annotated[str, typer.Option("--family", help="poisson or negbin")] = "poisson",
    dispersion: Annotated[float, typer.Option("--dispersion", help="negbin size k")] = 10.0,
    scale: Annotated[float | None, typer.Option("--scale")] = None,
    counts: Annotated[
        Path | None,
        typer.Option(
            "--counts",
            help="Observed counts CSV/Parquet (area, date, metric, value); "
            "default: the registry's.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Fit scenario parameters to observed daily new detected infections (Optuna)."""
    with user_errors():
        from flareup.sim.calibrate import calibrate
        from flareup.sim.scenario import load_scenario, scenario_areas

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
            )
        table = Table(title=f"Best of {trials} trials (log-likelihood {res.best_loglik:,.1f})")
        table.add_column("parameter")
        table.add_column("value", justify="right")
        for k, v in res.best_params.items():
            table.add_row(k, f"{v:.4g}" if isinstance(v, float) else str(v))
        console.print(table)


def demo_section(reg: Any, console: Any) -> None:
    """``flareup demo``: the calibrated kashgar-2020 scenario, 8 runs at a tenth of the
    prefecture (the factory keeps its real size), beside the registry's figures."""
    from flareup.sim.ensemble import run_ensemble
    from flareup.sim.scenario import load_scenario

    sc = load_scenario("kashgar-2020").replace(scale=0.1)
    ens = run_ensemble(sc, runs=8, seed=2020, executor="serial")
    console.print(summary_table(ens.summary(), "Simulated kashgar-2020 (10 % scale, 8 runs)"))
    console.print(observed_table(ens, str(reg.url)))
    console.print(
        "Detections are simulated for a tenth of the population but the whole factory; "
        "the calibration and its remaining misfit are in docs/methods/sim.md."
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("simulate")(simulate)
    app.command("calibrate")(calibrate_cmd)
