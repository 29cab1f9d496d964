"""A count said of a short period is a flow (``periods``), on invented sentences."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.periods import short_period_flow


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_a_period_before_the_number_outweighs_have_died() -> None:
    got = _pairs("Over the past 24 hours, 41 patients have died across the region.")
    assert ("deaths_new", 41) in got


def test_a_period_outweighs_a_total_of_and_types_its_breakdown() -> None:
    got = _pairs(
        "During the last 14 days, a total of 57 confirmed cases were reported from Alpha (40) "
        "and Beta (17)."
    )
    assert {("confirmed_new", 57), ("confirmed_new", 40), ("confirmed_new", 17)} <= got


def test_an_epidemiological_week_in_a_situation_report() -> None:
    got = _pairs(
        "Situation report 3. In epidemiological week 12, the district notified 73 cases "
        "including 5 deaths."
    )
    assert ("confirmed_new", 73) in got
    assert ("deaths_new", 5) in got


def test_a_period_after_the_number() -> None:
    assert short_period_flow("812 people have been admitted over the past 48 hours.", 0, 3, 60)


def test_words_of_a_total_win_over_the_period() -> None:
    s = "In the past week, 30 new cases were found, bringing the total so far to 912."
    assert not short_period_flow(s, s.index("912"), s.index("912") + 3, len(s))
    got = _pairs(s)
    assert ("confirmed_new", 30) in got
    assert ("confirmed_cumulative", 912) in got
    assert not short_period_flow("In the past week the outbreak had killed 55 people.", 41, 43, 50)
    assert not short_period_flow("Last week the toll stood at 70.", 28, 30, 31)


def test_a_period_after_a_list_types_the_whole_list() -> None:
    got = _pairs(
        "Situation report 8. Since then, cases have fallen, with only 9 cases including one "
        "death notified in week 30."
    )
    assert ("confirmed_new", 9) in got
    assert ("deaths_new", 1) in got


def test_a_period_of_another_phrase_after_the_number_is_not_its_own() -> None:
    s = "Cases passed the 5,000 mark on Friday amid a rise in infections over the past week."
    assert not short_period_flow(s, s.index("5,000"), s.index("5,000") + 5, len(s))
