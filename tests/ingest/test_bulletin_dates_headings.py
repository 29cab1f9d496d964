"""A short heading that ends on its day ("Cholera update, Kasese, 3 June:") dates the lines of
figures under it (``dating.countless_sentence_date``)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def test_a_heading_ending_on_a_day_dates_the_lines_under_it() -> None:
    text = "Cholera update, Kasese district, 3 June:\nNew cases: 14\nTotal deaths: 6"
    got = {(r.category, r.value, r.date) for r in extract(text, "2022-06-05")}
    assert got == {("confirmed_new", 14, "2022-06-03"), ("deaths_cumulative", 6, "2022-06-03")}


def test_a_heading_whose_day_is_not_last_does_not() -> None:
    text = "Visit of 3 June to Kasese district, figures:\nNew cases: 14"
    got = {(r.category, r.value, r.date) for r in extract(text, "2022-06-05")}
    assert got == {("confirmed_new", 14, "2022-06-05")}
