"""Calibration of a scenario to observed counts (Optuna ask/tell, count likelihoods).

The observed counts are a tidy frame (area, date, metric, value), e.g. from
``Registry.counts(...)``; this module never imports the registry. The fitted quantity is the
daily number of *new detected infections*, ``confirmed_new - reclassified_new +
asymptomatic_new`` (a reclassified asymptomatic infection was already counted when first
detected), summed over the chosen areas. Each trial runs the scenario with the proposed
parameters on the same seeds (common random numbers, so trials differ by their parameters, not
their luck) and scores the observed series by a Poisson or negative-binomial log-likelihood
with the runs' mean as the expected count. With ``by_category`` (the default) the three daily
series of detections are fitted jointly: new asymptomatic infections, new confirmed cases not
reclassified (symptomatic when detected) and reclassifications (asymptomatic infections that
developed symptoms) -- the registry's categories.

Trials run on an executor: ``"serial"`` (this process), ``"dask"`` (a LocalCluster of worker
processes), a Dask scheduler address (``"tcp://host:8786"``) or a ``distributed.Client``. Trials
are asked of Optuna ``batch`` at a time and their runs spread over the workers; results are
told back in trial order, so a given ``seed`` and ``batch`` give the same trials on any
executor. Each worker synthesises the population once (``build_population`` caches it per
process) and reuses it for every run it is given.

The likelihood-ratio set of accepted parameter sets (:meth:`CalibrationResult.accepted`) --
the trials whose log-likelihood is within chi2(level, p) / 2 of the best -- stands in for a
posterior: an approximate confidence region, as sampled by the search (Wilks 1938).

Parameters are named ``disease.<Params field>``, ``sim.initial_infections``,
``sim.clinical_assessment_days``, ``sim.quarantine_site_size`` (whole numbers), ``sim.quarantine_at_home`` (set only; a search needs numbers) or
``intervention[<i>].<parameter>`` (i as in the file, 1-based), or ``<type>.<parameter>`` for the
first intervention of that type (``<type>.<parameter>.<key>``: one entry of a table parameter,
e.g. ``lockdown.layers.household``); a date parameter is searched over whole days between two dates.

References: Akiba et al. (2019) Optuna: a next-generation hyperparameter optimization framework,
KDD; Bergstra et al. (2011) Algorithms for hyper-parameter optimization (TPE), NeurIPS;
Lloyd-Smith (2007) Maximum likelihood estimation of the negative binomial dispersion parameter,
PLoS ONE 2:e180.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from flareup.errors import ConfigError, MissingExtraError
from flareup.sim.ensemble import run_seeds
from flareup.sim.scenario import (
    INTERVENTION_TYPES,
    InterventionSpec,
    Scenario,
    build_population,
    build_sim,
    load_scenario,
)

DETECTED_METRICS = ("confirmed_new", "reclassified_new", "asymptomatic_new")


CATEGORIES = ("asymptomatic", "confirmed", "reclassified")


@dataclass
class CalibrationResult:
    """Best parameters (by log-likelihood), its value, and every trial."""

    best_params: dict[str, Any]
    best_loglik: float
    trials: pd.DataFrame  # trial, loglik, one column per parameter
    scenario: Scenario  # the scenario with the best parameters
    study: Any = None

    def accepted(self, level: float = 0.95) -> pd.DataFrame:
        """Trials inside the likelihood-ratio region: loglik >= best - chi2(level, p) / 2,
        p the number of parameters (Wilks 1938), best first."""
        p = max(1, len(self.best_params))
        cut = self.best_loglik - stats.chi2.ppf(level, p) / 2
        t = self.trials[self.trials["loglik"] >= cut]
        result: pd.DataFrame = t.sort_values("loglik", ascending=False).reset_index(drop=True)
        return result

    def posterior_summary(self, level: float = 0.95) -> pd.DataFrame:
        """Per parameter: best value, and median, min and max over the accepted trials."""
        acc = self.accepted(level)
        rows = []
        for name, best in self.best_params.items():
            col = acc[name]
            numeric = pd.api.types.is_numeric_dtype(col)
            rows.append(
                {
                    "parameter": name,
                    "best": best,
                    "median": col.median() if numeric else col.sort_values().iloc[len(col) // 2],
                    "low": col.min(),
                    "high": col.max(),
                    "accepted": len(acc),
                }
            )
        return pd.DataFrame(rows)


def category_series(frame: pd.DataFrame, *, areas: Sequence[str] | None = None) -> pd.DataFrame:
    """Daily detections by category (asymptomatic, confirmed not reclassified, reclassified)
    from a tidy counts frame, indexed by date; only dates with a report of any of the three
    metrics (a missing bulletin is not a zero)."""
    f = frame[frame["metric"].isin(DETECTED_METRICS)]
    if areas is not None:
        f = f[f["area"].astype(str).isin([str(a) for a in areas])]
    if f.empty:
        return pd.DataFrame(columns=list(CATEGORIES), dtype=float)
    wide = f.assign(date=pd.to_datetime(f["date"]).dt.normalize()).pivot_table(
        index="date", columns="metric", values="value", aggfunc="sum", fill_value=0
    )
    for m in DETECTED_METRICS:
        if m not in wide.columns:
            wide[m] = 0
    out = pd.DataFrame(
        {
            "asymptomatic": wide["asymptomatic_new"],
            "confirmed": wide["confirmed_new"] - wide["reclassified_new"],
            "reclassified": wide["reclassified_new"],
        }
    )
    return out.astype(float).sort_index()


def simulated_categories(counts: np.ndarray, area_sel: np.ndarray) -> np.ndarray:
    """(days, 3) detections by category (CATEGORIES) of one run's counts, summed over areas."""
    from flareup.sim.results_idx import ALL_METRICS

    mi = [ALL_METRICS.index(m) for m in DETECTED_METRICS]
    c = counts[:, area_sel][:, :, mi].sum(axis=1)
    return np.column_stack([c[:, 2], c[:, 0] - c[:, 1], c[:, 1]]).astype(np.float64)


