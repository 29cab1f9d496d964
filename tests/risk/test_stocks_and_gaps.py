"""china-2020's cumulative count from stocks as well as flows, and what the classifier says when
the figures disagree, are missing, or end before the date asked (issue 12)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from risk_helpers import COUNTY, T1, areas, clusters, counts, day

from flareup.data.kashgar_2020 import files
from flareup.risk import classify, load_rules
from flareup.risk.classify import NO_DATA, RiskDataWarning

T = pd.Timestamp


def _classify(*args, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RiskDataWarning)
        res = classify(*args, **kwargs)
    return res, [str(w.message) for w in caught if w.category is RiskDataWarning]


def test_stock_raises_the_cumulative_count_past_the_threshold() -> None:
    # Flows: 10 new confirmed on day 0 and 5 on days 10-13 (30 in all); the bulletin of day 5 says
    # 45 under treatment, so at least 45 cases by day 5 and 45 + 20 = 65 by day 13 (> 50: high
    # with a cluster). Summing flows alone never passes 50.
    flows = {"confirmed_new": {0: 10, 10: 5, 11: 5, 12: 5, 13: 5}}
    c = pd.concat([counts(flows, days=15), counts({"confirmed_current": {5: 45}})])
    res, notes = _classify(load_rules("china-2020"), c, areas(), clusters=clusters([12]))
    d = res.daily[res.daily["area"] == COUNTY].set_index("date")
    assert d.at[day(4), "cases_cumulative"] == 10
    assert d.at[day(5), "cases_cumulative"] == 45
    assert d.at[day(13), "cases_cumulative"] == 65
    assert d.at[day(13), "cases_cumulative_flows"] == 30
    assert d.at[day(13), "level"] == "high"
    assert "from the stock of 45 under treatment on 2020-01-06" in d.at[day(13), "reason"]
    assert any("flows and stocks disagree" in n and "45" in n for n in notes)
    # Without the stock, the same flows stay medium.
    res0, notes0 = _classify(load_rules("china-2020"), counts(flows, days=15), areas(),
                             clusters=clusters([12]))  # fmt: skip
    assert set(res0.daily.loc[res0.daily["area"] == COUNTY, "level"]) <= {"low", "medium"}
    assert not any("disagree" in n for n in notes0)


def test_stock_counts_discharges_and_never_lowers_the_flows() -> None:
    # 60 cases by flows; a later stock of 20 under treatment with 40 discharged is consistent.
    flows = {"confirmed_new": {0: 30, 1: 30}, "recovered_new": {3: 40}}
    c = pd.concat([counts(flows, days=6), counts({"confirmed_current": {4: 20}})])
    res, notes = _classify(load_rules("china-2020"), c, areas())
    d = res.daily[res.daily["area"] == COUNTY].set_index("date")
    assert d.at[day(5), "cases_cumulative"] == 60
    assert not any("disagree" in n for n in notes)


def test_kashgar_stocks_reach_past_fifty_and_the_prefecture_disagreement_is_said() -> None:
    f = files()
    a = pd.read_csv(f["areas"], dtype={"code": str, "parent_code": str})
    c = pd.read_csv(f["counts"], dtype={"area": str}, parse_dates=["date"])
    c = c.drop_duplicates(["area", "date", "metric"], keep="last")
    res, notes = _classify(load_rules("china-2020"), c, a, end="2020-11-06")
    d = res.daily[res.daily["area"] == "653121"].set_index("date")
    # 45 confirmed in Shufu on 28 Oct (a stock: no one had been discharged yet) ...
    assert d.at[T("2020-10-28"), "cases_cumulative"] == 45
    # ... and the later new cases (3 + 2 + 8 + 6) on top: 64 by 5 Nov, not 47.
    assert d.at[T("2020-11-05"), "cases_cumulative"] == 64
    assert d.at[T("2020-11-05"), "cases_cumulative_flows"] == 47
    assert any(n.startswith("Shufu") and "45 on 2020-10-28" in n for n in notes)
    # The prefecture reported 78 under treatment on 5 Nov against 47 from its areas' flows.
    assert any("653100" in n and "78 on 2020-11-05" in n and "47" in n for n in notes)


def test_area_without_any_figures_is_no_data_not_low() -> None:
    # Only township T1 reports; T2 has no figures and the county's come from T1 alone ("sum").
    c = counts({"confirmed_new": {0: 3}}, area=T1, days=5)
    res, _ = _classify(load_rules("china-2020"), c, areas())
    t2 = res.daily[res.daily["area"] == "100002"]
    assert t2["level"].isna().all()
    assert (t2["reason"] == NO_DATA).all()
    assert t2["next_downgrade"].isna().all()
    assert res.daily.loc[res.daily["area"] == T1, "level"].iloc[-1] == "medium"


def test_a_date_past_the_data_warns() -> None:
    c = counts({"confirmed_new": {0: 3, 2: 1}}, days=5)
    _, notes = _classify(load_rules("china-2020"), c, areas(), end=day(400))
    assert any("the figures end on 2020-01-05" in n and "396 days later" in n for n in notes)
    _, notes = _classify(load_rules("china-2020"), c, areas())
    assert not notes


def test_rule_file_stock_keys_are_checked() -> None:
    from flareup.errors import ConfigError
    from flareup.risk.ruleset import parse_rules

    rules = load_rules("china-2020")
    assert "confirmed_current" in rules.metrics and "recovered_new" in rules.metrics
    import tomllib
    from importlib import resources

    text = resources.files("flareup.risk").joinpath("rules", "china-2020.toml").read_text("utf-8")
    data = tomllib.loads(text)
    data["counting"]["stock_metrics"] = ["confirmed_new"]
    with pytest.raises(ConfigError, match="not a stock metric"):
        parse_rules(data)
