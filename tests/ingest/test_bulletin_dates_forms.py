"""Date forms of counts (written after tests/data/bulletins/probes/dates.jsonl): a short heading
that ends on its day dates the lines under it; 'N days earlier' after a number compared with;
'the previous day' after a day the source spoke on; quarters and halves of a year."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.dates import find_dates


def test_a_heading_ending_on_a_day_dates_the_lines_under_it() -> None:
    text = "Cholera update, Kasese district, 3 June:\nNew cases: 14\nTotal deaths: 6"
    got = {(r.category, r.value, r.date) for r in extract(text, "2022-06-05")}
    assert got == {("confirmed_new", 14, "2022-06-03"), ("deaths_cumulative", 6, "2022-06-03")}


def test_a_heading_whose_day_is_not_last_does_not() -> None:
    text = "Visit of 3 June to Kasese district, figures:\nNew cases: 14"
    got = {(r.category, r.value, r.date) for r in extract(text, "2022-06-05")}
    assert got == {("confirmed_new", 14, "2022-06-05")}


def _recs(text: str, pub: str = "2021-05-20") -> set[tuple[str, int, str | None]]:
    return {(r.category, r.value, r.date) for r in extract(text, pub)}


def test_a_number_compared_with_n_days_earlier() -> None:
    got = _recs("Bolivia reported 1,900 new cases, up from 1,500 four days earlier.")
    assert got == {("confirmed_new", 1900, "2021-05-20"), ("confirmed_new", 1500, "2021-05-16")}


def test_the_previous_day_of_the_day_a_source_spoke_on() -> None:
    got = _recs("Malawi's ministry said on Monday that 80 new cases were found the previous day.")
    assert got == {("confirmed_new", 80, "2021-05-16")}
    got = _recs("Malawi's ministry said 80 new cases were found the previous day.")
    assert got == {("confirmed_new", 80, "2021-05-19")}


def test_quarters_and_halves_of_a_year_are_periods() -> None:
    (start, end) = find_dates("during the third quarter of 2019", dt.date(2020, 1, 5))
    assert (start.value, start.role, end.value, end.role) == (
        "2019-07-01",
        "start",
        "2019-09-30",
        "end",
    )
    (h1, h2) = find_dates("in the second half of 2019", dt.date(2020, 1, 5))
    assert (h1.value, h2.value) == ("2019-07-01", "2019-12-31")
    got = _recs("Mali recorded 230 measles cases in Q2 2020.")
    assert got == {("confirmed_new", 230, "2020-06-30")}
    got = _recs("Since the second quarter of 2020, Mali has recorded 900 measles cases.")
    assert got == {("confirmed_cumulative", 900, "2021-05-20")}


def test_decimals_with_three_digits_are_numbers_not_times_of_day() -> None:
    """'1.068 million' once lost '1.06' to the time-of-day mask (an hour and its minutes)
    and came out as 8 million; an hour's minutes are two digits."""
    for text, value in (
        ("Brazil has registered 1.068 million cases so far.", 1_068_000),
        ("Brazil has registered 12.345 million cases so far.", 12_345_000),
    ):
        assert [r.value for r in extract(text, "2020-08-04")] == [value]
    # times of day are still no counts
    got = [
        r.value for r in extract("As of 10.30 am on Monday, Brazil had 1,200 cases.", "2020-08-04")
    ]
    assert got == [1200]
