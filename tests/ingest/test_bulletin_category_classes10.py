"""Category and value classes found on the dev10 split (sixth round), one mechanism per test,
on invented sentences: regional tables with the day's rise in brackets, totals named by what
became of the people counted, machine-translated Chinese bulletins ('positive infections',
bracketed breakdowns, local heads of parts)."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.numbers import find_numbers


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_total_with_its_rise_in_brackets_gives_a_total_and_a_flow() -> None:
    text = (
        "The number of confirmed cases in the country has reached 9,120, including "
        "1,204(+37) in Almaty, 880 (+12) in Shymkent and 95( +3 ) in Aktobe."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 9120),
        ("confirmed_cumulative", 1204),
        ("confirmed_new", 37),
        ("confirmed_cumulative", 880),
        ("confirmed_new", 12),
        ("confirmed_cumulative", 95),
        ("confirmed_new", 3),
    } == got


def test_rise_in_brackets_takes_the_place_after_the_bracket() -> None:
    recs = extract("The death toll rose to 310, including 41(+2) in Almaty.", "2021-05-10")
    places = {(r.category, r.value): r.place for r in recs}
    assert places.get(("deaths_cumulative", 41)) == "Almaty"
    assert places.get(("deaths_new", 2)) == "Almaty"


def test_total_number_of_the_infected() -> None:
    got = _pairs("The total number of the infected in the republic reached 12,400 on Monday.")
    assert ("confirmed_cumulative", 12400) in got


def test_their_number_is_the_total_of_what_the_sentence_before_counted() -> None:
    text = (
        "Another 310 asymptomatic carriers were registered in the past day. "
        "Their number nationwide has grown to 6,020."
    )
    got = _pairs(text)
    assert ("asymptomatic_new", 310) in got
    assert ("asymptomatic_cumulative", 6020) in got


def test_patients_named_by_what_became_of_them_before_a_verb_of_rising() -> None:
    got = _pairs("Discharged patients rose to 4,415, officials said.")
    assert ("recovered_cumulative", 4415) in got


def test_positive_infections_are_confirmed_and_asymptomatic_together() -> None:
    text = (
        "From 1 May to 12:00 on 10 May, the island reported a total of 2,345 positive "
        "infections in this round of the epidemic."
    )
    assert ("infections_cumulative", 2345) in _pairs(text)


def test_part_led_from_a_local_head_is_local() -> None:
    text = (
        "On 10 May the province reported 25 local positive infections, of which 20 "
        "confirmed cases and 5 asymptomatic infections."
    )
    got = _pairs(text)
    assert ("tested_positive", 25) in got
    assert ("local_new", 20) in got
    assert ("asymptomatic_local_new", 5) in got


def test_bracketed_items_with_their_own_bare_noun_are_of_the_head() -> None:
    text = (
        "On 10 May the city reported 12 new asymptomatic infections (7 cases in A, 5 cases in B)."
    )
    got = _pairs(text)
    assert {("asymptomatic_new", 7), ("asymptomatic_new", 5)} <= got
    assert not {c for c, _ in got} - {"asymptomatic_new"}


def test_number_right_after_a_closing_bracket_and_comma() -> None:
    nums = find_numbers("30 cases (12 in A, 18 in B),585 cases of asymptomatic infection")
    assert [n.value for n in nums] == [30, 12, 18, 585]


def test_existing_cases_of_an_origin_said_with_there_are() -> None:
    text = (
        "As of 24:00 on 9 May, there were 7 local confirmed cases (all in Baise) and 40 local "
        "asymptomatic infections. There are 12 imported confirmed cases in the region."
    )
    got = _pairs(text)
    assert {("active", 7), ("asymptomatic_active", 40), ("active", 12)} <= got


def test_there_were_imported_cases_in_a_days_news_stay_a_flow() -> None:
    got = _pairs("There were 9 imported cases on Sunday, all placed on stay-home notice.")
    assert ("imported_new", 9) in got


# ------------------------------------------------------------------------------ Chinese


def test_zh_items_with_a_verb_of_reporting_or_finding_after_the_place() -> None:
    text = (
        "5月9日0-24时,福建省报告新增本土确诊病例20例(厦门市报告8例、泉州市报告12例);"
        "新增本土无症状感染者3例,其中莆田市在隔离点筛查中发现3例。"
    )
    got = {(r.category, r.value, r.place) for r in extract(text, "2021-05-10")}
    assert {
        ("local_new", 20, "Fujian"),
        ("local_new", 8, "Xiamen"),
        ("local_new", 12, "Quanzhou"),
        ("asymptomatic_local_new", 3, "Putian"),
    } <= got


def test_zh_currently_hospitalised_and_still_observed() -> None:
    text = (
        "截至5月9日24时,全省累计报告本土确诊病例80例,目前住院60例(厦门市60例),无死亡病例;"
        "现有本土无症状感染者尚在接受集中隔离医学观察9例。"
    )
    got = _pairs(text)
    assert {("active", 60), ("asymptomatic_active", 9), ("deaths_cumulative", 0)} <= got
    assert ("confirmed_cumulative", 60) not in got


def test_zh_released_and_observed_take_the_kind_of_the_sentence_before() -> None:
    text = "5月9日,云南新增本土无症状感染者4例。解除医学观察6例,尚在医学观察50例(境外输入20例)。"
    got = _pairs(text)
    assert {
        ("asymptomatic_released_new", 6),
        ("asymptomatic_active", 50),
        ("asymptomatic_active", 20),
    } <= got
    assert "contacts_released" not in {c for c, _ in got}


def test_zh_released_asymptomatic_with_the_verb_before_the_noun() -> None:
    text = "截至5月9日24时,新增解除隔离无症状感染者7例,累计解除隔离无症状感染者120例。"
    got = _pairs(text)
    assert {("asymptomatic_released_new", 7), ("asymptomatic_released_cumulative", 120)} <= got


def test_zh_zero_of_bare_imported_wording() -> None:
    got = _pairs("5月9日0-24时,甘肃省无新增输入确诊病例、无症状感染者。")
    assert {("imported_new", 0), ("asymptomatic_imported_new", 0)} <= got


def test_zh_bare_kind_after_a_semicolon_is_of_the_noun_before() -> None:
    text = "云南新增无症状感染者9例,其中境外输入2例(缅甸2例);本土7例(马关县7例)。"
    got = _pairs(text)
    assert {("asymptomatic_imported_new", 2), ("asymptomatic_local_new", 7)} <= got


def test_zh_province_named_before_its_imported_section() -> None:
    text = "云南现有境外输入确诊病例13例。累计确诊病例700例,累计治愈出院病例687例。"
    got = _pairs(text)
    assert ("imported_cumulative", 700) in got


# ------------------------------------------------------------------- English wordings


def test_one_more_person_diagnosed() -> None:
    got = _pairs("Officials said one more person was diagnosed with the disease on Sunday.")
    assert ("confirmed_new", 1) in got


def test_relative_clause_of_who_they_are_does_not_type_the_count() -> None:
    text = "In all, 2,310 people who were confirmed with the virus have recovered so far."
    got = _pairs(text)
    assert ("recovered_cumulative", 2310) in got
    assert "confirmed_new" not in {c for c, _ in got}


def test_patients_in_treatment_centres_are_active_cases() -> None:
    got = _pairs("There are 48 patients in the designated treatment centres currently.")
    assert ("active", 48) in got


def test_covid_written_with_a_space_before_19() -> None:
    got = _pairs("The ministry said 14 COVID 19 patients were discharged on Monday.")
    assert ("recovered_new", 14) in got


def test_lost_the_battle_is_a_death_so_far() -> None:
    got = _pairs("Five patients have lost the battle with the disease since March.")
    assert ("deaths_cumulative", 5) in got


def test_one_of_a_person_described_is_no_count() -> None:
    text = "The agency reported three new deaths, one of a 64-year-old man from Giza."
    got = _pairs(text)
    assert ("deaths_new", 3) in got
    assert ("deaths_new", 1) not in got


def test_cases_as_the_unit_of_a_recovery_or_death_tally() -> None:
    got = _pairs(
        "The ministry noted that the recovery tally amounted to 51,204 cases. "
        "Cases of recovery amount to 88 cases to date in the province."
    )
    assert {("recovered_cumulative", 51204), ("recovered_cumulative", 88)} <= got


def test_toll_raised_by_new_cases_is_a_total_of_cases() -> None:
    got = _pairs("The ministry announced 41 new cases on Monday, raising the toll to 2,090.")
    assert ("confirmed_cumulative", 2090) in got
    assert ("deaths_cumulative", 2090) not in got


def test_number_of_deaths_stagnates_at_a_total() -> None:
    got = _pairs("The number of deaths stagnates at 97, the ministry said.")
    assert ("deaths_cumulative", 97) in got


def test_number_of_cases_excluded_after_negative_results() -> None:
    got = _pairs("The number of cases excluded after negative laboratory results reached 7,400.")
    assert ("tested_negative", 7400) in got


def test_cases_with_their_deaths_as_a_second_count() -> None:
    text = (
        "Three districts account for most cases: Mzimba (410 cases and 9 deaths) and "
        "Dedza (212 with 5 deaths). The cumulative total for the country is 2,911 and 61 deaths."
    )
    got = _pairs(text)
    assert ("confirmed_cumulative", 2911) in got
    assert {c for c, v in got if v == 212} <= {"confirmed_new", "confirmed_cumulative"}
    assert {c for c, v in got if v in (212, 2911)}
    assert not {c for c, v in got if v in (212, 2911) and c.startswith("deaths")}


def test_lead_of_the_total_cases_recorded_types_its_parts() -> None:
    text = (
        "From 1 January to 30 April, there were 2,100 confirmed cases of dengue recorded in "
        "the country. The ministry recorded six deaths from dengue. Of the total confirmed "
        "cases recorded, 1,400 were from the Northern Division and 700 from the Western Division."
    )
    got = _pairs(text, "2019-05-10")
    assert {("confirmed_cumulative", 1400), ("confirmed_cumulative", 700)} <= got


def test_confirmed_cases_notified_in_places_break_down_the_total_before() -> None:
    text = (
        "Between 1 July and 14 January, 40 confirmed human cases were reported in the country, "
        "including 18 deaths. Confirmed cases were notified in the states of Bahia (25 cases, "
        "including 10 deaths) and Ceara (15 cases, including 8 deaths)."
    )
    got = _pairs(text, "2018-01-20")
    assert {
        ("confirmed_cumulative", 25),
        ("deaths_cumulative", 10),
        ("confirmed_cumulative", 15),
        ("deaths_cumulative", 8),
    } <= got


def test_earlier_identified_as_asymptomatic_is_reclassified_and_the_repeat_no_count() -> None:
    text = (
        "The city reported 21 locally transmitted confirmed cases on Monday. Among 21 locally "
        "transmitted cases, four were earlier identified as asymptomatic carriers."
    )
    got = sorted(_pairs(text))
    assert ("reclassified", 4) in got
    assert [p for p in got if p[1] == 21] == [("local_new", 21)]


def test_patients_on_admission_are_in_hospital() -> None:
    text = "The ministry has confirmed 40 cases, of which 12 people recovered, 9 currently on admission."
    got = _pairs(text)
    assert ({("active", 9), ("hospitalized", 9)} & got) and ("recovered_cumulative", 9) not in got


def test_count_that_brings_the_total_is_a_flow() -> None:
    text = (
        "The state has reported six cases in overseas travellers, which brings the total to 4,100."
    )
    got = _pairs(text)
    assert ("imported_new", 6) in got
    assert ("confirmed_cumulative", 4100) in got


def test_history_of_contact_is_an_epidemiological_part() -> None:
    text = "Five new cases were reported. Two of the cases had a history of contact with camels."
    assert ("confirmed_new", 2) not in _pairs(text)


def test_items_of_a_count_made_a_total_by_its_long_period_are_totals_too() -> None:
    text = (
        "Between 1 January and 30 June, five cases of locally acquired infection were reported "
        "from Riyadh (three cases) and Jeddah (two cases)."
    )
    got = _pairs(text, "2022-07-10")
    assert {("confirmed_cumulative", 3), ("confirmed_cumulative", 2)} <= got


def test_part_of_a_local_count_said_before_is_local() -> None:
    text = (
        "The province reported six new locally transmitted cases on Monday. Four of the new "
        "confirmed cases were found in Dalian, while two others were in Shenyang."
    )
    got = _pairs(text)
    assert {("local_new", 4), ("local_new", 2)} <= got


def test_apposition_after_a_list_gives_each_count_its_origin() -> None:
    text = (
        "The province on Monday reported seven confirmed COVID-19 cases and four asymptomatic "
        "cases, all locally transmitted, the commission said."
    )
    got = _pairs(text)
    assert {("local_new", 7), ("asymptomatic_local_new", 4)} <= got


def test_bare_number_reported_in_a_place_counts_the_noun_before() -> None:
    text = (
        "A total of 15 cases, including four ending in fatalities, have been reported in "
        "Zhejiang. Nine have been reported in Jiangsu, and three in Anhui."
    )
    got = _pairs(text, "2013-04-10")
    assert {
        ("confirmed_cumulative", 15),
        ("deaths_cumulative", 4),
        ("confirmed_cumulative", 9),
        ("confirmed_cumulative", 3),
    } <= got


def test_status_list_ending_in_negative() -> None:
    text = (
        "So far 900 suspected cases have been reported, of which 210 were confirmed positive, "
        "12 probable and 640 negative."
    )
    got = _pairs(text)
    assert ("tested_negative", 640) in got
    assert ("probable", 640) not in got


def test_patients_also_in_severe_condition() -> None:
    got = _pairs("Officials said 1,204 patients are also in severe conditions.")
    assert ("severe", 1204) in got


def test_won_their_battles_is_recovered_so_far() -> None:
    got = _pairs("In all, 70,300 have won their battles against the disease so far.")
    assert ("recovered_cumulative", 70300) in got


def test_zh_zero_new_reported_imported_wording() -> None:
    got = _pairs("5月9日0时至24时,无新增报告境外输入确诊病例、无症状感染者。平谷区无报告病例。")
    assert {("imported_new", 0), ("asymptomatic_imported_new", 0)} <= got
    assert ("confirmed_new", 0) not in got


def test_asymptomatic_count_joined_to_an_imported_section_is_imported() -> None:
    text = (
        "2 new imported confirmed cases (Nanning City) and 14 asymptomatic infections "
        "(14 cases in Chongzuo City) were added that day."
    )
    got = _pairs(text)
    assert {("imported_new", 2), ("asymptomatic_imported_new", 14)} <= got


def test_new_asymptomatic_count_after_imported_cases_keeps_no_origin() -> None:
    got = _pairs("The mainland reported 20 new imported cases and 5 new asymptomatic cases.")
    assert ("asymptomatic_new", 5) in got


def test_n_equals_after_a_noun_counts_that_noun() -> None:
    text = "Most of the reported cholera cases (n=1,204; 71%) were notified in the north."
    got = _pairs(text)
    assert ("confirmed_cumulative", 1204) in got


def test_larger_count_without_a_flow_word_after_the_days_flow_is_the_total() -> None:
    text = (
        "Four more people died of the virus in the past day, the ministry said. "
        "Recoveries rose to 9,000. 212 people died."
    )
    got = _pairs(text)
    assert {("deaths_new", 4), ("deaths_cumulative", 212)} <= got


def test_asymptomatic_found_within_quarantined_areas_are_new() -> None:
    text = (
        "The city reported five local asymptomatic cases found within quarantined areas on Monday."
    )
    assert ("asymptomatic_local_new", 5) in _pairs(text)


def test_coordinated_asymptomatic_counts_under_observation_are_current() -> None:
    text = (
        "Another 120 locally transmitted asymptomatic cases and four imported asymptomatic "
        "cases are under medical observation, the commission said."
    )
    got = _pairs(text)
    assert {("asymptomatic_active", 120), ("asymptomatic_active", 4)} <= got


def test_recovery_of_n_cases_is_what_was_added() -> None:
    text = "Recoveries increased to 9,310, following the recovery of 412 confirmed cases."
    got = _pairs(text)
    assert {("recovered_cumulative", 9310), ("recovered_new", 412)} <= got


def test_a_total_reported_on_a_named_day_is_that_days_count() -> None:
    got = _pairs("A total of 14 imported cases were reported Sunday, the commission said.")
    assert ("imported_new", 14) in got
    got = _pairs("A total of nine imported cases were reported across the mainland Monday.")
    assert ("imported_new", 9) in got


def test_rise_in_brackets_between_the_number_and_its_noun() -> None:
    got = _pairs("The region confirmed 2,310 (+52) cases and 17 (+2) deaths as of Friday.")
    assert {
        ("confirmed_cumulative", 2310),
        ("confirmed_new", 52),
        ("deaths_cumulative", 17),
        ("deaths_new", 2),
    } == got


def test_bare_number_that_has_been_sickened_is_cases() -> None:
    got = _pairs("Since the outbreak began, 14 people have died and 310 have been sickened.")
    assert {("deaths_cumulative", 14), ("confirmed_cumulative", 310)} <= got


def test_bare_number_still_being_treated_after_deaths_is_active() -> None:
    text = (
        "So far the city has reported 640 cases; 590 have recovered, 4 have died and 46 are "
        "still being treated in hospital."
    )
    got = _pairs(text)
    assert ("active", 46) in got
    assert ("deaths_cumulative", 46) not in got


def test_bare_number_remaining_in_hospital_is_in_hospital() -> None:
    text = (
        "Six more patients were discharged, bringing the total number of recoveries to 310, "
        "with 22 remaining in hospital."
    )
    got = _pairs(text)
    assert ("hospitalized", 22) in got
    assert ("recovered_cumulative", 22) not in got


def test_cases_whose_results_turned_negative() -> None:
    text = "Recoveries amount to 40 cases, out of 52 cases whose results have turned from positive to negative."
    assert ("tested_negative", 52) in _pairs(text)


def test_repeated_count_with_the_smaller_place_it_lies_in_is_its_own_record() -> None:
    text = (
        "Jilin Province on Monday reported four new asymptomatic cases. The four new "
        "asymptomatic cases were reported in Changchun."
    )
    recs = extract(text, "2021-01-12")
    got = {(r.category, r.value, r.place) for r in recs}
    assert {("asymptomatic_new", 4, "Jilin"), ("asymptomatic_new", 4, "Changchun")} <= got


def test_repeated_count_without_a_new_place_is_no_new_record() -> None:
    text = "Jilin reported four new cases on Monday. The four new cases were reported in Jilin."
    assert len(extract(text, "2021-01-12")) == 1


def test_also_after_existing_cases_is_existing() -> None:
    text = (
        "By the end of Monday, there were 120 confirmed cases in hospitals in the province. "
        "There were also 15 asymptomatic cases, including two locally transmitted."
    )
    got = _pairs(text)
    assert {("active", 120), ("asymptomatic_active", 15), ("asymptomatic_active", 2)} <= got


def test_count_which_makes_the_total_is_what_was_added() -> None:
    text = "On the bright side, 9 patients have fully recovered, which makes the total number of recoveries 57."
    got = _pairs(text)
    assert ("recovered_new", 9) in got


def test_zh_existing_after_a_cumulative_in_one_segment_is_existing() -> None:
    text = "截至5月9日24时,全省累计报告本土确诊病例900例,现有确诊病例21例(其中重症1例)。"
    got = _pairs(text)
    assert {("confirmed_cumulative", 900), ("active", 21), ("severe", 1)} <= got


def test_zh_local_and_imported_parts_of_a_count_without_such_categories() -> None:
    text = "5月9日0-24时,全省新增出院病例7例,其中本土4例、境外输入3例。"
    recs = extract(text, "2022-05-10")
    got = {(r.category, r.value, r.population) for r in recs}
    assert {
        ("recovered_new", 7, None),
        ("recovered_new", 4, "local"),
        ("recovered_new", 3, "imported"),
    } <= got


def test_translated_bulletin_all_of_which_local_and_parts_among_them() -> None:
    text = (
        "From 0 to 24:00 on May 9, 5 new confirmed cases were reported in the province, all of "
        "which were local cases. Among them, 3 cases were found in Kunming."
    )
    got = _pairs(text)
    assert {("local_new", 5), ("local_new", 3)} <= got


def test_cases_still_under_observation_after_asymptomatic_infections() -> None:
    text = (
        "9 cases of asymptomatic infections were released from medical observation, and 80 "
        "cases are still under medical observation (12 imported cases)."
    )
    got = _pairs(text)
    assert {("asymptomatic_released_new", 9), ("asymptomatic_active", 80)} <= got
    assert ("active", 80) not in got


def test_bracketed_total_after_a_days_count() -> None:
    got = _pairs(
        "The ministry registered 2 468 new cases (total: 97 531) and 8 deaths (total: 2 002)."
    )
    assert got == {
        ("confirmed_new", 2468),
        ("confirmed_cumulative", 97531),
        ("deaths_new", 8),
        ("deaths_cumulative", 2002),
    }


def test_part_confirmed_as_a_variant_is_no_count() -> None:
    text = (
        "The city reported five new asymptomatic carriers on Monday. Three of the carriers "
        "reported on Monday have been confirmed as being infected with the Delta variant."
    )
    got = _pairs(text)
    assert ("asymptomatic_new", 5) in got
    assert not {p for p in got if p[1] == 3}
