"""Round b16d2 (from the unseen dev21: the day a count is of): its rules checked on invented
sentences, with counter-examples where one applies."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _one(text: str, pub: str, value: int) -> dict[str, object]:
    got = [r.to_dict() for r in extract(text, pub) if r.value == value]
    assert len(got) == 1, got
    return got[0]


def test_several_as_of_days_date_only_their_own_counts() -> None:
    # a story that states several 'as of' days: the national total told before them keeps
    # the text's day
    text = (
        "At least 310 cases of mumps have been reported since January 1 in Ruritania, "
        "according to the health agency.\n\n"
        "Eastport joins 9 other states, with 3 patients as of April 1.\n\n"
        "An outbreak in Westfield has reported 14 new cases as of April 5."
    )
    assert _one(text, "2019-04-09", 310)["date"] == "2019-04-09"
    assert _one(text, "2019-04-09", 3)["date"] == "2019-04-01"
    assert _one(text, "2019-04-09", 14)["date"] == "2019-04-05"


def test_one_as_of_day_is_still_the_reports_data_day() -> None:
    # a report with one 'as of' day: its undated counts before it are of that day
    text = (
        "This past week saw 110 new cases of Ebola in North Kivu.\n\n"
        "As of 14 April 2019, a total of 1206 cases were reported in North Kivu."
    )
    assert _one(text, "2019-04-16", 110)["date"] == "2019-04-14"


def test_a_difference_from_last_weeks_count_is_of_the_texts_day() -> None:
    text = (
        "At least 228 cases of mumps have been reported in Ruritania. "
        "That is 22 more cases than reported last week by the agency."
    )
    rec = _one(text, "2019-03-12", 22)
    assert (rec["date"], rec.get("period_start")) == ("2019-03-12", None)
    text = (
        "At least 228 cases of mumps have been reported in Ruritania, 22 more cases than last week."
    )
    assert _one(text, "2019-03-12", 22)["date"] == "2019-03-12"
    # a count compared with last week's keeps the earlier day
    text = "Ruritania reported 228 new cases this week, compared with 206 last week."
    assert _one(text, "2019-03-12", 206)["date"] != "2019-03-12"


def test_the_first_months_of_a_year_end_on_the_last_months_last_day() -> None:
    text = "There were more than 110,000 measles cases worldwide in the first three months of 2019."
    rec = _one(text, "2019-04-16", 110000)
    assert (rec["date"], rec.get("period_start")) == ("2019-03-31", "2019-01-01")
    text = "Ruritania reported 3,200 dengue cases in the first 10 months of 2017."
    rec = _one(text, "2019-04-16", 3200)
    assert (rec["date"], rec.get("period_start")) == ("2017-10-31", "2017-01-01")


def test_a_fact_told_again_with_only_its_year_is_one_record() -> None:
    text = (
        "So far this year, 36,480 measles cases have been reported in Ruritania, compared with "
        "12,923 cases in the first 7 months of 2018.\n\n"
        "Ruritania had 12,923 measles cases last year."
    )
    got = [r for r in extract(text, "2019-08-13") if r.value == 12923]
    assert [r.date for r in got] == ["2018-07-31"]


def test_the_day_of_the_last_case_beside_totals_is_not_theirs() -> None:
    text = "Bole District has recorded 16 cases, with the last reported cases being five days ago."
    assert _one(text, "2016-01-26", 16)["date"] == "2016-01-26"
    # a count of its own on that day keeps it
    text = "Bole District recorded 16 cases five days ago."
    assert _one(text, "2016-01-26", 16)["date"] == "2016-01-21"


def test_a_count_after_recording_another_on_a_day_keeps_the_texts_day() -> None:
    text = (
        "The minister confirmed on Friday that Ruritania now had 4 220 confirmed cases.\n"
        "This was an increase of 267 new cases after recording 318 new cases on Thursday.\n"
        "Eastport has 28 new cases."
    )
    assert _one(text, "2020-04-24", 267)["date"] == "2020-04-24"
    assert _one(text, "2020-04-24", 318)["date"] == "2020-04-23"
    assert _one(text, "2020-04-24", 28)["date"] == "2020-04-24"
