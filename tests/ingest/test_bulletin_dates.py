"""Dates of bulletin counts, one mechanism per test (invented sentences)."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.context import _COMPARISON
from flareup.ingest.bulletin.dates import find_dates
from flareup.ingest.bulletin.text import sentences


def _by_value(text: str, published: str | None) -> dict[int, tuple[str | None, str | None]]:
    return {r.value: (r.date, r.period_start) for r in extract(text, published)}


def test_glued_full_stops_after_a_number_or_pm_split_sentences() -> None:
    text = (
        "Cases fell in 2019 and 2020.In its report the agency counts 40 cases. "
        "Results come by 6 p.m.The city found 7 cases. Tallies stood at 9 on May 3.They rose."
    )
    got = [s.text for s in sentences(text)]
    assert "In its report the agency counts 40 cases." in got
    assert "The city found 7 cases." in got
    assert "They rose." in got
    assert "U.S. officials met." in [s.text for s in sentences("U.S. officials met.")]


def test_an_acronym_in_capitals_ends_a_sentence_unlike_its_lowercase_abbreviation() -> None:
    text = (
        "Nine patients left the wards of the Kasese ETC. As of 3 May, 40 cases were listed. "
        "Gloves, masks etc. are short. GENEVA, NOV. 3 (Reuters) - Ten died."
    )
    got = [s.text for s in sentences(text)]
    assert got[0] == "Nine patients left the wards of the Kasese ETC."
    assert got[1] == "As of 3 May, 40 cases were listed."
    assert got[2] == "Gloves, masks etc. are short."
    assert got[3].startswith("GENEVA, NOV. 3")
    assert len(list(sentences("HEALTH MINISTER DR. BANDA SAYS 12 DIED."))) == 1


def test_epi_week_heading_dates_the_list_below_it() -> None:
    text = (
        "Weekly cholera situation\n"
        "New cases for EPI - Week 10\n"
        "• 120 new cholera cases reported from 9 districts\n"
        "• 4 deaths reported in reporting week\n"
        "Cumulative cases (Since 1st – 10th weeks in 2021)\n"
        "• 900 cumulative cases\n"
    )
    got = _by_value(text, "2021-03-20")
    # ISO week 10 of 2021: Monday 8 March to Sunday 14 March
    assert got[120] == ("2021-03-14", "2021-03-08")
    assert got[4] == ("2021-03-14", "2021-03-08")
    assert got[900] == ("2021-03-14", "2021-01-04")


def test_epi_week_without_publication_takes_the_year_the_text_names() -> None:
    text = "New cases for EPI - Week 10\n• 120 new cholera cases were reported\nAll figures for 2021.\n"
    assert _by_value(text, None)[120][0] == "2021-03-14"


def test_last_n_weeks_is_a_period_ending_on_the_reference_day() -> None:
    ds = find_dates("No new cases were reported in the last three weeks.", dt.date(2021, 5, 30))
    assert [(d.role, d.offset) for d in ds] == [("relative", 0), ("relstart", -20)]
    got = _by_value("No new cases were reported in Lakeside in the last three weeks.", "2021-05-30")
    assert got[0] == ("2021-05-30", "2021-05-10")
    got = _by_value("Lakeside reported 12 cases in the previous three days.", "2021-05-30")
    assert got[12] == ("2021-05-29", "2021-05-27")


def test_an_as_of_statement_without_counts_dates_the_next_sentence() -> None:
    text = (
        "The agency says cholera cases reported in the country up to March 3, 2019, have "
        "fallen. So far 210 suspected cases have been reported, including 4 deaths."
    )
    got = _by_value(text, "2019-04-02")
    assert got[210][0] == "2019-03-03"
    assert got[4][0] == "2019-03-03"


def test_two_days_joined_by_a_dash_or_between_and_are_a_period() -> None:
    got = _by_value(
        "During the last 21 days (3 May – 23 May 2021), 79 new cases have been reported.",
        "2021-05-25",
    )
    assert got[79] == ("2021-05-23", "2021-05-03")
    got = _by_value(
        "Lakeside reported 6 new cases between the end of Monday and 9 p.m. on Tuesday.",
        "2021-05-27",
    )
    assert got[6] == ("2021-05-25", "2021-05-24")
    got = _by_value("There were 3 new cases (08:00 May 23-08:00 May 24) in Lakeside.", "2021-05-24")
    assert got[3] == ("2021-05-24", "2021-05-23")


def test_an_event_day_in_a_relative_clause_dates_no_count() -> None:
    text = (
        "Ruritania on Monday reported 4 new cases. A man died in the outbreak, which began on "
        "March 2 when a traveller was diagnosed, in the capital, where more than 60 people "
        "were infected. More than 900 people are under quarantine."
    )
    got = _by_value(text, "2021-05-17")
    assert got[4][0] == "2021-05-17"
    assert got[60][0] == "2021-05-17"
    assert got[900][0] == "2021-05-17"
    ds = find_dates("the outbreak, which began on March 2, grew", dt.date(2021, 5, 17))
    assert [d.role for d in ds] == ["event"]
    # a count's own 'since it began in April' is still its period start
    ds = find_dates("612 people infected since it began in April", dt.date(2021, 5, 17))
    assert [(d.value, d.role) for d in ds] == [("2021-04", "start")]


def test_without_publication_the_year_is_not_taken_from_history() -> None:
    text = (
        "The ministry said 20 cases had been confirmed as of September 29. The virus was first "
        "reported near a river that gave it its name in 1976."
    )
    assert _by_value(text, None)[20][0] is None
    text = "WHO said 211 cases have been reported since September 2012, including 8 on May 3."
    assert _by_value(text, None)[211][0] is None
    text = "In 2016, 300 cases were counted by March 29."
    assert _by_value(text, None)[300][0] == "2016-03-29"


def test_a_when_clause_takes_the_day_it_follows() -> None:
    got = _by_value(
        "Lakeside reported 9 new cases, the lowest daily figure since March 16, when there "
        "were 7 new cases.",
        "2021-05-30",
    )
    assert got[9][0] == "2021-05-30"
    assert got[7][0] == "2021-03-16"


def test_since_a_day_runs_to_the_texts_reference_day() -> None:
    text = (
        "WHO said a total of 780 confirmed cases were reported in 27 countries between May 13 "
        "and June 2. From January to June 1, 44 confirmed cases were reported in Nigeria. "
        "This is an increase of 523 new cases since the update of 29 May, when a total of "
        "257 cases were reported. No deaths were reported in the countries."
    )
    got = _by_value(text, "2022-06-06")
    assert got[44][0] == "2022-06-01"
    assert got[523] == ("2022-06-02", "2022-05-29")
    assert got[257][0] == "2022-05-29"
    assert got[0][0] == "2022-06-02"


def test_that_year_is_the_year_named_last() -> None:
    text = (
        "Dengue first spread in the country in 2004. The official figure was 5,551 cases "
        "that year. This year 900 cases have been recorded so far."
    )
    got = _by_value(text, "2021-10-10")
    assert got[5551][0] == "2004"
    assert got[900][0] == "2021-10-10"


def test_a_statement_day_dates_counts_that_have_no_day_of_their_own() -> None:
    text = (
        "Lakeside reported 12 new cases on Monday. No additional infections were found after "
        "testing 9,000 contacts, according to the health authority Friday. "
        "Currently, 40 patients are in hospital."
    )
    got = _by_value(text, "2021-05-17")  # a Monday
    assert got[12][0] == "2021-05-17"
    assert got[0][0] == "2021-05-14"  # Friday's statement
    assert got[40][0] == "2021-05-17"  # the said day stays in its sentence
    # the publication day's statement in a daily briefing is no count's day
    text = (
        "Ruritania reported 20 new cases on Sunday, the commission said on Monday. Of them, "
        "8 were in Lakeside, the commission said on Monday."
    )
    assert _by_value(text, "2021-05-17")[8][0] == "2021-05-16"


def test_a_chinese_health_commission_reports_the_day_before() -> None:
    text = (
        "URUMQI, July 26 (Xinhua) -- Xinjiang reported 22 new confirmed cases, the regional "
        "health commission said Sunday. The region also registered 38 new asymptomatic cases "
        "on Saturday."
    )
    got = _by_value(text, "2020-07-26")  # a Sunday
    assert got[22][0] == "2020-07-25"
    assert got[38][0] == "2020-07-25"
    # elsewhere a ministry's count is of the day it is reported
    text = "Ruritania reported 22 new cases, the health ministry said on Sunday."
    assert _by_value(text, "2020-07-26")[22][0] == "2020-07-26"


def test_an_organisation_confirming_after_the_count_is_a_statement() -> None:
    text = (
        "The ministry said there were 39 cases between April 4 and May 13, which included 19 "
        "deaths, the World Health Organization (WHO) confirmed on Monday."
    )
    got = _by_value(text, "2018-05-14")
    assert got[39] == ("2018-05-13", "2018-04-04")
    assert got[19][0] == "2018-05-13"
    # a count confirmed on a day keeps that day
    assert _by_value("12 new cases were confirmed on Monday.", "2018-05-16")[12][0] == "2018-05-14"


def test_since_the_beginning_of_something_in_a_month_is_a_start() -> None:
    text = (
        "The ministry confirmed 1,581 cases through Jun 15. Overall, since the beginning of "
        "the investigation, in October 2015, 7,936 suspected cases were reported."
    )
    got = _by_value(text, "2016-06-20")
    assert got[7936] == ("2016-06-15", "2015-10")
    # an 'as of' after a since-phrase is the end, not the start
    ds = find_dates(
        "no cases since 1 June 2018 and, as of 30 July, it is over", dt.date(2018, 8, 7)
    )
    assert [(d.value, d.role) for d in ds] == [("2018-06-01", "start"), ("2018-07-30", "end")]


def test_a_comparison_list_is_dated_on_the_earlier_period() -> None:
    text = (
        "Between 13 and 19 October, 5,927 cases and 20 deaths were reported in Ruritania, "
        "compared to 6,561 cases and 14 deaths in the preceding week."
    )
    got = _by_value(text, "2019-11-05")
    assert got[5927] == ("2019-10-19", "2019-10-13")
    assert got[6561] == ("2019-10-12", "2019-10-06")
    assert got[14] == ("2019-10-12", "2019-10-06")
    got = _by_value(
        "Ruritania reported 30 new cases on Monday, up from 22 a day earlier.", "2019-11-05"
    )
    assert got[22][0] == "2019-11-03"


def test_a_later_dateline_starts_a_section_with_its_own_day() -> None:
    text = (
        "10 September 2014 -- Between 2 and 9 September 2014, 31 new cases were reported.\n\n"
        "27 August 2014 -- The ministry notified WHO of an outbreak. In the affected areas "
        "there has been a cumulative 42 cases."
    )
    got = _by_value(text, "2014-09-10")
    assert got[31] == ("2014-09-09", "2014-09-02")
    assert got[42][0] == "2014-08-27"


def test_a_present_tense_stock_is_as_of_the_texts_day() -> None:
    text = (
        "Ruritania reported 3 new cases on Tuesday, taking the total to 175. There were no "
        "additional deaths yesterday. More than 2,800 people are in quarantine."
    )
    got = _by_value(text, "2015-06-23")  # a Tuesday
    assert got[0][0] == "2015-06-22"
    assert got[2800][0] == "2015-06-23"
    # ... but a day stated before stays: "By the end of Tuesday ... Currently, 213 patients"
    text = (
        "Lakeside reports no new cases\n\nNo new cases were reported in Lakeside on Tuesday. By "
        "the end of Tuesday, Lakeside had 2,650 cases. Currently, 213 patients are in hospital."
    )
    assert _by_value(text, "2021-06-16")[213][0] == "2021-06-15"


def test_more_ways_of_writing_a_day() -> None:
    pub = "2021-06-16"  # a Wednesday
    assert _by_value("Lakeside recorded 40 new cases over the weekend.", pub)[40] == (
        "2021-06-13",
        "2021-06-12",
    )
    assert _by_value("Lakeside reported 40 new cases on the 15th.", pub)[40][0] == "2021-06-15"
    assert _by_value("Lakeside reported 40 new cases on the 20th.", pub)[40][0] == "2021-05-20"
    assert _by_value("Lakeside reported 40 new cases on 15.06.2021.", pub)[40][0] == "2021-06-15"
    assert _by_value("Lakeside reported 40 new cases on 6/15/2021.", pub)[40][0] == "2021-06-15"
    text = (
        "Situation report\nData as reported by 13 June 2021\nGlobally 46 997 confirmed (1826 new)"
    )
    assert _by_value(text, pub)[1826][0] == "2021-06-13"


def test_a_national_commissions_report_is_all_of_the_day_before() -> None:
    text = (
        "BEIJING, Jan. 25 (Xinhua) -- The Chinese mainland reported 124 new confirmed cases, "
        "the National Health Commission said Monday. Of the new cases, 117 were locally "
        "transmitted, including 43 in Heilongjiang. A total of 1,800 patients are still being "
        "treated."
    )
    got = _by_value(text, "2021-01-25")
    assert {got[v][0] for v in (124, 117, 43, 1800)} == {"2021-01-24"}


def test_comparisons_and_weeks() -> None:
    pub = "2021-05-17"  # a Monday
    got = _by_value("Cases rose to 40 from 25 a week ago.", pub)
    assert got[40][0] == pub
    assert got[25][0] == "2021-05-10"
    got = _by_value("There were 40 cases in week 19, compared with 25 in week 18.", pub)
    assert got[40] == ("2021-05-16", "2021-05-10")
    assert got[25][0] == "2021-05-09"
    assert 19 not in got
    got = _by_value(
        "As of 14 May, 900 cases were reported. In the past week, 40 new cases were.", pub
    )
    assert got[40] == ("2021-05-14", "2021-05-08")
    got = _by_value("From 1 through 31 March 2021, 15 new cases were reported.", pub)
    assert got[15] == ("2021-03-31", "2021-03-01")
    got = _by_value("The outbreak, first detected on 3 May, has infected 40 people.", pub)
    assert got[40][0] == pub


def test_a_list_of_days_is_a_period() -> None:
    pub = dt.date(2020, 3, 24)
    ds = find_dates("36 domestic cases (March 21 , 22 , 23 , 24 ).", pub)
    assert [(d.value, d.role) for d in ds] == [("2020-03-21", "start"), ("2020-03-24", "end")]
    # "On March 21, 22 new cases": the 22 is a count
    ds = find_dates("On March 21, 22 new cases were found.", pub)
    assert [(d.value, d.end) for d in ds] == [("2020-03-21", 11)]


def test_the_same_period_in_years_respectively() -> None:
    text = (
        "Cholera cases reported up to April 8, 2017, have decreased. This compares with the "
        "12,373 and 12,226 suspected cholera cases reported during the same period in 2015 and "
        "2016, respectively."
    )
    got = _by_value(text, "2017-05-08")
    assert got[12226][0] == "2016-04-08"
    # a plain year stays a year
    assert _by_value("In 2018, there were about 350,000 cases.", "2019-11-27")[350000][0] == "2018"


def test_the_same_period_is_the_sentence_befores() -> None:
    text = (
        "The ministry reported 44 deaths in the past 24 hours, taking the death toll to 1,700. "
        "Another 4,000 people tested positive in the same period."
    )
    got = _by_value(text, "2021-05-15")
    assert got[44][0] == "2021-05-14"
    assert got[1700][0] == "2021-05-15"
    assert got[4000][0] == "2021-05-14"


def test_a_day_in_an_aside_dates_no_count_outside_it() -> None:
    text = (
        "On 3 June 2018, six new suspected cases were reported in Lakeside. Three specimens "
        "(from suspected cases reported on 2 June 2018) tested negative."
    )
    got = _by_value(text, None)
    assert got[3][0] == "2018-06-03"
    # a bracket that only dates the count is the count's day
    assert _by_value("Ruritania has 900 cases (as of 5 March).", "2021-05-18")[900][0] == (
        "2021-03-05"
    )
    ds = find_dates("the number reported by the government until Thursday", dt.date(2019, 10, 10))
    assert [(d.value, d.role) for d in ds] == [("2019-10-10", "end")]


def test_an_earlier_total_without_a_day_has_no_date() -> None:
    text = "The death toll in Ruritania has increased from eight to 19, the ministry said Monday."
    got = _by_value(text, "2018-03-05")
    assert got[8][0] is None
    assert got[19][0] == "2018-03-05"
    # a day's count compared with the day before's
    got = _by_value("Ruritania reported 30 new cases on Monday, up from 22.", "2018-03-05")
    assert got[22][0] == "2018-03-04"


def test_yesterday_in_a_wire_republished_later_is_the_datelines() -> None:
    text = (
        "LAKESIDE, Oct. 31 (Xinhua) -- Lakeside reported 40 new cases yesterday. It reported "
        "30 new deaths in the past 24 hours."
    )
    got = _by_value(text, "2020-11-02")
    assert got[40][0] == "2020-10-30"
    assert got[30][0] == "2020-10-30"
    text = "LAKESIDE, Nov. 2 (Xinhua) -- Lakeside reported 40 new cases yesterday."
    assert _by_value(text, "2020-11-02")[40][0] == "2020-11-01"


def test_so_far_in_the_news_is_as_of_the_day_it_is_told() -> None:
    text = (
        "LAKESIDE, Sept. 25 (Xinhua) -- Lakeside reported 2 new asymptomatic cases on "
        "Thursday, said the municipal health commission on Friday. So far, 147 close contacts "
        "have been placed under quarantine."
    )
    got = _by_value(text, "2020-09-25")  # a Friday
    assert got[2][0] == "2020-09-24"
    assert got[147][0] == "2020-09-25"
    # ... unless an 'as of' day was stated: "up to April 8 ... to date"
    text = (
        "Cholera cases reported in the country up to April 8, 2017, have decreased. To date "
        "4,871 suspected cases have been reported."
    )
    assert _by_value(text, "2017-05-08")[4871][0] == "2017-04-08"


def test_n_days_before_a_day_and_compared_totals() -> None:
    ds = find_dates("zero local cases for 56 days before June 11.", dt.date(2020, 6, 14))
    assert [(d.value, d.role) for d in ds] == [("2020-04-16", "start"), ("2020-06-10", "end")]
    text = (
        "Lakeside reported zero local cases for 56 days before June 11. So far, 37 cases "
        "have been reported in the city."
    )
    assert _by_value(text, "2020-06-14")[37][0] == "2020-06-14"
    got = _by_value(
        "The number quarantined rose from 2,562 on Sunday to 2,682 on Monday.", "2015-06-29"
    )
    assert got[2562][0] == "2015-06-28"
    assert got[2682][0] == "2015-06-29"
    # 'from' before a number that is no comparison
    assert _COMPARISON.search("the toll fell to 22,253 from ")
    assert not _COMPARISON.search("had taken samples from ")


def test_period_starts_of_weeks_and_years() -> None:
    pub = "2021-06-16"  # a Wednesday
    got = _by_value("Lakeside recorded 40 new cases in the week to Sunday.", pub)
    assert got[40] == ("2021-06-13", "2021-06-07")
    got = _by_value("Lakeside has recorded 40 cases since the start of the year.", pub)
    assert got[40] == (pub, "2021-01-01")
    got = _by_value("A total of 900 cases have been reported so far this year.", pub)
    assert got[900] == (pub, "2021-01-01")


def test_a_data_day_after_a_time_of_day() -> None:
    text = (
        "Situation report 40\nData as reported by national authorities by 10 AM CET 29 "
        "February 2020\nGlobally\n85 403 confirmed (1753 new)"
    )
    got = _by_value(text, "2020-03-01")
    assert got[85403][0] == "2020-02-29"
    assert got[1753][0] == "2020-02-29"


def test_a_comparisons_day_is_not_the_counts() -> None:
    pub = "2021-05-15"  # a Saturday
    text = "The ministry reported 40 new cases, compared with 30 on Thursday and 25 on Wednesday."
    got = _by_value(text, pub)
    assert got[40][0] == pub
    assert got[30][0] == "2021-05-13"
    assert got[25][0] == "2021-05-12"
    got = _by_value(
        "Ruritania reported 40 new cases on Friday, the highest since 52 on March 3.", pub
    )
    assert got[40][0] == "2021-05-14"
    assert got[52][0] == "2021-03-03"
    got = _by_value("Ruritania reported 40 new cases from 12 districts on Tuesday.", pub)
    assert got[40][0] == "2021-05-11"


def test_without_publication_weekdays_count_from_the_dateline() -> None:
    text = (
        "LAKESIDE, Aug. 2, 2020 (Xinhua) -- Lakeside reported 30 new cases on Saturday. It "
        "reported 12 new deaths yesterday."
    )
    got = _by_value(text, None)
    assert got[30][0] == "2020-08-01"
    assert got[12][0] == "2020-08-01"


def test_any_chinese_health_commission_reports_the_day_before() -> None:
    text = "Xinjiang reported 30 new confirmed cases, the Xinjiang health commission said Sunday."
    assert _by_value(text, "2020-08-02")[30][0] == "2020-08-01"


def test_an_epi_week_written_out_uses_its_own_days() -> None:
    text = "In epidemiological week 42 (13-19 October 2019), 5,927 cases were reported."
    got = _by_value(text, "2019-11-05")
    assert got == {5927: ("2019-10-19", "2019-10-13")}


def test_a_range_of_epi_weeks_with_its_year() -> None:
    text = "During epidemiological weeks 1 to 10 of 2020, 1,000 suspected cases were reported."
    assert _by_value(text, "2020-03-20") == {1000: ("2020-03-08", "2019-12-30")}


def test_a_future_end_carries_no_day() -> None:
    text = "Schools will stay closed until May 31. The city reported 40 new cases on Monday."
    assert _by_value(text, "2021-05-18")[40][0] == "2021-05-17"
    text = "Schools will stay closed until May 31. The city has 400 patients in hospital."
    assert _by_value(text, "2021-05-18")[400][0] == "2021-05-18"
    text = "On May 31, schools will reopen. The city reported 40 new cases."
    assert _by_value(text, "2021-05-18")[40][0] == "2021-05-18"


def test_days_respectively() -> None:
    text = "On 28 and 29 March, 40 and 50 new cases were reported in Lakeside, respectively."
    got = _by_value(text, "2021-04-02")
    assert got[40] == ("2021-03-28", None)
    assert got[50] == ("2021-03-29", None)
    # without 'respectively' two days joined by a dash are a period
    got = _by_value("Lakeside reported 40 new cases on 28-29 March.", "2021-04-02")
    assert got[40] == ("2021-03-29", "2021-03-28")


def test_new_cases_found_in_a_commission_text_are_the_day_befores() -> None:
    text = (
        "Lakeside found 2 new asymptomatic cases who tested positive, the Lakeside Municipal "
        "Health Commission said. A total of 1,440 samples were tested."
    )
    got = _by_value(text, "2020-09-25")
    assert got[2][0] == "2020-09-24"
    assert got[1440][0] == "2020-09-25"


def test_a_month_only_publication_date_gives_the_year_not_a_day() -> None:
    # '2016-04' (a report known only by its month): no day to resolve weekdays against, but
    # the year dates 'April 24'; before, such a date raised ValueError
    from flareup.ingest.bulletin import extract

    recs = extract("In the week to 24 April, 25 new cases were reported in Angola.", "2016-04")
    assert [(r.date, r.value) for r in recs] == [("2016-04-24", 25)]
    recs = extract("On Monday, 25 new cases were reported in Angola.", "2016")
    assert [(r.date, r.value) for r in recs] == [(None, 25)]


def test_a_month_only_publication_dates_months_without_a_year() -> None:
    got = {
        (d.text, d.value) for d in find_dates("7 deaths in the month of October.", None, 2018, 11)
    }
    assert ("October", "2018-10") in got
    # published in January: December is the year before
    got = {d.value for d in find_dates("12 cases were reported in December.", None, 2018, 1)}
    assert got == {"2017-12"}


def test_a_month_carries_to_the_next_counts_of_a_text_without_a_publication_day() -> None:
    text = (
        "The ministry reported 14 additional cases of cholera in March 2018. "
        "The cases were reported from Sanaa (nine cases) and Aden (five cases). "
        "In addition, three deaths were reported."
    )
    got = _by_value(text, "2018-04")
    assert got[14][0] == got[9][0] == got[5][0] == got[3][0] == "2018-03"


def test_a_month_only_publication_date_is_the_date_of_an_undated_count() -> None:
    text = "Officials said 61 patients had died. From 2015 to date, 1,200 cases were reported."
    got = _by_value(text, "2019-07")
    assert got[61][0] == "2019-07" and got[1200][0] == "2019-07"
    # with a publication day, a count the text dates nowhere keeps that day
    assert _by_value(text, "2019-07-05")[61][0] == "2019-07-05"


def test_symptom_onset_days_are_not_the_count_s_date() -> None:
    text = (
        "The health department today (May 9) was notified of three additional cases with "
        "onset of symptoms between April 2 and April 20."
    )
    assert _by_value(text, "2019-05-09")[3][0] == "2019-05-09"
    roles = [d.role for d in find_dates("they had their onset from March 3 to April 1.", None)]
    assert roles == ["event", "event"]


def test_a_count_over_the_hours_of_a_day_is_that_day_s_in_a_commission_report() -> None:
    text = (
        "Tianjin reported three local cases from midnight to 3 p.m. Monday, the municipal "
        "health commission said. Tianjin reported 12 local cases on Sunday, the commission said."
    )
    got = _by_value(text, "2022-06-13")
    assert got[3][0] == "2022-06-13"  # the day itself, up to the hour said
    assert got[12][0] == "2022-06-12"


def test_the_figure_a_total_increased_to_is_the_stated_day_s() -> None:
    text = "The ministry said that as of May 2 the number of cases increased to 418."
    assert _by_value(text, "2019-05-04")[418][0] == "2019-05-02"
    # the figure compared with is the earlier day's
    text = "The city reported 30 cases on Friday, compared to 12 a day earlier."
    assert _by_value(text, "2019-05-04")[12][0] == "2019-05-02"


def test_a_part_of_a_compared_count_is_of_the_compared_day() -> None:
    text = (
        "Vietnam reported 25 new cases on Sunday. This compared with 31 cases a day earlier, "
        "19 of which were in Hanoi."
    )
    got = _by_value(text, "2020-07-07")
    assert got[25][0] == "2020-07-05" and got[31][0] == got[19][0] == "2020-07-04"


def test_the_24_hours_to_a_named_day_end_on_that_day() -> None:
    text = "Peru recorded 4,100 new infections in the 24 hours to 8 a.m. on Monday."
    assert _by_value(text, "2021-03-22")[4100][0] == "2021-03-22"
    # the past 24 hours of a daily briefing are still the day before's
    text = "Peru recorded 4,100 new infections in the past 24 hours, the ministry said Monday."
    assert _by_value(text, "2021-03-22")[4100][0] == "2021-03-21"


def test_more_written_forms_of_an_as_of_day() -> None:
    pub = dt.date(2020, 6, 20)
    got = [(d.value, d.role) for d in find_dates("As of 2020/06/15, 20 cases.", pub)]
    assert got == [("2020-06-15", "end")]
    got = [(d.value, d.role) for d in find_dates("As of 8 pm EAT June 18, 4 cases.", pub)]
    assert got == [("2020-06-18", "end")]
    got = [(d.value, d.role) for d in find_dates("Until 12 noon on Thursday, 9 cases.", pub)]
    assert got == [("2020-06-18", "end")]
    got = [(d.value, d.role) for d in find_dates("Up to and including 17 June, 9.", pub)]
    assert got == [("2020-06-17", "end")]
    assert find_dates("Version 2.1.3 of the form.", pub) == []


def test_the_highest_since_a_month_starts_no_period() -> None:
    ds = find_dates(
        "It reported 441 cases, the highest daily tally since March.", dt.date(2020, 8, 27)
    )
    assert [d.role for d in ds] == ["compare"]


def test_a_headline_repeated_by_a_one_sentence_body_is_one_fact_of_the_body_s_day() -> None:
    text = (
        "Ghana confirms 4 more Marburg cases\n\n"
        "ACCRA (AP) — Ghana's health service on Thursday confirmed four more cases of Marburg."
    )
    got = [(r.value, r.date) for r in extract(text, "2022-07-22")]
    assert got == [(4, "2022-07-21")]


def test_a_headline_count_the_body_repeats_takes_the_body_s_day() -> None:
    text = (
        "Hanoi reports 6 new cases, all linked to a hospital\nUpdated 10:02, 16-Jun-2020\n\n"
        "Six more cases were detected in Hanoi as of 7:00 a.m. on Monday, officials said. "
        "The city has 40 patients in hospital."
    )
    got = [(r.value, r.date) for r in extract(text, "2020-06-16")]
    assert got.count((6, "2020-06-15")) == 1 and [v for v, _ in got].count(6) == 1


def test_one_count_over_two_named_days_ends_on_the_second() -> None:
    text = "Officials said 35 people died on Friday and Saturday."
    assert _by_value(text, "2020-05-11")[35] == ("2020-05-09", "2020-05-08")
    # two counts over two days, respectively: each its own day
    text = "On Friday and Saturday, 12 and 19 cases were reported, respectively."
    got = _by_value(text, "2020-05-11")
    assert got[12][0] == "2020-05-08" and got[19][0] == "2020-05-09"


def test_a_total_reached_on_a_day_shares_that_day() -> None:
    text = (
        "Kenya's health ministry said on Monday that 900 new cases were found. 12,000 samples "
        "were tested in the country on August 23 taking the total testing number to 890,000."
    )
    got = _by_value(text, "2020-08-24")
    assert got[12000][0] == got[890000][0] == "2020-08-23"


def test_an_abbreviated_month_with_a_full_stop_keeps_its_year() -> None:
    got = [
        (d.text, d.value) for d in find_dates("since 1 Jan. 2019, 300 cases", dt.date(2020, 4, 7))
    ]
    assert got == [("1 Jan. 2019", "2019-01-01")]
    got = _by_value("On 3 Sept. 2019, 12 cases were reported in Chad.", "2020-04-07")
    assert got[12][0] == "2019-09-03" and 2019 not in got


def test_the_past_day_is_the_past_24_hours() -> None:
    got = _by_value("In the past day, Peru reported 8,000 cases.", "2020-05-22")
    assert got[8000][0] == "2020-05-21"


def test_the_earlier_week_of_a_compared_figure_is_not_the_new_figure_s() -> None:
    text = "In Chad, cases rose 20% to 1,200 this week, from 1,000 last week."
    got = _by_value(text, "2020-05-03")
    assert got[1200][0] == "2020-05-03" and got[1000][0] == "2020-04-26"


def test_the_day_a_since_count_was_said_is_no_second_start() -> None:
    pub = dt.date(2017, 5, 15)
    s = "Cholera has killed 115 people in Chad since April 27, the ICRC said on Sunday."
    assert [(d.value, d.role) for d in find_dates(s, pub)] == [
        ("2017-04-27", "start"),
        ("2017-05-14", "speech"),
    ]
    s = "Since the first case was reported on 3 May, 20 cases were found."
    assert [d.role for d in find_dates(s, pub)] == ["start"]


def test_a_second_day_of_a_journey_is_no_count_s_date() -> None:
    text = (
        "Malta reported 12 new cases on Tuesday. Two imported cases were residents who returned from "
        "Italy on May 2 and from the Netherlands on May 4. All 5 new community cases are "
        "in isolation."
    )
    got = _by_value(text, "2021-05-12")
    assert got[12][0] == "2021-05-11"
    assert got[2][0] == "2021-05-11"
    assert got[5][0] == "2021-05-11"


def test_a_present_tense_stock_after_a_dated_story_is_as_of_the_publication() -> None:
    text = (
        "On 3 March 2019, a farmer was admitted to the district hospital with fever. "
        "A total of 41 contacts are being followed up in the district."
    )
    got = _by_value(text, "2019-03-20")
    assert got[41][0] == "2019-03-20"
    # the day the statement was made stays the count's
    text = (
        "The death toll from a measles outbreak in Chad has risen to 57, the government said "
        "Tuesday as doctors warned that the disease is spreading."
    )
    assert _by_value(text, "2019-03-20")[57][0] == "2019-03-19"


def test_a_period_end_told_in_a_story_does_not_date_the_next_counts() -> None:
    text = (
        "From 1 January to 30 June 2019, the ministry was notified of 900 suspected cases. "
        "Cases rose sharply, doubling weekly between 1-12 April 2019, before measures worked. "
        "In the capital, all districts have been affected, causing 610 suspected cases."
    )
    got = _by_value(text, "2019-07-08")
    assert got[900][0] == "2019-06-30"
    assert got[610][0] == "2019-06-30"


def test_a_sentence_saying_when_this_was_announced_dates_the_counts_before_it() -> None:
    text = (
        "The Ghana Health Service has recorded 57 new infections in 6 regions. "
        "The service disclosed this in a statement on Sunday evening. "
        "The new infections brought the total to 4,120."
    )
    got = _by_value(text, "2021-05-11")
    assert got[57][0] == "2021-05-09"
    assert got[4120][0] == "2021-05-09"


def test_a_week_number_after_at_or_by_is_that_week() -> None:
    text = "The district raised an alert at week 3 with 6 cases of measles."
    got = _by_value(text, "2019-03-01")
    # ISO week 3 of 2019 ends on Sunday 20 January
    assert got[6][0] == "2019-01-20"


def test_since_the_first_case_was_reported_on_a_day_starts_the_period() -> None:
    text = (
        "Twelve suspected cases of Lassa fever have been found since the first was reported "
        "in Ondo State on March 2, officials said."
    )
    got = _by_value(text, "2021-03-20")
    assert got[12] == ("2021-03-20", "2021-03-02")


def test_counts_a_report_dates_nowhere_are_of_its_as_of_day() -> None:
    text = (
        "This past week saw a further rise of cholera in the region, with a total of 75 new "
        "cases. As of 12 March 2023, a total of 1,430 cases, including 21 deaths, were reported."
    )
    got = _by_value(text, "2023-03-14")
    assert got[1430][0] == "2023-03-12"
    assert got[75][0] == "2023-03-12"


def test_the_days_of_the_last_report_start_the_period_of_the_counts_since() -> None:
    text = (
        "Since the last situation report issued on 2 May 2023, reporting on data as of 30 "
        "April, an additional 14 new cases have been reported. As of 7 May 2023, a total of "
        "310 cases were reported."
    )
    got = _by_value(text, "2023-05-09")
    assert got[14][0] == "2023-05-07"
    assert got[310][0] == "2023-05-07"


def test_a_count_that_has_already_been_reached_is_as_of_the_news_day() -> None:
    text = (
        "Officials say 3 new measles cases were confirmed on Aug. 12 in the county. "
        "Nationwide, more than 900 cases have already been confirmed this year."
    )
    got = _by_value(text, "2019-08-19")
    assert got[3][0] == "2019-08-12"
    assert got[900][0] == "2019-08-19"


def test_a_reporting_period_with_a_mangled_dash_heads_the_counts_below_it() -> None:
    text = (
        "Weekly Dengue Bulletin\nISSUE 4, NUMBER 22 Reporting period: May 28, 2023 ? June 3, "
        "2023 (Week 22)\n\nSince the previous bulletin, 41 new dengue cases were notified "
        "in the northern districts."
    )
    spans = [s.text for s in sentences(text)]
    assert any("May 28, 2023 ? June 3, 2023" in s for s in spans)
    got = _by_value(text, "2023-06-06")
    assert got[41][0] == "2023-06-03"


def test_a_question_mark_after_a_year_still_ends_a_question() -> None:
    spans = [s.text for s in sentences("Was it worse in 2019 ? Nobody knows.")]
    assert len(spans) == 2


def test_a_range_of_months_takes_the_year_the_sentence_names() -> None:
    got = find_dates("In 2022, 57 measles cases were notified between March and August.", None)
    assert [(d.value, d.role) for d in got] == [("2022-03-01", "start"), ("2022-08-31", "end")]
    got = find_dates("From November to February, 12 deaths occurred.", dt.date(2021, 4, 2))
    assert [(d.value, d.role) for d in got] == [("2020-11-01", "start"), ("2021-02-28", "end")]


def test_the_reporting_month_of_a_monthly_report_is_the_month_before_publication() -> None:
    text = (
        "During the reporting month, 9 new suspected cholera cases were recorded in two "
        "provinces. Of these, 3 were confirmed."
    )
    got = _by_value(text, "2022-07-12")
    assert got[9] == ("2022-06-30", "2022-06-01")
    assert got[3][0] == "2022-06-30"


def test_a_count_for_the_previous_day_is_the_day_before_the_sentence_s() -> None:
    text = "On Tuesday, the state health department reported 31 new measles cases for the previous day."
    got = _by_value(text, "2019-04-10")
    assert got[31][0] == "2019-04-08"


def test_there_have_been_is_up_to_the_news_day_not_the_story_s() -> None:
    text = (
        "On 2 June, the district hospital admitted a boy with suspected anthrax. "
        "Four relatives later fell ill. There have been 2 deaths, officials said."
    )
    got = _by_value(text, "2022-06-09")
    assert got[2][0] == "2022-06-09"


def test_the_day_people_were_classed_as_cases_is_not_the_count_s() -> None:
    text = (
        "Busan reported 5 new local infections on Wednesday. The other three were close "
        "contacts of two travellers who had been reported as imported cases on Sunday. Their "
        "41 close contacts have been put under quarantine."
    )
    got = _by_value(text, "2021-08-12")
    assert got[41][0] == "2021-08-11"


def test_counts_found_subsequently_are_up_to_the_news_day() -> None:
    text = (
        "On 2 March, a hospital in the district notified a suspected anthrax case. "
        "Subsequently, 7 other cases were identified."
    )
    got = _by_value(text, "2023-03-20")
    assert got[7][0] == "2023-03-20"


def test_a_day_compared_with_is_not_handed_on_to_the_next_sentences() -> None:
    text = (
        "The agency reported 512 new infections today. Daily cases rose above 500 for the "
        "first time since March 3rd when they stood at 530. Two more patients died, bringing "
        "the death toll to 880."
    )
    got = _by_value(text, "2021-04-20")
    assert got[530][0] == "2021-03-03"
    assert got[2][0] == "2021-04-20"
    assert got[880][0] == "2021-04-20"


def test_the_data_day_of_the_last_outbreak_news_starts_the_period() -> None:
    text = (
        "Since the last Disease Outbreak News (data as of 2 May), 14 new confirmed cases "
        "were reported from three health zones."
    )
    assert _by_value(text, "2019-05") == {14: ("2019-05", "2019-05-02")}
    text = "Since the previous press release on 2 May, 6 new cases were confirmed."
    assert _by_value(text, "2019-05-09") == {6: ("2019-05-09", "2019-05-02")}


def test_a_figure_in_words_compared_with_a_day_earlier_keeps_the_sentence_s_day() -> None:
    text = (
        "The ministry reported 40 new cases for March 9, up from 31 a day earlier. "
        "It also reported 12 new deaths, up from seven a day earlier."
    )
    got = _by_value(text, "2022-03-10")
    assert got[12][0] == "2022-03-09"
    assert got[7][0] == "2022-03-08"


def test_a_statement_s_day_dates_the_lead_before_it_and_the_counts_after_it() -> None:
    text = (
        "Cholera cases in the district have risen to 40 after 6 new cases were confirmed. "
        "A health ministry statement late Tuesday said the 6 new cases came from two villages. "
        "The statement said the total number of deaths is now 3."
    )
    got = _by_value(text, "2023-02-15")
    assert got[40][0] == "2023-02-14"
    assert got[6][0] == "2023-02-14"
    assert got[3][0] == "2023-02-14"


def test_a_perfect_tense_stock_in_a_month_only_text_is_of_the_month() -> None:
    text = (
        "WHO was notified of 8 additional cases between 2 and 9 June 2016. "
        "Overall, 300 laboratory-confirmed cases have been reported to WHO since 2014."
    )
    got = _by_value(text, "2016-06")
    assert got[8] == ("2016-06-09", "2016-06-02")
    assert got[300][0] == "2016-06"
    # an 'as of' day the text states stays its day
    text = "As of 9 June 2016, 41 cases were reported. Of these, 30 have been confirmed."
    assert _by_value(text, "2016-06")[30][0] == "2016-06-09"


def test_days_of_earlier_reports_are_no_count_s_day() -> None:
    sent = "The deaths were reported in previous updates on 2 May (case no. 3) and on 28 April."
    got = find_dates(sent, dt.date(2019, 5, 9))
    assert [d.role for d in got] == ["event", "event"]


def test_last_weekday_of_the_day_before_is_a_week_earlier() -> None:
    # 2021-09-17 is a Friday: 'last Thursday' is 9 September, 'last Monday' 13 September
    got = {d.text: d.value for d in find_dates("It closed last Thursday.", dt.date(2021, 9, 17))}
    assert got == {"Thursday": "2021-09-09"}
    got = {d.text: d.value for d in find_dates("It closed last Monday.", dt.date(2021, 9, 17))}
    assert got == {"Monday": "2021-09-13"}


def test_cases_validated_from_earlier_months_keep_the_report_s_period() -> None:
    text = (
        "From 4 to 10 March, 15 new confirmed cases and 6 deaths, with 2 probable cases "
        "validated from late January/early February, were reported."
    )
    got = _by_value(text, "2020-03-12")
    assert got[6][0] == "2020-03-10"
    assert got[2][0] == "2020-03-10"


def test_a_count_in_brackets_after_a_year_is_that_year_s() -> None:
    text = "Dengue deaths were higher only in 2016 (312 deaths) and 2013 (290 deaths)."
    got = _by_value(text, "2020-05-02")
    assert got[312][0] == "2016"
    assert got[290][0] == "2013"


def test_the_week_of_a_figure_compared_with_is_not_the_new_figure_s() -> None:
    text = (
        "In week 20, the number of new confirmed cases decreased from 61 in week 19, 2023 "
        "to 40 cases."
    )
    got = _by_value(text, "2023-05-30")
    assert got[40] == ("2023-05-21", "2023-05-15")


def test_the_day_counts_run_to_goes_on_not_the_day_they_were_reported() -> None:
    text = (
        "The ministry reported on Monday, June 12, a total of 4,100 measles cases recorded "
        "from Jan. 1 to June 3. By its count, cases this year are double compared to the "
        "reported cases during the same period in 2022 at 2,050."
    )
    got = _by_value(text, "2023-06-12")
    assert got[4100][0] == "2023-06-03"
    assert got[2050][0] == "2022-06-03"


def test_a_relative_day_dates_the_items_after_a_colon_too() -> None:
    """'Two days later' resolves against the sentence before and holds for the whole sentence,
    the items after its colon included (no aside can hold a day written nowhere as such)."""
    text = (
        "On March 3, two villages were sealed off. Three days later, 90 people had tested "
        "positive: 30 were symptomatic and another 60 were asymptomatic."
    )
    got = _by_value(text, "2021-03-20")
    assert got[90][0] == got[30][0] == got[60][0] == "2021-03-06"


def test_a_range_of_epi_weeks_written_week_to_week_is_a_cumulative_period() -> None:
    text = (
        "Cumulatively from week 1 to week 30, 2023, 58 deaths have been recorded in the "
        "country. From week 1 to week 12, 2024,41 deaths were recorded."
    )
    got = _by_value(text, "2024-03-28")
    assert got[58] == ("2023-07-30", "2023-01-02")
    assert got[41] == ("2024-03-24", "2024-01-01")


def test_the_same_period_of_an_earlier_year_dates_only_the_number_compared_with() -> None:
    """'The same period last year / in 2022' after a number is the day compared with: it dates
    the number of its own phrase (before it, after it with 'at', or a 'respectively' list),
    never the sentence's other counts."""
    text = (
        "Up to May 10, 620 cholera cases were notified. So far 14 deaths have been recorded, "
        "compared to only 9 during the same period last year. The toll is 30 deaths, which is "
        "higher than in the same period in 2021. This is a 20% fall compared to the 300 and 350 "
        "cases notified during the same period in 2020 and 2021, respectively. This year's cases are higher "
        "compared to the cases notified during the same period in 2022 at 410."
    )
    got = _by_value(text, "2023-05-12")
    assert got[620][0] == "2023-05-10"
    assert got[14][0] != "2022-05-10" and got[14][0] is not None
    assert got[9][0] == "2022-05-10"
    assert got[30][0] is not None and got[30][0].startswith("2023")
    assert got[300][0] == "2020-05-10"
    assert got[350][0] == "2021-05-10"
    assert got[410][0] == "2022-05-10"


