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


def test_the_places_of_a_ranking_of_the_most_affected_have_their_totals_in_brackets() -> None:
    text = (
        "The hardest-hit countries after Italy are: Spain (2,140 cases, 49 deaths), "
        "Germany (1,567 cases, three deaths) and France (1,126 cases, 19 deaths)."
    )
    got = by_value(text, "2020-03-10")
    assert got[2140] == {("confirmed_cumulative", "2020-03-10", "Spain")}
    assert got[3] == {("deaths_cumulative", "2020-03-10", "Germany")}
    assert got[19] == {("deaths_cumulative", "2020-03-10", "France")}
    # a ranking of new cases keeps them new
    text = "The countries most affected by new cases are: Spain (240 new cases), Germany (167)."
    assert {c for c, _, _ in by_value(text, "2020-03-10")[240]} == {"confirmed_new"}


def test_where_an_epidemic_emerged_at_the_end_of_a_month_is_no_count_day() -> None:
    text = (
        "China, where the epidemic emerged at the end of December, had 80,711 cases, "
        "of which 3,045 were fatal."
    )
    got = by_value(text, "2020-03-07")
    assert got[80711] == {("confirmed_cumulative", "2020-03-07", "China")}


def test_a_range_of_days_with_its_month_said_once_is_a_short_period() -> None:
    text = (
        "One death due to dengue was reported in Malaysia between Dec 3 and 9, bringing the "
        "cumulative number of deaths up to Dec 9 this year to 166."
    )
    got = by_value(text, "2017-12-20")
    assert got[1] == {("deaths_new", "2017-12-09", "Malaysia")}
    assert got[166] == {("deaths_cumulative", "2017-12-09", "Malaysia")}
    text = "A total of 412 cases were reported in Peru between 13 and 19 October."
    assert {c for c, _, _ in by_value(text, "2019-10-25")[412]} == {"confirmed_new"}
    # a time of day is no day: "From August 1 to 12:00 on August 9" is a long period
    text = "From August 1 to 12:00 on August 9, a total of 1,899 cases were reported in Hainan."
    assert {c for c, _, _ in by_value(text, "2022-08-09")[1899]} == {"confirmed_cumulative"}


def test_the_reporting_week_is_a_short_period() -> None:
    text = (
        "No cases of dengue were reported in Malaysia for the week, keeping the cumulative "
        "number of these cases reported this year at 269 until Dec 16."
    )
    got = by_value(text, "2017-12-27")
    assert got[0] == {("confirmed_new", "2017-12-16", "Malaysia")}
    assert got[269] == {("confirmed_cumulative", "2017-12-16", "Malaysia")}


def test_epidemiological_weeks_with_their_years_and_a_since_through_span() -> None:
    text = (
        "In Haiti, since the beginning of the epidemic (October 2010) through EW 36 of 2013, "
        "the total number of cholera cases reached 677,000."
    )
    got = by_value(text, "2013-10-01")
    assert got[677000] == {("confirmed_cumulative", "2013-09-08", "Haiti")}
    text = (
        "In Cuba, 650 confirmed cholera cases have been reported since epidemiological week "
        "(EW) 27 of 2012 through EW 30 of 2013."
    )
    rec = _one(text, "2013-10-01", 650)
    assert (rec["category"], rec["date"], rec.get("period_start")) == (
        "confirmed_cumulative",
        "2013-07-28",
        "2012-07-02",
    )


def test_the_day_that_names_an_earlier_report_is_not_the_counts() -> None:
    text = (
        "The situation in Cuba is the same as reported in the 12 September 2013 Epidemiological "
        "Alert, where 650 confirmed cases have been reported through EW 30 of 2013."
    )
    assert _one(text, "2013-10-01", 650)["date"] == "2013-07-28"


def test_a_total_since_the_outbreak_was_first_detected_in_a_month() -> None:
    text = "Since the virus was first detected in December, more than 90,000 people have been infected in Asia."
    got = _one(text, "2020-03-04", 90000)
    assert (got["category"], got["date"]) == ("confirmed_cumulative", "2020-03-04")
    # a month that is the count's own period stays a flow
    text = "In December, 412 people were infected in Peru."
    assert {c for c, _, _ in by_value(text, "2020-03-04")[412]} == {"confirmed_new"}


def test_people_who_have_contracted_the_disease_are_a_total() -> None:
    text = "The minister said that 9,000 people in Iran have contracted the disease."
    assert by_value(text, "2020-03-10")[9000] == {("confirmed_cumulative", "2020-03-10", "Iran")}


