"""Category classes of the seventh round (dev11), one mechanism per test, on invented
sentences: the vocabulary of machine-translated Chinese provincial bulletins (cured and
discharged, released from medical observation, existing cases as of 24:00), breakdowns
whose items are set off by semicolons, counts by detection channel, ages by decade."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2022-03-08") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_a_new_case_cured_and_discharged_is_a_recovery() -> None:
    got = _pairs(
        "On March 7, no new local confirmed cases were reported in Hubei Province, and 2 new "
        "cases were cured and discharged (2 cases in Xiaogan City)."
    )
    assert ("recovered_new", 2) in got
    assert ("confirmed_new", 2) not in got


def test_singular_case_cured_is_a_recovery() -> None:
    got = _pairs("On March 7, 1 new case was cured and discharged in Hainan Province.")
    assert ("recovered_new", 1) in got


def test_cases_released_from_medical_observation_are_asymptomatic_releases() -> None:
    got = _pairs(
        "On March 7, 9 cases were released from isolation and medical observation in Hunan "
        "Province (4 cases in Changsha City; 5 cases in Yueyang City)."
    )
    assert {
        ("asymptomatic_released_new", 9),
        ("asymptomatic_released_new", 4),
        ("asymptomatic_released_new", 5),
    } <= got


def test_contacts_released_from_observation_stay_contacts() -> None:
    got = _pairs("On March 7, 210 close contacts were released from medical observation.")
    assert ("contacts_released", 210) in got


def test_infectors_and_contacts_dismissed_share_the_verb() -> None:
    got = _pairs(
        "On Monday, 12 asymptomatic infectors and 88 close contacts were dismissed from "
        "medical observation."
    )
    assert ("asymptomatic_released_new", 12) in got
    assert ("contacts_released", 88) in got


def test_a_total_discharged_on_a_named_day_is_that_days_flow() -> None:
    got = _pairs("A total of 14 patients were discharged from hospital after recovery on Monday.")
    assert ("recovered_new", 14) in got
    assert ("recovered_cumulative", 14) not in got


def test_cases_of_recovery_today() -> None:
    got = _pairs("The ministry also recorded 37 cases of recovery today in the capital.")
    assert ("recovered_new", 37) in got


def test_semicolons_between_items_keep_the_heads_category() -> None:
    got = _pairs(
        "On March 7, there were 40 new cases of local asymptomatic infections in Hunan "
        "Province, including 6 cases in Changsha City; 34 cases in Yueyang City, including "
        "30 cases in Pingjiang County and 4 cases in Miluo City."
    )
    assert {
        ("asymptomatic_local_new", 40),
        ("asymptomatic_local_new", 6),
        ("asymptomatic_local_new", 34),
        ("asymptomatic_local_new", 30),
        ("asymptomatic_local_new", 4),
    } <= got
    assert not any(c == "local_new" for c, _ in got)


def test_a_semicolon_before_a_new_statement_still_ends_the_breakdown() -> None:
    got = _pairs(
        "On March 7, 12 new deaths were reported, including 3 in Changsha; 40 cases were "
        "reported in Yueyang."
    )
    assert ("deaths_new", 40) not in got


def test_count_by_detection_channel_is_no_count() -> None:
    got = _pairs(
        "31 new local confirmed cases: 8 cases of closed-loop transfer personnel returning "
        "from other provinces, 20 cases in Mianyang, 3 cases in Deyang."
    )
    assert ("local_new", 8) not in got
    assert {("local_new", 31), ("local_new", 20), ("local_new", 3)} <= got


def test_existing_cases_as_of_midnight_are_active() -> None:
    got = _pairs(
        "As of 24:00 on March 7, there are 1,204 confirmed cases in mainland China, a total "
        "of 4,600 deaths, and a total of 110,200 confirmed cases."
    )
    assert ("active", 1204) in got
    assert ("confirmed_cumulative", 110200) in got


def test_age_by_decade_is_no_count() -> None:
    got = _pairs(
        "Two deaths were reported on Monday: a woman in her 70s from Halifax and a man in "
        "his 60s from the Western zone."
    )
    assert not any(v in (60, 70) for _, v in got)


def test_bound_for_each_unit_is_no_count() -> None:
    got = _pairs(
        "There were 80 new local cases, including 60 in Hebei, and 4 provinces each had "
        "less than 5 new cases; 7 other provinces each increased by a single digit."
    )
    assert ("local_new", 5) not in got
    assert not any(v == 1 for _, v in got)


def test_each_reported_one_stays_a_count() -> None:
    got = _pairs("Shanxi and Hebei each reported one imported case on Monday.")
    assert any(v == 1 for _, v in got)


def test_infections_confirmed_plus_asymptomatic_are_positives() -> None:
    got = _pairs(
        "On March 7, there were 310 new cases of local infections (confirmed + asymptomatic) "
        "in mainland China."
    )
    assert ("tested_positive", 310) in got


def test_cases_confirmed_locally_are_local() -> None:
    got = _pairs("On March 7, 45 cases were confirmed locally, 30 in Jilin and 15 in Hebei.")
    assert {("local_new", 45), ("local_new", 30), ("local_new", 15)} <= got


def test_counts_of_the_latest_resurgence_are_totals() -> None:
    got = _pairs(
        "From March 1 to March 7, Jilin had reported 260 confirmed cases and 912 asymptomatic "
        "carriers in the latest epidemic resurgence."
    )
    assert {("confirmed_cumulative", 260), ("asymptomatic_cumulative", 912)} <= got


def test_a_days_count_that_brings_the_resurgence_total_stays_a_flow() -> None:
    got = _pairs(
        "Jilin reported 44 locally transmitted cases on Monday, bringing the total number of "
        "local cases in the latest resurgence to 812."
    )
    assert ("local_new", 44) in got


def test_total_deaths_to_n_cases_is_a_death_toll() -> None:
    got = _pairs(
        "The ministry recorded 4 new deaths, bringing the total deaths in the country to 215 cases."
    )
    assert ("deaths_cumulative", 215) in got


def test_people_requiring_hospitalization_and_ventilators() -> None:
    got = _pairs(
        "Of those infected, 2,310 people required hospitalization, including 205 on "
        "ventilators in intensive care units."
    )
    assert {("hospitalized", 2310), ("severe", 205)} <= got


def test_cases_that_are_suspected() -> None:
    got = _pairs("Officials said at least 6 more cases are suspected in the district.")
    assert ("suspected", 6) in got


def test_made_full_recovery() -> None:
    got = _pairs("Of the patients admitted this year, 8,120 made full recovery.")
    assert any(c.startswith("recovered") and v == 8120 for c, v in got)


def test_chinese_parts_after_an_asymptomatic_sentence_are_asymptomatic() -> None:
    got = _pairs(
        "3月7日0-24时,全省报告新增无症状感染者22例。其中境外输入9例(泰国输入5例,日本输入4例);"
        "本土13例(温州市10例,台州市3例)。",
        "2022-03-08",
    )
    assert {
        ("asymptomatic_new", 22),
        ("asymptomatic_imported_new", 9),
        ("asymptomatic_local_new", 13),
        ("asymptomatic_local_new", 10),
        ("asymptomatic_local_new", 3),
    } <= got
    assert ("imported_new", 9) not in got
    assert ("asymptomatic_imported_new", 5) not in got  # a country of origin


def test_imported_items_placed_abroad_are_countries_of_origin() -> None:
    got = _pairs(
        "As of 24:00 on March 7, Hunan has 6 imported confirmed cases (2 in Hong Kong, China, "
        "4 in Malaysia), and 3 imported asymptomatic infections (3 in Japan)."
    )
    assert not any(v in (2, 4) for _, v in got)
    assert any(v == 6 for _, v in got)


def test_items_of_an_imported_count_in_provinces_stay_counts() -> None:
    got = _pairs(
        "On March 7, 9 new imported cases were reported, 5 in Shanghai and 4 in Guangdong."
    )
    assert {("imported_new", 5), ("imported_new", 4)} <= got


def test_coordinated_zero_keeps_the_origin() -> None:
    got = _pairs(
        "On March 7, there were no new imported confirmed cases and asymptomatic infections "
        "in Hunan."
    )
    assert {("imported_new", 0), ("asymptomatic_imported_new", 0)} <= got


def test_deaths_accumulated_to_and_unchanged_at_are_totals() -> None:
    got = _pairs(
        "The number of related deaths has accumulated to 77 in Macao. The number of "
        "fatalities in Busan remained unchanged at 12."
    )
    assert {("deaths_cumulative", 77), ("deaths_cumulative", 12)} <= got


def test_recoveries_went_up_by_is_the_days_recoveries() -> None:
    got = _pairs("Recoveries also went up by 212 to reach 8,410, the ministry said.")
    assert ("recovered_new", 212) in got


def test_recovery_count_to_is_a_total() -> None:
    got = _pairs("Thirty people were discharged, taking the overall recovery count to 915.")
    assert ("recovered_cumulative", 915) in got


def test_hospital_beds_occupied_are_the_hospitalized() -> None:
    got = _pairs(
        "The number of hospital beds occupied by cholera patients continues to fall, "
        "reaching 45, down from 51."
    )
    assert ("hospitalized", 45) in got


def test_a_decrease_compared_to_yesterday_is_no_count() -> None:
    got = _pairs(
        "Doctors identified 310 new cases in the past 24 hours, a decrease of 25 infections "
        "compared to yesterday's numbers."
    )
    assert not any(v == 25 for _, v in got)


def test_said_to_be_in_serious_condition_is_severe() -> None:
    got = _pairs(
        "In all, 1,020 patients are hospitalized, 31 of them are said to be in serious condition."
    )
    assert ("severe", 31) in got


def test_bare_number_that_has_tested_positive_is_a_total_of_cases() -> None:
    got = _pairs(
        "The country has conducted 52,000 sample tests. Among those tests, only 612 have "
        "tested positive."
    )
    assert ("confirmed_cumulative", 612) in got


def test_n_cases_after_m_new_cases_is_the_total() -> None:
    got = _pairs("Chile on Monday reported 310,200 cases of COVID-19 after 2,104 new cases.")
    assert {("confirmed_cumulative", 310200), ("confirmed_new", 2104)} <= got


def test_since_a_date_alone_is_that_periods_count() -> None:
    got = _pairs(
        "Since March 1 alone there have been 420 suspected cases and 12 suspected deaths.",
        "2022-03-08",
    )
    assert ("suspected_new", 420) in got
    assert ("deaths_new", 12) in got


def test_imported_with_a_total_of_is_the_imported_total() -> None:
    got = _pairs(
        "As of 24:00 on March 7, there are 310 confirmed cases imported from abroad, with a "
        "total of 12,400 confirmed cases and no deaths."
    )
    assert ("imported_cumulative", 12400) in got


def test_cases_related_to_imported_cases_are_not_imported() -> None:
    got = _pairs(
        "Taipei had reported a total of 80 confirmed cases, with 71 being imported and nine "
        "being related to imported cases."
    )
    assert {("imported_cumulative", 71), ("confirmed_cumulative", 9)} <= got


def test_received_isolation_treatment_as_of_midnight_is_active() -> None:
    got = _pairs(
        "As of 24:00 on March 7, one case of asymptomatic infection was imported from abroad "
        "and received isolation treatment in designated hospitals."
    )
    assert ("asymptomatic_active", 1) in got


def test_pending_results_and_demographic_shares_are_no_counts() -> None:
    got = _pairs(
        "Of the 140 reported cases, more than half were female (n=77; 55%). The results for "
        "samples from a further 18 of the suspected cases remain pending."
    )
    assert not any(v in (77, 18) for _, v in got)


def test_isolation_rooms_are_no_people() -> None:
    got = _pairs("By Sunday, 4,100 isolation rooms had been put into operation in the county.")
    assert not got


def test_contacts_still_under_centralized_isolation_are_under_observation() -> None:
    got = _pairs(
        "On Monday, 210 close contacts were dismissed from medical observation, but 9,120 "
        "close and secondary contacts are still under centralized isolation."
    )
    assert {("contacts_released", 210), ("under_observation", 9120)} <= got


def test_plague_form_is_part_of_the_disease_name() -> None:
    got = _pairs("One pneumonic plague case has been confirmed in Gansu, officials said on Monday.")
    assert ("confirmed_new", 1) in got


def test_suspected_cases_of_a_disease_are_n() -> None:
    got = _pairs("To date, suspected cholera cases are 412.")
    assert ("suspected", 412) in got


def test_breakdown_by_epidemiological_link_is_no_count() -> None:
    got = _pairs(
        "Among the local cases, 21 were related to previously confirmed cases and sources of "
        "the other 9 cases were unknown."
    )
    assert not any(v in (21, 9) for _, v in got)


def test_chinese_recoveries_of_an_origin_and_zero_releases() -> None:
    got = _pairs(
        "3月7日0时至24时,当日新增治愈出院境外输入确诊病例2例(烟台2例)。当日无解除医学观察无症状感染者。",
        "2022-03-08",
    )
    assert {("recovered_new", 2), ("asymptomatic_released_new", 0)} <= got
    assert ("imported_new", 2) not in got


def test_positive_infected_persons_are_positives() -> None:
    got = _pairs("On March 7, there were 14 new local positive infected persons in Taiyuan City.")
    assert ("tested_positive", 14) in got


def test_asymptomatic_persons_lifted_from_medical_observation() -> None:
    got = _pairs(
        "On March 7, 17 asymptomatic infected persons were lifted from medical observation."
    )
    assert ("asymptomatic_released_new", 17) in got


def test_part_found_through_a_channel_is_no_count() -> None:
    got = _pairs(
        "On March 7, there were 30 new asymptomatic infections. Among them, 26 were found in "
        "the control area."
    )
    assert ("asymptomatic_new", 30) in got
    assert not any(v == 26 for _, v in got)


def test_head_count_found_in_quarantine_stays_a_count() -> None:
    got = _pairs("On March 7, 5 new cases were found in centralized isolation in Taiyuan.")
    assert ("confirmed_new", 5) in got


def test_age_groups_are_no_counts() -> None:
    got = _pairs("Of the 20 new cases, 15 were in their 20s and 30s.")
    assert not any(v in (15, 30) for _, v in got)


def test_number_of_people_in_hospital_is_the_hospitalized() -> None:
    got = _pairs(
        "The number of people in hospital with the virus fell to 212 from 240 a day earlier."
    )
    assert {("hospitalized", 212), ("hospitalized", 240)} <= got


def test_contacts_who_developed_symptoms_are_a_part() -> None:
    got = _pairs("Officials are following 150 contacts, 12 of whom have developed symptoms.")
    assert not any(v == 12 for _, v in got)


def test_confirmed_part_belongs_to_the_cases_not_the_deaths() -> None:
    got = _pairs(
        "Between 1 January and 30 June 2022, a total of 904 suspected cases including 17 deaths "
        "were reported, of which 311 were laboratory confirmed."
    )
    assert ("confirmed_cumulative", 311) in got
    assert not any(c.startswith("deaths") and v == 311 for c, v in got)


def test_deaths_with_a_toll_reported_on_a_day_are_that_days() -> None:
    got = _pairs("The death toll reached 2,410 with five fatalities reported on Monday.")
    assert {("deaths_cumulative", 2410), ("deaths_new", 5)} <= got


def test_children_the_outbreak_affected_are_the_count() -> None:
    got = _pairs(
        "The measles outbreak has now affected 310 children, 9 of whom have died. Officials "
        "vaccinated 20,000 children during the campaign."
    )
    assert {("confirmed_cumulative", 310), ("deaths_cumulative", 9)} <= got
    assert not any(v == 20000 for _, v in got)


def test_released_from_quarantine_upon_recovery_are_recoveries() -> None:
    got = _pairs(
        "The country added 41 new cases. In all, 9,100 people have been released from "
        "quarantine upon recovery."
    )
    assert ("recovered_cumulative", 9100) in got
    assert ("contacts_released", 9100) not in got


def test_opening_of_the_local_cases_names_the_parent_family() -> None:
    got = _pairs(
        "The country added 30 new cases, including 18 imported ones. The number of deaths "
        "remained at 290. Of the locally transmitted cases, 7 were reported in Seoul and 5 in "
        "Busan."
    )
    assert {("local_new", 7), ("local_new", 5)} <= got
    assert not any(c.startswith("deaths") and v in (7, 5) for c, v in got)


def test_people_awaiting_results_are_no_count() -> None:
    got = _pairs("Authorities have tested 91,200 people so far, with 2,014 still awaiting results.")
    assert ("tested", 91200) in got
    assert not any(v == 2014 for _, v in got)


def test_new_asymptomatic_reported_beside_those_under_observation() -> None:
    got = _pairs(
        "On Monday, 420 new asymptomatic cases were also reported, and 1,980 asymptomatic "
        "cases remained under medical observation."
    )
    assert {("asymptomatic_new", 420), ("asymptomatic_active", 1980)} <= got
