"""Scenario files: strict validation before the run (errors name the file and the key), and
every bundled scenario loads, validates and builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flareup.errors import ConfigError
from flareup.sim.scenario import (
    build_interventions,
    build_population,
    list_scenarios,
    load_scenario,
)

BASE = """
[sim]
start = 2020-10-01
days = 30
seed = 1
scale = 0.01
"""


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def error_of(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_scenario(path)
    err = info.value
    assert err.file == str(path), "the error must name the file"
    assert "s.toml" in str(err)
    return err


def test_minimal_scenario_loads(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path, BASE))
    assert sc.start == dt.date(2020, 10, 1) and sc.days == 30 and sc.scale == 0.01
    assert sc.end == dt.date(2020, 10, 30)
    assert sc.name == "s"


@pytest.mark.parametrize(("text", "key", "expected"), [
    (BASE + "\n[simm]\nx = 1\n", "simm", "expected"),
    (BASE.replace("seed = 1", "seed = 1\nfoo = 2"), "sim.foo", "unknown key"),
    (BASE.replace("days = 30", 'days = "30"'), "sim.days", "whole number of days"),
    (BASE.replace("days = 30", "days = 30.5"), "sim.days", "whole number of days"),
    (BASE.replace("start = 2020-10-01", 'start = "yesterday"'), "sim.start", "date"),
    (BASE.replace("scale = 0.01", "scale = 5"), "sim.scale", "(0, 1]"),
    (BASE.replace("days = 30", "days = 0"), "sim.days", ">= 1"),
    (BASE.replace("days = 30\n", ""), "sim.days", "missing"),
    (BASE + "\n[disease]\nbeta_pub = 0.1\n", "disease.beta_pub", "unknown disease parameter"),
    (BASE + '\n[disease]\nbeta_household = "high"\n', "disease.beta_household", "a number"),
    (BASE + "\n[disease]\nbeta_household = 3.0\n", "disease.beta_household", "<= 1"),
    (BASE + "\n[disease]\ndur_exposed = [4.5]\n", "disease.dur_exposed", "list of 2"),
    (BASE + "\n[population]\nflats = 3\n", "population.flats", "unknown key"),
    (BASE + '\n[population]\ndormitory_share = "many"\n', "population.dormitory_share",
     "a number"),
    (BASE + "\n[population]\ndormitory_share = 30\n", "population.dormitory_share", "share"),
    (BASE + '\n[population]\ninclude = ["999999"]\n', "population.include", "999999"),
    (BASE + '\n[[intervention]]\ntype = "curfew"\n', "intervention[1].type", "lockdown"),
])
def test_validation_errors_name_file_and_key(tmp_path: Path, text: str, key: str,
                                             expected: str) -> None:
    err = error_of(tmp_path, text)
    assert err.key == key
    assert expected in str(err)


def test_not_toml_and_missing(tmp_path: Path) -> None:
    err = error_of(tmp_path, "[sim\nstart=")
    assert "TOML" in str(err)
    with pytest.raises(ConfigError, match="no bundled scenario"):
        load_scenario("no-such-scenario")


def test_population_overrides_from_file(tmp_path: Path) -> None:
    (tmp_path / "hh.csv").write_text("size,share_percent\n1,50\n2,50\n")
    sc = load_scenario(write(tmp_path, BASE + '\n[population]\nhousehold_size = "hh.csv"\n'
                             'mean_household_size = 1.5\n'))
    pop = build_population(sc, cache=False)
    sizes = pop.members("household")[0]
    assert max(sizes[1:] - sizes[:-1]) <= 2


def test_bundled_scenarios_listed() -> None:
    names = set(list_scenarios()["name"])
    assert {"kashgar-2020", "kashgar-2020-no-routine-testing", "kashgar-2020-late-response",
            "kashgar-2020-individual-tests", "kashgar-2020-no-tracing"} <= names


@pytest.mark.parametrize("name", sorted(list_scenarios()["name"]))
def test_every_bundled_scenario_validates_and_builds(name: str) -> None:
    sc = load_scenario(name)
    assert sc.interventions, "a bundled scenario has interventions"
    small = sc.replace(scale=0.01)
    pop = build_population(small)
    ivs = build_interventions(small, pop)
    assert len(ivs) == len(sc.interventions)
    assert "shufu-garment-factory" in pop.workplace_names
