"""More pair-level rules (category, value), one per test, on invented sentences: number
formats (decimal millions beside clock-like digits, Indian grouping with spaces, a word echoed
in digits), designators that are not counts, and flow / stock / kind cues."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.numbers import find_numbers


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_decimal_millions_are_not_clock_times() -> None:
    got = _pairs(
        "Worldwide there have been over 9.41 million confirmed cases, including over "
        "2.07 million deaths, reported to WHO."
    )
    assert ("confirmed_cumulative", 9_410_000) in got
    assert ("deaths_cumulative", 2_070_000) in got
    # a real clock time still masks its digits
    assert [n.value for n in find_numbers("At 9.30 am, 12 people were tested.")] == [12]


def test_indian_grouping_with_spaces_needs_a_zero_led_group() -> None:
    assert [n.value for n in find_numbers("4, 07, 512 samples were tested")] == [407512]
    assert [n.value for n in find_numbers("a total of 2, 41, 06, 318 tests")] == [24106318]
    # a plain list keeps its numbers apart
    assert [n.value for n in find_numbers("counts of 4, 12, 310 cases")] == [4, 12, 310]


def test_a_number_word_echoed_in_digits_is_one_number() -> None:
    nums = find_numbers("Nine (9) new cases were confirmed in four (4) districts")
    assert [(n.value, n.mention) for n in nums] == [(9, "Nine (9)")]


def test_a_capitalised_designator_is_not_a_count() -> None:
    got = _pairs(
        "The 12 new cases were recorded in Region Two and Region Six. Zone 3 reported no deaths."
    )
    assert not {v for _, v in got} & {2, 6, 3}
