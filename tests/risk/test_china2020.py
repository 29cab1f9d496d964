"""china-2020 on hand-built series; every expected level is derived from the rule text.

Rule (State Council guidance of 17 Feb 2020, as in rules/china-2020.toml): low = no confirmed
cases, or none new for 14 consecutive days; medium = new confirmed within 14 days and cumulative
<= 50, or > 50 without a cluster within 14 days; high = > 50 cumulative and a cluster within 14
days; a level falls one step after 14 consecutive days without a new case. Convention: the level
on day t is judged on figures up to and including day t, so after a case on day 0 the 14 quiet
days are days 1..14 and the first fall is on day 14.
"""

from __future__ import annotations

import pandas as pd
import pytest
from risk_helpers import COUNTY, T1, areas, clusters, counts, day, levels, row

from flareup.risk import classify, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules("china-2020")


def test_exactly_50_is_medium_51_is_high(rules) -> None:
    at50 = classify(rules, counts({"confirmed_new": {0: 50}}), areas(), clusters=clusters([0]))
    at51 = classify(rules, counts({"confirmed_new": {0: 51}}), areas(), clusters=clusters([0]))
    assert levels(at50) == ["medium"]
    assert levels(at51) == ["high"]
    assert row(at51, 0)["reason"] == (
        "51 confirmed in 14 days, 51 cumulative (more than 50) and a cluster within 14 days: high"
    )
    assert "(at most 50)" in row(at50, 0)["reason"]


def test_over_50_without_cluster_is_medium_and_says_whether_cluster_data_exist(rules) -> None:
    known = classify(rules, counts({"confirmed_new": {0: 62}}), areas(), clusters=clusters([]))
    unknown = classify(rules, counts({"confirmed_new": {0: 62}}), areas())
    assert levels(known) == levels(unknown) == ["medium"]
    assert "no cluster within 14 days: medium" in row(known, 0)["reason"]
    assert "(no cluster data given)" in row(unknown, 0)["reason"]


def test_cluster_must_fall_within_14_days(rules) -> None:
    # 40 on day 0, 20 on day 14: cumulative 60 on day 14. The 14-day window of day 14 is days
    # 1..14, so a cluster flagged on day 0 is outside it and one on day 1 is inside.
    c = counts({"confirmed_new": {0: 40, 14: 20}})
    outside = classify(rules, c, areas(), clusters=clusters([0]))
    inside = classify(rules, c, areas(), clusters=clusters([1]))
    assert levels(outside)[14] == "medium"
    assert levels(inside)[14] == "high"


def test_no_confirmed_cases_is_low_and_asymptomatic_infections_do_not_count(rules) -> None:
    res = classify(rules, counts({"asymptomatic_new": {0: 164}, "confirmed_new": {0: 0}}), areas())
    assert levels(res) == ["low"]
    assert "all 164 positives reported so far are asymptomatic infections" in row(res, 0)["reason"]


def test_medium_falls_to_low_after_14_quiet_days(rules) -> None:
    res = classify(rules, counts({"confirmed_new": {0: 5}}, days=16), areas())
    lv = levels(res)
    assert lv[:14] == ["medium"] * 14  # days 0..13: fewer than 14 quiet days
    assert lv[14:] == ["low", "low"]
    assert row(res, 0)["next_downgrade"] == day(14)
    assert pd.isna(row(res, 14)["next_downgrade"])


def test_high_steps_down_one_level_per_14_days_so_low_takes_28(rules) -> None:
    res = classify(
        rules, counts({"confirmed_new": {0: 60}}, days=31), areas(), clusters=clusters([0])
    )
    lv = levels(res)
    assert lv[0] == "high"
    assert lv[13] == "high"  # 13 quiet days: not yet
    assert lv[14] == "medium"  # 14 quiet days: one step, not straight to low
    assert lv[27] == "medium"
    assert lv[28] == "low"  # 14 more days at medium
    assert set(lv[14:28]) == {"medium"} and set(lv[28:]) == {"low"}
    assert row(res, 0)["next_downgrade"] == day(14)
    assert row(res, 0)["earliest_low"] == day(28)
    assert row(res, 14)["next_downgrade"] == day(28)
    assert row(res, 14)["reason"].endswith("at high, one step down: medium")
    # from day 14 the 14-day window is empty, so the static rule says low; the level is held
    assert "held at medium" in row(res, 20)["reason"] and "(6 so far)" in row(res, 20)["reason"]


def test_a_new_case_restarts_the_quiet_period(rules) -> None:
    res = classify(
        rules, counts({"confirmed_new": {0: 60, 10: 1}}, days=40), areas(), clusters=clusters([0])
    )
    lv = levels(res)
    assert lv[23] == "high" and lv[24] == "medium"  # 14 quiet days after day 10
    assert lv[37] == "medium" and lv[38] == "low"


def test_township_without_figures_takes_its_county_and_says_so(rules) -> None:
    res = classify(rules, counts({"confirmed_new": {0: 5}}), areas())
    r = row(res, 0, T1)
    assert r["level"] == "medium" and r["data_area"] == COUNTY
    assert r["reason"].startswith("applied to County (100), the finest unit with figures")


def test_county_with_only_township_figures_is_their_sum(rules) -> None:
    c = pd.concat(
        [
            counts({"confirmed_new": {0: 30}}, area=T1),
            counts({"confirmed_new": {0: 21}}, area="100002"),
        ]
    )
    res = classify(rules, c, areas(), clusters=clusters([0], area=T1))
    assert row(res, 0, COUNTY)["level"] == "high"  # 51 > 50, cluster inside the county
    assert row(res, 0, COUNTY)["cases_cumulative"] == 51
    assert row(res, 0, T1)["level"] == "medium"  # 30 of its own
    assert row(res, 0, "100002")["level"] == "medium"  # 21, cluster elsewhere


def test_duplicate_figures_are_refused(rules) -> None:
    c = pd.concat([counts({"confirmed_new": {0: 5}}), counts({"confirmed_new": {0: 6}})])
    with pytest.raises(Exception, match="two values for confirmed_new"):
        classify(rules, c, areas())


def test_compare_lists_level_differences_and_non_units(rules) -> None:
    res = classify(rules, counts({"confirmed_new": {0: 5}}, days=3), areas())
    official = pd.DataFrame(
        {
            "area": [T1, "1"],
            "level": ["high", "medium"],
            "valid_from": [day(1), day(0)],
            "reason": ["declared by the county", None],
        }
    )
    diff = res.compare(official)
    lv = diff[diff["kind"] == "level"].iloc[0]
    assert (lv["area"], lv["start"], lv["end"], lv["days"]) == (T1, day(1), day(2), 2)
    assert (lv["official_level"], lv["rule_level"]) == ("high", "medium")
    assert lv["official_reason"] == "declared high from 2020-01-02: declared by the county"
    nc = diff[diff["kind"] == "not_classified"].iloc[0]
    assert nc["area"] == "1" and "this area is province" in nc["rule_reason"]
    # asked only for Town One: the other township's designations are outside, not "not classified"
    only = classify(rules, counts({"confirmed_new": {0: 5}}, days=3), areas(), target_areas=[T1])
    other = official.assign(area=["100002", "1"])
    assert set(only.compare(other)["kind"]) == {"not_classified"}
