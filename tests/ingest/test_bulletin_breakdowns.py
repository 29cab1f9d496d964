"""Breakdown lists in prose (the lead count they split, their items' places), each on an
invented sentence."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.breakdowns import partition_lead


def _recs(
    text: str, pub: str | None = "2021-05-10"
) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_partition_after_a_reporting_clause_leads_a_breakdown() -> None:
    s = "The agency said that among the new infections, 20 were found in Lusaka."
    assert partition_lead(s, s.index("20")) is not None
    s = "Health officials noted that 20 of them were children."
    assert partition_lead(s, s.index("20")) is None


def test_items_of_the_new_cases_inherit_them_not_the_count_said_last() -> None:
    text = (
        "Zambia on Sunday recorded 41 new cases of cholera. The same day nine patients were "
        "discharged. According to the ministry's update, of the new cases; 30 were detected "
        "in Lusaka, 8 in Kabwe and 3 were found in Ndola."
    )
    got = _recs(text, "2021-05-09")
    assert ("2021-05-09", "Lusaka", "confirmed_new", 30) in got
    assert ("2021-05-09", "Kabwe", "confirmed_new", 8) in got
    assert ("2021-05-09", "Ndola", "confirmed_new", 3) in got


def test_most_of_the_cases_were_from_places_with_counts_and_shares() -> None:
    text = (
        "A total of 5,210 dengue cases were reported in Sri Lanka from 1 January to 30 April "
        "2021. Most of the cases were from Colombo (1,402 or 27%), Gampaha (980 or 19%) and "
        "Kandy (401 or 8%)."
    )
    got = _recs(text)
    assert ("2021-04-30", "Colombo", "confirmed_cumulative", 1402) in got
    assert ("2021-04-30", "Gampaha", "confirmed_cumulative", 980) in got
    assert ("2021-04-30", "Kandy", "confirmed_cumulative", 401) in got
    assert not any(r[3] in (27, 19, 8) for r in got)  # the shares are no counts


def test_items_named_with_an_article_or_in_words_are_places_the_gazetteer_lacks() -> None:
    text = (
        "Officials reported 52 new cases on Tuesday. Of the new cases, 30 were found in "
        "Toronto, 12 in the East, nine in the Lakeshore and one in Pine Hills."
    )
    got = {r.value: r.place for r in extract(text, "2021-05-11")}
    assert got[30] == "Toronto"
    assert got[12] == "the East"
    assert got[9] == "the Lakeshore"
    assert got[1] == "Pine Hills"


def test_counts_of_a_list_of_epi_weeks_are_dated_on_each_week_s_last_day() -> None:
    text = (
        "Cholera treatment centres admitted 910 patients since week 50 up to week 5, "
        "140 (week 3), 95 (week 4), (week 5) 70."
    )
    by_value = {r.value: r for r in extract(text, "2019-02-10")}
    assert (by_value[910].period_start, by_value[910].date) == ("2018-12-10", "2019-02-03")
    assert (by_value[140].period_start, by_value[140].date) == ("2019-01-14", "2019-01-20")
    assert by_value[95].date == "2019-01-27"
    assert by_value[70].date == "2019-02-03"


def test_bare_numbers_after_a_line_s_colon_count_what_the_line_opens_with() -> None:
    text = (
        "Contacts followed up by rapid response teams in 6 provinces: 340 (up to week 52), "
        "and 1,020 (weeks 1-4)."
    )
    got = {r.value: (r.category, r.date, r.period_start) for r in extract(text, "2019-02-10")}
    assert got[340] == ("contacts", "2018-12-30", None)
    assert got[1020] == ("contacts", "2019-01-27", "2018-12-31")
    assert 6 not in got


def test_a_breakdown_goes_on_past_semicolons_that_open_items() -> None:
    text = (
        "On 3 May, 41 new local asymptomatic infections were reported in Hebei, including 9 "
        "cases in Langfang; 30 cases in Baoding, including 12 cases in Dingzhou; 2 cases in "
        "Cangzhou."
    )
    got = {r.value: (r.place, r.category) for r in extract(text, "2021-05-04")}
    for v in (9, 30, 12, 2):
        assert got[v][1] == "asymptomatic_local_new"
    assert got[30][0] == "Baoding"
    assert got[2][0] == "Cangzhou"


def test_bracketed_items_with_their_own_place_are_not_the_bracket_s_place() -> None:
    text = (
        "There were 19 local confirmed cases in Chongqing (3 in Jiangjin District, 4 in "
        "Hechuan District, 12 in Shapingba District)."
    )
    got = {r.value: r.place for r in extract(text, "2022-08-14")}
    assert got[3] == "Jiangjin"
    assert got[4] == "Hechuan"
    assert got[12] == "Shapingba"


def test_an_inline_list_after_a_colon_lead_of_the_count_said_before() -> None:
    text = (
        "Ghana reported 93 new cases of meningitis on Monday. The new cases were distributed "
        "as follows: Bolgatanga 51, Tamale 30, Wa 12."
    )
    got = _recs(text, "2021-03-09")
    assert ("2021-03-08", "Bolgatanga", "confirmed_new", 51) in got
    assert ("2021-03-08", "Wa", "confirmed_new", 12) in got


def test_an_inline_list_after_a_countless_colon_lead_counts_what_it_names() -> None:
    text = "Deaths by region: Dakar 12; Thies 4; Kaolack 2."
    got = {r.value: (r.place, r.category) for r in extract(text, "2021-03-09")}
    assert got[12] == ("Dakar", "deaths_cumulative") or got[12] == ("Dakar", "deaths_new")
    assert got[4][0] == "Thies" and got[2][0] == "Kaolack"