def test_a_capitalised_line_after_a_line_without_a_full_stop_starts_a_sentence() -> None:
    text = (
        "New cases were notified from three districts of the northern region (Map 2)\n"
        "Since the start of the year, 212 cases have been recorded in the whole country\n"
        "Health workers and volunteers from the health posts in the districts of Alpha, Beta,\n"
        "Gamma and Delta were trained by the ministry last week in case management.\n"
    )
    got = [s.text for s in sentences(text)]
    assert got[0].endswith("(Map 2)")
    assert got[1].startswith("Since the start of the year")
    assert any("Beta,\nGamma" in s for s in got)


def test_stocks_after_a_past_24_hours_flow_are_as_of_the_report_day() -> None:
    text = (
        "Twelve more people died of measles and 310 new infections were logged in the last "
        "24 hours. Some 95 patients recovered in the last 24 hours. The number of patients "
        "still in hospital stands at 1,204."
    )
    got = _by_value(text, "2024-02-09")
    assert got[12][0] == got[310][0] == got[95][0] == "2024-02-08"
    assert got[1204][0] == "2024-02-09"


def test_a_count_of_the_publication_year_runs_from_new_year_to_the_text_s_day() -> None:
    text = (
        "Eleven people died of cholera between May 2 and May 8, 2023, the agency said. "
        "This takes the country's total number of deaths in 2023 to 87, with 1,240 cases."
    )
    got = _by_value(text, "2023-05-11")
    assert got[87] == ("2023-05-08", "2023-01-01")
    assert got[1240] == ("2023-05-08", "2023-01-01")
    older = _by_value("The country counted 640 cholera cases in 2021.", "2023-05-11")
    assert older[640][0] == "2021"


