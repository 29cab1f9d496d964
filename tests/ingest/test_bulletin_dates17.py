"""Round b15d (from the unseen dev17: the dates counts take and totals never found): its rules
checked on invented sentences, with counter-examples where one applies."""

from __future__ import annotations

from bulletin_records import by_value

from flareup.ingest.bulletin import extract


def _one(text: str, pub: str, value: int) -> dict[str, object]:
    got = [r.to_dict() for r in extract(text, pub) if r.value == value]
    assert len(got) == 1, got
    return got[0]


def test_a_period_since_a_time_of_day_starts_on_that_day() -> None:
    # "Since 0900 GMT Wednesday": the count runs from Wednesday to the text's day
    text = "Since 0900 GMT Wednesday, 412 new cases and 17 new deaths were recorded in Peru."
    for v in (412, 17):
        rec = _one(text, "2020-03-05", v)
        assert (rec["date"], rec.get("period_start")) == ("2020-03-05", "2020-03-04")
    text = "There were 96 new infections in Peru between 1700 GMT Monday and 0900 GMT Tuesday."
    rec = _one(text, "2020-03-05", 96)
    assert (rec["date"], rec.get("period_start")) == ("2020-03-03", "2020-03-02")


def test_since_last_weekday_is_the_periods_start_not_the_totals_day() -> None:
    text = "Peru has recorded 23 deaths since last Friday, the ministry said."
    rec = _one(text, "2015-06-10", 23)
    assert (rec["category"], rec["date"], rec.get("period_start")) == (
        "deaths_new",
        "2015-06-10",
        "2015-06-05",
    )
    # a total before it keeps the text's day
    text = (
        "A total of 412 people have died in Peru since the virus first appeared in 2012, "
        "according to the ministry, including 23 since last Friday."
    )
    assert _one(text, "2015-06-10", 412)["date"] == "2015-06-10"


def test_a_number_that_has_surged_to_a_level_is_a_total() -> None:
    text = "The number of infections in Peru has also surged to 870 cases, the website said."
    assert by_value(text, "2015-08-27")[870] == {("confirmed_cumulative", "2015-08-27", "Peru")}
