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
    build_sim,
    list_scenarios,
    load_scenario,
    save_scenario,
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


def test_clinical_assessment_days_loads_saves_and_reaches_the_engine(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path, BASE))
    assert sc.clinical_assessment_days == 0
    sc = load_scenario(write(tmp_path, BASE + "clinical_assessment_days = 3\n"))
    assert sc.clinical_assessment_days == 3
    again = load_scenario(save_scenario(sc, tmp_path / "again.toml"))
    assert again.clinical_assessment_days == 3
    assert build_sim(again).clinical_assessment_days == 3


def test_quarantine_site_size_loads_saves_and_reaches_the_engine(tmp_path: Path) -> None:
    sc = load_scenario(write(tmp_path, BASE))
    assert sc.quarantine_site_size == 0
    sc = load_scenario(write(tmp_path, BASE + "quarantine_site_size = 100\n"))
    assert sc.quarantine_site_size == 100
    again = load_scenario(save_scenario(sc, tmp_path / "again.toml"))
    assert again.quarantine_site_size == 100
    assert build_sim(again).quarantine_site_size == 100


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        (BASE + "\n[simm]\nx = 1\n", "simm", "expected"),
        (BASE.replace("seed = 1", "seed = 1\nfoo = 2"), "sim.foo", "unknown key"),
        (BASE.replace("days = 30", 'days = "30"'), "sim.days", "whole number of days"),
        (BASE.replace("days = 30", "days = 30.5"), "sim.days", "whole number of days"),
        (BASE.replace("start = 2020-10-01", 'start = "yesterday"'), "sim.start", "date"),
        (BASE.replace("scale = 0.01", "scale = 5"), "sim.scale", "(0, 1]"),
        (BASE.replace("days = 30", "days = 0"), "sim.days", ">= 1"),
        (BASE.replace("days = 30\n", ""), "sim.days", "missing"),
        (BASE + "clinical_assessment_days = -1\n", "sim.clinical_assessment_days", ">= 0"),
        (BASE + "clinical_assessment_days = 1.5\n", "sim.clinical_assessment_days", "whole"),
        (BASE + "quarantine_site_size = 1\n", "sim.quarantine_site_size", ">= 2 people"),
        (BASE + "quarantine_site_size = 2.5\n", "sim.quarantine_site_size", "whole number"),
        (BASE + "\n[disease]\nbeta_pub = 0.1\n", "disease.beta_pub", "unknown disease parameter"),
        (BASE + '\n[disease]\nbeta_household = "high"\n', "disease.beta_household", "a number"),
        (BASE + "\n[disease]\nbeta_household = 3.0\n", "disease.beta_household", "<= 1"),
        (BASE + "\n[disease]\ndur_exposed = [4.5]\n", "disease.dur_exposed", "list of 2"),
        (BASE + "\n[population]\nflats = 3\n", "population.flats", "unknown key"),
        (
            BASE + '\n[population]\ndormitory_share = "many"\n',
            "population.dormitory_share",
            "a number",
        ),
        (BASE + "\n[population]\ndormitory_share = 30\n", "population.dormitory_share", "share"),
        (BASE + '\n[population]\ninclude = ["999999"]\n', "population.include", "999999"),
        (BASE + '\n[[intervention]]\ntype = "curfew"\n', "intervention[1].type", "lockdown"),
        # TOML's nan passes a bare ``x < 0`` check; it must be refused, not reach the engine.
        (
            BASE + '\n[[intervention]]\ntype = "importation"\nper_day = nan\n',
            "intervention[1] (importation).per_day",
            "finite rate >= 0, got nan",
        ),
        (
            BASE + '\n[[intervention]]\ntype = "movement_restriction"\nfactor = nan\n',
            "intervention[1] (movement_restriction).factor",
            "factor >= 0, got nan",
        ),
        (
            BASE + '\n[[intervention]]\ntype = "lockdown"\nlayers = {community = nan}\n',
            "intervention[1] (lockdown).layers.community",
            "factor >= 0, got nan",
        ),
    ],
)
def test_validation_errors_name_file_and_key(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    err = error_of(tmp_path, text)
    assert err.key == key
    assert expected in str(err)


def test_not_toml_and_missing(tmp_path: Path) -> None:
    err = error_of(tmp_path, "[sim\nstart=")
    assert "TOML" in str(err)
    with pytest.raises(ConfigError, match="no bundled scenario"):
        load_scenario("no-such-scenario")
    binary = tmp_path / "s.toml"
    binary.write_bytes(b"\xc9\xff\x00")
    with pytest.raises(ConfigError, match="not UTF-8 text") as info:
        load_scenario(binary)
    assert info.value.file == str(binary)


def test_population_overrides_from_file(tmp_path: Path) -> None:
    (tmp_path / "hh.csv").write_text("size,share_percent\n1,50\n2,50\n")
    sc = load_scenario(
        write(
            tmp_path,
            BASE + '\n[population]\nhousehold_size = "hh.csv"\nmean_household_size = 1.5\n',
        )
    )
    pop = build_population(sc, cache=False)
    sizes = pop.members("household")[0]
    assert max(sizes[1:] - sizes[:-1]) <= 2


def test_bundled_scenarios_listed() -> None:
    names = set(list_scenarios()["name"])
    assert {
        "kashgar-2020",
        "kashgar-2020-no-routine-testing",
        "kashgar-2020-late-response",
        "kashgar-2020-individual-tests",
        "kashgar-2020-no-tracing",
    } <= names


@pytest.mark.parametrize("name", sorted(list_scenarios()["name"]))
def test_every_bundled_scenario_validates_and_builds(name: str) -> None:
    sc = load_scenario(name)
    assert sc.interventions, "a bundled scenario has interventions"
    small = sc.replace(scale=0.01)
    pop = build_population(small)
    ivs = build_interventions(small, pop)
    assert len(ivs) == len(sc.interventions)
    assert "shufu-garment-factory" in pop.workplace_names


LOCK = (
    BASE
    + """
[[intervention]]
type = "lockdown"
start = 2020-10-05
end = 2020-10-20
"""
)


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        (
            ("start = 2020-10-05", "start = 2020-09-05"),
            "intervention[1] (lockdown).start",
            "outside the simulated period 2020-10-01 to 2020-10-30",
        ),
        (("end = 2020-10-20", "end = 2020-11-20"), "intervention[1] (lockdown).end", "outside"),
        (
            ("end = 2020-10-20", "end = 2020-10-02"),
            "intervention[1] (lockdown).end",
            "before start",
        ),
        (
            ("end = 2020-10-20", 'end = 2020-10-20\nareas = ["653999"]'),
            "intervention[1] (lockdown).areas",
            "not in the population",
        ),
        (
            ("end = 2020-10-20", "end = 2020-10-20\nstrictness = 3"),
            "intervention[1] (lockdown).strictness",
            "unknown parameter",
        ),
        (
            ("end = 2020-10-20", "end = 2020-10-20\nlayers = {pub = 0.5}"),
            "intervention[1] (lockdown).layers.pub",
            "unknown layer",
        ),
        (("start = 2020-10-05", 'start = "soon"'), "intervention[1] (lockdown).start", "a date"),
        (
            ('type = "lockdown"', 'type = "contact_tracing"\ncoverage = 80'),
            "intervention[1] (contact_tracing).coverage",
            "not a percentage",
        ),
        (
            ('type = "lockdown"', 'type = "contact_tracing"\ndelay = 1.5'),
            "intervention[1] (contact_tracing).delay",
            "an integer",
        ),
        (
            ('type = "lockdown"', 'type = "mass_testing"\nrounds = 9\ninterval = 7'),
            "intervention[1] (mass_testing).rounds",
            "after the simulated period ends",
        ),
        (
            ('type = "lockdown"', 'type = "lockdown"\ntrigger = "rumour"'),
            "intervention[1] (lockdown).trigger",
            "detection",
        ),
        (
            ('type = "lockdown"', 'type = "lockdown"\ntrigger_delay = 3'),
            "intervention[1] (lockdown).trigger_delay",
            "needs trigger",
        ),
        (
            ('type = "lockdown"', 'type = "importation"\nworkplace = "brewery"'),
            "intervention[1] (importation).workplace",
            "no named workplace",
        ),
    ],
)
def test_intervention_errors_name_file_and_key(
    tmp_path: Path, change: tuple[str, str], key: str, expected: str
) -> None:
    err = error_of(tmp_path, LOCK.replace(*change))
    assert err.key == key
    assert expected in str(err)