def test_the_day_a_wave_was_first_recorded_is_not_the_count_s_day() -> None:
    text = (
        "The health office said today that 4,310 people have now died of dengue, 3,950 of "
        "them in the current outbreak, which was first recorded on March 3."
    )
    got = _by_value(text, "2024-09-20")
    assert got[3950][0] == "2024-09-20"


def test_a_day_in_a_bracket_that_describes_the_people_does_not_date_the_counts() -> None:
    text = (
        "4月5日0至24时,乌鲁木齐市新增本土无症状感染者3例。其中,天山区2例(为4月2日报告病例的"
        "密切接触者)、米东区1例(为4月3日外省返回人员)。"
    )
    got = _by_value(text, "2022-04-06")
    assert got[3][0] == got[2][0] == got[1][0] == "2022-04-05"


def test_each_month_of_a_list_of_months_with_counts_dates_its_own_count() -> None:
    text = (
        "In all, 198 people died of cholera this year. The deaths were recorded in January "
        "with 21; February with 47; March with 60; and May with 70."
    )
    got = _by_value(text, "2023-06-10")
    assert [got[v][0] for v in (21, 47, 60, 70)] == ["2023-01", "2023-02", "2023-03", "2023-05"]
    # 'may' as a verb is no month
    assert _by_value("Officials said 30 more may die, with 12 in hospital.", "2023-06-10")


