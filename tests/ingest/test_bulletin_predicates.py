"""Predicates that refine a count's kind (``bulletin.predicates``): intensive care and
ventilation make a count severe; 'positive cases' are test results only where testing is said."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.predicates import intensive_care, positive_is_test_result


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_intensive_care_and_assisted_breathing_are_severe_not_active() -> None:
    text = (
        "Of the 9,310 patients still under treatment, 48 are being cared for in intensive care "
        "wards and 17 of them require mechanical ventilation."
    )
    got = _pairs(text)
    assert {("severe", 48), ("severe", 17)} <= got
    assert ("active", 48) not in got and ("active", 17) not in got


def test_intensive_care_predicate_matches_only_care_wording() -> None:
    assert intensive_care(" were admitted to the intensive care unit")
    assert intensive_care(" are in need of assisted breathing")
    assert not intensive_care(" were admitted to hospital")


def test_positive_cases_without_testing_words_are_confirmed_cases() -> None:
    got = _pairs("The ministry said 812 new positive cases were recorded over the past day.")
    assert ("confirmed_new", 812) in got
    assert ("tested_positive", 812) not in got
    assert positive_is_test_result("Screening of 5,000 samples found 3 positive cases.")
