"""Stocks by wording (``bulletin.stocks``): possession and a ranking of the most affected
make a count a total where no period is named; a day or a flow word keeps it a flow."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_what_a_group_has_is_a_total() -> None:
    assert ("confirmed_cumulative", 87) in _pairs("The school outbreak now has 87 cases.")


def test_the_most_affected_place_reporting_a_count_is_a_total() -> None:
    got = _pairs("Kano remains the worst affected state, recording 412 cases and 39 deaths.")
    assert {("confirmed_cumulative", 412), ("deaths_cumulative", 39)} <= got


def test_possession_with_a_flow_word_or_a_day_stays_a_flow() -> None:
    assert ("confirmed_new", 14) in _pairs("The district has 14 new cases.")
    assert ("confirmed_new", 9) in _pairs("The district has 9 cases on Tuesday.")


def test_places_together_reporting_in_the_present_state_totals() -> None:
    got = _pairs("Two neighbouring states (Kogi and Benue) report 31 cases, including four deaths.")
    assert {("confirmed_cumulative", 31), ("deaths_cumulative", 4)} <= got
    assert ("confirmed_new", 8) in _pairs("Two states report 8 new cases.")


def test_the_perfect_tense_with_a_named_day_is_that_days_count() -> None:
    assert ("confirmed_new", 4) in _pairs("Four cases had been confirmed on Thursday.")
    assert ("confirmed_cumulative", 4) in _pairs("Four cases had been confirmed by Thursday.")


def test_places_that_follow_in_a_ranking_state_totals() -> None:
    text = "Lima leads with 904 cases, while Piura and Tumbes follow with 611 and 250 cases."
    got = _pairs(text)
    assert {("confirmed_cumulative", 611), ("confirmed_cumulative", 250)} <= got
    assert ("confirmed_cumulative", 904) in got
