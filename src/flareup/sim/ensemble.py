"""Ensembles: runs x scenarios over an executor (local processes by default, or Dask).

Every run gets its seed from ``flareup.rng.spawn(seed, runs)`` (numpy SeedSequence children), and
run *i* of every scenario uses the same child: scenarios are compared on common random numbers
(paired runs), and the numbers do not depend on the executor, the number of workers or the order
in which runs finish. The population is part of the scenario (its own seed), synthesised once per
worker process and shared by that worker's runs.

Results are stacked into one :class:`flareup.sim.SimResults` per scenario, one xarray Dataset
``(scenario, run, date, area, metric)`` (``(run, date, area, metric)`` for a single scenario) and
a summary table with medians and central intervals across runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from flareup.errors import ConfigError, MissingExtraError, cannot_write
from flareup.rng import spawn
from flareup.sim.population import population_areas
from flareup.sim.scenario import (
    Scenario,
    build_population,
    build_sim,
    load_scenario,
    scenario_areas,
)

Progress = Callable[[int, int], None]

#: Summary columns reported with median and interval across runs.
SUMMARY_COLUMNS = (
    "infections",
    "detected",
    "confirmed",
    "asymptomatic",
    "reclassified",
    "deaths",
    "peak_daily_infections",
    "tests_used",
    "people_tested",
    "quarantined",
)


def run_seeds(seed: int | np.random.SeedSequence | None, runs: int) -> list[int]:
    """Integer seeds of ``runs`` independent runs spawned from ``seed`` (flareup.rng.spawn)."""
    return [int(s.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for s in spawn(seed, runs)]


def _run_one(scenario: Scenario, seed: int) -> tuple[np.ndarray, Any]:
    """Run one simulation; returns its counts[day, area, metric] (worker entry point)."""
    sim = build_sim(scenario, seed=seed, population=build_population(scenario))
    res = sim.run()
    return res.counts[0], seed


def _count(v: float) -> int | float:
    """A whole number as an int (a median of counts over an odd number of runs, a quantile that
    falls on a run), so that CSV and JSON print ``11``, not ``11.0``; others are rounded to two
    decimals (``472.85``, not the interpolation's ``472.84999999999997``)."""
    f = round(float(v), 2)
    return int(f) if f.is_integer() else f


#: Columns of :meth:`EnsembleResult.summary`.
SUMMARY_FRAME_COLUMNS = [
    "scenario",
    "quantity",
    "median",
    "low",
    "high",
    "runs",
    "median_date",
    "low_date",
    "high_date",
]


@dataclass
class EnsembleResult:
    """Results of an ensemble: per scenario name, the stacked :class:`SimResults`."""

    results: dict[str, Any]
    seeds: list[int]

    @property
    def scenarios(self) -> list[str]:
        """Scenario names in the order given."""
        return list(self.results)

    def to_dataset(self) -> Any:
        """xarray Dataset, variable ``value``: dims (run, date, area, metric), with a leading
        ``scenario`` dimension when there is more than one scenario."""
        import xarray as xr

        sets = [r.to_dataset() for r in self.results.values()]
        if len(sets) == 1:
            ds = sets[0]
            return ds.assign_attrs(scenario=self.scenarios[0])
        return xr.concat(
            sets, dim=pd.Index(self.scenarios, name="scenario"), coords="minimal", compat="override"
        )

    def to_frame(self) -> pd.DataFrame:
        """Tidy frame: scenario, run, area, date, metric, value."""
        frames = []
        for name, res in self.results.items():
            f = res.to_frame()
            f.insert(0, "scenario", name)
            frames.append(f)
        result: pd.DataFrame = pd.concat(frames, ignore_index=True)
        return result

    def runs_table(self) -> pd.DataFrame:
        """One row per scenario and run: the engine's per-run summary."""
        frames = []
        for name, res in self.results.items():
            s = res.summary()
            s.insert(0, "scenario", name)
            frames.append(s)
        result: pd.DataFrame = pd.concat(frames, ignore_index=True)
        return result

    def summary(self, interval: float = 0.9) -> pd.DataFrame:
        """Per scenario and quantity: median and central ``interval`` across runs.

        Quantities: infections (true) and detected, peak infections a day, tests used, people
        tested and quarantined; then ``peak_day`` and ``end_day`` (the day the outbreak's last
        infected agent stopped being infected; runs still going at the end are left out), as
        days since the scenario's first day, with the days themselves in ``median_date``,
        ``low_date`` and ``high_date``. Every column keeps one type, so that pandas, R and
        spreadsheets read ``median``, ``low`` and ``high`` as numbers; quantiles are rounded to
        two decimals (hundredths of a person), whole numbers print as whole numbers.
        """
        lo_q, hi_q = (1 - interval) / 2, 1 - (1 - interval) / 2
        runs = self.runs_table()
        rows: list[dict[str, Any]] = []
        for name, g in runs.groupby("scenario", sort=False):
            for col in SUMMARY_COLUMNS:
                if col not in g.columns:
                    continue
                x = g[col].to_numpy(dtype=float)
                rows.append(
                    {
                        "scenario": name,
                        "quantity": col,
                        "median": _count(np.median(x)),
                        "low": _count(np.quantile(x, lo_q)),
                        "high": _count(np.quantile(x, hi_q)),
                        "runs": len(x),
                    }
                )
            start = np.datetime64(self.results[str(name)].dates[0].date(), "D")
            for col, quantity in (("peak_date", "peak_day"), ("end_date", "end_day")):
                if col not in g.columns:
                    continue
                d = pd.to_datetime(g[col])
                ns = np.sort(d.dropna().to_numpy(dtype="datetime64[D]"))

                def pick(q: float, ns: np.ndarray = ns) -> np.datetime64 | None:
                    # Order statistics of days (the lower one where a quantile falls between):
                    # a day that some run had, never a fraction of a day.
                    return ns[int(np.floor(q * (len(ns) - 1)))] if len(ns) else None

                days = {k: pick(q) for k, q in (("median", 0.5), ("low", lo_q), ("high", hi_q))}
                rows.append(
                    {
                        "scenario": name,
                        "quantity": quantity,
                        **{
                            k: None if v is None else int((v - start).astype(int))
                            for k, v in days.items()
                        },
                        "runs": int(d.notna().sum()),
                        **{f"{k}_date": None if v is None else str(v) for k, v in days.items()},
                    }
                )
        frame = pd.DataFrame(rows, columns=SUMMARY_FRAME_COLUMNS)
        for col in ("median", "low", "high"):
            # object keeps each value's own type: whole numbers print as 11 (not 11.0) in CSV
            # and JSON, and read back as numbers everywhere
            frame[col] = pd.Series([r[col] for r in rows], index=frame.index, dtype=object)
        return frame

    def plot(self, metric: str = "detected", *, observed: pd.DataFrame | None = None) -> Any:
        """Altair chart: one scenario's fan (median, 50% and 90% bands, ``observed`` as points)
        or, with several scenarios, their medians and 90% bands compared
        (:func:`flareup.charts.sim.results_chart`). Renders in Jupyter."""
        from flareup.charts.sim import results_chart

        return results_chart(self, metric=metric, observed=observed)

    def write(self, path: str | Path) -> Path:
        """Write by suffix: .nc (xarray netCDF), .parquet or .csv (tidy frame)."""
        path = Path(path)
        suffix = path.suffix.lower()
        try:
            return self._write(path, suffix)
        except OSError as exc:
            raise ConfigError(cannot_write(exc, path), file=str(path), key="out") from None

    def _write(self, path: Path, suffix: str) -> Path:
        if suffix == ".nc":
            ds = self.to_dataset()
            # netCDF wants plain types: dates as strings in attrs, object coords as str.
            for name in list(ds.coords):
                if ds[name].dtype == object:
                    ds = ds.assign_coords({name: ds[name].astype(str)})
            try:
                ds.to_netcdf(path)
            except (ImportError, ValueError) as exc:
                raise MissingExtraError("netCDF4 or scipy (for .nc output)", "netcdf") from exc
        elif suffix == ".parquet":
            self.to_frame().to_parquet(path, index=False)
        elif suffix == ".csv":
            self.to_frame().to_csv(path, index=False)
        else:
            raise ConfigError(
                f"expected an output file ending .nc, .parquet or .csv, got {path.name!r}",
                file=str(path),
                key="out",
            )
        return path


def _as_scenarios(scenarios: Any) -> list[Scenario]:
    if isinstance(scenarios, Scenario | str | Path):
        scenarios = [scenarios]
    out = [s if isinstance(s, Scenario) else load_scenario(s) for s in scenarios]
    names = [s.name for s in out]
    if len(set(names)) != len(names):
        raise ConfigError(f"scenario names must be distinct, got {names}", key="scenario")
    return out


def dask_client(address: str | None = None, n_workers: int | None = None) -> Any:
    """A dask.distributed Client (a LocalCluster of ``n_workers`` single-threaded processes,
    default one per CPU, when no address is given)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtraError("dask.distributed", "dask") from exc
    if address:
        return Client(address)  # type: ignore[no-untyped-call]  # distributed is untyped
    return Client(  # type: ignore[no-untyped-call]
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
    )


def run_ensemble(
    scenarios: Scenario | str | Path | Sequence[Scenario | str | Path],
    runs: int = 10,
    seed: int | None = None,
    *,
    executor: str | Any = "process",
    max_workers: int | None = None,
    progress: Progress | None = None,
) -> EnsembleResult:
    """Run ``runs`` seeds of every scenario and collect the results.

    ``executor``: ``"process"`` (concurrent.futures ProcessPoolExecutor, the default),
    ``"serial"`` (this process), ``"dask"`` (a dask.distributed LocalCluster of worker processes),
    a Dask scheduler address (``"tcp://host:8786"``), an existing ``concurrent.futures.Executor``
    or a ``dask.distributed.Client``. Each worker process synthesises the population once.
    ``seed``: root seed of the runs (default: the first scenario's seed). ``max_workers``: local
    processes (or LocalCluster workers). ``progress(done, total)`` is called as runs finish.
    """
    scs = _as_scenarios(scenarios)
    if runs < 1:
        raise ConfigError(f"expected at least 1 run, got {runs}", key="runs")
    if seed is not None and (not isinstance(seed, int | np.integer) or seed < 0):
        raise ConfigError(f"expected a non-negative integer seed, got {seed!r}", key="seed")
    root = scs[0].seed if seed is None else seed
    seeds = run_seeds(root, runs)
    jobs = [(si, ri) for si in range(len(scs)) for ri in range(runs)]
    total = len(jobs)
    out: dict[tuple[int, int], np.ndarray] = {}

    def done(key: tuple[int, int], counts: np.ndarray) -> None:
        out[key] = counts
        if progress is not None:
            progress(len(out), total)

    if executor == "serial":
        for si, ri in jobs:
            done((si, ri), _run_one(scs[si], seeds[ri])[0])
    elif executor == "dask" or _is_dask_client(executor) or _is_address(executor):
        own = not _is_dask_client(executor)
        client: Any = (
            executor
            if not own
            else dask_client(executor if _is_address(executor) else None, n_workers=max_workers)
        )
        try:
            from dask.distributed import as_completed as dask_completed

            futs = {
                client.submit(_run_one, scs[si], seeds[ri], pure=False): (si, ri) for si, ri in jobs
            }
            for fut in dask_completed(list(futs)):  # type: ignore[no-untyped-call]  # untyped
                done(futs[fut], fut.result()[0])
        finally:
            if own:
                cluster = getattr(client, "cluster", None)
                client.close()
                if cluster is not None:
                    cluster.close()
    else:
        own = executor == "process"
        if not own and not isinstance(executor, Executor):
            raise ConfigError(
                f"expected executor 'process', 'serial', 'dask', a "
                f"concurrent.futures.Executor or a dask Client, got {executor!r}",
                key="executor",
            )
        workers = max_workers or min(total, os.cpu_count() or 1)
        pool: Any = ProcessPoolExecutor(max_workers=workers) if own else executor
        try:
            cfuts = {pool.submit(_run_one, scs[si], seeds[ri]): (si, ri) for si, ri in jobs}
            for cf in as_completed(cfuts):
                done(cfuts[cf], cf.result()[0])
        finally:
            if own:
                pool.shutdown()
    from flareup.sim.results import SimResults

    results: dict[str, Any] = {}
    for si, sc in enumerate(scs):
        counts = np.stack([out[(si, ri)] for ri in range(runs)])
        areas = population_areas(scenario_areas(sc), sc.scale)
        results[sc.name] = SimResults(
            counts=counts, start_date=sc.start, areas=areas, seeds=list(seeds)
        )
    return EnsembleResult(results=results, seeds=seeds)


def _is_address(obj: Any) -> bool:
    return isinstance(obj, str) and "://" in obj


def _is_dask_client(obj: Any) -> bool:
    return type(obj).__name__ == "Client" and type(obj).__module__.startswith("distributed")
