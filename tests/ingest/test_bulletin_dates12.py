"""Dates and places of bulletin counts tuned on dev12, one construction per test (invented
sentences)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _by_value(text: str, published: str | None) -> dict[int, str | None]:
    return {r.value: r.date for r in extract(text, published)}


def test_a_day_range_written_month_first_is_a_period_ending_on_its_last_day() -> None:
    got = _by_value(
        "Between March 9 and 13, another 41 measles cases were reported in Albania.", "2019-03-18"
    )
    assert got[41] == "2019-03-13"
    got = _by_value("From June 2-6, 2018, health workers found 57 cases in Peru.", "2018-06-20")
    assert got[57] == "2018-06-06"


def test_a_count_after_a_month_day_and_another_number_keeps_the_first_day() -> None:
    got = _by_value("On July 3 and 12 more people died in Chad.", "2019-07-10")
    assert got[12] == "2019-07-03"
    got = _by_value("From May 1 to 17 new cases were found in Chile.", "2019-05-10")
    assert got[17] != "2019-05-17"  # (17 is the count, no day of a range)


def test_an_epi_week_written_ew_dates_a_count_by_the_week_end() -> None:
    text = (
        "Between EW 1 and EW 20 of 2019, 92 suspected cases were reported in Peru. "
        "Ecuador reported 15 deaths between EW 48 of 2018 and EW 20 of 2019. "
        "Until EW 20 of 2019, Chile reported 33 confirmed cases."
    )
    got = _by_value(text, "2019-06-03")
    assert got[92] == "2019-05-19"
    assert got[15] == "2019-05-19"
    assert got[33] == "2019-05-19"
    assert 48 not in got and 1 not in got