def trial_run(sc: Scenario, seed: int, area_sel: np.ndarray) -> np.ndarray:
    """One run of a trial's scenario: its detections by category (days, 3). The population is
    synthesised once per process and reused (build_population's cache)."""
    pop = build_population(sc)
    counts = build_sim(sc, seed=seed, population=pop).run().counts[0]
    return simulated_categories(counts, area_sel)


def area_selection(pop: Any, areas: Sequence[str] | None) -> np.ndarray:
    """Indices of the population's areas that are, or lie under, ``areas`` (None: all)."""
    codes = [str(c) for c in pop.areas["code"]]
    if areas is None:
        return np.arange(len(codes))
    want = [str(a) for a in areas]
    return np.flatnonzero(
        np.isin(codes, want) | np.isin(pop.areas["parent_code"].astype(str), want)
    )


class _Runner:
    """Runs a batch of (scenario, seed) jobs serially or on Dask, results in job order."""

    def __init__(self, executor: Any, max_workers: int | None) -> None:
        self.client: Any = None
        self.own = False
        if executor in (None, "serial"):
            return
        from flareup.sim.ensemble import _is_dask_client, dask_client

        if _is_dask_client(executor):
            self.client = executor
        elif executor == "dask":
            self.client, self.own = dask_client(n_workers=max_workers), True
        elif isinstance(executor, str) and "://" in executor:
            self.client, self.own = dask_client(executor), True
        else:
            raise ConfigError(
                "expected 'serial', 'dask', a scheduler address (tcp://host:port) or a "
                f"distributed.Client, got {executor!r}",
                key="scheduler",
            )

    def map(self, jobs: list[tuple[Scenario, int]], area_sel: np.ndarray) -> list[np.ndarray]:
        if self.client is None:
            return [trial_run(sc, s, area_sel) for sc, s in jobs]
        futs = [self.client.submit(trial_run, sc, s, area_sel, pure=False) for sc, s in jobs]
        return list(self.client.gather(futs))

    def close(self) -> None:
        if self.own and self.client is not None:
            cluster = getattr(self.client, "cluster", None)
            self.client.close()
            if cluster is not None:
                cluster.close()


def detected_series(frame: pd.DataFrame, *, areas: Sequence[str] | None = None) -> pd.Series:
    """Daily new detected infections from a tidy counts frame, indexed by date.

    Only dates on which at least one of the three metrics is reported are kept (a missing
    bulletin is not a zero).
    """
    f = frame[frame["metric"].isin(DETECTED_METRICS)]
    if areas is not None:
        f = f[f["area"].astype(str).isin([str(a) for a in areas])]
    if f.empty:
        return pd.Series(dtype=float, name="detected")
    wide = f.assign(date=pd.to_datetime(f["date"]).dt.normalize()).pivot_table(
        index="date", columns="metric", values="value", aggfunc="sum", fill_value=0
    )
    for m in DETECTED_METRICS:
        if m not in wide.columns:
            wide[m] = 0
    s = wide["confirmed_new"] - wide["reclassified_new"] + wide["asymptomatic_new"]
    return s.astype(float).rename("detected").sort_index()


