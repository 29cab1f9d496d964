"""Ensembles: same seed same numbers, whatever the executor; results combined and summarised."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from flareup.errors import ConfigError
from flareup.rng import spawn
from flareup.sim.ensemble import run_ensemble, run_seeds
from flareup.sim.scenario import load_scenario

AREAS = """code,name,parent_code,population,lat,lon
T1,Town 1,C,20000,39.40,75.80
T2,Town 2,C,15000,39.50,75.95
"""

SCENARIO = """
[scenario]
name = "small"
description = "two towns, a few seeds, no response"

[sim]
start = 2020-10-01
days = 40
seed = 11
initial_infections = 20

[population]
areas = "areas.csv"
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("ens")
    (d / "areas.csv").write_text(AREAS)
    (d / "small.toml").write_text(SCENARIO)
    return load_scenario(d / "small.toml")


@pytest.fixture(scope="module")
def serial(scenario):
    return run_ensemble(scenario, runs=3, seed=5, executor="serial")


def test_run_seeds_come_from_rng_spawn() -> None:
    kids = spawn(5, 3)
    assert run_seeds(5, 3) == [
        int(k.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1)) for k in kids
    ]
    assert len(set(run_seeds(5, 10))) == 10


def test_same_seed_same_result_and_runs_differ(scenario, serial) -> None:
    again = run_ensemble(scenario, runs=3, seed=5, executor="serial")
    counts = serial.results["small"].counts
    assert np.array_equal(counts, again.results["small"].counts)
    inf = counts[..., list(serial.results["small"].metrics).index("infections_new")].sum(
        axis=(1, 2)
    )
    assert inf.min() >= 20 and len(set(inf.tolist())) > 1  # seeds infected; runs differ


def test_process_pool_gives_the_same_numbers(scenario, serial) -> None:
    proc = run_ensemble(scenario, runs=3, seed=5, executor="process", max_workers=2)
    assert np.array_equal(proc.results["small"].counts, serial.results["small"].counts)


def test_dask_gives_the_same_numbers(scenario, serial) -> None:
    pytest.importorskip("dask.distributed")
    ds = run_ensemble(scenario, runs=3, seed=5, executor="dask", max_workers=1)
    assert np.array_equal(ds.results["small"].counts, serial.results["small"].counts)


def test_dataset_frame_and_summary(serial, tmp_path: Path) -> None:
    ds = serial.to_dataset()
    assert ds["value"].dims == ("run", "date", "area", "metric")
    assert ds.sizes["run"] == 3 and ds.sizes["date"] == 40 and ds.sizes["area"] == 2
    frame = serial.to_frame()
    assert set(frame.columns) >= {"scenario", "run", "area", "date", "metric", "value"}
    summ = serial.summary()
    inf = summ[summ["quantity"] == "infections"].iloc[0]
    per_run = serial.runs_table()["infections"]
    assert inf["median"] == np.median(per_run)
    assert inf["low"] <= inf["median"] <= inf["high"]
    # 3 runs: the median is one run's count, printed as a whole number (11, not 11.0); a
    # quantile between runs keeps its fraction
    assert type(inf["median"]) is int
    assert json.loads(summ.to_json(orient="records"))[0]["median"] == inf["median"]
    for v in summ.loc[summ["quantity"] != "peak_day", ["low", "high"]].to_numpy().ravel():
        if isinstance(v, float):
            assert not v.is_integer()
    for suffix in (".csv", ".parquet"):
        assert serial.write(tmp_path / f"out{suffix}").exists()
    with pytest.raises(ConfigError, match=r"out\.xlsx"):
        serial.write(tmp_path / "out.xlsx")


def test_summary_columns_keep_one_type_each(serial, tmp_path: Path) -> None:
    """The summary's median / low / high are numbers on every row (days since the start for the
    peak and end), so that a CSV reads back numeric; the days themselves are in *_date."""
    import pandas as pd

    summ = serial.summary()
    path = tmp_path / "summary.csv"
    summ.to_csv(path, index=False)
    back = pd.read_csv(path)
    for col in ("median", "low", "high"):
        assert pd.api.types.is_numeric_dtype(back[col]), col
    runs = serial.runs_table()
    start = serial.results[serial.scenarios[0]].dates[0]
    peak = summ.set_index("quantity").loc["peak_day"]
    days = sorted((pd.Timestamp(d) - start).days for d in runs["peak_date"])
    assert peak["median"] == days[(len(days) - 1) // 2]  # an order statistic: a day a run had
    assert pd.Timestamp(peak["median_date"]) == start + pd.Timedelta(days=peak["median"])
    assert peak["low"] <= peak["median"] <= peak["high"]
    # counts carry no date; no float noise past the hundredths
    counts = summ[~summ["quantity"].isin(["peak_day", "end_day"])]
    assert counts["median_date"].isna().all()
    for v in counts[["median", "low", "high"]].to_numpy().ravel():
        assert round(float(v), 2) == float(v)


def test_two_scenarios_share_seeds(scenario) -> None:
    other = scenario.replace(name="other", initial_infections=0)
    ens = run_ensemble([scenario, other], runs=2, seed=1, executor="serial")
    assert ens.to_dataset()["value"].dims == ("scenario", "run", "date", "area", "metric")
    assert ens.runs_table().query("scenario == 'other'")["infections"].sum() == 0


def test_netcdf_output_round_trips(serial, tmp_path: Path) -> None:
    xr = pytest.importorskip("xarray")
    path = serial.write(tmp_path / "out.nc")
    back = xr.open_dataset(path)
    assert np.array_equal(back["value"].values, serial.to_dataset()["value"].values)
    back.close()


def test_dask_missing_is_a_clear_error(scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from flareup.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'flareup\[dask\]'"):
        run_ensemble(scenario, runs=1, executor="dask")