def test_a_relative_clause_after_a_flow_does_not_make_it_a_total() -> None:
    text = "In Korea, 177 patients were released from hospitals where they had been isolated."
    assert {c for c, _, _ in by_value(text, "2020-03-13")[177]} == {"recovered_new"}


def test_a_bulletin_that_opens_with_its_day_dates_its_totals_to_date() -> None:
    text = (
        "March 3, 2020; The Ministry of Health confirms a cumulative total of 500 measles "
        "cases in Tonga.\n\nTo date, 12 measles related deaths have been recorded in Tonga."
    )
    got = by_value(text, "2020-03-05")
    assert got[500] == {("confirmed_cumulative", "2020-03-03", "Tonga")}
    assert got[12] == {("deaths_cumulative", "2020-03-03", "Tonga")}
    # a text without such a head: 'to date' is the publication's day
    text = "To date, 12 measles related deaths have been recorded in Tonga."
    assert by_value(text, "2020-03-05")[12] == {("deaths_cumulative", "2020-03-05", "Tonga")}


def test_cases_in_all_hospitals_are_those_in_hospital() -> None:
    text = "There are currently 45 measles cases in all hospitals in Tonga."
    assert {c for c, _, _ in by_value(text, "2020-01-22")[45]} == {"hospitalized"}


def test_the_same_number_as_on_a_day_is_that_days_comparison() -> None:
    text = (
        "Peru reported 412 new cases on Saturday. Lima reported 135 cases, the same number "
        "of infections it reported on Friday."
    )
    assert {(c, d) for c, d, _ in by_value(text, "2021-02-07")[135]} == {
        ("confirmed_new", "2021-02-06")
    }


def test_undated_counts_of_a_news_item_take_the_one_day_its_statements_were_made() -> None:
    text = (
        "Peru's case count rose to 21,968 with 891 new infections, the ministry said.\n\n"
        "The death toll remains at 129, the ministry said late Tuesday.\n\n"
        "There are now 4,683 active cases in Peru."
    )
    got = by_value(text, "2020-07-08")
    assert got[21968] == {("confirmed_cumulative", "2020-07-07", "Peru")}
    assert got[4683] == {("active", "2020-07-07", "Peru")}
    # a text that also tells of its own day keeps the publication's day for undated counts
    text = (
        "The death toll remains at 129, the ministry said late Tuesday.\n\n"
        "On Wednesday, officials said there are now 4,683 active cases in Peru."
    )
    assert {d for _, d, _ in by_value(text, "2020-07-08")[4683]} == {"2020-07-08"}


def test_now_is_the_texts_day_not_a_day_of_its_story_weeks_before() -> None:
    text = "A week after the first case, on March 20, Peru had 7 cases. Peru now has 4,512 cases."
    got = by_value(text, "2020-06-10")
    assert got[7] == {("confirmed_cumulative", "2020-03-20", "Peru")}
    assert got[4512] == {("confirmed_cumulative", "2020-06-10", "Peru")}


def test_last_week_is_the_calendar_week_before_the_publication() -> None:
    text = "Another 68 measles cases were reported in Romania last week."
    rec = _one(text, "2020-04-29", 68)  # a Wednesday: last week ran 20-26 April
    assert (rec["category"], rec["date"], rec.get("period_start")) == (
        "confirmed_new",
        "2020-04-26",
        "2020-04-20",
    )
    # a comparison with last week keeps a day a week back
    text = "Romania reported 68 cases on Tuesday, compared with 40 last week."
    assert {d for _, d, _ in by_value(text, "2020-04-29")[40]} != {"2020-04-26"}


def test_gaps_between_counts_compared_are_no_counts() -> None:
    text = (
        "The cumulative number of dengue cases in Malaysia this year up to Dec 9 was 80,805 "
        "compared to 97,700 in the corresponding period last year, down by 16,895 cases."
    )
    got = by_value(text, "2017-12-20")
    assert 16895 not in got
    assert got[97700] == {("confirmed_cumulative", "2016-12-09", "Malaysia")}
    text = "Malaysia reported 950 dengue cases last week, some 35 cases higher compared to the previous week."
    assert 35 not in by_value(text, "2017-12-20")
    # a rise in a total said as 'up by' after no comparison is still read
    text = "Malaysia's death toll rose to 170, up by 4 on Tuesday."
    assert 4 in by_value(text, "2017-12-20")


def test_parts_of_a_count_said_by_exposure_are_not_annotated() -> None:
    text = (
        "Oman has reported 9 additional cases of MERS-CoV. Of the 9 cases, two were classified "
        "as nosocomial infection and one is currently under investigation for possible "
        "nosocomial transmission. Four of the 9 cases reported camel contact."
    )
    got = by_value(text, "2015-03-12")
    assert set(got) == {9}


