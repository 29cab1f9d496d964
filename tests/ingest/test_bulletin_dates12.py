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


def test_a_year_named_with_an_as_of_day_is_the_period_the_total_runs_over() -> None:
    got = _by_value(
        "As of 30 September 2017, 2,310 cases of dengue were reported in Fiji in 2017.",
        "2017-10-20",
    )
    assert got[2310] == "2017-09-30"


def test_a_count_in_n_equals_brackets_after_the_same_period_is_of_that_period() -> None:
    text = (
        "As of 12 July 2017, there were 4,100 cases reported in Samoa in 2017. This is "
        "higher than during the same period in 2016 (n = 3,050)."
    )
    got = _by_value(text, "2017-08-01")
    assert got[3050] == "2016-07-12"


def test_the_same_as_the_previous_day_is_a_comparison_not_the_counts_day() -> None:
    text = (
        "Vietnam reported 120 new infections on June 4, the ministry said on Saturday. "
        "There were no new deaths, the same as the previous day. Hanoi reported 14 cases."
    )
    recs = extract(text, "2021-06-05")
    assert {(r.value, r.date) for r in recs} >= {(0, "2021-06-04"), (14, "2021-06-04")}


def test_every_number_of_a_list_compared_with_takes_the_day_compared_with() -> None:
    text = (
        "Vietnam reported 120 new infections on June 4, the ministry said on Saturday. "
        "Hanoi reported 9 symptomatic and 40 asymptomatic cases, compared with 6 symptomatic "
        "and 31 asymptomatic cases the previous day. Da Nang reported 5 new cases."
    )
    got = _by_value(text, "2021-06-05")
    assert got[40] == got[5] == "2021-06-04"
    assert got[6] == got[31] == "2021-06-03"


def test_earlier_in_the_day_is_the_day_of_the_text() -> None:
    text = (
        "The ministry announced Monday that 9 people were infected in the last 24 hours in "
        "Oman. Earlier in the day, the minister announced the recovery of 4 more people."
    )
    got = _by_value(text, "2020-04-06")
    assert got[9] == "2020-04-05"
    assert got[4] == "2020-04-06"


def test_a_name_after_a_personal_title_is_no_place() -> None:
    text = (
        "Oman's health minister Dr. Florence Ahmed said 31 patients are still in hospital in "
        "Oman. Governor Austin Smith said 5 more people died."
    )
    places = {r.value: r.place for r in extract(text, "2020-04-06")}
    assert places[31] == "Oman"
    assert places[5] == "Oman"


def test_a_capital_city_dateline_with_its_outlet_in_brackets_is_no_place() -> None:
    text = (
        "Chile reports 12 new cases\n\nSANTIAGO (Some Daily) — The ministry on Sunday "
        "announced 12 new cases and no deaths."
    )
    places = {r.value: r.place for r in extract(text, "2021-03-07")}
    assert places[12] == "Chile"


def test_saint_names_are_read_abbreviated() -> None:
    text = "Chikungunya in the Caribbean:\n\n- St Lucia, 40 suspected cases.\n- St. Kitts and Nevis, 12 suspected cases."
    places = {r.value: r.place for r in extract(text, "2014-07-31")}
    assert places[40] == "Saint Lucia"
    assert places[12] == "Saint Kitts and Nevis"


def test_a_place_named_again_after_its_counts_stays_the_place_of_the_next_sentence() -> None:
    text = (
        "Dengue update in the Western Pacific Region\n\nFiji\n\nAs of 3 June, there were "
        "1,210 cases reported in Fiji. From 28 May to 3 June, 85 new cases were reported."
    )
    places = {r.value: r.place for r in extract(text, "2017-06-10")}
    assert places[1210] == places[85] == "Fiji"


def test_a_figure_compared_with_a_days_own_or_a_previous_one_is_of_the_day_before() -> None:
    text = (
        "Spain counted 812 deaths on Thursday, a fall compared to Wednesday's 864. "
        "There were 3,166 people in intensive care, up from a previous 3,100."
    )
    got = _by_value(text, "2020-04-03")
    assert got[864] == "2020-04-01"
    assert got[3100] == "2020-04-01"  # (the day before the day the text speaks of)


def test_a_report_covering_a_period_dates_its_counts_and_the_sentence_before() -> None:
    text = (
        "The agency has recorded 41 more suspected cases of cholera in Ghana in one week. "
        "The agency, in its latest situation report covering 3rd-9th May, said the 41 new "
        "suspected cases were reported in six regions. Since the outbreak began in 2019, 880 "
        "suspected cases have been reported in Ghana."
    )
    got = _by_value(text, "2021-05-18")
    assert got[41] == "2021-05-09"
    assert got[880] == "2021-05-09"


