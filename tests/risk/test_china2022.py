"""china-2022 (protocol edition 9) on hand-built series, expected levels from the rule text.

High where infections (confirmed or asymptomatic) are; medium after 7 consecutive days without
a new infection and an all-negative round of testing on day 7; low after 3 more days without a
new infection. With an infection on day 0, days 1..7 are the quiet days, so the round must be on
day 7, medium holds on days 7..9 and low starts on day 10.
"""

from __future__ import annotations

import pytest
from risk_helpers import areas, counts, day, levels, rounds, row

from flareup.risk import classify, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules("china-2022")


def test_asymptomatic_infection_makes_high_and_the_path_down_takes_7_then_3_days(rules) -> None:
    res = classify(
        rules,
        counts({"asymptomatic_new": {0: 1}}, days=12),
        areas(),
        testing=rounds({7: (5000, 0)}),
    )
    lv = levels(res)
    assert lv[:7] == ["high"] * 7
    assert lv[7:10] == ["medium"] * 3
    assert lv[10:] == ["low"] * 2
    assert "all-negative testing round (5,000 tested) on day 7: medium" in row(res, 7)["reason"]
    assert row(res, 0)["next_downgrade"] == day(7)
    assert row(res, 0)["earliest_low"] == day(10)
    assert row(res, 7)["next_downgrade"] == day(10)


def test_no_round_on_day_7_keeps_high(rules) -> None:
    none = classify(rules, counts({"confirmed_new": {0: 2}}, days=12), areas())
    early = classify(
        rules, counts({"confirmed_new": {0: 2}}, days=12), areas(), testing=rounds({6: (5000, 0)})
    )
    positive = classify(
        rules, counts({"confirmed_new": {0: 2}}, days=12), areas(), testing=rounds({7: (5000, 3)})
    )
    for res in (none, early, positive):
        assert set(levels(res)) == {"high"}
    assert "no all-negative testing round" in row(none, 9)["reason"]


def test_late_round_allowed_by_the_bundled_file(rules) -> None:
    res = classify(
        rules, counts({"confirmed_new": {0: 2}}, days=13), areas(), testing=rounds({9: (5000, 0)})
    )
    lv = levels(res)
    assert lv[8] == "high" and lv[9] == "medium" and lv[12] == "low"


def test_reclassification_is_not_a_new_infection(rules) -> None:
    # day 3: an infection found on day 0 becomes symptomatic: confirmed 1, reclassified 1
    c = counts(
        {"asymptomatic_new": {0: 1}, "confirmed_new": {3: 1}, "reclassified_new": {3: 1}}, days=11
    )
    res = classify(rules, c, areas(), testing=rounds({7: (100, 0)}))
    assert levels(res)[7] == "medium"


def test_new_infection_while_medium_goes_back_to_high(rules) -> None:
    c = counts({"asymptomatic_new": {0: 1, 8: 1}}, days=10)
    res = classify(rules, c, areas(), testing=rounds({7: (100, 0)}))
    assert levels(res)[7] == "medium" and levels(res)[8] == "high"
