"""The simulator's pandas-free tables (flareup.sim.tables): the bundled CSV files read as pandas
reads them, the Table twins of the area functions give the DataFrame functions' rows, the
fields that hold a Table still read as DataFrames, and the benchmark's simulator process
(issue 9, "as whole processes") never imports pandas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from flareup.data import kashgar_2020
from flareup.sim.popinputs import _FILE_FIELDS, DATA_DIR, PopulationParams
from flareup.sim.population import (
    kashgar_area_table,
    kashgar_areas,
    leaf_area_table,
    leaf_areas,
    make_population,
    population_area_table,
    population_areas,
    synthesize,
)
from flareup.sim.results import SimResults
from flareup.sim.tables import FrameField, Table, raw_of, read_csv, table_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(_FILE_FIELDS))
def test_bundled_population_tables_read_as_pandas_reads_them(name: str) -> None:
    path = DATA_DIR / _FILE_FIELDS[name][0]
    expected = pd.read_csv(path, dtype={"code": str})
    assert_frame_equal(read_csv(path, str_columns=("code",)).to_frame(), expected, check_exact=True)
    # ... and PopulationParams' field reads as that frame, while it holds the Table.
    params = PopulationParams.load()
    assert isinstance(raw_of(params, name), Table)
    assert_frame_equal(getattr(params, name), expected, check_exact=True)


def test_bundled_area_table_reads_as_pandas_reads_it() -> None:
    path = kashgar_2020.files()["areas"]
    assert isinstance(path, Path)
    expected = pd.read_csv(path, dtype={"code": str, "parent_code": str})
    got = read_csv(path, str_columns=("code", "parent_code")).to_frame()
    assert_frame_equal(got, expected, check_exact=True)


def test_read_csv_types_columns_as_pandas(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("code,i,f,gap,txt,mixed,empty\n01,1,1.5,2,a,1,\n02,2,2.25,,NA,x,\n")
    assert_frame_equal(
        read_csv(path, str_columns=("code",)).to_frame(),
        pd.read_csv(path, dtype={"code": str}),
        check_exact=True,
    )


@pytest.mark.parametrize("include_akto", [False, True])
def test_area_twins_give_the_frames_rows(include_akto: bool) -> None:
    frame = kashgar_areas(include_akto=include_akto)
    table = kashgar_area_table(include_akto=include_akto)
    assert table.columns == list(frame.columns)
    assert_frame_equal(table.to_frame(), frame, check_exact=True)
    raw = pd.read_csv(kashgar_2020.files()["areas"], dtype={"code": str, "parent_code": str})
    assert_frame_equal(leaf_areas(raw, root="653100"), kashgar_areas(), check_exact=True)
    assert leaf_area_table(raw, root="653100").records() == kashgar_area_table().records()
    assert_frame_equal(population_area_table(table, 0.25).to_frame(), population_areas(frame, 0.25))


def test_synthesis_from_a_table_or_a_frame_is_the_same_population() -> None:
    params = PopulationParams.load()
    a = synthesize(kashgar_area_table(), params, seed=3, scale=0.002)
    b = synthesize(kashgar_areas(), params, seed=3, scale=0.002)
    for name in ("area", "age", "household", "workplace", "dormitory", "school", "workplace_size"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert isinstance(raw_of(a, "areas"), Table)
    assert isinstance(a.areas, pd.DataFrame)  # the public field still reads as a DataFrame
    assert_frame_equal(a.areas, b.areas, check_exact=True)
    assert a.areas is a.areas  # converted once


def test_a_frame_field_sees_changes_made_to_its_frame() -> None:
    pop = make_population(np.arange(10) // 2)
    assert isinstance(raw_of(pop, "areas"), Table)
    pop.areas.loc[0, "lat"] = 12.5  # as before, the engine reads what the frame says
    assert table_of(pop, "areas")["lat"][0] == 12.5
    assert isinstance(type(pop).__dict__["areas"], FrameField)
    with pytest.raises(AttributeError):
        pop.areas = pop.areas  # type: ignore[misc]  # still frozen


def test_results_keep_their_table_and_read_as_before() -> None:
    from flareup.sim import Params, Sim

    k = np.arange(200)
    pop = make_population(k // 4, workplace=k // 10, area=k // 100)
    res = Sim(pop, Params(), n_days=5, seed=1, initial_infections=20).run()
    assert isinstance(raw_of(res, "areas"), Table)
    both = SimResults.concat([res, res])
    assert isinstance(raw_of(both, "areas"), Table)
    assert list(res.areas["code"]) == ["A", "A1"]  # read: now held as the frame
    assert raw_of(res, "areas") is res.areas
    assert both.series("infections_new", area="A1", run=1).tolist() == (
        res.series("infections_new", area="A1").tolist()
    )
    # A population given a DataFrame: the results' areas are that frame, re-indexed.
    frame = pop.areas.set_axis([5, 6])
    pop2 = make_population(k // 4, workplace=k // 10, area=k // 100, areas=frame)
    res2 = Sim(pop2, Params(), n_days=5, seed=1, initial_infections=20).run()
    assert list(res2.areas.index) == [0, 1]
    np.testing.assert_array_equal(res2.counts, res.counts)


def test_population_params_replace_keeps_tables_and_frames() -> None:
    params = PopulationParams.load()
    new = params.replace(dormitory_share=0.5)
    assert raw_of(new, "age_pyramid") is raw_of(params, "age_pyramid")
    frame = params.employment.assign(employed_share=0.5)
    new = params.replace(employment=frame)
    assert new.employment is frame
    loaded = PopulationParams.load(employment=frame)
    assert loaded.employment is frame
    by_path = PopulationParams.load(employment=DATA_DIR / "employment.csv")
    assert_frame_equal(by_path.employment, params.employment, check_exact=True)


def test_the_benchmarks_simulator_process_imports_no_pandas() -> None:
    # The worker of benchmarks/bench_sim_covasim.py: import, streamline_process(), warm_up(),
    # kashgar_area_table(), PopulationParams.load(), synthesize(), Sim(...).run(), res.total().
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, str(ROOT / "benchmarks" / "bench_sim_covasim.py")]
    out = subprocess.run(
        [*cmd, "--worker", "20000", "10", "1", "1.45", "20"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["pandas_loaded"] is False
    assert result["infections"] >= 20
