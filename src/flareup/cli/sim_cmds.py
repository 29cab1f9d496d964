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

from flareup.cli.common import DbOption, console, user_errors
from flareup.errors import ConfigError, FlareupError

#: Metrics laid beside the registry's by ``--observed``.
OBSERVED_METRICS = ("confirmed_new", "asymptomatic_new", "reclassified_new", "deaths_new")


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
    from flareup.registry import Registry

    name = ens.scenarios[0]
    res = ens.results[name]
    areas = res.areas
    codes = [str(c) for c in areas["code"]]
    parents = sorted({str(p) for p in areas["parent_code"] if p is not None and pd.notna(p)})
    start = res.dates[0].date()
    end = res.dates[-1].date()
    reg = Registry(db)
    try:
        obs = reg.counts(
            areas=codes + parents, metrics=list(OBSERVED_METRICS), start=start, end=end
        )
        try:
            descendants = {p: set(reg.descendants(p)) | {p} for p in parents}
        except FlareupError:  # an area the store does not know has no descendants there
            descendants = {}
    finally:
        reg.close()
    table = Table(
        title=f"Simulated ({len(res.seeds)} runs, median and 90% interval) beside "
        f"the registry, {start} to {end}"
    )
    for col in ("area", "metric", "simulated", "observed"):
        table.add_column(col, justify="right" if col in ("simulated", "observed") else "left")
    if obs.empty:
        table.caption = "the registry holds no counts for these areas and dates"
        return table
    from flareup.sim.results_idx import ALL_METRICS

    totals = obs.groupby(["area", "metric"], as_index=False)["value"].sum()
    for area, metric, value in totals[["area", "metric", "value"]].itertuples(index=False):
        # The simulated areas that make up the observed one: itself or its descendants.
        inside = descendants.get(str(area), {str(area)})
        sel = [
            i for i, c in enumerate(codes) if c in inside or str(areas["parent_code"][i]) in inside
        ]
        if not sel:
            continue
        sims = res.counts[:, :, sel, ALL_METRICS.index(metric)].sum(axis=(1, 2))
        table.add_row(
            str(area),
            metric,
            f"{np.median(sims):,.0f} ({np.quantile(sims, 0.05):,.0f}"
            f" – {np.quantile(sims, 0.95):,.0f})",
            f"{int(value):,}",
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
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on a Dask distributed cluster at this address (tcp://HOST:PORT).",
        ),
    ] = None,
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
            _scheduler_address(scheduler)
            if scheduler
            else "dask"
            if use_dask
            else ("serial" if runs == 1 or workers == 1 else "process")
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


def _scheduler_address(text: str) -> str:
    if "://" not in text:
        raise ConfigError(
            f"expected a Dask scheduler address like tcp://HOST:PORT, got {text!r}",
            key="--scheduler",
        )
    return text


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
    save: Annotated[
        Path | None,
        typer.Option("--save", help="Write the fitted scenario to this TOML file."),
    ] = None,
    scheduler: Annotated[
        str,
        typer.Option(
            "--scheduler",
            help="Where trials run: 'local' (a Dask LocalCluster of worker processes), "
            "'serial' (this process) or a Dask scheduler address tcp://HOST:PORT.",
        ),
    ] = "local",
    workers: Annotated[
        int | None, typer.Option("--workers", help="Local Dask worker processes (default: CPUs).")
    ] = None,
    batch: Annotated[
        int, typer.Option("--batch", min=1, help="Trials asked of the optimiser at a time.")
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
            help="Observed counts CSV/Parquet (area, date, metric, value); "
            "default: the registry's.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Fit scenario parameters to observed daily detections by category (Optuna, trials on
    Dask); print the best and the accepted parameter sets; --save writes the fitted scenario."""
    with user_errors():
        from flareup.sim.calibrate import calibrate
        from flareup.sim.scenario import load_scenario, save_scenario, scenario_areas

        if save is not None and save.suffix != ".toml":
            raise ConfigError("expected a file name ending .toml", file=str(save), key="--save")
        executor: Any = {"local": "dask", "serial": "serial"}.get(scheduler) or (
            _scheduler_address(scheduler)
        )
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
            from flareup.registry import Registry

            leaf = scenario_areas(sc)
            codes = [str(c) for c in leaf["code"]] + sorted(
                {str(x) for x in leaf["parent_code"] if x is not None and pd.notna(x)}
            )
            reg = Registry(db)
            try:
                obs = reg.counts(areas=codes, start=sc.start, end=sc.end)
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
                by_category=not total_only,
                executor=executor,
                max_workers=workers,
                batch=batch,
                areas=areas or None,
            )
        summary = res.posterior_summary()
        n_acc = int(summary["accepted"].iloc[0]) if len(summary) else 0
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
    ens = run_ensemble(sc, runs=8, seed=2020, executor="serial")
    console.print(summary_table(ens.summary(), "Simulated kashgar-2020 (10 % scale, 8 runs)"))
    console.print(observed_table(ens, str(reg.url)))
    console.print(
        "Simulated at a tenth of the prefecture, every group scaled (the factory too): "
        "counts are about a tenth of full scale; the full-scale calibration and its misfit "
        "are in docs/methods/sim.md."
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to ``app``."""
    app.command("simulate")(simulate)
    app.command("calibrate")(calibrate_cmd)
