"""Category of a count decided by the structure around it (round on dev12), on invented
sentences: the whole a list item belongs to, the time an 'as of' names, the count a
breakdown's parts add up to."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_place_items_after_deaths_included_in_cases_are_of_the_cases() -> None:
    text = (
        "Since 1 April 2021, a total of 190 suspected cholera cases, including 6 deaths, have "
        "been reported from three districts including Northtown (120), Riverside (45) and "
        "Lakeview (25)."
    )
    got = _pairs(text)
    assert {("suspected", 120), ("suspected", 45), ("suspected", 25)} <= got
    assert ("deaths_cumulative", 6) in got
    assert not {v for c, v in got if c.startswith("deaths")} & {120, 45, 25}


def test_deaths_own_brackets_still_break_down_the_deaths() -> None:
    text = "In total, 40 cases including 12 deaths (10 confirmed and 2 probable) were reported."
    got = _pairs(text)
    assert ("deaths_cumulative", 12) in got


def test_as_of_an_hour_on_a_day_is_a_stock() -> None:
    for when in ("As of 24:00 on May 8", "As of midnight on May 8", "As at 18:00 hrs, May 8"):
        text = f"{when}, there were 212 asymptomatic infections in the province."
        assert ("asymptomatic_cumulative", 212) in _pairs(text), when


def test_parts_that_add_up_to_the_new_count_are_new() -> None:
    text = (
        "The country reported 9 new imported cases on Sunday, bringing the total number of "
        "imported cases to 830. Among the cases, 5 were reported in Sichuan, three in Yunnan "
        "and one in Hubei."
    )
    got = _pairs(text)
    assert {("imported_new", 5), ("imported_new", 3), ("imported_new", 1)} <= got


def test_parts_of_the_total_stay_with_the_total() -> None:
    text = (
        "The country reported 9 new imported cases on Sunday, bringing the total number of "
        "imported cases to 830. Among the cases, 500 were reported in Sichuan and 330 in Yunnan."
    )
    got = _pairs(text)
    assert {("imported_cumulative", 500), ("imported_cumulative", 330)} <= got


def test_there_have_now_been_deaths_is_a_total() -> None:
    got = _pairs("There have now been 57 virus-related deaths in the region.")
    assert ("deaths_cumulative", 57) in got
    got = _pairs("There have been 4 deaths in the past 24 hours.")
    assert ("deaths_new", 4) in got


def test_labelled_figures_run_together_on_one_line() -> None:
    got = _pairs("Regional snapshot: Confirmed cases so far: 2,310 Deaths: 9 Tests done: 88,100")
    assert {("confirmed_cumulative", 2310), ("deaths_cumulative", 9), ("tested", 88100)} <= got
    assert not {c for c, _ in got} & {"deaths_new"}


def test_bullets_of_a_name_and_its_figures_are_totals() -> None:
    text = (
        "The outbreak continues in the islands.\n\n"
        "  • Saint Anselm, 41 confirmed cases.\n"
        "  • Port Verde, 7 confirmed cases.\n"
        "  • East Isles: 220 suspected cases, 12 confirmed cases.\n"
    )
    got = _pairs(text)
    assert {("confirmed_cumulative", 41), ("confirmed_cumulative", 7)} <= got


def test_bullets_with_a_verb_or_a_flow_word_keep_their_own_reading() -> None:
    text = "Cases by district:\n\n  • Lakeside, 12 new cases.\n  • Hilltop, 3 new cases.\n"
    got = _pairs(text)
    assert {("confirmed_new", 12), ("confirmed_new", 3)} <= got


def test_number_of_severe_cases_moving_to_a_figure_is_severe() -> None:
    got = _pairs("Meanwhile, the number of severe cases decreased by 21 to 402.")
    assert ("severe", 402) in got
    got = _pairs("The number of patients with severe symptoms rose by four to 88 on Sunday.")
    assert ("severe", 88) in got


def test_origin_said_as_for_locals_for_arrivals_at_the_border() -> None:
    got = _pairs("The ministry announced 25 new cases, 20 of them for locals and 5 for arrivals.")
    assert {("local_new", 20), ("imported_new", 5)} <= got
    got = _pairs("There were also two new cases at the border.")
    assert ("imported_new", 2) in got


def test_asymptomatic_infections_meeting_release_criteria_are_released() -> None:
    text = (
        "Seven asymptomatic infections met the criteria for release from medical observation. "
        "A total of 31 people with asymptomatic infections have been relieved."
    )
    got = _pairs(text)
    assert {("asymptomatic_released_new", 7), ("asymptomatic_released_cumulative", 31)} <= got


def test_of_the_total_names_the_whole_said_before() -> None:
    text = (
        "The city reported 15 new asymptomatic cases on Monday. Of the total, 13 asymptomatic "
        "cases were reported in the northern district."
    )
    assert ("asymptomatic_new", 13) in _pairs(text)


def test_a_summary_so_far_makes_its_district_counts_totals() -> None:
    text = (
        "Cholera toll rises to 20\n\n"
        "The outbreak has claimed 20 lives from 310 cases recorded so far in two regions.\n\n"
        "In the Upper Region, Eastfield District recorded 90 cases and 8 deaths, and Westfield "
        "District recorded 41 cases with three deaths."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 90),
        ("deaths_cumulative", 8),
        ("confirmed_cumulative", 41),
        ("deaths_cumulative", 3),
    } <= got


def test_a_text_with_a_count_of_a_day_keeps_its_flows() -> None:
    text = (
        "The outbreak has claimed 20 lives from 310 cases recorded so far in two regions.\n\n"
        "On Monday, Eastfield District recorded 9 cases and 1 death."
    )
    got = _pairs(text)
    assert {("confirmed_new", 9), ("deaths_new", 1)} <= got


def test_a_count_of_a_named_month_is_that_months_flow() -> None:
    text = "In March 2019, the number of cases of notifiable diseases reported was 51,200, with 96 deaths."
    got = _pairs(text, "2019-04-20")
    assert {("confirmed_new", 51200), ("deaths_new", 96)} <= got


def test_a_total_so_far_in_a_month_stays_a_total() -> None:
    text = "In March 2019, the cumulative number of cases reported so far reached 51,200."
    got = _pairs(text, "2019-04-20")
    assert ("confirmed_cumulative", 51200) in got


def test_cases_declared_and_place_brackets_after_a_perfect_report_are_totals() -> None:
    text = (
        "As of 6 May 2021, 90 cases have been reported in the region. Cases have also been "
        "reported from Northland (41 cases) and from Southland (12 cases). In neighbouring "
        "countries, 230 cases have been declared."
    )
    got = _pairs(text)
    assert {("confirmed_cumulative", 41), ("confirmed_cumulative", 12)} <= got
    assert ("confirmed_cumulative", 230) in got


def test_new_cases_reported_in_places_in_brackets_stay_new() -> None:
    text = "On 3 May 2021, six new suspected cases have been reported in Northland (5) and Southland (1)."
    got = _pairs(text)
    assert {("suspected_new", 5), ("suspected_new", 1)} <= got


def test_the_number_of_a_named_week_is_that_weeks_count() -> None:
    got = _pairs("In week 17, the number of dengue cases was 1,210, up from 1,100 the week before.")
    assert ("confirmed_new", 1210) in got
    text = (
        "In the past 24 hours, 150 people have been discharged, making the number of "
        "recoveries 9,870."
    )
    assert ("recovered_cumulative", 9870) in _pairs(text)


def test_now_reporting_is_what_a_place_counts_at_present() -> None:
    got = _pairs("Grenada is now reporting 21 cases, while its neighbour is now recording 9 cases.")
    assert {("confirmed_cumulative", 21), ("confirmed_cumulative", 9)} <= got


def test_contacts_whose_samples_returned_negative_are_negative_tests() -> None:
    got = _pairs("The samples of 31 close contacts had returned negative.")
    assert ("tested_negative", 31) in got
    assert ("contacts", 31) not in got


def test_cases_originating_outside_are_imported() -> None:
    got = _pairs("Health officials said 6 cases originating outside the province were reported.")
    assert ("imported_new", 6) in got


def test_chinese_cases_in_hospital_now_are_active() -> None:
    text = (
        "截至5月9日24时，全省累计报告确诊病例880例(本土800例、境外输入80例)，"
        "住院病例12例(本土9例、境外输入3例)，目前在院隔离治疗确诊病例12例。"
    )
    got = _pairs(text)
    assert {("active", 12), ("active", 9), ("active", 3)} <= got
    assert ("confirmed_cumulative", 9) not in got


def test_chinese_isolated_under_observation_after_asymptomatic_is_active() -> None:
    text = (
        "本轮疫情全省累计报告本土确诊病例40例、无症状感染者6例，其中出院10例、在院30例、"
        "隔离医学观察6例。"
    )
    got = _pairs(text)
    assert ("asymptomatic_active", 6) in got


def test_keeping_the_toll_at_is_a_total() -> None:
    got = _pairs("There were no new deaths for a third day, keeping fatalities at 4,310.")
    assert {("deaths_new", 0), ("deaths_cumulative", 4310)} <= got
    got = _pairs("Two more patients died, putting the death toll at 57.")
    assert ("deaths_cumulative", 57) in got


def test_symptomatic_and_asymptomatic_sharing_one_noun() -> None:
    text = "The city reported 9 symptomatic and 4 asymptomatic cases, and no symptomatic and 3 asymptomatic cases in the suburbs."
    got = _pairs(text)
    assert {("confirmed_new", 9), ("asymptomatic_new", 4), ("confirmed_new", 0)} <= got
    assert ("asymptomatic_new", 9) not in got


def test_status_words_before_bare_figures_label_them() -> None:
    text = (
        "To date the total number of confirmed cases is 830; recovered 410, active cases 402 "
        "and 18 deaths."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 830),
        ("recovered_cumulative", 410),
        ("active", 402),
        ("deaths_cumulative", 18),
    } <= got


def test_patients_receiving_treatment_who_were_discharged_recovered() -> None:
    text = (
        "Meanwhile, 88 patients receiving treatment at various hospitals across the country "
        "were discharged in the past 24 hours."
    )
    got = _pairs(text)
    assert ("recovered_new", 88) in got
    assert ("active", 88) not in got


def test_bare_number_discharged_from_the_contacts_observation() -> None:
    text = "In all, 2,140 close contacts were still under medical observation after 96 were discharged on Monday."
    got = _pairs(text)
    assert ("contacts_released", 96) in got


def test_infected_through_contact_is_local_travel_history_imported() -> None:
    got = _pairs(
        "The state reported 900 new cases on Monday. Of the new cases, 850 had contracted "
        "the virus through contact."
    )
    assert ("local_new", 850) in got
    got = _pairs("Another 12 new cases were people with a travel history.")
    assert ("imported_new", 12) in got
