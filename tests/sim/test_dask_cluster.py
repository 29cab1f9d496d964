"""Ensembles and calibration on a real Dask cluster (two worker processes) give the numbers of
the serial run for the same seeds; the fitted scenario saves and loads; extras named in errors
exist and print intact."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from flareup.sim.calibrate import calibrate
from flareup.sim.ensemble import run_ensemble
from flareup.sim.scenario import build_sim, load_scenario, save_scenario

distributed = pytest.importorskip("distributed")

AREAS = """code,name,parent_code,population,lat,lon
T1,Town 1,C,8000,39.40,75.80
T2,Town 2,C,6000,39.50,75.95
"""

SCENARIO = """
[sim]
start = 2020-10-01
days = 30
seed = 4
initial_infections = 60

[population]
areas = "areas.csv"

[[intervention]]
type = "symptomatic_testing"
prob = 1.0
delay = 0
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("dask")
    (d / "areas.csv").write_text(AREAS)
    (d / "cal.toml").write_text(SCENARIO)
    return load_scenario(d / "cal.toml")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_ensemble_on_cluster_equals_serial(scenario, client) -> None:
    serial = run_ensemble(scenario, runs=4, seed=3, executor="serial")
    on_dask = run_ensemble(scenario, runs=4, seed=3, executor=client)
    name = scenario.name
    assert np.array_equal(serial.results[name].counts, on_dask.results[name].counts)
    # By address too (the --scheduler path), and both workers did work.
    addr = run_ensemble(scenario, runs=4, seed=3, executor=client.scheduler.address)
    assert np.array_equal(serial.results[name].counts, addr.results[name].counts)


def test_calibration_on_cluster_equals_serial(scenario, client, tmp_path: Path) -> None:
    observed = build_sim(scenario, seed=999).run().to_frame().query("run == 0")
    bounds = {"sim.initial_infections": (10, 200), "disease.beta_community": (0.002, 0.02)}
    kw = dict(n_trials=6, runs_per_trial=2, seed=1, batch=2, family="negbin", dispersion=5.0)
    serial = calibrate(scenario, observed, bounds, executor="serial", **kw)
    on_dask = calibrate(scenario, observed, bounds, executor=client, **kw)
    assert serial.trials.equals(on_dask.trials)
    assert serial.best_params == on_dask.best_params
    # Every worker synthesised the population at most once (cached per process) for all runs.
    counts = client.run(lambda: len(__import__("flareup.sim.scenario").sim.scenario._POP_CACHE))
    assert set(counts.values()) <= {0, 1}
    # The fitted scenario saves and loads back with the best parameters.
    path = save_scenario(on_dask.scenario, tmp_path / "fitted.toml", "fitted in a test")
    back = load_scenario(path)
    assert back.initial_infections == on_dask.best_params["sim.initial_infections"]
    assert back.disease["beta_community"] == pytest.approx(
        on_dask.best_params["disease.beta_community"]
    )
    assert len(on_dask.accepted()) >= 1


def test_every_extra_named_in_an_error_exists() -> None:
    """Each MissingExtraError(..., extra) in the package names an extra of pyproject.toml."""
    import re

    root = Path(__file__).resolve().parents[2]
    extras = tomllib.loads((root / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    named = set()
    for f in (root / "src" / "flareup").rglob("*.py"):
        named |= set(
            re.findall(r'MissingExtraError\((?:[^()]|\([^()]*\))*?,\s*"(\w+)"\)', f.read_text())
        )
    assert named and named <= set(extras), named - set(extras)


def test_missing_extra_prints_intact(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI prints pip install 'flareup[dask]' with its brackets (rich markup escaped)."""
    from typer.testing import CliRunner

    import flareup.sim.ensemble as ens
    from flareup.cli import app
    from flareup.errors import MissingExtraError

    def missing(*a: object, **k: object) -> None:
        raise MissingExtraError("dask.distributed", "dask")

    monkeypatch.setattr(ens, "dask_client", missing)
    result = CliRunner().invoke(app, ["simulate", "kashgar-2020", "--dask", "--runs", "2"])
    assert result.exit_code == 1
    assert "pip install 'flareup[dask]'" in result.output.replace("\n", "")
