"""Category and value of each count (pair level), one mechanism per test, on invented
sentences: flow vs stock from cue words and the sentence before, non-COVID wording, explicit
zeros, number formats, and what is not a count."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_breakdown_sentence_inherits_the_stock_of_the_count_before() -> None:
    text = (
        "As of 9 May 2021, the cumulative number of cholera cases in the two provinces stands "
        "at 640, including 41 deaths. The breakdown of the cases is as follows: Nampula, 400 "
        "cases (300 confirmed and 100 suspected) and 30 deaths; Niassa, 240 cases and 11 deaths."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 400),
        ("deaths_cumulative", 30),
        ("confirmed_cumulative", 240),
        ("deaths_cumulative", 11),
    } <= got
    assert not {c for c, _ in got} & {"confirmed_new", "deaths_new"}


def test_breakdown_sentence_after_new_cases_stays_a_flow() -> None:
    text = (
        "On 9 May 2021, 14 new cases were reported in the two provinces. The distribution of "
        "these cases is as follows: Nampula, 9 cases; Niassa, 5 cases."
    )
    got = _pairs(text)
    assert {("confirmed_new", 9), ("confirmed_new", 5)} <= got