def loglik(
    observed: np.ndarray, expected: np.ndarray, *, family: str = "poisson", dispersion: float = 10.0
) -> float:
    """Sum of log P(observed | expected) for a Poisson or negative binomial (mean ``expected``,
    size ``dispersion``: variance mu + mu^2 / k, Lloyd-Smith 2007)."""
    y = np.asarray(observed, dtype=float)
    mu = np.maximum(np.asarray(expected, dtype=float), 0.1)  # a zero mean would give -inf
    if family == "poisson":
        return float(stats.poisson.logpmf(y, mu).sum())
    if family in ("negbin", "negative_binomial", "nb"):
        k = float(dispersion)
        if not np.isfinite(k) or k <= 0:  # NaN would fail every trial silently
            raise ConfigError(f"expected a positive dispersion, got {k}", key="dispersion")
        ll = (
            special.gammaln(y + k)
            - special.gammaln(k)
            - special.gammaln(y + 1)
            + k * np.log(k / (k + mu))
            + y * np.log(mu / (k + mu))
        )
        return float(ll.sum())
    raise ConfigError(f"expected family 'poisson' or 'negbin', got {family!r}", key="family")


def _spec_index(sc: Scenario, name: str) -> tuple[int, str]:
    head, _, pname = name.partition(".")
    if head.startswith("intervention[") and head.endswith("]"):
        i = int(head[len("intervention[") : -1])
        if not 1 <= i <= len(sc.interventions):
            raise ConfigError(f"the scenario has {len(sc.interventions)} interventions", key=name)
        return i - 1, pname
    if head in INTERVENTION_TYPES:
        for j, spec in enumerate(sc.interventions):
            if spec.type == head:
                return j, pname
        raise ConfigError(f"the scenario has no {head} intervention", key=name)
    raise ConfigError(
        "expected disease.<name>, sim.initial_infections, sim.clinical_assessment_days, "
        "sim.quarantine_site_size, intervention[i].<name> or <type>.<name>",
        key=name,
    )


def apply_params(sc: Scenario, values: Mapping[str, Any]) -> Scenario:
    """The scenario with ``values`` set (names as in the module docstring), validated."""
    disease = dict(sc.disease)
    specs = list(sc.interventions)
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name.startswith("disease."):
            disease[name.split(".", 1)[1]] = value
        elif name in (
            "sim.initial_infections",
            "sim.seed",
            "sim.clinical_assessment_days",
            "sim.quarantine_site_size",
        ):
            changes[name.split(".", 1)[1]] = int(value)
        elif name == "sim.quarantine_at_home":
            if not isinstance(value, bool):
                raise ConfigError(f"expected true or false, got {value!r}", key=name)
            changes["quarantine_at_home"] = value
        else:
            j, pname = _spec_index(sc, name)
            spec = specs[j]
            pname, _, key = pname.partition(".")
            if key:  # one entry of a table parameter, e.g. lockdown.layers.household
                table = spec.params.get(pname, _TABLE_DEFAULTS.get((spec.type, pname)))
                if not isinstance(table, Mapping):
                    raise ConfigError(f"{spec.type}.{pname} is not a table", key=name)
                value = {**table, key: value}
            specs[j] = InterventionSpec(
                spec.type, {**spec.params, pname: value}, spec.index, spec.name
            )
    return sc.replace(disease=disease, interventions=tuple(specs), **changes)


def _lockdown_layers() -> dict[str, float]:
    from flareup.sim.interventions import DEFAULT_LOCKDOWN

    return dict(DEFAULT_LOCKDOWN)


#: Table parameters an entry of which may be set when the scenario leaves the whole table to
#: the engine's default (``lockdown.layers.household``: the default lockdown's factors, that one
#: changed).
_TABLE_DEFAULTS: dict[tuple[str, str], Mapping[str, Any]] = {
    ("lockdown", "layers"): _lockdown_layers()
}


def _distribution(name: str, bounds: Any) -> tuple[Any, Any]:
    """Optuna distribution for (low, high[, 'log']); dates become whole-day offsets."""
    import optuna

    if not isinstance(bounds, tuple | list) or len(bounds) not in (2, 3):
        raise ConfigError("expected (low, high) or (low, high, 'log')", key=name)
    lo, hi = bounds[0], bounds[1]
    log = len(bounds) == 3 and bounds[2] == "log"
    if isinstance(lo, dt.date) and isinstance(hi, dt.date):
        span = (hi - lo).days
        if span < 0:
            raise ConfigError(f"empty range {lo} to {hi}", key=name)
        return optuna.distributions.IntDistribution(0, span), lo
    if isinstance(lo, int) and isinstance(hi, int) and not isinstance(lo, bool):
        return optuna.distributions.IntDistribution(lo, hi, log=log), None
    if not lo < hi:
        raise ConfigError(f"expected low < high, got {lo}, {hi}", key=name)
    return optuna.distributions.FloatDistribution(float(lo), float(hi), log=log), None


