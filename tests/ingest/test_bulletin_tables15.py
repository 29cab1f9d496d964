"""Round 15 (tables and statistics boxes, tuned on dev18): each rule on a short invented text
in the layout of a situation report or a news item that pastes a table."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str | None) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_table_flattened_one_cell_per_line_with_opening_pipes_and_a_share_column() -> None:
    text = (
        "The ministry confirmed that the cumulative total of cases is 5 120.\n"
        "|Province\n|Total cases\n|Percentage total\n"
        "|Gauteng\n|3012\n|58,8\n"
        "|Limpopo\n|2108\n|41,2\n"
        "|Unknown\n|0\n|0,0\n"
    )
    got = _recs(text, "2020-11-02")
    assert ("2020-11-02", "Gauteng", "confirmed_cumulative", 3012) in got
    assert ("2020-11-02", "Limpopo", "confirmed_cumulative", 2108) in got
    assert not {r for r in got if r[3] in (58, 41, 588, 412)}  # shares are no counts


def test_a_list_flattened_one_cell_per_line_under_a_lead_with_a_colon() -> None:
    text = (
        "As at today, the total number of confirmed cases is 1 200. "
        "The provincial breakdown is as follows:\n"
        "|GAUTENG\n|700\n|KWAZULU – NATAL\n|450\n|UNALLOCATED\n|50\n"
        "The total number of tests conducted to date is 41 000.\n"
    )
    got = _recs(text, "2020-04-03")
    assert ("2020-04-03", "Gauteng", "confirmed_cumulative", 700) in got
    assert ("2020-04-03", "Kwazulu-Natal", "confirmed_cumulative", 450) in got
    assert not {r for r in got if r[3] == 50}  # cases not yet placed: no place's count


def test_a_statistics_box_gives_each_total_and_its_bracketed_new_count() -> None:
    text = (
        "Data as reported by national authorities by 10:00 CET 2 April 2020\n"
        "SITUATION IN NUMBERS\n"
        "total (new) cases in last 24 hours\n"
        "Globally\n"
        "896 450 confirmed (72 736)\n"
        "45 526 deaths (4193)\n"
        "African Region\n"
        "3 986 confirmed (558)\n"
    )
    got = _recs(text, "2020-04-02")
    assert ("2020-04-02", "World", "confirmed_cumulative", 896450) in got
    assert ("2020-04-02", "World", "confirmed_new", 72736) in got
    assert ("2020-04-02", "World", "deaths_new", 4193) in got
    assert ("2020-04-02", "African Region", "confirmed_new", 558) in got


def test_a_box_whose_brackets_say_new_needs_no_legend() -> None:
    text = (
        "Situation in Numbers\n\n"
        "Globally\n\n"
        "372,757 confirmed cases (39,827 new)\n\n"
        "16,231 deaths (1,722 new)\n\n"
        "European Region\n\n"
        "195,511 confirmed cases (24,087 new)\n"
    )
    got = _recs(text, "2020-03-24")
    assert ("2020-03-24", "World", "deaths_cumulative", 16231) in got
    assert ("2020-03-24", "World", "deaths_new", 1722) in got
    assert ("2020-03-24", "European Region", "confirmed_new", 24087) in got
    assert not {r for r in got if r[3] == 1722 and r[2] != "deaths_new"}


def test_a_table_whose_header_is_written_over_several_lines() -> None:
    text = (
        "Table 1. Countries with reported laboratory-confirmed cases and deaths. "
        "Data as of 2 March 2020\n\n"
        "Reporting Country/ Territory/Area Total confirmed\n"
        "‡ cases\n"
        "Total confirmed\n"
        "new cases1\n"
        "Total deaths Total new\n"
        "Transmission classification§ Days since last reported case\n"
        "European Region\n"
        "Italy 1694 566 34 5 Local transmission 0\n"
        "Republic of Korea\n"
        "4212 476 22 4 Local transmission 0\n"
        "812 23 2 1 Local transmission 0\n"
        "Spain 120 36 0 0 Imported cases only 0\n"
    )
    got = _recs(text, "2020-03-03")
    assert ("2020-03-02", "Italy", "confirmed_cumulative", 1694) in got
    assert ("2020-03-02", "Italy", "confirmed_new", 566) in got
    assert ("2020-03-02", "Italy", "deaths_cumulative", 34) in got
    assert ("2020-03-02", "Italy", "deaths_new", 5) in got
    assert ("2020-03-02", "South Korea", "confirmed_new", 476) in got
    assert ("2020-03-02", "Spain", "deaths_new", 0) in got
    assert not {r for r in got if r[3] in (812, 23)}  # a row whose label was lost


def test_bare_bracketed_pairs_take_the_nouns_of_the_pair_that_names_them() -> None:
    text = (
        "As of 6 December 2022, the continent has reported 310 confirmed cases and 40 deaths "
        "from five Member States: Benin (3 confirmed cases; 0 confirmed deaths), "
        "Cameroon (18; 3), Ghana (107; 4) and Sudan (18; 1)."
    )
    got = _recs(text, "2022-12-07")
    assert ("2022-12-06", "Cameroon", "confirmed_cumulative", 18) in got
    assert ("2022-12-06", "Cameroon", "deaths_cumulative", 3) in got
    assert ("2022-12-06", "Ghana", "confirmed_cumulative", 107) in got
    assert ("2022-12-06", "Sudan", "deaths_cumulative", 1) in got
    assert not {r for r in got if r[3] == 107 and r[2] != "confirmed_cumulative"}


def test_a_one_column_table_with_spaced_thousands_and_the_column_s_own_day() -> None:
    text = (
        "The ministry said 434 people died on Monday, 4 January 2021.\n\n"
        "COVID-19 CASES BY PROVINCE\n"
        "Province Total cases for 27 December 2020\n"
        "Eastern Cape 174 176\n"
        "Free State 63 740\n"
        "Northern Cape 9 019\n"
    )
    got = _recs(text, "2021-01-05")
    assert ("2020-12-27", "Eastern Cape", "confirmed_cumulative", 174176) in got
    assert ("2020-12-27", "Northern Cape", "confirmed_cumulative", 9019) in got
    assert not {r for r in got if r[3] in (174, 176, 63, 740)}


def test_rows_whose_counts_carry_their_own_nouns() -> None:
    text = (
        "South Africa now has 3 953 confirmed cases.\n"
        "LATEST BREAKDOWN\n"
        "Western Cape - 1279 total cases - 200 new cases, 6 new deaths\n"
        "Gauteng - 1252 total cases - 12 new cases\n"
        "North West, Northern Cape - 30 total cases - no new cases\n"
        "Unallocated - 4 cases\n"
    )
    got = _recs(text, "2020-04-23")
    assert ("2020-04-23", "Western Cape", "confirmed_cumulative", 1279) in got
    assert ("2020-04-23", "Western Cape", "confirmed_new", 200) in got
    assert ("2020-04-23", "Western Cape", "deaths_new", 6) in got
    assert ("2020-04-23", "Gauteng", "confirmed_new", 12) in got
    assert ("2020-04-23", "Northern Cape", "confirmed_new", 0) in got
    assert not {r for r in got if r[3] == 4}


def test_an_event_s_key_figures_with_a_case_fatality_ratio_are_its_totals() -> None:
    text = (
        "Week 2: 2 to 8 January 2023\n"
        "Data as reported by: 17:00; 8 January 2023\n\n"
        "Cholera Malawi\n\n"
        "54 014 cases\n"
        "1 660 Deaths\n"
        "3.1% CFR\n\n"
        "The outbreak continues to decline in the southern districts.\n"
    )
    got = _recs(text, "2023-01-10")
    assert ("2023-01-08", "Malawi", "confirmed_cumulative", 54014) in got
    assert ("2023-01-08", "Malawi", "deaths_cumulative", 1660) in got
    assert not {r for r in got if r[2].endswith("_new")}


def test_a_header_split_over_two_lines_gives_each_column_its_group_s_noun() -> None:
    text = (
        "Cholera in Somalia, as of 12 May 2019\n\n"
        "Region\tCases\t\tDeaths\t\n"
        "\tNew\tTotal\tNew\tTotal\n"
        "Banadir\t120\t3400\t2\t41\n"
        "Hiraan\t20\t450\t1\t7\n"
    )
    got = _recs(text, "2019-05-14")
    assert ("2019-05-12", "Banadir", "confirmed_new", 120) in got
    assert ("2019-05-12", "Banadir", "confirmed_cumulative", 3400) in got
    assert ("2019-05-12", "Hiraan", "deaths_new", 1) in got
    assert ("2019-05-12", "Hiraan", "deaths_cumulative", 7) in got


def test_the_same_with_pipes() -> None:
    text = (
        "Measles in the provinces, as of 3 March 2019\n\n"
        "| Province | Cases | | Deaths | |\n"
        "| | New | Total | New | Total |\n"
        "| Sindh | 40 | 1200 | 1 | 30 |\n"
        "| Punjab | 12 | 300 | 0 | 4 |\n"
    )
    got = _recs(text, "2019-03-05")
    assert ("2019-03-03", "Sindh", "confirmed_new", 40) in got
    assert ("2019-03-03", "Punjab", "deaths_cumulative", 4) in got


def test_the_total_row_of_a_column_of_recent_cases_over_places_stays_a_flow() -> None:
    text = (
        "Table 2. Confirmed cases by health zone, North Kivu, data as of 11 August 2019\n\n"
        "Health zone\tConfirmed cases in the last 21 days\tCumulative confirmed cases\tDeaths\n"
        "Beni\t40\t590\t380\n"
        "Mabalako\t25\t390\t300\n"
        "Total\t65\t980\t680\n"
    )
    got = _recs(text, "2019-08-13")
    assert ("2019-08-11", "Beni", "confirmed_new", 40) in got
    assert ("2019-08-11", "Nord-Kivu", "confirmed_new", 65) in got
    assert ("2019-08-11", "Nord-Kivu", "confirmed_cumulative", 980) in got
    assert not {r for r in got if r[3] == 65 and r[2] != "confirmed_new"}
    beni = next(r for r in extract(text, "2019-08-13") if r.value == 40)
    assert beni.period_start == "2019-07-22"  # the 21 days up to the table's day


def test_lines_of_laboratory_results() -> None:
    text = (
        "Cholera in Bauchi State, 12 August 2019\n\n"
        "Laboratory results\n"
        "Samples tested: 1,204\n"
        "Positive: 37\n"
        "Negative: 1,160\n"
        "Pending: 7\n"
    )
    got = _recs(text, "2019-08-13")
    assert ("2019-08-12", "Bauchi", "tested", 1204) in got
    assert ("2019-08-12", "Bauchi", "tested_positive", 37) in got
    assert ("2019-08-12", "Bauchi", "tested_negative", 1160) in got
    assert not {r for r in got if r[3] == 7}  # samples awaiting results: no count


def test_a_one_line_header_over_rows_that_end_in_words() -> None:
    text = (
        "Table 1. Countries with reported laboratory-confirmed COVID-19 cases and deaths. "
        "Data as of 10:00 CEST, 30 April 2020\n\n"
        "Reporting Country/Territory/Area Total confirmed cases Total confirmed new cases "
        "Total deaths Total new deaths Transmission classification Days since last reported case\n"
        "African Region\n"
        "South Africa 5350 353 103 0 Community transmission 0\n"
        "Algeria 3848 199 444 7 Community transmission 0\n"
    )
    got = _recs(text, "2020-04-30")
    assert ("2020-04-30", "South Africa", "confirmed_cumulative", 5350) in got
    assert ("2020-04-30", "South Africa", "confirmed_new", 353) in got
    assert ("2020-04-30", "Algeria", "deaths_cumulative", 444) in got
    assert ("2020-04-30", "Algeria", "deaths_new", 7) in got
    assert not {r for r in got if r[2] == "local_new"}


def test_a_table_titled_with_its_epi_week_in_brackets_counts_that_week() -> None:
    text = (
        "Measles cases reported by state, week 9 (25 February to 3 March 2019)\n\n"
        "State\tSuspected\tConfirmed\tDeaths\n"
        "Borno\t120\t14\t2\n"
        "Yobe\t80\t5\t0\n"
    )
    recs = extract(text, "2019-03-04")
    got = {(r.date, r.period_start, r.place, r.category, r.value) for r in recs}
    assert ("2019-03-03", "2019-02-25", "Borno", "suspected_new", 120) in got
    assert ("2019-03-03", "2019-02-25", "Yobe", "confirmed_new", 5) in got
    assert ("2019-03-03", "2019-02-25", "Yobe", "deaths_new", 0) in got


def test_a_breakdown_larger_than_the_day_s_count_is_the_places_totals() -> None:
    text = (
        "Ghana recorded 534 new COVID-19 cases on Sunday.\n"
        "The regional breakdown is as follows:\n"
        "- Greater Accra: 11,234\n"
        "- Ashanti: 5,567\n"
        "- Western: 889\n"
    )
    got = _recs(text, "2020-07-13")
    assert ("2020-07-12", "Ghana", "confirmed_new", 534) in got
    assert ("2020-07-12", "Greater Accra", "confirmed_cumulative", 11234) in got
    assert ("2020-07-12", "Western", "confirmed_cumulative", 889) in got


def test_a_cfr_column_with_its_unit_and_cells_with_spaced_thousands() -> None:
    text = (
        "Table 1. Confirmed Ebola cases by district, 2-8 February 2015\n\n"
        "District Cases Deaths CFR (%)\n"
        "Kambia 40 2 5.0\n"
        "Port Loko 12 0 0.0\n"
    )
    got = _recs(text, "2015-02-10")
    assert ("2015-02-08", "Kambia", "confirmed_new", 40) in got
    assert ("2015-02-08", "Port Loko", "deaths_new", 0) in got
    text = (
        "Provincial breakdown as of 30 November 2020\n\n"
        "Province\tCases\tDeaths\n"
        "Gauteng\t234 957\t4 872\n"
        "Limpopo\t18 584\t654\n"
    )
    got = _recs(text, "2020-12-01")
    assert ("2020-11-30", "Gauteng", "confirmed_cumulative", 234957) in got
    assert ("2020-11-30", "Gauteng", "deaths_cumulative", 4872) in got


def test_cells_with_the_day_s_rise_in_brackets() -> None:
    text = (
        "COVID-19 in Europe, 2 March 2020\n\n"
        "Country | Cases | Deaths\n"
        "Italy | 1,694 (+566) | 34 (+5)\n"
        "France | 191 (+61) | 3 (+1)\n"
    )
    got = _recs(text, "2020-03-03")
    assert ("2020-03-02", "Italy", "confirmed_cumulative", 1694) in got
    assert ("2020-03-02", "Italy", "confirmed_new", 566) in got
    assert ("2020-03-02", "France", "deaths_cumulative", 3) in got
    assert ("2020-03-02", "France", "deaths_new", 1) in got


def test_a_table_of_epi_weeks_numbered_under_a_week_column() -> None:
    text = "Dengue in Sri Lanka, 2020\n\nWeek\tCases\tDeaths\n30\t1 200\t4\n31\t1 550\t6\n"
    recs = extract(text, "2020-08-10")
    got = {(r.date, r.period_start, r.category, r.value) for r in recs}
    assert ("2020-07-26", "2020-07-20", "confirmed_new", 1200) in got
    assert ("2020-08-02", "2020-07-27", "deaths_new", 6) in got


def test_a_status_column_with_its_span_in_brackets() -> None:
    text = (
        "Kenya COVID-19 update\n\n"
        "County\tNew (last 24h)\tCumulative\n"
        "Nairobi\t12\t260\n"
        "Mombasa\t3\t110\n"
    )
    got = _recs(text, "2020-05-02")
    assert ("2020-05-02", "Nairobi", "confirmed_new", 12) in got
    assert ("2020-05-02", "Mombasa", "confirmed_cumulative", 110) in got


def test_a_year_s_row_whose_counts_space_their_thousands_after_a_bracket() -> None:
    text = (
        "Measles in Samoa\n\nYear Cases Deaths\n2017 12 0\n2018 40 0\n2019 (to 19 Dec) 5 207 72\n"
    )
    got = _recs(text, "2019-12-20")
    assert ("2019-12-19", "Samoa", "confirmed_new", 5207) in got
    assert ("2019-12-19", "Samoa", "deaths_new", 72) in got
    assert ("2018", "Samoa", "confirmed_new", 40) in got
    assert not {r for r in got if r[3] == 207}


def test_a_statistics_box_run_into_one_line() -> None:
    text = (
        "No new country reported cases of COVID-19 in the past 24 hours. SITUATION IN NUMBERS "
        "total (new cases in last 24 hours) Globally 1 844 863 confirmed (71 779) 117 021 "
        "deaths (5369) European Region 943 272 confirmed (29 923) 80 712 deaths (3293) "
        "Region of the Americas 644 986 confirmed (34 244) 25 551 deaths (1792) WHO RISK "
        "ASSESSMENT Global Level Very High\n"
    )
    got = _recs(text, "2020-04-14")
    assert ("2020-04-14", "World", "confirmed_new", 71779) in got
    assert ("2020-04-14", "European Region", "confirmed_cumulative", 943272) in got
    assert ("2020-04-14", "Region of the Americas", "confirmed_cumulative", 644986) in got
    assert ("2020-04-14", "Region of the Americas", "deaths_new", 1792) in got
    assert not {r for r in got if r[3] == 644986 and r[2] != "confirmed_cumulative"}
