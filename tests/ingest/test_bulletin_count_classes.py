"""Classes of count wording that recur across outlets and diseases (issue 10, round 4), one
mechanism per test, on invented sentences."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _pairs(text: str, pub: str | None = "2022-05-10") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_chinese_release_from_isolated_observation_with_noun_after_number() -> None:
    text = "5月9日0时至24时,本市新增无症状感染者6例。某某县3例无症状感染者解除隔离医学观察。"
    assert ("asymptomatic_released_new", 3) in _pairs(text)


def test_chinese_release_from_isolated_observation_with_noun_first() -> None:
    text = "5月9日0时至24时,本省新增无症状感染者解除隔离医学观察7例。"
    assert ("asymptomatic_released_new", 7) in _pairs(text)


def test_chinese_no_current_suspected_cases_is_a_zero() -> None:
    text = "截至5月9日24时,本省现有确诊病例12例,无现有疑似病例。"
    assert ("suspected", 0) in _pairs(text)


def test_part_set_off_by_commas_leaves_the_verb_to_the_count() -> None:
    text = (
        "The health board said 12 people, including three from overseas, were still suspected "
        "of being infected on Monday."
    )
    got = _pairs(text)
    assert ("suspected", 12) in got
    assert ("suspected", 3) in got


def test_asymptomatic_cases_still_under_observation_past_a_part_are_active() -> None:
    text = (
        "The board said 47 asymptomatic cases, including 20 from abroad, were still under "
        "medical observation."
    )
    got = _pairs(text)
    assert ("asymptomatic_active", 47) in got
    assert ("asymptomatic_new", 47) not in got


def test_deaths_followed_by_the_stated_total_are_the_flow() -> None:
    text = (
        "The ministry said on Monday that 42 patients have died. The total number of deaths "
        "is now 1,310."
    )
    got = _pairs(text)
    assert ("deaths_new", 42) in got
    assert ("deaths_cumulative", 1310) in got
    assert ("deaths_cumulative", 42) not in got


def test_recoveries_followed_by_the_stated_total_are_the_flow() -> None:
    text = (
        "Officials said 85 people with measles had recovered after treatment since they were "
        "admitted. Thus, the total number of recovered people stands at 940."
    )
    got = _pairs(text)
    assert ("recovered_new", 85) in got
    assert ("recovered_cumulative", 85) not in got


def test_a_total_said_as_such_stays_a_total_before_a_larger_one() -> None:
    text = (
        "In the district, 30 people have died so far. The total number of deaths in the "
        "country is now 210."
    )
    assert ("deaths_new", 30) not in _pairs(text)


def test_part_said_to_be_active_is_active() -> None:
    text = (
        "The region has now recorded 12,400 confirmed cases of cholera. Of the confirmed "
        "cases, 1,950 are active."
    )
    got = _pairs(text)
    assert ("active", 1950) in got
    assert ("confirmed_cumulative", 12400) in got


def test_active_predicate_on_a_plain_count() -> None:
    assert ("active", 318) in _pairs("In the state, 318 cases remain active.")


def test_parts_after_a_total_of_new_cases_are_new() -> None:
    text = (
        "As of today, the agency said 215 new dengue cases were recorded in total, with 180 "
        "local and 35 imported cases."
    )
    got = _pairs(text)
    assert {("confirmed_new", 215), ("local_new", 180), ("imported_new", 35)} <= got
    assert not {c for c, _ in got} & {"confirmed_cumulative", "imported_cumulative"}


def test_of_all_the_cases_opens_a_breakdown_of_the_count_before() -> None:
    text = (
        "The province reported 12 new measles cases on Tuesday. Of all the new cases, eight "
        "were reported in Kandy, three in Galle, and one in Matara."
    )
    got = _pairs(text)
    assert {("confirmed_new", 12), ("confirmed_new", 8), ("confirmed_new", 3)} <= got
    assert ("confirmed_new", 1) in got


def test_the_kind_of_cases_include_places_is_a_breakdown_of_that_kind() -> None:
    text = (
        "The ministry reported 15 new cholera cases on Friday, including 12 local cases and "
        "three imported cases. The local cases include nine in Kisumu and three in Siaya."
    )
    got = _pairs(text)
    assert {("local_new", 9), ("local_new", 3)} <= got


def test_cases_comprising_a_demographic_part_are_no_breakdown() -> None:
    text = (
        "Six new cases were confirmed on Friday. The patients comprise four males aged from "
        "40 to 77 and two females."
    )
    got = _pairs(text)
    assert ("confirmed_new", 40) not in got
    assert ("confirmed_new", 77) not in got


def test_number_after_a_comma_without_its_space() -> None:
    from flareup.ingest.bulletin.numbers import find_numbers

    assert [n.value for n in find_numbers("Meanwhile,57 more deaths were reported.")] == [57]
    got = [n.value for n in find_numbers("From week 1 to week 9, 2023,212 deaths were reported")]
    assert 212 in got and 2023212 not in got
    assert [n.value for n in find_numbers("There were 1,234,567 tests.")] == [1234567]


def test_what_a_place_had_is_a_stock() -> None:
    got = _pairs(
        "According to the bulletin, the province had 64 confirmed cholera cases and 12 "
        "suspected cases, and 410 people were under observation."
    )
    assert ("confirmed_cumulative", 64) in got or ("active", 64) in got
    assert ("confirmed_new", 64) not in got


def test_what_a_place_had_on_a_named_day_stays_that_day() -> None:
    got = _pairs("The province had 14 new cases on Monday.")
    assert ("confirmed_new", 14) in got


def test_list_heading_names_the_kind_of_its_items() -> None:
    text = (
        "In the North Province, suspected cases are as follows: Kaya (12 cases), Dori (3 cases) "
        "and Djibo (7 cases)."
    )
    got = _pairs(text)
    assert {("suspected", 12), ("suspected", 3), ("suspected", 7)} <= got


def test_list_heading_of_probable_cases_by_district() -> None:
    got = _pairs("Probable cases by district: Kasese (4 cases), Bundibugyo (2 cases).")
    assert {("probable", 4), ("probable", 2)} <= got


def test_the_week_to_a_date_is_a_period_count() -> None:
    text = (
        "Incidence is rising in the north (64 confirmed cases reported in the week to 12 "
        "March) and stable in the south (20 confirmed cases in the 7 days to 10 March)."
    )
    got = _pairs(text)
    assert {("confirmed_new", 64), ("confirmed_new", 20)} <= got


def test_all_but_n_tested_negative_are_the_positive_ones() -> None:
    got = _pairs("After mass screening, all but 27 residents had tested negative.")
    assert ("tested_positive", 27) in got
    assert ("tested_negative", 27) not in got


def test_case_register_numbers_are_no_counts() -> None:
    text = (
        "The ministry reported 4 new cases. The deaths were of cases reported earlier on "
        "2 May (case no. 14) and on 28 April (cases n. 9, 11 and 12); patient #30 recovered."
    )
    got = {v for _, v in _pairs(text)}
    assert 4 in got
    assert not got & {14, 9, 11, 12, 30}


def test_details_of_the_cases_point_back_and_count_nothing() -> None:
    text = (
        "The ministry notified WHO of 9 additional cases of MERS on Monday. Details of the 9 "
        "cases are published on the ministry's website."
    )
    got = _pairs(text)
    assert ("confirmed_new", 9) in got
    assert ("confirmed_cumulative", 9) not in got


def test_counts_of_a_calendar_month_are_that_months() -> None:
    text = (
        "The region recorded 190 measles deaths so far this year. The deaths were reported in "
        "March with 40; April with 70; and May with 80."
    )
    got = _pairs(text)
    assert {("deaths_new", 40), ("deaths_new", 70), ("deaths_new", 80)} <= got


def test_the_month_an_outbreak_began_is_no_period_of_its_total() -> None:
    text = (
        "The country has reported a total of 620 cases including 31 deaths in the epidemic "
        "that began in April."
    )
    got = _pairs(text)
    assert ("deaths_new", 31) not in got


def test_a_range_of_a_few_weeks_is_a_period_count() -> None:
    text = (
        "The agency reported 40,210 cholera cases from Jan. 1 to Aug. 6. From July 10 to "
        "Aug. 6, 5,120 cases were recorded."
    )
    got = _pairs(text, "2022-08-09")
    assert ("confirmed_new", 5120) in got
    assert ("confirmed_cumulative", 40210) in got


def test_a_range_of_months_is_no_short_period() -> None:
    got = _pairs(
        "From March 3 to August 30, 912 cases were recorded in the district.", "2022-09-01"
    )
    assert ("confirmed_new", 912) not in got


def test_places_listed_with_their_counts_after_most_cases() -> None:
    text = (
        "The ministry said most malaria cases were reported from Kisumu with 4,210 at 20 "
        "percent; Busia with 3,100 at 15 percent; and Siaya with 1,905 at 9 percent."
    )
    got = _pairs(text)
    assert {
        ("confirmed_cumulative", 4210),
        ("confirmed_cumulative", 3100),
        ("confirmed_cumulative", 1905),
    } <= got


def test_places_listed_with_their_deaths_in_a_week() -> None:
    text = "In the past week, deaths were recorded in Kasai with 12 and Tshopo with 5."
    got = _pairs(text)
    assert {("deaths_new", 12), ("deaths_new", 5)} <= got


def test_confirmed_part_of_suspected_cases_said_before() -> None:
    text = (
        "As of 3 May, a total of 40 cumulative cases including six deaths have been reported. "
        "Nine of these 40 suspected cases have been laboratory confirmed and 31 are currently "
        "classified as suspected cases."
    )
    got = _pairs(text)
    assert ("confirmed_cumulative", 9) in got
    assert ("suspected", 31) in got
    assert ("suspected", 9) not in got
    assert ("suspected", 40) not in got


def test_clinical_forms_of_a_count_are_no_counts() -> None:
    text = (
        "A total of 14 anthrax cases have been confirmed (11 cutaneous and three "
        "gastrointestinal cases)."
    )
    got = _pairs(text)
    assert ("confirmed_cumulative", 14) in got
    assert not {v for _, v in got} & {11, 3}


def test_deaths_by_clinical_form_are_no_counts() -> None:
    text = (
        "Eight plague deaths have been reported so far; five in confirmed pneumonic cases and "
        "three in bubonic cases."
    )
    got = _pairs(text)
    assert ("deaths_cumulative", 8) in got
    assert not {v for _, v in got} & {5, 3}


def test_parts_by_two_word_nationality_and_foreigners() -> None:
    text = (
        "The agency reported 20 imported cases on Monday. Of the imported cases, eight were "
        "New Zealanders and 12 foreigners."
    )
    got = _pairs(text)
    assert ("imported_new", 20) in got
    assert not {v for _, v in got} & {8, 12}


def test_places_with_an_adverb_before_their_adjective_are_no_count() -> None:
    text = (
        "A total of 640 cases have been reported in four affected countries and two "
        "recently affected districts."
    )
    got = _pairs(text)
    assert ("confirmed_cumulative", 640) in got
    assert not {v for _, v in got} & {4, 2}


def test_places_that_have_recorded_at_least_one_case_is_a_threshold() -> None:
    text = (
        "In total for 2023, 17 states have recorded at least one confirmed case across 60 "
        "local government areas, and 512 cases have been confirmed."
    )
    got = _pairs(text)
    assert ("confirmed_cumulative", 512) in got
    assert ("confirmed_cumulative", 1) not in got


def test_contacts_who_completed_the_follow_up_after_a_long_modifier() -> None:
    text = (
        "In the district, all 57 contacts of the nurse who was infected at the referral "
        "hospital have completed the 42-day follow-up period."
    )
    assert ("contacts_released", 57) in _pairs(text)


def test_contacts_still_followed_while_others_completed() -> None:
    text = "There are 120 contacts under follow-up, while 30 others completed their follow-up."
    got = _pairs(text)
    assert ("contacts_released", 120) not in got


def test_samples_still_being_analysed_are_no_count() -> None:
    text = (
        "Of the 60 stool samples collected, 21 tested positive for cholera, 30 tested negative "
        "and 9 are still being analysed."
    )
    got = _pairs(text)
    assert ("tested_positive", 21) in got
    assert not {v for _, v in got} & {9}


def test_a_series_of_days_after_the_number_of_a_kind() -> None:
    text = (
        "The number of daily new imported cases stayed low over the weekend, with four on "
        "Saturday, two on Sunday and five on Monday."
    )
    got = _pairs(text, "2022-05-10")
    assert {("imported_new", 4), ("imported_new", 2), ("imported_new", 5)} <= got


def test_n_others_were_imported_is_the_rest_of_the_count_before() -> None:
    text = (
        "Including the 9 cases in Dalian, the country reported 14 new cases on Monday, the "
        "authority said. Five others were imported cases."
    )
    got = _pairs(text)
    assert ("imported_new", 5) in got


def test_no_one_in_serious_condition_is_a_zero_of_severe_cases() -> None:
    text = "As of Monday, 31 patients remained hospitalized, with no one in serious condition."
    got = _pairs(text)
    assert ("severe", 0) in got
