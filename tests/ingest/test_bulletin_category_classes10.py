"""Category and value classes found on the dev10 split (sixth round), one mechanism per test,
on invented sentences: regional tables with the day's rise in brackets, totals named by what
became of the people counted, machine-translated Chinese bulletins ('positive infections',
bracketed breakdowns, local heads of parts)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.numbers import find_numbers


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_total_with_its_rise_in_brackets_gives_a_total_and_a_flow() -> None:
    text = (
        "The number of confirmed cases in the country has reached 9,120, including "
        "1,204(+37) in Almaty, 880 (+12) in Shymkent and 95( +3 ) in Aktobe."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 9120),
        ("confirmed_cumulative", 1204),
        ("confirmed_new", 37),
        ("confirmed_cumulative", 880),
        ("confirmed_new", 12),
        ("confirmed_cumulative", 95),
        ("confirmed_new", 3),
    } == got


def test_rise_in_brackets_takes_the_place_after_the_bracket() -> None:
    recs = extract("The death toll rose to 310, including 41(+2) in Almaty.", "2021-05-10")
    places = {(r.category, r.value): r.place for r in recs}
    assert places.get(("deaths_cumulative", 41)) == "Almaty"
    assert places.get(("deaths_new", 2)) == "Almaty"


def test_total_number_of_the_infected() -> None:
    got = _pairs("The total number of the infected in the republic reached 12,400 on Monday.")
    assert ("confirmed_cumulative", 12400) in got


def test_their_number_is_the_total_of_what_the_sentence_before_counted() -> None:
    text = (
        "Another 310 asymptomatic carriers were registered in the past day. "
        "Their number nationwide has grown to 6,020."
    )
    got = _pairs(text)
    assert ("asymptomatic_new", 310) in got
    assert ("asymptomatic_cumulative", 6020) in got


def test_patients_named_by_what_became_of_them_before_a_verb_of_rising() -> None:
    got = _pairs("Discharged patients rose to 4,415, officials said.")
    assert ("recovered_cumulative", 4415) in got


def test_positive_infections_are_confirmed_and_asymptomatic_together() -> None:
    text = (
        "From 1 May to 12:00 on 10 May, the island reported a total of 2,345 positive "
        "infections in this round of the epidemic."
    )
    assert ("infections_cumulative", 2345) in _pairs(text)


def test_part_led_from_a_local_head_is_local() -> None:
    text = (
        "On 10 May the province reported 25 local positive infections, of which 20 "
        "confirmed cases and 5 asymptomatic infections."
    )
    got = _pairs(text)
    assert ("tested_positive", 25) in got
    assert ("local_new", 20) in got
    assert ("asymptomatic_local_new", 5) in got


def test_bracketed_items_with_their_own_bare_noun_are_of_the_head() -> None:
    text = (
        "On 10 May the city reported 12 new asymptomatic infections (7 cases in A, 5 cases in B)."
    )
    got = _pairs(text)
    assert {("asymptomatic_new", 7), ("asymptomatic_new", 5)} <= got
    assert not {c for c, _ in got} - {"asymptomatic_new"}


def test_number_right_after_a_closing_bracket_and_comma() -> None:
    nums = find_numbers("30 cases (12 in A, 18 in B),585 cases of asymptomatic infection")
    assert [n.value for n in nums] == [30, 12, 18, 585]