def test_triggered_response_waits_for_detection(tmp_path: Path) -> None:
    """A triggered lockdown shifts with the first detection; without detections it never acts."""
    from flareup.sim.scenario import Triggered, build_sim

    text = (
        BASE
        + """
[[intervention]]
type = "lockdown"
trigger = "detection"
trigger_reference = 2020-10-10
trigger_delay = 2
start = 2020-10-10
end = 2020-10-20
"""
    )
    sc = load_scenario(write(tmp_path, text))
    sim = build_sim(sc)
    (trig,) = sim.interventions
    assert isinstance(trig, Triggered)
    sim.run()
    assert trig.fired_day is None  # no testing, so no detection: the lockdown never started
    assert float(sim.scale.min()) == 1.0
    # With a detection recorded on day 3, the window moves to days 5..15 (10 days as planned).
    sim2 = build_sim(sc)
    sim2.initialize()
    trig2 = sim2.interventions[0]
    from flareup.sim.results_idx import ALL_METRICS

    for day in range(4):
        if day == 3:
            sim2.results[3, 0, ALL_METRICS.index("asymptomatic_new")] = 1
        trig2.apply(sim2, day + 1, "scale")
    assert trig2.fired_day == 3
    assert (trig2.inner.start_day, trig2.inner.end_day) == (5, 15)
