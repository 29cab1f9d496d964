"""Round 16, part f (flow or stock, and which family, tuned on dev19): each rule on a short
invented text in the wording of a news wire's daily toll."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str | None) -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_new_virus_is_not_a_new_count() -> None:
    text = (
        "The number of fatalities from Peru's new coronavirus epidemic climbed to 1,240 on "
        "Sunday after 62 more people died."
    )
    got = _recs(text, "2020-05-10")
    assert ("2020-05-10", "Peru", "deaths_cumulative", 1240) in got
    assert ("2020-05-10", "Peru", "deaths_new", 62) in got


def test_a_running_total_reached_is_a_stock_whatever_the_day_said_after_it() -> None:
    text = (
        "Chile's total number of fatalities from the disease rose to 3,615, with latest "
        "additions over the past 24 hours, the health minister said on Tuesday."
    )
    got = _recs(text, "2020-06-16")
    assert any(r[2:] == ("deaths_cumulative", 3615) for r in got)
    assert not any(r[2] == "deaths_new" for r in got)


def test_a_toll_said_to_be_the_day_s_total_is_that_day_s_deaths() -> None:
    text = (
        "Iran reported 120 new cases on Monday. The death toll of 35 was the month's second "
        "lowest daily total."
    )
    got = _recs(text, "2020-03-10")
    assert ("2020-03-09", "Iran", "deaths_new", 35) in got


def test_the_verb_after_a_list_of_places_is_the_first_item_s_too() -> None:
    text = (
        "Five patients in Hong Kong, six in Macao and two in Taiwan have been discharged from "
        "hospital after recovery."
    )
    got = _recs(text, "2020-02-20")
    assert {r[1:] for r in got} >= {
        ("Hong Kong", "recovered_cumulative", 5),
        ("Macao", "recovered_cumulative", 6),
        ("Taiwan", "recovered_cumulative", 2),
    }


def test_a_total_said_with_a_hedge_verb_takes_the_noun_before_it() -> None:
    text = (
        "The pandemic has killed nearly 300,000 people, with total infections exceeding "
        "4.4 million, while over 1.5 million have recovered."
    )
    got = {r[2:] for r in _recs(text, "2020-05-15")}
    assert ("confirmed_cumulative", 4400000) in got
    assert ("deaths_cumulative", 300000) in got
    assert ("recovered_cumulative", 1500000) in got


def test_bringing_the_tally_or_the_total_count_to_is_the_total_of_what_was_counted() -> None:
    text = (
        "Iran confirmed 2,310 more recoveries, bringing the tally to 98,011. Health workers "
        "conducted more than 25,100 tests since Monday, raising the total count to over "
        "1.2 million."
    )
    got = {r[2:] for r in _recs(text, "2020-06-02")}
    assert ("recovered_cumulative", 98011) in got
    assert ("tested", 1200000) in got
    assert not any(c.startswith("confirmed") for c, _ in got)


def test_the_number_of_deaths_gained_is_deaths_and_a_bare_rise_is_the_day_s() -> None:
    text = (
        "The number of cases increased by 15,322 in one day, whereas the number of deaths "
        "gained 572. In Spain the number of cases shot up 8,271 in one day."
    )
    got = {r[2:] for r in _recs(text, "2020-04-02")}
    assert ("deaths_new", 572) in got
    assert ("confirmed_new", 8271) in got


def test_a_toll_that_has_grown_by_n_to_m() -> None:
    text = "The death toll in Spain has grown by 514 to 2,696, the ministry said on Wednesday."
    got = _recs(text, "2020-03-25")
    assert ("2020-03-25", "Spain", "deaths_new", 514) in got
    assert ("2020-03-25", "Spain", "deaths_cumulative", 2696) in got


def test_a_place_that_accounts_for_the_most_cases_has_that_total() -> None:
    text = (
        "The toll has risen to 7,500 out of 19,000 cases. Sierra Leone accounts for the most "
        "cases, 8,939, while Liberia has 7,830 and Guinea 2,571."
    )
    got = _recs(text, "2014-12-23")
    assert any(r[1:] == ("Sierra Leone", "confirmed_cumulative", 8939) for r in got)


def test_a_toll_that_surged_by_n_people() -> None:
    text = "Globally, the death toll surged by more than 6,500 people to over 1.14 million."
    got = {r[2:] for r in _recs(text, "2020-10-25")}
    assert ("deaths_new", 6500) in got
    assert ("deaths_cumulative", 1140000) in got


def test_of_the_deaths_after_the_toll_are_parts_of_the_day_s_deaths_said_before_it() -> None:
    text = (
        "Mainland China reported 114 deaths on Wednesday. The tally of deaths in mainland "
        "China is now 2,118, the National Health Commission said. Of the deaths, 108 were in "
        "the province of Hubei."
    )
    got = _recs(text, "2020-02-20")
    assert ("2020-02-19", "Hubei", "deaths_new", 108) in got
    assert not any(r[1:] == ("Hubei", "deaths_cumulative", 108) for r in got)


def test_the_number_of_cases_of_a_short_period_named_in_its_noun_phrase_is_that_period_s() -> None:
    text = (
        "KUALA LUMPUR, Dec 27 — The number of dengue cases reported throughout the country "
        "from Dec 10 to 16 was 985, some 35 cases higher compared to the previous week."
    )
    got = {r[2:] for r in _recs(text, "2017-12-27")}
    assert ("confirmed_new", 985) in got


def test_a_tally_after_cases_and_deaths_is_still_the_cases() -> None:
    text = (
        "The state reported 5,902 fresh cases and 156 deaths on Sunday, taking the tally to "
        "1,692,693 and the toll to 44,548."
    )
    got = {r[2:] for r in _recs(text, "2020-11-09")}
    assert ("confirmed_cumulative", 1692693) in got
    assert ("deaths_cumulative", 44548) in got


def test_a_sentence_opening_with_the_reporting_week_counts_that_week() -> None:
    text = (
        "Cholera situation report. In the reporting week, 12 states reported 1,402 suspected "
        "cases – Kano (412), Bauchi (301), Yobe (97)."
    )
    got = {r[1:] for r in _recs(text, "2021-09-19")}
    assert ("Kano", "suspected_new", 412) in got
    assert not any(c == "suspected" for _, c, _ in got)


def test_deaths_out_of_cases_are_both_totals_of_their_own_families() -> None:
    text = (
        "In Guinea, there were 1,142 deaths from 1,878 cases. Sierra Leone has recorded 1,169 "
        "deaths out of 5,368 cases."
    )
    got = {r[1:] for r in _recs(text, "2014-11-12")}
    assert {
        ("Guinea", "deaths_cumulative", 1142),
        ("Guinea", "confirmed_cumulative", 1878),
        ("Sierra Leone", "deaths_cumulative", 1169),
        ("Sierra Leone", "confirmed_cumulative", 5368),
    } <= got


def test_deaths_from_new_cases_stay_new() -> None:
    got = {
        r[2:] for r in _recs("Ghana recorded 3 deaths from 10 new cases on Monday.", "2020-06-02")
    }
    assert ("confirmed_new", 10) in got


def test_the_exact_figure_of_a_rounded_rise_said_before_stays_the_rise() -> None:
    text = (
        "The death toll surged by more than 6,500 people to over 1.14 million. As of October "
        "24, 1,141,567 fatalities were registered. The number of cases increased by 465,322 "
        "in one day, whereas the number of deaths gained 6,572."
    )
    got = {r[2:] for r in _recs(text, "2020-10-25")}
    assert ("deaths_new", 6572) in got
    assert ("deaths_cumulative", 6572) not in got


def test_deaths_whose_evidence_runs_into_bringing_the_fatalities_to_are_the_day_s() -> None:
    text = (
        "However, the minister said two patients have succumbed to the disease bringing "
        "Kenya's fatalities since March to 1,728."
    )
    got = {r[2:] for r in _recs(text, "2021-01-16")}
    assert ("deaths_new", 2) in got
    assert ("deaths_cumulative", 1728) in got


def test_a_change_in_the_severe_cases_is_no_count() -> None:
    text = (
        "Also on Wednesday, 1,779 people were discharged from hospital after recovery, while "
        "the number of severe cases decreased by 113 to 11,864."
    )
    got = {r[2:] for r in _recs(text, "2020-02-20")}
    assert ("severe", 11864) in got
    assert not any(v == 113 for _, v in got)


def test_a_toll_of_recoveries_is_recoveries() -> None:
    text = (
        "Also, 146 patients have recovered over the past 24 hours, bringing the toll of "
        "coronavirus recoveries to 36,122."
    )
    got = {r[2:] for r in _recs(text, "2020-11-24")}
    assert ("recovered_cumulative", 36122) in got
    assert not any(c.startswith("deaths") for c, _ in got)


def test_the_caseload_raised_by_a_relative_clause_after_deaths_is_the_cases() -> None:
    text = (
        "Kerala on Thursday recorded 8,733 fresh cases and 118 deaths which raised the "
        "caseload to 4,879,317 and the death toll to 26,571."
    )
    got = {r[2:] for r in _recs(text, "2021-10-21")}
    assert ("confirmed_cumulative", 4879317) in got
    assert ("deaths_cumulative", 26571) in got
