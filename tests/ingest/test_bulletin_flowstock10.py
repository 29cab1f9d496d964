"""Flow and stock, and totals never found (tenth round, from the unseen-state errors of dev8 ..
dev12, see docs/methods/bulletin.md): each rule checked on invented sentences other than the
probes' (tests/data/bulletins/probes/flowstock_round10.jsonl)."""

from __future__ import annotations

from bulletin_records import by_value


def _recs(text: str, pub: str = "2022-06-15") -> dict[int, set[tuple[str, str | None, str]]]:
    return by_value(text, pub)


def test_a_figure_compared_with_than_the_is_the_earlier_days_count() -> None:
    # 'than the' is a comparison, never the hedge of 'more than 90'
    got = _recs("Chile logged 918 new infections on Monday, fewer than the 1,043 a day earlier.")
    assert got[1043] == {("confirmed_new", "2022-06-12", "Chile")}
    got = _recs("Chile recorded 31 deaths on Monday, higher than the 22 deaths the previous day.")
    assert got[22] == {("deaths_new", "2022-06-12", "Chile")}
    # a hedge keeps its meaning: no second count
    assert set(_recs("Chile logged more than 900 new infections on Monday.")) == {900}


def test_a_comparison_that_points_back_to_a_total_is_a_total() -> None:
    got = _recs("The death toll in Malawi now stands at 612. That is up from 540 on June 1.")
    assert got[540] == {("deaths_cumulative", "2022-06-01", "Malawi")}
    # ... and to a day's count, a day's count
    got = _recs("Malawi reported 44 new cases on Monday. That was up from 31 on Sunday.")
    assert got[31] == {("confirmed_new", "2022-06-12", "Malawi")}


def test_has_accounted_for_a_part_of_a_total_is_a_state() -> None:
    got = _recs(
        "Zambia has confirmed 9,800 cases since March. Lusaka has accounted for 6,100 of those cases."
    )
    assert {c for c, _, _ in got[6100]} == {"confirmed_cumulative"}


def test_a_disease_found_in_more_people_counts_them_as_new_cases() -> None:
    got = _recs("Diphtheria has been confirmed in six more schoolchildren in Kano.")
    assert got[6] == {("confirmed_new", "2022-06-15", "Kano")}
    got = _recs("Mumps was diagnosed in nine more soldiers in Lusaka on Monday.")
    assert got[9] == {("confirmed_new", "2022-06-13", "Lusaka")}
    # a count of places is no count of cases
    assert _recs("Cholera has been reported in seven more districts of Zambia.") == {}


def test_a_ranking_with_its_noun_before_the_numbers_counts_each_place() -> None:
    got = _recs(
        "Since the epidemic began, Kenya has confirmed 2,300 cases. Nairobi and Mombasa have "
        "had the most cases, 1,100 and 640 respectively."
    )
    assert got[1100] == {("confirmed_cumulative", "2022-06-15", "Nairobi")}
    assert got[640] == {("confirmed_cumulative", "2022-06-15", "Mombasa")}
    got = _recs(
        "Guinea continues to have the largest number of deaths with 812, followed by "
        "Liberia with 390 and Mali with 12."
    )
    assert got[812] == {("deaths_cumulative", "2022-06-15", "Guinea")}
    assert got[390] == {("deaths_cumulative", "2022-06-15", "Liberia")}
    assert got[12] == {("deaths_cumulative", "2022-06-15", "Mali")}


def test_respectively_reaches_the_subject_before_the_clause_of_its_numbers() -> None:
    got = _recs(
        "The new cases were found in Harare and Bulawayo, with 70 and 15 respectively.",
        "2021-02-02",
    )
    assert {p for _, _, p in got[70]} == {"Harare"}
    assert {p for _, _, p in got[15]} == {"Bulawayo"}


def test_a_symptomatic_count_shares_the_noun_of_the_next_with_its_thousands() -> None:
    got = _recs("Shanxi found 208 symptomatic and 2,315 asymptomatic infections on Monday.")
    assert got[208] == {("confirmed_new", "2022-06-13", "Shanxi")}
    # ... and keeps the period the sentence names
    got = _recs("Shanxi reported 75 symptomatic and 1,402 asymptomatic cases from June 2 to 9.")
    assert {c for c, _, _ in got[75]} == {"confirmed_new"}


def test_accounting_for_a_share_of_all_cases_is_a_total() -> None:
    got = _recs("Kampala is the hardest hit, accounting for 55% (2,310) of all cases.")
    assert {c for c, _, _ in got[2310]} == {"confirmed_cumulative"}
    # a part of the new cases stays new
    got = _recs("Of the 640 new cases reported on Monday, Kampala accounts for 300.")
    assert {c for c, _, _ in got[300]} == {"confirmed_new"}


def test_a_ranking_apposition_makes_a_total_and_pairs_places_with_numbers() -> None:
    got = _recs(
        "Since the epidemic started, Sichuan has had 310 cases. Chengdu had 95 cases, the most "
        "of any city, followed by Mianyang and Deyang with 40 and 22 cases."
    )
    assert got[95] == {("confirmed_cumulative", "2022-06-15", "Chengdu")}
    assert got[40] == {("confirmed_cumulative", "2022-06-15", "Mianyang")}
    assert got[22] == {("confirmed_cumulative", "2022-06-15", "Deyang")}
    # a day's count said the highest keeps its day
    got = _recs("Chengdu reported 95 new cases on Monday, the highest of any city.")
    assert got[95] == {("confirmed_new", "2022-06-13", "Chengdu")}


def test_a_count_in_brackets_after_its_number_of_phrase() -> None:
    # (after a phrase that ends in a word, not a place's own bracket: 'Malawi (9,210)' is
    # read as a list item, which this rule does not reach)
    got = _recs(
        "In Malawi, the cumulative number of cholera cases this season (9,210) is a record."
    )
    assert got[9210] == {("confirmed_cumulative", "2022-06-15", "Malawi")}
    # a year between the noun phrase and the bracket
    got = _recs("The cumulative number of dengue cases in Laos in 2022 (6,480) is a record.")
    assert {c for c, _, _ in got[6480]} == {"confirmed_cumulative"}
    # without a word of a total, the count of its day
    got = _recs("The number of new cases in Malawi on Monday (412) was the lowest this month.")
    assert got[412] == {("confirmed_new", "2022-06-13", "Malawi")}


def test_sporadic_and_scattered_cases_are_cases() -> None:
    got = _recs("Kano recorded eleven sporadic cases on Monday.")
    assert got[11] == {("confirmed_new", "2022-06-13", "Kano")}
    got = _recs("Hubei reported 23 scattered infections on Monday.")
    assert got[23] == {("confirmed_new", "2022-06-13", "Hubei")}


def test_a_summary_heading_makes_its_bulleted_items_totals() -> None:
    got = _recs("Current situation in Kwara State:\n- 47 confirmed cases\n- 6 deaths")
    assert {c for c, _, _ in got[47]} == {"confirmed_cumulative"}
    assert {c for c, _, _ in got[6]} == {"deaths_cumulative"}
    # a bullet that heads a list 'as follows', its first item on its line
    got = _recs(
        "• In Kwara State the outbreak summary is as follows: 90 suspected cases\n"
        "- 47 confirmed cases\n- 6 deaths"
    )
    assert {c for c, _, _ in got[47]} == {"confirmed_cumulative"}
    # a heading of new counts keeps them new
    got = _recs("Summary of new cases in Kwara State this week:\n- 11 confirmed cases")
    assert {c for c, _, _ in got[11]} == {"confirmed_new"}
