"""More pair-level rules (category, value), one per test, on invented sentences: number
formats (decimal millions beside clock-like digits, Indian grouping with spaces, a word echoed
in digits), designators that are not counts, and flow / stock / kind cues."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.numbers import find_numbers


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_decimal_millions_are_not_clock_times() -> None:
    got = _pairs(
        "Worldwide there have been over 9.41 million confirmed cases, including over "
        "2.07 million deaths, reported to WHO."
    )
    assert ("confirmed_cumulative", 9_410_000) in got
    assert ("deaths_cumulative", 2_070_000) in got
    # a real clock time still masks its digits
    assert [n.value for n in find_numbers("At 9.30 am, 12 people were tested.")] == [12]


def test_indian_grouping_with_spaces_needs_a_zero_led_group() -> None:
    assert [n.value for n in find_numbers("4, 07, 512 samples were tested")] == [407512]
    assert [n.value for n in find_numbers("a total of 2, 41, 06, 318 tests")] == [24106318]
    # a plain list keeps its numbers apart
    assert [n.value for n in find_numbers("counts of 4, 12, 310 cases")] == [4, 12, 310]


def test_a_number_word_echoed_in_digits_is_one_number() -> None:
    nums = find_numbers("Nine (9) new cases were confirmed in four (4) districts")
    assert [(n.value, n.mention) for n in nums] == [(9, "Nine (9)")]


def test_a_capitalised_designator_is_not_a_count() -> None:
    got = _pairs(
        "The 12 new cases were recorded in Region Two and Region Six. Zone 3 reported no deaths."
    )
    assert not {v for _, v in got} & {2, 6, 3}


def test_a_sentence_opening_with_the_last_hours_is_of_flows() -> None:
    got = _pairs(
        "In the last 72 hours there were 18 suspected cases and 2 deaths, of which 11 suspected "
        "cases were from Kasai."
    )
    assert {("suspected_new", 18), ("deaths_new", 2), ("suspected_new", 11)} <= got
    assert not {c for c, _ in got} & {"suspected", "deaths_cumulative"}


def test_slash_joins_two_counts() -> None:
    got = _pairs("The outbreak grew by about 120 cases/45 deaths in one week.")
    assert {("confirmed_new", 120), ("deaths_new", 45)} <= got
    assert [n.value for n in find_numbers("open 24/7 and 1/2 of them")] == []


def test_mounted_up_to_is_a_total_without_an_upper_bound() -> None:
    recs = extract("The total cases in the state have mounted up to 8021 and deaths to 96.", None)
    got = {(r.category, r.value, r.qualifier) for r in recs}
    assert ("confirmed_cumulative", 8021, "exact") in got
    assert ("deaths_cumulative", 96, "exact") in got


def test_number_is_up_by_is_a_flow() -> None:
    got = _pairs("The number of cases in Wales is up by 14, bringing the total to 40.")
    assert ("confirmed_new", 14) in got


def test_arrival_from_outside_makes_an_item_imported() -> None:
    got = _pairs(
        "The country reported 52 new confirmed cases, including 40 locally transmitted and 12 "
        "arriving from outside the mainland. It also saw 30 asymptomatic cases newly reported, "
        "of which 9 arrived from abroad."
    )
    assert {("local_new", 40), ("imported_new", 12), ("asymptomatic_imported_new", 9)} <= got


def test_suspected_cases_that_were_reported_are_a_flow() -> None:
    got = _pairs(
        "Three suspected cases arriving from abroad were newly reported in Fujian, and two "
        "suspected cases were reported in Tianjin."
    )
    assert {("suspected_new", 3), ("suspected_new", 2)} <= got
    # a stock stays a stock
    assert ("suspected", 7) in _pairs("A total of 7 suspected cases are still under investigation.")


def test_a_list_of_people_shares_the_discharge_verb() -> None:
    got = _pairs("On Monday, 120 patients and 2,310 asymptomatic infections were discharged.")
    assert {("recovered_new", 120), ("asymptomatic_released_new", 2310)} <= got


def test_a_bulleted_list_takes_the_flow_or_stock_of_its_heading() -> None:
    text = (
        "Provincial figures\n"
        "The following confirmed cases have been recorded in each region as of Monday:\n"
        "- Northland – 1 204 cases;\n"
        "- Southland – 310 cases.\n"
        "New cases by region:\n"
        "- Northland – 12 cases;\n"
        "- Southland – 3 cases.\n"
    )
    got = _pairs(text)
    assert {("confirmed_cumulative", 1204), ("confirmed_cumulative", 310)} <= got
    assert {("confirmed_new", 12), ("confirmed_new", 3)} <= got


def test_recovered_with_an_adverb_is_a_total_and_actively_suffering_is_active() -> None:
    got = _pairs(
        "So far 20 110 people have fully recovered, and about 4 512 people are actively "
        "suffering from the disease."
    )
    assert {("recovered_cumulative", 20110), ("active", 4512)} <= got


def test_isolation_intensive_care_and_in_patients() -> None:
    got = _pairs(
        "The dashboard shows 9 persons in the national intensive care unit, 85 persons in home "
        "isolation and 40 persons in institutional quarantine. There are 31 dengue cases who "
        "are in-patients, and 12 hospitalized suspected cases."
    )
    assert {
        ("severe", 9),
        ("active", 85),
        ("under_observation", 40),
        ("hospitalized", 31),
        ("hospitalized", 12),
    } <= got


def test_cases_admitted_to_hospital_as_the_subject_of_a_total() -> None:
    got = _pairs("The total number of cholera cases admitted to hospitals so far is 2,210.")
    assert ("hospitalized", 2210) in got


def test_an_item_still_in_hospital_is_not_of_its_heads_kind() -> None:
    got = _pairs("So far, 96 imported cases have been reported, with two still hospitalized.")
    assert ("imported_cumulative", 2) not in got
    assert {c for c, v in got if v == 2} <= {"active", "hospitalized"}


def test_a_bulleted_line_opening_with_a_number_word() -> None:
    text = (
        "Weekly update\n- Five (5) new cases were confirmed in Tete.\n- Two deaths were recorded."
    )
    got = _pairs(text)
    assert {("confirmed_new", 5), ("deaths_new", 2)} <= got


def test_contacts_lend_no_stock_to_patients_in_the_next_sentence() -> None:
    got = _pairs(
        "Both cases are in hospital, and 31 close contacts have been put under quarantine. "
        "Meanwhile, 75 patients and 510 asymptomatic infections were discharged."
    )
    assert {("recovered_new", 75), ("asymptomatic_released_new", 510)} <= got


def test_cases_that_have_been_confirmed_without_a_day_are_a_total() -> None:
    got = _pairs(
        "Eight cases have been laboratory confirmed (six in Gulu and two in Lira). No cases "
        "have been detected in Kenya."
    )
    assert {
        ("confirmed_cumulative", 8),
        ("confirmed_cumulative", 6),
        ("confirmed_cumulative", 2),
        ("confirmed_cumulative", 0),
    } <= got
    # a day named after the verb keeps it a day's count
    assert ("confirmed_new", 4) in _pairs("Four cases have been confirmed in Lira on Monday.")


def test_a_count_that_looks_like_a_year() -> None:
    got = _pairs("Officials put the number of suspected cholera cases at 2011 since January.")
    assert ("suspected", 2011) in got
    assert not {v for _, v in _pairs("In 2019, 14 cases were reported.")} & {2019}


def test_a_part_of_suspected_cases_that_was_confirmed() -> None:
    got = _pairs(
        "Officials counted 1,210 suspected cases since the outbreak began. Four hundred twelve "
        "of the cases have been laboratory confirmed."
    )
    assert ("confirmed_cumulative", 412) in got


def test_the_clause_before_a_colon_types_its_list() -> None:
    got = _pairs(
        "Two countries have reported dengue cases imported from Brazil: Chile (9 confirmed "
        "cases) and Peru (four confirmed cases)."
    )
    assert ("imported_cumulative", 9) in got
    assert {c for c, v in got if v == 4} <= {"imported_cumulative", "confirmed_cumulative"}


def test_autochthonous_cases_are_local() -> None:
    got = _pairs(
        "As of 2 May, the country has reported 41 confirmed cases: 38 imported from Angola and "
        "three autochthonous cases in Matadi."
    )
    assert ("imported_cumulative", 3) not in got
    assert ("confirmed_cumulative", 3) in got


def test_a_number_after_of_which_is_a_part_not_the_total_noun_phrases() -> None:
    got = _pairs("Total suspected cases reported as of 2 May are 812 of which 240 were confirmed.")
    assert {("suspected", 812), ("confirmed_cumulative", 240)} <= got


def test_a_long_subject_listing_case_statuses_is_all_cases() -> None:
    got = _pairs(
        "The total number of probable, confirmed and suspected cases in the current outbreak of "
        "Marburg virus disease in the three affected districts was 4120, with "
        "1980 deaths, as at the end of 3 May 2021."
    )
    assert {("confirmed_cumulative", 4120), ("deaths_cumulative", 1980)} <= got


def test_a_tally_without_a_noun_is_of_cases() -> None:
    got = _pairs("The COVID tally of the state crossed 12 lakh on Sunday.")
    assert ("confirmed_cumulative", 1_200_000) in got


def test_a_comparison_value_takes_its_heads_category() -> None:
    got = _pairs(
        "Another 11 asymptomatic patients were reported as of May 9 compared with four a day "
        "earlier."
    )
    assert {("asymptomatic_new", 11), ("asymptomatic_new", 4)} <= got


def test_children_critically_ill_are_a_count() -> None:
    got = _pairs("Seven children are critically ill in intensive care.")
    assert ("severe", 7) in got


def test_lab_specimens_are_tests() -> None:
    got = _pairs("The ministry reported 310 new cases after testing 9,412 lab specimens on Monday.")
    assert ("tested", 9412) in got


def test_pregnant_women_as_a_subject_are_a_demographic_part() -> None:
    got = _pairs(
        "The number of confirmed cases grew by 40 this week. The number of pregnant women grew "
        "by 12, and the total of cases in pregnant women now stands at 95."
    )
    assert ("confirmed_new", 40) in got
    assert not {v for _, v in got} & {12, 95}


def test_a_number_after_its_noun_phrase_is_no_item_of_the_next_numbers_list() -> None:
    got = _pairs("The number of active cases dropped to 4,310, and 52,118 people have recovered.")
    assert {("active", 4310), ("recovered_cumulative", 52118)} <= got


def test_n_of_them_fatal_are_deaths() -> None:
    got = _pairs("The country has so far reported 23 cases of Marburg, 19 of them fatal.")
    assert {("confirmed_cumulative", 23), ("deaths_cumulative", 19)} <= got


def test_classified_as_probable_and_districts_out_of_a_total() -> None:
    got = _pairs(
        "Of the 410 cases reported, 52 (12.7%) were confirmed, 120 (29.3%) were classified as "
        "probable and 238 (58%) remain suspected. Cases came from 21 out of 60 districts."
    )
    assert {("probable", 120), ("suspected", 238)} <= got
    assert not {v for _, v in got} & {21, 60}


def test_zero_cases_detected_with_a_disease_phrase_in_between() -> None:
    got = _pairs(
        "No cases of human infection with avian influenza A (H5N6) have been detected here."
    )
    assert ("confirmed_cumulative", 0) in got


def test_the_remaining_part_of_a_breakdown_is_not_active() -> None:
    got = _pairs(
        "In the last 72 hours there were 40 suspected cases, of which 25 were from Kasai and "
        "the remaining 15 suspected cases were from Kwango."
    )
    assert ("suspected_new", 15) in got
    assert ("suspected", 15) not in got


def test_exposure_and_source_of_infection_parts_are_no_counts() -> None:
    got = _pairs(
        "In total, 64 cases were reported in May. Among them, 41 reported exposure to live "
        "poultry markets while the source of infection of 9 cases was under investigation."
    )
    assert 64 in {v for _, v in got}
    assert not {v for _, v in got} & {41, 9}


def test_a_clause_before_a_comma_lends_no_noun_phrase() -> None:
    got = _pairs(
        "The CHP was notified of five additional cases. Three cases are from Hunan, one is from "
        "Hebei and one is from Henan."
    )
    assert ("confirmed_new", 1) in got
    assert ("confirmed_cumulative", 1) not in got


def test_an_epidemiological_week_sentence_then_its_running_total() -> None:
    got = _pairs(
        "During epidemiological week 18, 840 suspected cholera cases and 7 deaths were reported, "
        "bringing the cumulative total since January to 12,310 cases and 95 deaths."
    )
    assert {
        ("suspected_new", 840),
        ("deaths_new", 7),
        ("confirmed_cumulative", 12310),
        ("deaths_cumulative", 95),
    } <= got


def test_injured_people_are_no_count_of_the_disease() -> None:
    got = _pairs("Three people died and 41 were injured when the clinic roof collapsed.")
    assert 41 not in {v for _, v in got}


def test_without_a_new_case_and_none_tested_positive_are_zeros() -> None:
    got = _pairs(
        "The island has gone 21 days without a new locally transmitted case. Of the 16 people "
        "tested, none tested positive. It is the only county without a confirmed case."
    )
    assert {("local_new", 0), ("tested_positive", 0)} <= got
    assert len([v for _, v in got if v == 0]) == 2


def test_space_grouped_thousands_before_a_comma_and_icu() -> None:
    got = _pairs(
        "The cumulative number of confirmed cases is 31 207, of which 4 512 are severe. A total "
        "of 2,410 people are still hospitalized, 318 of them in ICU."
    )
    assert {("confirmed_cumulative", 31207), ("severe", 4512), ("severe", 318)} <= got


def test_a_count_glued_to_the_word_before_it() -> None:
    vals = [n.value for n in find_numbers("• Ruritania12 408 confirmed (310 new)")]
    assert vals[:2] == [12408, 310]
    assert [n.value for n in find_numbers("A total of2 004 511 tests were run")] == [2004511]
    # names that end in digits are not glued counts
    assert [n.value for n in find_numbers("Covid19 cases and H7N9 cases rose to 12")] == [12]


def test_people_remaining_suspected_and_contacts_released_without_a_noun() -> None:
    got = _pairs(
        "The commission said 7 people remain suspected of being infected. According to the "
        "commission, 510 close contacts were still under medical observation after 41 were "
        "discharged from medical observation on Sunday."
    )
    assert {("suspected", 7), ("under_observation", 510), ("contacts_released", 41)} <= got


def test_hospitalisations_as_a_subject_and_currently_hospitalised() -> None:
    got = _pairs(
        "Hospitalizations stand at 530, with 120 patients in ICUs. The positivity rate was 3.1%, "
        "and 27 residents are currently hospitalized."
    )
    assert {("hospitalized", 530), ("severe", 120), ("hospitalized", 27)} <= got


def test_a_bare_total_after_a_death_count_is_the_deaths_total() -> None:
    got = _pairs("A further 19 people have died, bringing the national total to 40,211.")
    assert {("deaths_new", 19), ("deaths_cumulative", 40211)} <= got
    # "a total of" still names its own noun
    got = _pairs("As of 3 May 2021, a total of 23 Marburg (MVD) cases were reported.")
    assert 23 in {v for _, v in got}


def test_a_distribution_sentence_lists_items_of_the_count_before() -> None:
    got = _pairs(
        "As of 9 May, 730 cases have been reported in total. The distribution of cases by "
        "province is: Nampula 402; Niassa 328."
    )
    assert {("confirmed_cumulative", 402), ("confirmed_cumulative", 328)} <= got


def test_health_care_workers_written_in_two_words_are_a_part() -> None:
    got = _pairs("WHO was notified of 12 additional cases. Three of them were health care workers.")
    assert ("confirmed_new", 12) in got
    assert 3 not in {v for _, v in got}


def test_infection_count_people_under_treatment_and_a_part_in_hospitals() -> None:
    got = _pairs(
        "The state reported 5,120 fresh cases and 14 deaths, taking the total infection count "
        "to 1.21 lakh and the death toll to 488. The state now has 40,312 people under "
        "treatment. Over 1.6 lakh people are under observation, including 21,000 in hospitals."
    )
    assert {
        ("confirmed_cumulative", 121_000),
        ("deaths_cumulative", 488),
        ("active", 40312),
        ("under_observation", 21000),
    } <= got


def test_the_source_of_n_cases_is_no_count() -> None:
    got = _pairs("Of the new cases, 4,210 were local, while the source of 650 was not known.")
    assert 650 not in {v for _, v in got}


def test_a_label_naming_its_period_before_the_colon() -> None:
    got = _pairs("Key figures\n• Samples tested in the last 24 hours: 2,904\n• Deaths: 12")
    assert ("tested", 2904) in got


def test_the_noun_phrase_after_an_earlier_count_types_the_next_one() -> None:
    got = _pairs("Spain's death toll jumped to 84 and confirmed infections rose to 3,146.")
    assert {("deaths_cumulative", 84), ("confirmed_cumulative", 3146)} <= got


def test_individual_cases_and_clinical_parts() -> None:
    got = _pairs(
        "From January 1 to April 20, 2019, 626 individual cases of measles have been confirmed "
        "in 22 states. Of the 626 cases, 61 were hospitalized and 22 had pneumonia."
    )
    assert {("confirmed_cumulative", 626), ("hospitalized", 61)} <= got
    assert 22 not in {v for _, v in got}


def test_the_population_of_a_city_is_no_count() -> None:
    got = _pairs("The city of 9 million people has tested 7.2 million residents.")
    assert ("tested", 7_200_000) in got
    assert 9_000_000 not in {v for _, v in got}


def test_n_of_which_were_confirmed_after_suspected_cases() -> None:
    got = _pairs(
        "Since January, the agency has recorded 980 suspected Lassa fever cases, 210 of which "
        "were confirmed, and 41 deaths."
    )
    assert {("suspected", 980), ("confirmed_cumulative", 210)} <= got


def test_a_count_naming_its_own_week_stays_a_flow_beside_a_running_total() -> None:
    got = _pairs(
        "Officials reported 1,930 measles cases last week, bringing the total since the "
        "beginning of the year to 24,800."
    )
    assert {("confirmed_new", 1930), ("confirmed_cumulative", 24800)} <= got


def test_the_base_of_a_rate_is_no_count() -> None:
    nums = find_numbers("an incidence of 8.1 per 100 000 population and 2 per 1,000 births")
    assert 100_000 not in [n.value for n in nums]
    assert 1000 not in [n.value for n in nums]


def test_lines_of_a_tweeted_breakdown_are_items_of_the_count_before() -> None:
    text = (
        "The agency tweeted: 57 new cases of #Measles;\nRivers-30\nKano-20\nYobe-7\n"
        "The agency said more tests were under way."
    )
    got = [(r.category, r.value) for r in extract(text, "2021-05-10")]
    assert ("confirmed_new", 57) in got
    assert [v for c, v in got if c == "confirmed_new"].count(30) == 1
    assert ("confirmed_new", 20) in got
    assert ("confirmed_new", 7) in got
    places = {r.value: r.place for r in extract(text, "2021-05-10")}
    assert places[30] == "Rivers"
    assert places[7] == "Yobe"


def test_a_label_line_needs_a_name_not_a_designator() -> None:
    assert find_numbers("COVID-19") == []
    assert find_numbers("Phase-3") == []
    assert find_numbers("Situation Report-12") == []
    assert [n.value for n in find_numbers("Kano-20")] == [20]
    assert [n.value for n in find_numbers("Cross River – 1,204")] == [1204]


def test_nurses_and_doctors_among_cases_are_a_subset() -> None:
    got = _pairs(
        "Eleven new confirmed cases were reported in Tandala. Among the new cases were three "
        "nurses and one doctor."
    )
    assert ("confirmed_new", 11) in got
    assert not any(v in (3, 1) for _, v in got)


def test_a_share_with_n_equals_is_a_demographic_part() -> None:
    got = _pairs("A total of 120 cases have been reported so far; 55% (n=66) were female.")
    assert ("confirmed_cumulative", 120) in got
    assert not any(v == 66 for _, v in got)


def test_bare_cases_were_reported_from_opens_a_breakdown() -> None:
    got = _pairs(
        "An additional 14 new confirmed cases have been reported. Cases were reported from "
        "Tandala (n=9) and Mbuji (n=5)."
    )
    assert {("confirmed_new", 14), ("confirmed_new", 9), ("confirmed_new", 5)} <= got


def test_released_from_the_hospitals_is_a_recovery() -> None:
    got = _pairs(
        "The total number of patients this year rose to 1,200 while 1,050 patients were "
        "released from the hospitals."
    )
    assert ("confirmed_cumulative", 1200) in got
    assert any(c.startswith("recovered") and v == 1050 for c, v in got)


def test_people_infected_with_a_disease_take_the_verb_after_it() -> None:
    got = _pairs(
        "Officials said 812 people infected with measles have been hospitalized, and 9 "
        "people infected with the virus have died so far."
    )
    assert ("hospitalized", 812) in got
    assert ("deaths_cumulative", 9) in got


def test_a_total_with_a_space_after_its_thousands_comma() -> None:
    got = _pairs("Our cumulative sample tested has risen to 43, 887, the minister said.")
    assert ("tested", 43887) in got
    # a list stays a list
    assert [n.value for n in find_numbers("children aged 5 to 14, 120 of whom")] == [120]
    assert [n.value for n in find_numbers("rose to 12, 340, and 560 in the towns")] == [
        12,
        340,
        560,
    ]


def test_latest_in_the_noun_phrase_is_no_test() -> None:
    got = _pairs(
        "The province reported 12 local cases on Monday, bringing the total number of local "
        "cases in the latest wave to 310."
    )
    assert ("confirmed_cumulative", 310) in got


def test_an_average_per_day_is_no_count() -> None:
    got = _pairs(
        "The number of new cases has stayed low, at an average of three cases per day over the "
        "past fortnight."
    )
    assert not any(v == 3 for _, v in got)


def test_a_part_by_nationality_is_no_count() -> None:
    got = _pairs(
        "Officials reported 40 new imported cases on Monday. Three of the imported cases were "
        "Malaysians who flew in from Kuala Lumpur. Four other imported cases were Filipinos."
    )
    assert ("imported_new", 40) in got
    assert not any(v in (3, 4) for _, v in got)
    assert ("confirmed_new", 12) in _pairs("Officials said 12 new cases were Paris residents.")


def test_a_moderate_grade_and_an_aim_are_no_counts() -> None:
    got = _pairs(
        "Of the patients, there are two critical cases, 41 moderate cases and 90 mild cases. "
        "Doctors are working to ensure there are no deaths."
    )
    assert ("mild", 90) in got
    assert not any(v == 41 for _, v in got)
    assert not any(v == 0 for _, v in got)


def test_cases_occurred_across_districts_opens_a_breakdown() -> None:
    got = _pairs(
        "The city added six local infections on Sunday. The cases occurred across two "
        "districts, with four in Xicheng and two in Dongcheng."
    )
    assert ("local_new", 4) in got or ("confirmed_new", 4) in got
    assert ("local_new", 2) in got or ("confirmed_new", 2) in got


def test_specimens_confirmed_by_the_laboratory_are_positive_tests() -> None:
    got = _pairs("Of these, 11 specimens were confirmed as serogroup C by the national laboratory.")
    assert ("tested_positive", 11) in got


def test_a_list_of_names_inside_the_noun_phrase_before_the_number() -> None:
    got = _pairs(
        "The death toll from cholera in the provinces of Kasai, Kwilu and Kwango has risen to "
        "412 out of 9,870 cases, officials said."
    )
    assert ("deaths_cumulative", 412) in got
    assert ("confirmed_cumulative", 9870) in got


def test_a_falling_dash_pair_is_a_total_and_its_first_part() -> None:
    nums = find_numbers("the number of cases has grown to 14 – three confirmed, 11 suspected")
    assert [n.value for n in nums] == [14, 3, 11]
    assert [n.value for n in find_numbers("in 2020-21 there were 4-5 cases")][-1:] == [4]


def test_a_rate_in_per_cent_before_the_next_noun_phrase() -> None:
    got = _pairs(
        "The state saw 310 discharges, taking the recovery rate to 97.2 per cent and total "
        "recoveries reached 88,140."
    )
    assert ("recovered_cumulative", 88140) in got


def test_bare_status_lines_after_a_tweeted_list_are_totals() -> None:
    text = "The agency tweeted: 57 new cases of #Measles;\nKano-20\nYobe-37\n9,310 confirmed\n8,002 discharged\n61 deaths."
    got = [(r.category, r.value) for r in extract(text, "2021-05-10")]
    assert ("confirmed_cumulative", 9310) in got
    assert ("recovered_cumulative", 8002) in got
    assert ("deaths_cumulative", 61) in got
    # under a heading of new counts the heading's flow holds
    got = _pairs("New counts in the past 24 hours:\n- 12 deaths\n- 40 recovered")
    assert ("deaths_new", 12) in got


def test_a_milestone_after_the_is_a_total() -> None:
    got = _pairs("The ministry said the number of cases passed the 5,000 mark on Friday.")
    assert ("confirmed_cumulative", 5000) in got


def test_the_whole_of_a_part_said_before_is_no_new_count() -> None:
    got = [
        (r.category, r.value)
        for r in extract(
            "The county announced seven new cases on Monday. Officials say three of the seven "
            "cases were confirmed after the lab reviewed its results Aug. 2.",
            "2021-08-10",
        )
    ]
    assert got.count(("confirmed_new", 7)) == 1


def test_a_labelled_count_line_is_no_breakdown_item() -> None:
    recs = extract("New figures as of Monday:\nDeaths: 24\nRecovered: 310", "2021-05-10")
    assert {(r.category, r.value) for r in recs} == {
        ("deaths_cumulative", 24),
        ("recovered_cumulative", 310),
    }
    assert all(r.place not in ("Deaths", "Recovered") for r in recs)


def test_n_of_the_m_cases_naming_a_demographic_part_is_no_count() -> None:
    got = _pairs("Three of the 21 new cases were children under five.")
    assert ("confirmed_new", 21) in got
    assert not any(v == 3 for _, v in got)
    got = _pairs("Three of the 21 new cases were reported in Kasai.")
    assert ("confirmed_new", 3) in got


def test_cured_total_named_before_the_number_is_recovered() -> None:
    got = {
        (r.category, r.value)
        for r in extract("Total no. of cured patients becomes 3,120.", "2021-05-10")
    }
    assert ("recovered_cumulative", 3120) in got


def test_released_after_recovery_is_a_recovery_and_a_restated_share_keeps_the_total() -> None:
    text = (
        "A further 615 patients were released after recovery, bringing the total recovered to "
        "52,004 or 81 percent of all cases."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert {("recovered_new", 615), ("recovered_cumulative", 52004)} <= got
    assert ("confirmed_new", 615) not in got


def test_fractions_and_centres_are_no_counts() -> None:
    text = "Deaths this month already equal three quarters of last year's cholera deaths."
    assert not extract(text, "2021-05-10")
    text = "The fever spread from two centres of the outbreak, officials said."
    assert not extract(text, "2021-05-10")


def test_parts_by_how_they_were_found_are_no_counts() -> None:
    text = (
        "The county reported 40 new local cases. Of these, 31 were detected during mass "
        "screening and nine were found among people already in centralized quarantine."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("local_new", 40) in got
    assert not {v for _, v in got} & {31, 9}


def test_a_part_by_nationality_in_apposition_or_after_involve_is_no_count() -> None:
    text = "Five of the new cases, all Nepalese nationals, work at a construction site."
    assert not {r.value for r in extract(text, "2021-05-10")} & {5}
    text = (
        "The ministry reported 12 new cases, which involve three Malaysians, two permanent "
        "residents and seven work permit holders."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("confirmed_new", 12) in got
    assert not {v for _, v in got} & {3, 2, 7}


def test_places_in_brackets_after_an_asymptomatic_clause_are_asymptomatic() -> None:
    text = (
        "Fujian reported 4 new imported cases and 9 imported asymptomatic infections. The four "
        "cases were in Xiamen, while the asymptomatic infections were found in Fuzhou (6) and "
        "Quanzhou (3)."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert {("asymptomatic_imported_new", 6), ("asymptomatic_imported_new", 3)} <= got
    assert ("imported_new", 6) not in got


def test_secondary_contacts_are_counted_and_no_time_unit() -> None:
    got = {
        (r.category, r.value)
        for r in extract("Teams traced 1,250 secondary contacts.", "2021-05-10")
    }
    assert ("contacts", 1250) in got


def test_a_setting_breakdown_of_contacts_is_no_count() -> None:
    text = (
        "So far 310 contacts have been listed, including 120 (39%) in health facilities and "
        "190 in the community."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("contacts", 310) in got
    assert not {v for _, v in got} & {120, 190}


def test_case_labels_are_no_counts() -> None:
    text = (
        "Two deaths were reported among earlier cases (patients nos. 4 and 7 in the last update)."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert not {v for _, v in got} & {4, 7}


def test_a_threshold_that_defines_places_is_no_count() -> None:
    text = "Nine districts, those reporting at least one confirmed case in the past 14 days, remain under watch."
    assert not extract(text, "2021-05-10")


def test_a_previous_high_is_a_days_count() -> None:
    text = "Wednesday's figure beat the previous high of 388 new infections set on March 2."
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("confirmed_new", 388) in got


def test_a_nationality_apposition_after_of_the_new_cases_is_no_count() -> None:
    text = (
        "Qatar confirmed 410 new infections on Friday. Seven of the new cases, all Nepalese "
        "nationals, live in one labour camp."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-10")}
    assert ("confirmed_new", 410) in got
    assert 7 not in {v for _, v in got}


def test_classes_listed_after_a_deaths_part_of_cases_are_of_the_cases() -> None:
    text = (
        "As of 3 March 2021, a total of five cases including two deaths had been notified from "
        "Kara district (two confirmed and one suspected) and Dapaong district (two probable)."
    )
    got = {(r.category, r.value) for r in extract(text, "2021-03-05")}
    assert {("confirmed_cumulative", 2), ("suspected", 1), ("probable", 2)} <= got
    assert ("deaths_cumulative", 1) not in got
    text = "As of 3 March 2021, 40 cases including 6 deaths (4 confirmed and 2 probable) were notified."
    got = {(r.category, r.value) for r in extract(text, "2021-03-05")}
    assert {("deaths_cumulative", 4), ("deaths_cumulative", 2)} <= got


def test_a_member_of_a_superlative_is_no_count() -> None:
    """'one of the busiest ports' names a rank, not one case; 'one of the 14 cases' is a part."""
    text = (
        "Nine cases were found in Dalian, which is one of the busiest ports in the north. "
        "One of the 12 new cases was imported."
    )
    values = [r.value for r in extract(text, "2020-07-25")]
    assert 9 in values and 12 in values
    assert values.count(1) == 1  # the imported part, not the port


def test_named_member_states_after_a_number_are_no_count() -> None:
    """'eight endemic Africa Union (AU) Member States' counts countries: an adjective before
    the names and an acronym in brackets among them no longer hide the unit."""
    got = extract(
        "Since the beginning of 2022, 2,000 cases and 70 deaths have been reported from eight "
        "endemic Africa Union (AU) Member States.",
        "2022-06-04",
    )
    assert sorted(r.value for r in got) == [70, 2000]