def test_kinds_listed_respectively_take_their_numbers_in_order() -> None:
    text = "Total numbers of active and recovered cases in Goa are 1,438 and 47,119 respectively."
    got = by_value(text, "2020-12-13")
    assert got[1438] == {("active", "2020-12-13", "Goa")}
    assert got[47119] == {("recovered_cumulative", "2020-12-13", "Goa")}
    text = "Deaths and recoveries in Goa stand at 623 and 47,119 respectively."
    got = by_value(text, "2020-12-13")
    assert got[623] == {("deaths_cumulative", "2020-12-13", "Goa")}


def test_a_slash_table_of_the_week_and_the_years_totals() -> None:
    text = (
        "Lassa Fever -- Nigeria\n"
        "Current week (10) [8-14 Mar 2021] / Cumulative 2021 week 1-10 / Cumulative 2020 week 1-10\n"
        "- Suspected cases: 90 / 1400 / 2600\n"
        "- Confirmed cases: 12 / 180 / 850\n"
        "- Deaths: 3 / 40 / 160\n"
        "- Case fatality rate (CFR [%): 25.0 / 22.2 / 18.8\n"
        "- Number of states affected: 3 / 12 / 27\n"
    )
    got = by_value(text, "2021-03-17")
    assert got[12] == {("confirmed_new", "2021-03-14", "Nigeria")}
    assert got[180] == {("confirmed_cumulative", "2021-03-14", "Nigeria")}
    assert got[850] == {("confirmed_cumulative", "2020-03-08", "Nigeria")}
    assert got[40] == {("deaths_cumulative", "2021-03-14", "Nigeria")}
    assert got[90] == {("suspected", "2021-03-14", "Nigeria")}
    assert 27 not in got  # states affected are no count of people


def test_a_day_of_one_patients_story_is_not_carried_to_later_totals() -> None:
    text = (
        "On August 3, a sample from the man tested positive for Marburg virus disease. "
        "A total of 173 contacts were identified in Guinea."
    )
    assert by_value(text, "2021-09-21")[173] == {("contacts", "2021-09-21", "Guinea")}
    # a day that opens a sentence about the outbreak is carried
    text = "On August 3, the ministry declared an outbreak. Two days later, 14 people had tested positive in Guinea."
    assert {d for _, d, _ in by_value(text, "2021-09-21")[14]} == {"2021-08-05"}


def test_days_an_editor_set_in_brackets_keep_their_roles() -> None:
    text = (
        "Between [1 Jan 2018] and [27 Jun 2018], a total of 130 suspected Lassa fever cases "
        "were reported in Liberia. Of these, 20 cases were laboratory confirmed."
    )
    got = by_value(text, "2018-07-06")
    assert {d for _, d, _ in got[130]} == {"2018-06-27"}
    assert {d for _, d, _ in got[20]} == {"2018-06-27"}
    text = "Nimba County has reported 5 confirmed Lassa fever cases since [12 May 2018]."
    rec = _one(text, "2018-07-06", 5)
    assert (rec["date"], rec.get("period_start")) == ("2018-07-06", "2018-05-12")


def test_the_day_a_traveller_arrived_from_far_away_is_an_events() -> None:
    text = (
        "The authorities reported that there were now four new active cases in Kingstown after "
        "an adult traveller arrived from the United States on Sunday."
    )
    assert {d for _, d, _ in by_value(text, "2020-10-23")[4]} == {"2020-10-23"}


def test_the_day_of_earlier_cases_referred_back_to_is_not_the_counts() -> None:
    text = (
        "One plague case has been confirmed in Inner Mongolia, health authorities said on "
        "Sunday, though it is unrelated to the previous two cases diagnosed in Beijing on Tuesday."
    )
    got = by_value(text, "2019-11-17")
    assert {d for _, d, _ in got[1]} == {"2019-11-17"}
    # the earlier cases keep their own day
    assert {d for _, d, _ in got[2]} == {"2019-11-12"}


def test_a_part_takes_its_own_periods_start() -> None:
    text = "A total of 502 people have died in Peru since 2012, including 19 since last Thursday."
    rec = _one(text, "2015-08-27", 19)
    assert (rec["category"], rec["date"], rec.get("period_start")) == (
        "deaths_new",
        "2015-08-27",
        "2015-08-20",
    )