def test_down_slightly_from_a_record_and_rose_n_from_the_previous_day_are_comparisons() -> None:
    text = (
        "Hyogo reported 410 new cases on Friday, down slightly from a record 452 the day before. "
        "Severe cases rose three from the previous day to 51. Nara reported 60 cases."
    )
    got = _by_value(text, "2021-04-16")
    assert got[452] == "2021-04-15"
    assert got[51] == got[60] == "2021-04-16"


def test_a_total_that_had_been_reported_by_an_earlier_day_does_not_carry() -> None:
    text = (
        "The commission received reports of 12 new imported cases on April 2. By the end of "
        "April 1, 300 imported cases had been reported. Two deaths were reported on the mainland."
    )
    got = _by_value(text, "2020-04-03")
    assert got[300] == "2020-04-01"
    assert got[2] == "2020-04-02"


def test_n_days_later_opening_a_sentence_counts_from_the_day_just_told_of() -> None:
    text = (
        "Cholera cases rose to 40 in Malawi by 31 May. The first case in the north was "
        "reported on June 2. Fifteen days later, there had been 61 suspected cases in Malawi."
    )
    got = _by_value(text, "2017-07-20")
    assert got[61] == "2017-06-17"


def test_a_weekday_of_last_week_and_since_a_disease_was_first_reported() -> None:
    text = (
        "Health officials said 20 dengue cases were confirmed in the prefecture on Tuesday. "
        "There have been no deaths since the disease was first reported in the area on "
        "Thursday last week."
    )
    recs = extract(text, "2013-08-23")
    zero = next(r for r in recs if r.value == 0)
    assert zero.date != "2013-08-15"  # (up to the text's day, not the start)
    assert zero.period_start == "2013-08-15"


def test_counts_the_national_health_commission_gives_unplaced_are_the_countrys() -> None:
    text = (
        "The city of Putian in Fujian province has closed its schools after 30 new cases were "
        "found there on Sunday. So far, the National Health Commission has received reports of "
        "95,000 confirmed cases and 4,600 deaths."
    )
    places = {r.value: r.place for r in extract(text, "2021-09-13")}
    assert places[95000] == places[4600] == "China"


def test_cases_including_deaths_from_a_unit_are_that_units() -> None:
    text = (
        "Between 1 May and 9 June 2014, a total of 38 suspected cases were reported including "
        "11 deaths (CFR: 28.9%) from the Kassala state of Sudan."
    )
    places = {r.value: r.place for r in extract(text, "2014-06-10")}
    assert places[38] == places[11] == "Kassala"


def test_places_labelled_with_their_own_counts_are_not_a_later_counts() -> None:
    text = (
        "As of 3 May, a total of 31 cases have been reported from Kasese (20 cases) and Bundibugyo "
        "(11 cases) districts, including nine confirmed cases and four deaths."
    )
    places = {r.value: r.place for r in extract(text, "2018-05-05")}
    assert places[20] == "Kasese"
    assert places[9] == places[4] == "Uganda"


def test_the_city_after_one_of_its_districts_is_the_city() -> None:
    text = (
        "Shijiazhuang reported 20 new cases on Monday. Of the total, 14 cases were reported in "
        "Gaocheng District. The city has reported 300 cases since January 2."
    )
    places = {r.value: r.place for r in extract(text, "2021-01-11")}
    assert places[14] == "Gaocheng"
    assert places[300] == "Shijiazhuang"


def test_a_chinese_breakdowns_first_item_does_not_carry_to_the_next_sentence() -> None:
    text = (
        "截至3月2日24时,甘肃省累计报告确诊病例91例。累计确诊病例中,兰州市36例,天水市12例。\n\n"
        "目前累计追踪到密切接触者520人,尚有48人正在接受医学观察。"
    )
    places = {r.value: r.place for r in extract(text, "2020-03-03")}
    assert places[520] == places[48] == "Gansu"


def test_a_weeks_days_in_brackets_in_a_story_do_not_date_the_next_counts() -> None:
    text = (
        "Niger: meningitis update, 5 May 2017\n\nAs at 30th April, 2017, 3,100 suspected cases "
        "were reported in Niger.\n\n- The first case occurred in Dosso during week 2 (January "
        "9-15, 2017).\n- A total of 3,100 cases with 190 deaths have been reported."
    )
    got = _by_value(text, "2017-05-05")
    assert got[190] != "2017-01-15"
