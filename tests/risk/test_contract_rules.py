"""Every bundled rule set through the same checks (the contract of a rule set)."""

from __future__ import annotations

import pandas as pd
import pytest
from risk_helpers import COUNTY, T1, areas, counts, day, rounds

from flareup.risk import DAILY_COLUMNS, MAP_COLUMNS, bundled_rule_sets, classify, load_rules
from flareup.schema import RISK_LEVEL_ORDER

LEVELS = {lv.value for lv in RISK_LEVEL_ORDER}
DAYS = 45
SERIES = {"confirmed_new": {0: 3, 2: 400, 5: 30}, "asymptomatic_new": {1: 9}}
TESTS = rounds({d: (5000, 0) for d in range(DAYS)})  # daily all-negative testing


@pytest.fixture(scope="module", params=bundled_rule_sets())
def result(request):
    rules = load_rules(request.param)
    cl = pd.DataFrame({"area": COUNTY, "date": [day(2)]})
    return classify(rules, counts(SERIES, days=DAYS), areas(), clusters=cl, testing=TESTS)


def test_every_area_every_date_with_a_reason(result) -> None:
    d = result.daily
    assert set(DAILY_COLUMNS) <= set(d.columns)
    assert set(d["area"]) == {
        a for a in ("100", T1, "100002", "1") if a != "1" or "province" in result.rules.units
    }
    assert len(d) == d["area"].nunique() * DAYS
    assert not d.duplicated(["area", "date"]).any()
    assert set(d["level"].dropna()) <= LEVELS
    for lv, reason in zip(d["level"], d["reason"], strict=True):
        assert reason and (
            reason.endswith(f": {lv}") if isinstance(lv, str) else "no level" in reason
        )
    assert (d["rule_set"] == result.rules.name).all() and (
        d["rule_version"] == result.rules.version
    ).all()


def test_next_downgrade_is_after_the_date_and_only_above_low(result) -> None:
    d = result.daily
    above = d["level"].isin(["medium", "high"])
    assert d.loc[d["level"] == "low", "next_downgrade"].isna().all()
    nd = d.loc[above & d["next_downgrade"].notna()]
    assert (nd["next_downgrade"] > nd["date"]).all()
    assert (nd["earliest_low"] >= nd["next_downgrade"]).all()


def test_outbreak_then_quiet_rises_and_ends_low(result) -> None:
    lv = result.daily[result.daily["area"] == COUNTY].sort_values("date")["level"].tolist()
    assert lv[2] in ("medium", "high") and lv[-1] == "low"


def test_designations_cover_every_day_and_map_table_is_complete(result) -> None:
    des = result.to_designations()
    assert set(des["rule_set"]) == {result.rules.name}
    for _, g in des.groupby("area"):
        g = g.sort_values("valid_from")
        assert g["valid_from"].iloc[0] == day(0)
        assert (g["valid_to"].iloc[:-1].to_numpy() == g["valid_from"].iloc[1:].to_numpy()).all()
        assert pd.isna(g["valid_to"].iloc[-1])
    m = result.map_table(day(5))
    assert list(m.columns) == list(MAP_COLUMNS) and len(m) == result.daily["area"].nunique()


def test_no_cases_means_low_everywhere() -> None:
    a = areas()
    a.loc[a["code"] == "1", "population"] = 1_000_000  # testing rates need every population
    for name in bundled_rule_sets():
        rules = load_rules(name)
        res = classify(rules, counts({"confirmed_new": {0: 0}}, days=20), a, testing=TESTS)
        assert set(res.daily["level"]) == {"low"}, name