def test_a_total_of_tests_beside_a_days_tests_takes_the_texts_day() -> None:
    text = (
        "The minister said 9,982 tests had been conducted in Chile in the last 24 hours, "
        "bringing the total number of tests to 65,446."
    )
    got = by_value(text, "2020-03-29")
    assert {d for _, d, _ in got[9982]} == {"2020-03-28"}
    assert {d for _, d, _ in got[65446]} == {"2020-03-29"}
    # a total of the last 24 hours is the day's
    text = "Chile conducted a total of 42,396 tests in the last 24 hours."
    assert {d for _, d, _ in by_value(text, "2022-02-24")[42396]} == {"2022-02-23"}


def test_a_count_since_a_day_a_few_days_back_is_those_days_flow() -> None:
    text = "Guinea's ministry reported two deaths since July 3."
    assert by_value(text, "2014-07-08")[2] == {("deaths_new", "2014-07-08", "Guinea")}
    # since a day months back, or with a word of a total, it stays a total
    text = "Kenya has recorded 4,512 cases since March 13."
    assert {c for c, _, _ in by_value(text, "2020-06-10")[4512]} == {"confirmed_cumulative"}
    text = "The toll in Guinea stands at 12 deaths since July 3."
    assert {c for c, _, _ in by_value(text, "2014-07-08")[12]} == {"deaths_cumulative"}


def test_a_total_beside_the_last_24_hours_takes_the_day_the_statement_was_made() -> None:
    text = (
        "The Ministry of Health in Kenya said on Wednesday that 45 new cases were confirmed in "
        "the past 24 hours, bringing the total to 4,512."
    )
    assert by_value(text, "2020-06-11")[4512] == {("confirmed_cumulative", "2020-06-10", "Kenya")}
    # said on the publication day: the publication day
    assert by_value(text, "2020-06-10")[4512] == {("confirmed_cumulative", "2020-06-10", "Kenya")}


def test_a_day_later_in_a_counts_own_phrase_is_the_day_after_the_one_said() -> None:
    text = "Kenya confirmed 45 cases on June 8 and another 50 a day later."
    got = by_value(text, "2020-06-10")
    assert {d for _, d, _ in got[45]} == {"2020-06-08"}
    assert {d for _, d, _ in got[50]} == {"2020-06-09"}


def test_dashboard_lines_with_a_dash_are_totals() -> None:
    text = (
        "The NCDC reported 205 new cases in Nigeria on Saturday.\n"
        "Total confirmed cases in Nigeria -160,537\n"
        "Total discharged case – 144,714\n"
        "Total deaths – 2,013"
    )
    got = by_value(text, "2021-01-31")
    assert got[160537] == {("confirmed_cumulative", "2021-01-30", "Nigeria")}
    assert got[144714] == {("recovered_cumulative", "2021-01-30", "Nigeria")}
    assert got[2013] == {("deaths_cumulative", "2021-01-30", "Nigeria")}
    text = "Summary of cases in Kenya as of 9 June 2020\nCumulative cases 4,512\nNew cases 45"
    got = by_value(text, "2020-06-10")
    assert got[4512] == {("confirmed_cumulative", "2020-06-09", "Kenya")}
    assert got[45] == {("confirmed_new", "2020-06-09", "Kenya")}


def test_a_count_as_of_a_moment_of_a_named_day_is_that_days_in_a_briefing() -> None:
    text = (
        "As of 8:00 p.m. Tuesday, Xinjiang had eight confirmed COVID-19 cases, the regional "
        "health commission said."
    )
    assert {d for _, d, _ in by_value(text, "2022-01-25")[8]} == {"2022-01-25"}


def test_a_retold_weekly_reports_undated_counts_take_its_weeks_end() -> None:
    text = (
        "The NCDC has confirmed 23 new cases of Lassa fever in Nigeria.\n\n"
        "According to the report released on its website for the week ending 17th March, 2019, "
        "Edo recorded eight cases.\n\n"
        "Since the onset of the 2019 outbreak, there have been 114 deaths in Nigeria."
    )
    got = by_value(text, "2019-04-02")
    assert {d for _, d, _ in got[23]} == {"2019-03-17"}
    assert {d for _, d, _ in got[114]} == {"2019-03-17"}


def test_onset_months_are_no_count_days_and_a_day_alone_heads_its_section() -> None:
    text = (
        "22 September 2016\n\nNigeria reported one case of polio.\n\n6 October 2016\n\n"
        "The Government of Nigeria reported three laboratory confirmed polio cases with onset "
        "between July and August 2016."
    )
    got = by_value(text, "2016-10-10")
    assert {d for _, d, _ in got[3]} == {"2016-10-06"}
