"""Category and value of each count (pair level), one mechanism per test, on invented
sentences: flow vs stock from cue words and the sentence before, non-COVID wording, explicit
zeros, number formats, and what is not a count."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2021-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_breakdown_sentence_inherits_the_stock_of_the_count_before() -> None:
    text = (
        "As of 9 May 2021, the cumulative number of cholera cases in the two provinces stands "
        "at 640, including 41 deaths. The breakdown of the cases is as follows: Nampula, 400 "
        "cases (300 confirmed and 100 suspected) and 30 deaths; Niassa, 240 cases and 11 deaths."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 400),
        ("deaths_cumulative", 30),
        ("confirmed_cumulative", 240),
        ("deaths_cumulative", 11),
    } <= got
    assert not {c for c, _ in got} & {"confirmed_new", "deaths_new"}


def test_breakdown_sentence_after_new_cases_stays_a_flow() -> None:
    text = (
        "On 9 May 2021, 14 new cases were reported in the two provinces. The distribution of "
        "these cases is as follows: Nampula, 9 cases; Niassa, 5 cases."
    )
    got = _pairs(text)
    assert {("confirmed_new", 9), ("confirmed_new", 5)} <= got


def test_chinese_zero_sentence_without_numeral_and_listed_nouns() -> None:
    text = (
        "2021年5月9日0时至24时,本市无新增新冠肺炎确诊病例。\n"
        "广东无新增本地疑似病例、确诊病例。\n"
        "广东无新增无症状感染者。"
    )
    got = _pairs(text)
    assert {
        ("confirmed_new", 0),
        ("suspected_new", 0),
        ("local_new", 0),
        ("asymptomatic_new", 0),
    } <= got


def test_chinese_since_cue_carries_to_segments_after_a_semicolon() -> None:
    text = (
        "2021年以来,全市累计确诊本地病例40例,其中治愈出院30例,现有10例在定点医院接受隔离治疗;"
        "境外输入病例12例,均已治愈出院;无症状感染者25例,均已出院。"
    )
    got = _pairs(text)
    assert {("imported_cumulative", 12), ("asymptomatic_cumulative", 25)} <= got
    assert ("imported_new", 12) not in got and ("asymptomatic_active", 25) not in got


def test_chinese_current_cue_carries_but_own_cue_wins() -> None:
    text = "截至5月9日24时,本省现有确诊病例8例;无症状感染者5例;新增无症状感染者2例。"
    got = _pairs(text)
    assert {("active", 8), ("asymptomatic_active", 5), ("asymptomatic_new", 2)} <= got


def test_chinese_breakdown_item_after_unknown_townships() -> None:
    text = "5月9日0时至24时,新疆新增无症状感染者20例,其中喀什地区疏附县某某乡和周边乡镇12例,阿克陶县某某乡8例。"
    got = {(r.category, r.value, r.place_text) for r in extract(text, "2021-05-10")}
    assert {("asymptomatic_new", 12, "疏附县"), ("asymptomatic_new", 8, "阿克陶县")} <= got


def test_tally_with_an_adverb_before_the_verb_is_the_total() -> None:
    got = _pairs("Brazil reported 900 new cases on Sunday. Brazil's tally now stands at 45,100.")
    assert ("confirmed_cumulative", 45100) in got


def test_out_of_these_parts_of_a_total_are_stocks() -> None:
    text = (
        "Kerala's tally now stands at 5,000. Out of these, 1,200 are active cases and 3,750 "
        "recovered, the ministry said."
    )
    got = _pairs(text)
    assert {("active", 1200), ("recovered_cumulative", 3750)} <= got
    assert ("recovered_new", 3750) not in got


def test_recuperating_people_are_recoveries_but_those_who_are_recuperating_are_not() -> None:
    assert ("recovered_new", 812) in _pairs(
        "With 812 people recuperating from the infection in a day, the ward emptied."
    )
    got = _pairs("Currently, 12 cases are in hospital while 30 are recuperating at home.")
    assert not any(c.startswith("recovered") for c, _ in got)


def test_reclassified_released_and_local_wordings() -> None:
    got = _pairs(
        "On Monday the province reported 9 new cases, including 6 that were domestically "
        "transmitted. The 9 cases include 1 confirmed case converting from an asymptomatic "
        "case. Another 4 asymptomatic cases were dismissed from medical observation."
    )
    assert {("local_new", 6), ("reclassified", 1), ("asymptomatic_released_new", 4)} <= got


def test_likely_cases_are_probable_and_per_cent_is_no_count() -> None:
    got = _pairs(
        "The ministry said 20 confirmed cases have been recorded, as well as 31 likely and 28 "
        "suspected. This is a 60 and 61 per cent decrease."
    )
    assert ("probable", 31) in got
    assert not any(v in (60, 61) for _, v in got)


def test_a_relative_clause_with_had_been_does_not_make_a_total() -> None:
    got = _pairs(
        "There were also three imported cases on Sunday who had been placed on stay-home "
        "notices upon arrival."
    )
    assert ("imported_new", 3) in got
    assert ("imported_cumulative", 3) not in got


def test_serotype_labels_and_ages_in_commas_are_not_counts() -> None:
    got = _pairs(
        "26 stool samples tested, 3 of them were confirmed Vibrio cholerae 01 Ogawa by culture. "
        "Four cases were reported, including a man, 26, from Jeddah."
    )
    assert not any(v in (1, 26) and c != "tested" for c, v in got)
    assert ("confirmed_new", 4) in got


def test_bracketed_parts_take_flow_or_stock_from_the_count_they_follow() -> None:
    got = _pairs(
        "Between 2 and 9 May 2021, there have been 12 more cases, increasing the cumulative "
        "number of cases to 50 (20 confirmed, 18 probable, and 12 suspect).",
        "2021-05-10",
    )
    assert ("suspected", 12) in got and ("suspected_new", 12) not in got
    got = _pairs(
        "From 1 to 9 May 2021, 40 cases of plague (2 confirmed and 38 suspect) were reported."
    )
    assert ("suspected_new", 38) in got


def test_items_after_new_cases_have_been_reported_stay_flows() -> None:
    got = _pairs(
        "On 9 May 2021, seven new suspected cases have been reported in Bikoro (4) and "
        "Iboko (3) Health Zones."
    )
    assert {("suspected_new", 4), ("suspected_new", 3)} <= got


def test_a_death_word_after_a_comma_does_not_make_cases_deaths() -> None:
    got = _pairs(
        "The fever may have killed up to 30 people, out of 75 suspected cases, according to a "
        "new death toll. The outbreak has killed 300 people and infected more than 9,000."
    )
    assert ("deaths_cumulative", 75) not in got
    assert ("suspected", 75) in got
    assert ("deaths_cumulative", 9000) not in got


def test_an_increase_of_n_cases_is_a_flow_even_with_since() -> None:
    got = _pairs(
        "This represents an increase of 310 laboratory-confirmed cases since the report of "
        "2 May, when a total of 150 cases were reported."
    )
    assert ("confirmed_new", 310) in got and ("confirmed_cumulative", 310) not in got


def test_positive_test_results_are_positive_tests() -> None:
    got = _pairs("The warehouse and its goods generated 17 positive test results on Monday.")
    assert ("tested_positive", 17) in got


def test_nationality_and_work_status_parts_are_not_counts() -> None:
    got = _pairs(
        "There were 9 imported cases on Sunday, comprising three Malaysians, two permanent "
        "residents and four work permit holders. Five community cases were reported - a work "
        "pass holder and four dependants' pass holders."
    )
    assert {("imported_new", 9), ("local_new", 5)} <= got
    assert not any(v in (2, 3, 4) for _, v in got)


def test_n_of_the_m_cases_is_typed_by_the_whole() -> None:
    got = _pairs(
        "Workers in dormitories made up the remaining 17 of the 30 new coronavirus cases "
        "announced on Sunday."
    )
    assert ("confirmed_new", 17) in got
    assert ("active", 17) not in got


def test_new_items_of_what_is_not_a_count_are_not_counts() -> None:
    got = _pairs("Globally: 2100 confirmed cases (300 new) 31 countries (4 new) 30 deaths (9 new)")
    assert ("confirmed_new", 300) in got and ("deaths_new", 9) in got
    assert not any(v == 4 for _, v in got)


def test_the_verb_after_an_aside_in_brackets_is_the_noun_phrase_s() -> None:
    got = _pairs(
        "Four laboratory specimens (from suspected cases reported previously in Iboko (3) and "
        "Bikoro (1) health zones) tested negative."
    )
    assert ("tested_negative", 4) in got
    assert not any(v in (1, 3) for _, v in got)


def test_a_repeated_count_heads_its_breakdown() -> None:
    got = _pairs(
        "Gansu reported 12 new confirmed cases on Sunday. The 12 confirmed cases included 9 "
        "in Lanzhou and three in Tianshui, according to the commission."
    )
    assert {("confirmed_new", 12), ("confirmed_new", 9), ("confirmed_new", 3)} <= got


def test_the_earlier_figure_of_a_comparison_is_not_a_repetition() -> None:
    got = _pairs(
        "This represents a 40 per cent decrease compared to the 8,120 suspected cholera cases "
        "reported during the same period in 2016."
    )
    assert any(v == 8120 for _, v in got)


def test_a_deduction_is_a_correction() -> None:
    got = _pairs("The city also deducted one from its total confirmed cases on Saturday.")
    assert ("correction", 1) in got


def test_positive_part_of_tests() -> None:
    got = _pairs("• 31 stool samples tested, 4 of them were confirmed Vibrio cholerae by culture")
    assert {("tested", 31), ("tested_positive", 4)} <= got


def test_occupational_subset_and_its_parts_are_not_counts() -> None:
    got = _pairs(
        "A total of 60 cases have been reported. A total of six healthcare workers have been "
        "affected, with five confirmed cases and one death."
    )
    assert not any(v in (1, 5, 6) for _, v in got)


def test_received_information_about_deaths_is_a_total() -> None:
    got = _pairs("The institute has received information about the death of 57 people.")
    assert ("deaths_cumulative", 57) in got


def test_chinese_segment_takes_the_sentence_cue_when_its_own_comes_after_the_number() -> None:
    text = (
        "截至5月9日24时,我市累计确诊本地病例50例,其中治愈出院40例;境外输入病例20例,"
        "其中治愈出院19例,现有1例在定点医院接受隔离治疗;无症状感染者30例,均已出院。"
    )
    got = _pairs(text)
    assert {
        ("imported_cumulative", 20),
        ("recovered_cumulative", 19),
        ("asymptomatic_cumulative", 30),
    } <= got


def test_the_cases_were_reported_from_places_is_a_breakdown_of_the_new_cases() -> None:
    text = (
        "Between 1 and 30 April 2021, the ministry reported 11 new cases of MERS-CoV infection. "
        "The cases were reported from Riyadh (6 cases), Makkah (4 cases) and Najran (1 case) "
        "regions. Since 2012, 2,500 cases have been reported."
    )
    got = _pairs(text)
    assert {("confirmed_new", 6), ("confirmed_new", 4), ("confirmed_new", 1)} <= got


def test_discharged_cases_local_transmissions_and_community_cases() -> None:
    got = _pairs(
        "Karnataka reported 4,000 new cases and 6,100 discharged cases today. There are two "
        "new imported cases, with 880 cases being local transmissions. Singapore on Sunday "
        "reported 9 new cases, including five imported infections and four from the community."
    )
    assert {("recovered_new", 6100), ("local_new", 880), ("local_new", 4)} <= got


def test_hedged_counts_without_a_day_are_totals() -> None:
    got = _pairs(
        "A man was diagnosed after a visit to Saudi Arabia, where more than 900 people were "
        "infected and 400 died from the disease."
    )
    assert {("confirmed_cumulative", 900), ("deaths_cumulative", 400)} <= got


def test_a_further_n_people_have_died_is_a_flow() -> None:
    got = _pairs("A further 4 people have died, taking the death toll to 120.")
    assert {("deaths_new", 4), ("deaths_cumulative", 120)} <= got


def test_another_n_after_a_total_stays_a_total() -> None:
    got = _pairs(
        "Since 1 May the city had a total of 23 people discharged from hospital and another "
        "22 asymptomatic cases released from medical observation."
    )
    assert ("asymptomatic_released_cumulative", 22) in got


def test_all_n_said_first_is_a_count_but_a_repetition_is_not() -> None:
    got = _pairs("All 45 samples tested negative.")
    assert ("tested_negative", 45) in got
    got = _pairs("Spain reported 7 new cases on Monday. All 7 cases were linked to a wedding.")
    assert sum(1 for c, v in got if v == 7) == 1


def test_treating_patients_completed_follow_up_and_sickened() -> None:
    got = _pairs(
        "Hospitals are treating 210 patients. A total of 312 contacts have completed their "
        "21-day follow-up. The outbreak has sickened 3,400 people."
    )
    assert {
        ("active", 210),
        ("contacts_released", 312),
        ("confirmed_cumulative", 3400),
    } <= got


def test_week_numbers_and_age_limits_are_not_counts() -> None:
    got = _pairs(
        "In epi week 12, 245 new suspected cases were reported, compared with 312 in week 11. "
        "Nine deaths occurred in children under five."
    )
    assert not any(v in (5, 11, 12) for _, v in got)
    assert ("suspected_new", 245) in got


def test_none_of_the_n_is_a_zero_of_what_the_verb_says() -> None:
    got = _pairs(
        "None of the 20 contacts has developed symptoms. Although none of the 85 close "
        "contacts of the worker tested positive, the city will test again."
    )
    assert ("tested_positive", 0) in got
    assert ("contacts", 0) not in got


def test_people_who_may_have_been_infected_are_a_count() -> None:
    got = _pairs("Officials said 150-200 people may have been infected.")
    assert ("confirmed_cumulative", 150) in got


def test_chinese_items_under_all_imported_are_imported() -> None:
    text = "5月9日0—24时，全国新增确诊病例8例，均为境外输入病例（上海5例，四川3例）。"
    got = _pairs(text)
    assert {("imported_new", 5), ("imported_new", 3)} <= got


def test_chinese_bracket_part_after_a_region_with_its_unit_word() -> None:
    text = (
        "累计收到港澳台地区通报确诊病例600例。其中，香港特别行政区500例（出院450例，死亡10例），"
        "台湾地区100例（出院90例，死亡3例）。"
    )
    recs = {(r.category, r.value, r.place) for r in extract(text, "2021-05-10")}
    assert ("deaths_cumulative", 3, "Taiwan") in recs


def test_has_reported_without_a_day_is_a_total_with_a_day_a_flow() -> None:
    got = _pairs(
        "Britain has reported 190 cases, Spain 142. Chile has reported 12 cases on Monday."
    )
    assert {("confirmed_cumulative", 190), ("confirmed_cumulative", 142)} <= got
    assert ("confirmed_new", 12) in got


def test_daily_record_average_and_totals_plural() -> None:
    got = _pairs(
        "Daily infections hit a record 4,500 on Thursday. The seven-day average of new cases "
        "fell to 1,230. Mexico registered 3,000 new infections and 250 deaths in the last day, "
        "taking its totals to 500,000 and 55,000 respectively."
    )
    assert ("confirmed_new", 4500) in got
    assert not any(v == 1230 for _, v in got)
    assert not any(v in (500000, 55000) and not c.endswith("cumulative") for c, v in got)


def test_people_tested_and_results_returned_negative() -> None:
    got = _pairs(
        "The county has tested 4.7 million people, with 2.8 million results returned negative."
    )
    assert {("tested", 4700000), ("tested_negative", 2800000)} <= got


def test_released_part_of_asymptomatic_carriers() -> None:
    got = _pairs(
        "Of the 137 asymptomatic carriers, 41 have been released from medical observation."
    )
    assert ("asymptomatic_released_cumulative", 41) in got


def test_children_who_died_are_the_count_but_children_among_cases_are_not() -> None:
    got = _pairs("A total of 36 children have died of measles in the province since January.")
    assert ("deaths_cumulative", 36) in got
    got = _pairs("The ministry reported 40 new cases on Monday, including 12 children.")
    assert not any(v == 12 for _, v in got)


def test_released_from_hospitals_and_of_the_total_deaths() -> None:
    got = _pairs(
        "So far this year, 210 people have died. Currently, 8,500 patients are receiving "
        "treatment. Of the total deaths, 150 were from Dhaka. The directorate said 1,690 "
        "patients were released from hospitals in the last day."
    )
    assert {("deaths_cumulative", 150), ("recovered_new", 1690), ("active", 8500)} <= got


def test_counts_among_a_demographic_group_are_parts() -> None:
    got = _pairs(
        "Malawi reported 80 new cases on Monday. There were no deaths among health workers."
    )
    assert ("confirmed_new", 80) in got
    assert not any(v == 0 for _, v in got)


def test_hospitalisations_monitoring_negative_suspects_and_completed_follow_up() -> None:
    got = _pairs(
        "There have been 3 deaths and 120 hospitalisations. Health officials are monitoring "
        "400 people who had contact with the patients. Eight suspected cases tested negative. "
        "Of the 400 contacts, 380 have completed the 21-day follow-up."
    )
    assert {
        ("hospitalized", 120),
        ("under_observation", 400),
        ("tested_negative", 8),
        ("contacts_released", 380),
    } <= got


def test_part_of_the_new_cases_after_a_deaths_sentence_is_a_case_count() -> None:
    got = _pairs(
        "The country reported 200 new cases on Monday. Authorities said 8 patients died in "
        "the past week. 19 of the new cases were imported."
    )
    assert ("imported_new", 19) in got
    assert not any(c.startswith("deaths") and v == 19 for c, v in got)


def test_part_of_a_population_is_typed_by_the_verb_and_the_population_is_no_count() -> None:
    got = _pairs(
        "More than 2.8 million of the over 4.7 million residents of Kashgar had been tested by "
        "Sunday."
    )
    assert ("tested", 2800000) in got
    assert not any(v == 4700000 for _, v in got)


def test_people_who_came_into_contact_swab_samples_and_sampling_verbs() -> None:
    got = _pairs(
        "As of Sunday, 394 people who came into close contact with the patients have been "
        "traced. An official said 8,186 swab samples had been collected. Shufu had completed "
        "taking samples from 245,200 people, except for five mixed samples to be re-examined. "
        "No new infections were found after testing over 210,000 people. Beijing reported "
        "zero local transmissions for 56 days."
    )
    assert {
        ("contacts", 394),
        ("tested", 8186),
        ("tested", 245200),
        ("tested", 210000),
        ("local_new", 0),
    } <= got
    assert not any(v == 5 for _, v in got)


def test_a_sentence_opening_with_so_far_is_about_totals() -> None:
    got = _pairs(
        "So far, at least six districts have reported confirmed cases, with Fengtai being the "
        "hardest hit with 37 cases. So far, 12 new cases were found today."
    )
    assert {("confirmed_cumulative", 37), ("confirmed_new", 12)} <= got


def test_a_number_right_after_a_dateline_dash_is_a_count() -> None:
    got = _pairs(
        "QINGDAO, Sept. 25 (Xinhua) -- Two stevedores were reported as asymptomatic cases on "
        "Thursday. The rate rose 3-4 points."
    )
    assert ("asymptomatic_new", 2) in got
    assert not any(v == 4 for _, v in got)


def test_chinese_imported_section_of_a_national_report() -> None:
    text = (
        "截至5月9日24时,据31个省(自治区、直辖市)和新疆生产建设兵团报告,现有疑似病例2例。"
        "境外输入现有确诊病例200例(无重症病例),现有疑似病例2例。累计确诊病例3000例,"
        "累计治愈出院病例2800例,无死亡病例。"
    )
    recs = extract(text, "2021-05-10")
    got = {(r.category, r.value, r.population) for r in recs}
    assert ("imported_cumulative", 3000, None) in got
    assert {("suspected", 2, None), ("suspected", 2, "imported")} <= got


def test_active_caseload_is_active() -> None:
    got = _pairs(
        "India's active caseload fell below 7 lakh. The total caseload rose to 7.8 million."
    )
    assert {("active", 700000), ("confirmed_cumulative", 7800000)} <= got


def test_share_then_count_subsets_are_not_counts_and_ruled_out_suspects_corrections() -> None:
    got = _pairs(
        "A total of 2,062 cases were reported. Of the total cases, 57% (1,174) were female and "
        "29% (605) were children. Since the last report, 12 suspected cases have been ruled out."
    )
    assert ("confirmed_cumulative", 2062) in got
    assert not any(v in (1174, 605) for _, v in got)
    # cases taken off a count, as the corpus annotates them ('Six cases have been ruled out')
    assert ("correction", 12) in got


def test_number_of_new_cases_across_a_relative_clause_is_a_flow() -> None:
    got = _pairs(
        "The number of new asymptomatic cases, which the country does not classify as "
        "confirmed cases, rose to 32 on Sunday. Daily new cases rose to 500."
    )
    assert {("asymptomatic_new", 32), ("confirmed_new", 500)} <= got


def test_not_reported_any_is_a_zero() -> None:
    got = _pairs("Vietnam has not recorded any new local infections for 50 days.")
    assert ("local_new", 0) in got


def test_part_of_the_imported_cases_after_an_asymptomatic_zero() -> None:
    got = _pairs(
        "The mainland reported 11 new imported cases on Sunday. There were no new asymptomatic "
        "infections. Of the imported cases, four were reported in Shanghai, three in Guangdong."
    )
    assert {("imported_new", 4), ("imported_new", 3)} <= got


def test_tally_and_toll_after_a_deaths_count_and_home_isolation() -> None:
    got = _pairs(
        "The state reported 5,902 fresh cases and 156 deaths on Sunday, taking the tally to "
        "16,92,693 and the toll to 44,548. The capital has 1.2 lakh people in home isolation."
    )
    assert {
        ("confirmed_cumulative", 1692693),
        ("deaths_cumulative", 44548),
        ("under_observation", 120000),
    } <= got


def test_chinese_reclassified_wording_and_number_first_subsets() -> None:
    text = (
        "2022年4月10日0—24时，本市新增本土确诊病例50例和无症状感染者900例，其中2例确诊病例为此前"
        "无症状感染者转归，48例确诊病例和880例无症状感染者在隔离管控中发现。"
    )
    got = _pairs(text, "2022-04-11")
    assert {("local_new", 50), ("reclassified", 2)} <= got
    assert not any(v == 880 for _, v in got)


def test_a_count_named_again_to_lead_into_its_parts_is_not_a_new_count() -> None:
    recs = extract(
        "On 5 March 2017, China notified WHO of 162 additional cases, including 20 deaths. Of "
        "these 162 cases, 57 were female. Of the 20 deaths, 12 occurred in Jiangsu.",
        "2017-03-06",
    )
    assert sum(1 for r in recs if r.value == 162) == 1
    assert ("deaths_new", 12) in {(r.category, r.value) for r in recs}


def test_type_numbers_and_this_week_in_an_outbreak_report() -> None:
    got = _pairs(
        "The ministry notified WHO of the event. In 2019, 176 cases of wild poliovirus type 1 "
        "were reported. Two cases of cVDPV2 were detected this week."
    )
    assert ("confirmed_new", 2) in got
    assert not any(v == 1 for _, v in got)


def test_labelled_lines_of_a_highlights_list() -> None:
    got = _pairs(
        "Highlights\n• 1,204 new cases and 12 new deaths reported in the last 24 hours\n"
        "• Cumulative: 45,210 cases, 1,023 deaths (CFR 2.3%)\n"
        "• Tests performed: 250,000 (positivity 4.5%)"
    )
    assert {
        ("confirmed_new", 1204),
        ("confirmed_cumulative", 45210),
        ("deaths_cumulative", 1023),
        ("tested", 250000),
    } <= got


def test_cases_that_are_mild() -> None:
    got = _pairs("The remaining 8 cases are mild. 5 patients have mild symptoms.")
    assert {("mild", 8), ("mild", 5)} <= got


def test_disease_names_joined_by_a_slash() -> None:
    got = _pairs("In week 32, 412 new AWD/cholera cases including 2 deaths were reported.")
    assert {("confirmed_new", 412), ("deaths_new", 2)} <= got


def test_a_zero_over_a_long_period_stays_a_flow() -> None:
    got = _pairs(
        "Beijing reported zero local transmissions for 56 days before June 11.", "2020-06-14"
    )
    assert ("local_new", 0) in got


def test_a_count_after_the_city_of_a_place_is_not_a_population() -> None:
    got = _pairs(
        "Guangdong reported 20 new local cases on Sunday. Eighteen of the confirmed cases were "
        "reported in the capital city of Guangzhou and the other two in the city of Foshan. "
        "Wuhan, a city of 11 million, was locked down."
    )
    assert ("local_new", 2) in got
    assert not any(v == 11000000 for _, v in got)


def test_chinese_number_first_suspected_cases() -> None:
    got = _pairs("5月9日，本市新增确诊病例2例。另有12例疑似病例正在排查中。")
    assert {("confirmed_new", 2), ("suspected", 12)} <= got


def test_n_dozen_is_a_multiple_of_twelve() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    assert [n.value for n in find_numbers("Some two dozen patients remain in hospital.")] == [24]
    assert [n.value for n in find_numbers("A dozen deaths were reported.")] == [12]


def test_chinese_deductions_and_the_city_s_imported_section() -> None:
    got = {
        (r.category, r.value, r.population)
        for r in extract(
            "累计治愈出院病例4323例(核减1例)。全市现有境外输入确诊病例18例,境外输入无症状感染者9例。",
            "2021-05-10",
        )
    }
    assert ("correction", 1, None) in got
    assert ("asymptomatic_active", 9, "imported") in got


def test_cases_under_investigation_are_suspected() -> None:
    got = _pairs("A total of 1,500 cases were confirmed. Other 3,047 remain under investigation.")
    assert ("suspected", 3047) in got


def test_a_percentage_then_its_count_of_the_confirmed_cases() -> None:
    got = _pairs(
        "Ebola virus disease: external situation report. As of 29 May, 37 confirmed cases "
        "were reported. Sixty-two percent (23) of the confirmed cases came from Iboko."
    )
    assert ("confirmed_cumulative", 23) in got


def test_items_outside_brackets_belong_to_the_head_outside_them() -> None:
    got = _pairs(
        "As of 20 May 2022, a total of 150 cases (including 40 deaths) have been reported: "
        "130 confirmed and 20 probable. There are currently 12 patients in care."
    )
    assert {("confirmed_cumulative", 130), ("probable", 20), ("active", 12)} <= got
    assert not any(c.startswith("deaths") and v in (130, 20) for c, v in got)


def test_health_workers_infected_including_deaths_and_days_of_follow_up() -> None:
    got = _pairs(
        "A total of 19 health workers have been infected, including seven deaths. The number "
        "of contacts is 4,000, of whom 3,200 have completed 21 days of follow-up."
    )
    assert not any(v in (19, 7) for _, v in got)
    assert ("contacts_released", 3200) in got


def test_unstable_condition_released_patients_and_people_released_from_quarantine() -> None:
    got = _pairs(
        "A total of 150 cases have been reported. Of them, 17 are in unstable condition. "
        "14 patients have been released from hospital after making full recoveries. A total of "
        "1,000 people were released from quarantine on Monday. Another 22 asymptomatic people "
        "were released from medical observation."
    )
    assert {
        ("severe", 17),
        ("recovered_cumulative", 14),
        ("contacts_released", 1000),
        ("asymptomatic_released_new", 22),
    } <= got


def test_quarantined_people_and_patients_on_ventilators() -> None:
    got = _pairs("It has quarantined 300 people. About 30 patients are on ventilators.")
    assert {("under_observation", 300), ("severe", 30)} <= got


def test_chinese_thousands_separators_and_more_than() -> None:
    recs = extract(
        "截至7月22日24时，累计追踪密切接触者3,000余人，目前仍有2,300余人正在接受医学观察。",
        "2020-07-23",
    )
    got = {(r.category, r.value, r.qualifier) for r in recs}
    assert {("contacts", 3000, "at_least"), ("under_observation", 2300, "at_least")} <= got


def test_items_after_a_colon_keep_their_own_kind() -> None:
    got = _pairs("Korea had 80 new cases on Friday: 70 local and 10 imported.", "2021-05-14")
    assert {("confirmed_new", 80), ("local_new", 70), ("imported_new", 10)} <= got


def test_accounting_for_and_an_apposition_with_cases_are_states() -> None:
    got = _pairs(
        "The Americas account for 5.4 million cases. Brazil, with 1.4 million cases, is the "
        "second most affected country."
    )
    assert {("confirmed_cumulative", 5400000), ("confirmed_cumulative", 1400000)} <= got


def test_labelled_figures_without_a_flow_word_are_totals() -> None:
    got = _pairs("Highlights\n• New cases: 1,204\n• Recovered: 40,100\n• Deaths: 1,023")
    assert {
        ("confirmed_new", 1204),
        ("recovered_cumulative", 40100),
        ("deaths_cumulative", 1023),
    } <= got


def test_chinese_since_date_starts_a_period_and_imported_totals_section() -> None:
    recs = extract(
        "6月28日0时至24时，北京市新增本地确诊病例7例。6月11日以来，累计报告本地确诊病例318例。"
        "累计报告境外输入确诊病例174例，治愈出院174例。",
        "2020-06-29",
    )
    got = {(r.category, r.value, r.date, r.period_start, r.population) for r in recs}
    assert ("confirmed_cumulative", 318, "2020-06-28", "2020-06-11", None) in got
    assert ("recovered_cumulative", 174, "2020-06-28", None, "imported") in got


def test_chinese_decimal_wan_and_people_who_completed_testing() -> None:
    from flareup.ingest.bulletin.numbers import parse_number

    assert parse_number("284.7万") == 2847000
    got = _pairs("截至10月24日24时，喀什地区已有284.7万人完成核酸检测。", "2020-10-25")
    assert ("tested", 2847000) in got


def test_a_total_of_confirmed_and_asymptomatic_infections() -> None:
    got = _pairs(
        "Kashgar has reported a total of 183 infections, including 21 confirmed cases and 162 "
        "asymptomatic carriers. The country has reported a total of 900 cases, including 30 "
        "deaths."
    )
    assert {
        ("infections_cumulative", 183),
        ("confirmed_cumulative", 21),
        ("asymptomatic_cumulative", 162),
        ("confirmed_cumulative", 900),
    } <= got


def test_cases_with_specimens_collected_are_tests_and_their_confirmed_part_positive() -> None:
    got = _pairs("Of 31 cases with specimens collected, 20 (65%) have been confirmed by PCR.")
    assert {("tested", 31), ("tested_positive", 20)} <= got


def test_a_long_place_phrase_between_people_and_their_verb() -> None:
    got = _pairs(
        "A total of 138 people in Kashgar prefecture of the Xinjiang Uygur autonomous region "
        "have tested positive as of Sunday.",
        "2020-10-26",
    )
    assert ("infections_cumulative", 138) in got


def test_a_ranking_of_countries_is_of_totals() -> None:
    got = _pairs("Spain had the most infections, with 4,298 cases.")
    assert ("confirmed_cumulative", 4298) in got


def test_positive_without_symptoms_is_asymptomatic_and_none_of_the_two_is_no_count() -> None:
    got = _pairs(
        "Officials found contamination after two of its handlers tested positive for the virus "
        "but displayed no symptoms. None of the two men's 147 close contacts tested positive."
    )
    assert {("asymptomatic_new", 2), ("tested_positive", 0), ("contacts", 147)} <= got
    assert ("tested_positive", 2) not in got


def test_a_hedged_count_in_a_sentence_opening_with_a_pronoun_is_not_a_part() -> None:
    got = _pairs(
        "The ministry reported five new cases on Monday. It also said the outbreak began after "
        "a man returned from Saudi Arabia, where more than 900 people were infected and 400 "
        "died from the disease."
    )
    assert {("confirmed_cumulative", 900), ("deaths_cumulative", 400)} <= got


def test_confirmed_or_asymptomatic_cases_are_all_infections() -> None:
    got = {
        (r.category, r.value)
        for r in extract(
            "A total of 88 local confirmed or asymptomatic cases were found in the city this month.",
            "2021-05-10",
        )
    }
    assert ("infections_cumulative", 88) in got


def test_cases_transferred_from_elsewhere_take_the_verb_after() -> None:
    got = {
        (r.category, r.value)
        for r in extract(
            "Another 7 cases transferred from nearby towns have also recovered.", "2021-05-10"
        )
    }
    assert any(c.startswith("recovered") and v == 7 for c, v in got)


def test_none_of_the_people_who_contracted_it_were_vaccinated_is_no_count() -> None:
    got = {
        (r.category, r.value)
        for r in extract(
            "Officials say none of the five people who contracted mumps were vaccinated.",
            "2021-05-10",
        )
    }
    assert not any(v == 0 for _, v in got)


def test_confirmed_positive_cases_and_we_now_have() -> None:
    got = {
        (r.category, r.value)
        for r in extract(
            "We now have 4,210 confirmed positive cases, the minister said.", "2021-05-10"
        )
    }
    assert ("confirmed_cumulative", 4210) in got


def test_chinese_zeros_of_severe_cases_and_reclassifications() -> None:
    text = (
        "截至5月3日24时,全省现有确诊病例12例(无重症病例),累计确诊病例340例。"
        "全省新增无症状感染者2例;当日无转为确诊病例。"
    )
    got = {(r.category, r.value) for r in extract(text, "2021-05-04")}
    assert ("severe", 0) in got
    assert ("reclassified", 0) in got
    assert ("active", 12) in got


def test_an_item_in_the_community_is_local() -> None:
    got = {
        (r.category, r.value)
        for r in extract(
            "The island reported 41 new cases on Monday, including three in the community and "
            "five imported cases.",
            "2021-05-10",
        )
    }
    assert ("local_new", 3) in got
    assert ("imported_new", 5) in got


def test_hospitals_admitted_n_patients_are_hospitalised() -> None:
    got = {
        (r.category, r.value)
        for r in extract("Over the past seven days, hospitals admitted 512 patients.", "2021-05-10")
    }
    assert ("hospitalized", 512) in got


def test_clinically_diagnosed_cases_are_cases() -> None:
    got = _pairs("Officials counted 64 clinically-diagnosed cases of measles in the camp.")
    assert ("confirmed_new", 64) in got


def test_chinese_reclassification_of_an_origin_named_asymptomatic_infection() -> None:
    got = _pairs("当日另有3例本土无症状感染者转为确诊病例(南宁2例,柳州1例)。")
    assert {("reclassified", 3), ("reclassified", 2), ("reclassified", 1)} <= got


def test_people_under_active_medical_supervision_are_active_cases() -> None:
    assert ("active", 4310) in _pairs("At present 4,310 people are under active medical care.")
