"""Calibration: count likelihoods against scipy, and recovery of a known parameter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from flareup.errors import ConfigError
from flareup.sim.calibrate import apply_params, calibrate, detected_series, loglik
from flareup.sim.scenario import build_sim, load_scenario

AREAS = """code,name,parent_code,population,lat,lon
T1,Town 1,C,20000,39.40,75.80
T2,Town 2,C,15000,39.50,75.95
"""

SCENARIO = """
[sim]
start = 2020-10-01
days = 30
seed = 4
initial_infections = 150

[population]
areas = "areas.csv"

[[intervention]]
type = "symptomatic_testing"
prob = 1.0
delay = 0
turnaround = 0
"""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("cal")
    (d / "areas.csv").write_text(AREAS)
    (d / "cal.toml").write_text(SCENARIO)
    return load_scenario(d / "cal.toml")


def test_poisson_and_negbin_match_scipy() -> None:
    y = np.array([0, 3, 7, 12])
    mu = np.array([0.5, 2.0, 9.0, 10.0])
    assert loglik(y, mu) == pytest.approx(stats.poisson.logpmf(y, mu).sum())
    k = 3.0
    want = stats.nbinom.logpmf(y, k, k / (k + mu)).sum()
    assert loglik(y, mu, family="negbin", dispersion=k) == pytest.approx(want)
    with pytest.raises(ConfigError):
        loglik(y, mu, family="gaussian")


def test_detected_series_counts_reclassified_once() -> None:
    f = pd.DataFrame(
        {
            "area": ["A"] * 4,
            "date": ["2020-10-27"] * 3 + ["2020-10-28"],
            "metric": ["confirmed_new", "reclassified_new", "asymptomatic_new", "asymptomatic_new"],
            "value": [5, 5, 19, 2],
        }
    )
    s = detected_series(f)
    assert s.loc["2020-10-27"] == 19 and s.loc["2020-10-28"] == 2


def test_apply_params_by_type_and_index(scenario) -> None:
    sc = apply_params(
        scenario,
        {
            "symptomatic_testing.prob": 0.5,
            "disease.beta_community": 0.01,
            "sim.initial_infections": 7,
        },
    )
    assert sc.interventions[0].params["prob"] == 0.5
    assert sc.disease["beta_community"] == 0.01 and sc.initial_infections == 7
    with pytest.raises(ConfigError):
        apply_params(scenario, {"lockdown.start": "2020-10-02"})


def test_apply_params_sets_quarantine_site_size(scenario) -> None:
    assert scenario.quarantine_site_size == 0
    assert apply_params(scenario, {"sim.quarantine_site_size": 80}).quarantine_site_size == 80
    with pytest.raises(ConfigError, match="quarantine_site_size"):
        apply_params(scenario, {"sim.quarantine_site_size": 1})


def test_apply_params_sets_clinical_assessment_days(scenario) -> None:
    assert scenario.clinical_assessment_days == 0
    assert apply_params(scenario, {"sim.clinical_assessment_days": 3}).clinical_assessment_days == 3
    with pytest.raises(ConfigError, match="clinical_assessment_days"):
        apply_params(scenario, {"sim.clinical_assessment_days": -1})


def test_apply_params_sets_quarantine_at_home(scenario) -> None:
    assert not scenario.quarantine_at_home
    assert apply_params(scenario, {"sim.quarantine_at_home": True}).quarantine_at_home
    with pytest.raises(ConfigError, match="true or false"):
        apply_params(scenario, {"sim.quarantine_at_home": 1})


def test_apply_params_sets_one_entry_of_a_table() -> None:
    from flareup.sim.interventions import DEFAULT_LOCKDOWN

    sc = load_scenario("kashgar-2020")  # its lockdown leaves the layers to the default
    out = apply_params(sc, {"lockdown.layers.household": 1.5})
    spec = next(s for s in out.interventions if s.type == "lockdown")
    assert spec.params["layers"] == {**DEFAULT_LOCKDOWN, "household": 1.5}
    again = apply_params(out, {"lockdown.layers.school": 0.5})
    spec = next(s for s in again.interventions if s.type == "lockdown")
    assert spec.params["layers"]["household"] == 1.5 and spec.params["layers"]["school"] == 0.5
    with pytest.raises(ConfigError, match="not a table"):
        apply_params(sc, {"contact_tracing.delay.x": 1})


def test_kashgar_fit_set_values_parse() -> None:
    import datetime as dt

    from flareup.sim.kashgar_fit import _value

    assert _value("0.5") == 0.5 and _value("true") is True
    assert _value('{"household": 2.0}') == {"household": 2.0}
    assert _value("2020-10-05") == dt.date(2020, 10, 5)


def test_recovers_number_of_seeds(scenario) -> None:
    # "Observed": the scenario itself (150 seeds), on another seed than the fits use.
    res = build_sim(scenario, seed=999).run()
    frame = res.to_frame().query("run == 0")
    fit = calibrate(scenario, frame, {"sim.initial_infections": (10, 400)}, n_trials=12, seed=1)
    assert len(fit.trials) == 12 and fit.trials["loglik"].max() == fit.best_loglik
    assert 75 <= fit.best_params["sim.initial_infections"] <= 300
    again = calibrate(scenario, frame, {"sim.initial_infections": (10, 400)}, n_trials=3, seed=1)
    assert (
        again.trials["sim.initial_infections"].tolist()
        == fit.trials["sim.initial_infections"].tolist()[:3]
    )