def test_a_stock_said_on_a_named_day_keeps_that_day_after_an_undated_sentence() -> None:
    # Thursday 2021-09-09: the second sentence's day is the one its statement names, not
    # the reference day the undated first sentence left
    text = (
        "Kenya's COVID-19 case count rose to 8,420 with 310 new infections, the health "
        "ministry said.\n\nThe number of recoveries increased to 5,905, while the death toll "
        "remains at 61, the ministry said late Wednesday."
    )
    got = _by_value(text, "2021-09-09")
    assert got[5905][0] == "2021-09-08"
    assert got[61][0] == "2021-09-08"


def test_a_title_that_names_its_data_day_dates_the_undated_counts() -> None:
    text = (
        "Outbreak update - Chikungunya in Ruritania, 11 March 2021\n\n"
        "Since the start of the year, a cumulative total of 4 120 cases and 17 deaths have "
        "been reported from all regions."
    )
    got = _by_value(text, "2021-03-13")
    assert got[4120][0] == "2021-03-11"
    assert got[17][0] == "2021-03-11"
    # a title whose day is the publication's, or a sentence, changes nothing
    same = "Outbreak update - Chikungunya in Ruritania, 13 March 2021\n\n" + text.split("\n\n")[1]
    assert _by_value(same, "2021-03-13")[4120][0] == "2021-03-13"


def test_a_bracketed_date_after_a_said_day_restates_the_statement_day() -> None:
    text = (
        "Vietnam reported 1,240 new cases for March 3, of which 900 were local and 340 were "
        "imported, the health ministry said on Friday (March 4)."
    )
    got = _by_value(text, "2022-03-04")
    assert got[1240][0] == "2022-03-03"
    assert got[340][0] == "2022-03-03"


def test_the_parts_of_a_compared_count_are_of_its_day_and_do_not_carry() -> None:
    text = (
        "Japan reported 5,120 new cases for June 9, the ministry said.\n\n"
        "That compared with 4,870 cases a day earlier - 3,910 in Tokyo's suburbs and 960 "
        "elsewhere.\n\nThere were no new deaths."
    )
    got = _by_value(text, "2021-06-10")
    assert got[4870][0] == "2021-06-08"
    assert got[3910][0] == "2021-06-08"
    assert got[960][0] == "2021-06-08"
    assert got[0][0] == "2021-06-09"