def calibrate(
    scenario: Scenario | str,
    observed: pd.DataFrame,
    params: Mapping[str, Any],
    *,
    n_trials: int = 30,
    runs_per_trial: int = 1,
    seed: int = 0,
    family: str = "poisson",
    dispersion: float = 10.0,
    areas: Sequence[str] | None = None,
    sampler: Any = None,
    progress: Any = None,
    by_category: bool = True,
    executor: Any = "serial",
    max_workers: int | None = None,
    batch: int = 1,
) -> CalibrationResult:
    """Fit ``params`` (name -> (low, high[, 'log'])) to the observed daily detections.

    ``observed``: tidy counts (area, date, metric, value); only dates inside the simulated
    period count. ``areas``: codes to sum over (default: all observed areas). ``by_category``:
    fit the three categories jointly (else their total). ``executor``, ``batch``: see the
    module docstring. Seeded: the same ``seed`` and ``batch`` give the same trials on any
    executor (Optuna's TPESampler(seed=seed), and the same run seeds).
    """
    try:
        import optuna
    except ImportError as exc:
        raise MissingExtraError("optuna", "calibrate") from exc
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ConfigError(f"expected a non-negative integer seed, got {seed!r}", key="seed")
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise ConfigError(f"expected a batch of >= 1 trials, got {batch!r}", key="batch")
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    obs_cat = category_series(observed, areas=areas)
    dates = pd.date_range(pd.Timestamp(sc.start), periods=sc.days, freq="D")
    obs_cat = obs_cat[obs_cat.index.isin(dates)]
    obs = obs_cat.sum(axis=1)
    if obs.empty:
        raise ConfigError(
            f"no observed counts of {', '.join(DETECTED_METRICS)} between {sc.start} and {sc.end}",
            key="observed",
        )
    day_idx = dates.get_indexer(obs.index)
    dists = {}
    origins = {}
    for name, bounds in params.items():
        dists[name], origins[name] = _distribution(name, bounds)
        apply_params(
            sc, {name: _decode(bounds[0] if origins[name] is None else 0, origins[name])}
        )  # check the name early
    seeds = run_seeds(seed, runs_per_trial)
    pop = build_population(sc)
    area_sel = area_selection(pop, areas)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(
        direction="maximize", sampler=sampler or optuna.samplers.TPESampler(seed=seed)
    )
    rows = []
    runner = _Runner(executor, max_workers)
    try:
        t = 0
        while t < n_trials:
            asked = [study.ask(dists) for _ in range(min(batch, n_trials - t))]
            decoded = [{k: _decode(v, origins[k]) for k, v in tr.params.items()} for tr in asked]
            scs = [apply_params(sc, values) for values in decoded]
            sims = runner.map([(x, s) for x in scs for s in seeds], area_sel)
            for b, (trial, values) in enumerate(zip(asked, decoded, strict=True)):
                runs = np.stack(sims[b * len(seeds) : (b + 1) * len(seeds)])
                expected = runs.mean(axis=0)[day_idx]
                if by_category:
                    ll = sum(
                        loglik(
                            obs_cat[c].to_numpy(),
                            expected[:, i],
                            family=family,
                            dispersion=dispersion,
                        )
                        for i, c in enumerate(CATEGORIES)
                    )
                else:
                    ll = loglik(
                        obs.to_numpy(), expected.sum(axis=1), family=family, dispersion=dispersion
                    )
                study.tell(trial, ll)
                rows.append({"trial": t, "loglik": ll, **values})
                t += 1
                if progress is not None:
                    progress(t, n_trials)
    finally:
        runner.close()
    best = study.best_trial
    best_values = {k: _decode(v, origins[k]) for k, v in best.params.items()}
    return CalibrationResult(
        best_params=best_values,
        best_loglik=float(best.value or 0.0),
        trials=pd.DataFrame(rows),
        scenario=apply_params(sc, best_values),
        study=study,
    )


def _decode(value: Any, origin: dt.date | None) -> Any:
    if origin is not None:
        return origin + dt.timedelta(days=int(value))
    return value


__all__ = [
    "CATEGORIES",
    "CalibrationResult",
    "apply_params",
    "calibrate",
    "category_series",
    "detected_series",
    "loglik",
    "simulated_categories",
    "trial_run",
]
