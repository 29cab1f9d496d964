"""Category classes of the bulletin extractor found in the dev8 round, each checked on an
invented sentence: list items after a colon, flows before a total in the same sentence,
breakdown items under the head of their own clause, heads named without a numeral."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _cv(text: str, pub: str) -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_items_after_a_colon_inherit_the_head_whose_noun_ends_at_the_colon() -> None:
    text = (
        "The ministry announced 41 more H1N1-related deaths: 12 from Sofala, 20 from "
        "Nampula and 9 from Zambezia."
    )
    got = _cv(text, "2019-04-02")
    assert {
        ("deaths_new", 41),
        ("deaths_new", 12),
        ("deaths_new", 20),
        ("deaths_new", 9),
    } <= got
    assert not any(c == "deaths_cumulative" for c, _ in got)


def test_a_count_before_a_stated_total_of_its_kind_in_one_sentence_is_the_flow() -> None:
    text = (
        "Nearly 640 patients have recovered from the illness and the total recoveries now stand "
        "at 88,210."
    )
    assert {("recovered_new", 640), ("recovered_cumulative", 88210)} <= _cv(text, "2021-03-02")
    text = (
        "The minister said four patients have died of the disease, bringing Ruritania's deaths "
        "since January to 2,310."
    )
    assert {("deaths_new", 4), ("deaths_cumulative", 2310)} <= _cv(text, "2021-03-02")
    # a count with its own word of a total stays one
    text = "So far 640 patients have recovered and the total number of cases stood at 88,210."
    assert ("recovered_cumulative", 640) in _cv(text, "2021-03-02")


def test_parts_led_by_of_the_asymptomatic_cases_are_asymptomatic() -> None:
    text = (
        "Hebei reported 9 new confirmed cases and 6 new asymptomatic cases on Friday. Among the "
        "new asymptomatic cases, four were found in Xingtai and two in Handan."
    )
    got = _cv(text, "2021-02-06")
    assert {("asymptomatic_new", 4), ("asymptomatic_new", 2)} <= got
    assert ("confirmed_new", 4) not in got
    text = (
        "Hebei reported 9 new confirmed cases and 6 new asymptomatic carriers on Friday. Of the "
        "carriers, five were found in Xingtai."
    )
    assert ("asymptomatic_new", 5) in _cv(text, "2021-02-06")


def test_items_written_n_cases_in_a_place_take_their_head_counts_kind() -> None:
    text = (
        "Henan reported 15 new local confirmed cases on Monday; 120 new local asymptomatic "
        "infections, including 100 cases in Zhengzhou and 20 cases in Luoyang; 64 asymptomatic "
        "carriers were released from medical observation, of which 60 cases in Zhengzhou."
    )
    got = _cv(text, "2022-03-08")
    assert {
        ("asymptomatic_local_new", 120),
        ("asymptomatic_local_new", 100),
        ("asymptomatic_local_new", 20),
        ("asymptomatic_released_new", 60),
    } <= got
    assert not any(c in ("confirmed_new", "local_new") and v in (100, 20, 60) for c, v in got)
    # a count with words of its own kind stays its own
    text = "Henan reported 15 new asymptomatic infections, including 3 new confirmed cases."
    assert ("confirmed_new", 3) in _cv(text, "2022-03-08")


def test_asymptomatic_infections_turned_into_confirmed_cases_are_reclassifications() -> None:
    text = (
        "Hubei reported 30 new local confirmed cases on Monday (including 6 asymptomatic "
        "carriers converted to confirmed cases)."
    )
    got = _cv(text, "2022-03-08")
    assert ("reclassified", 6) in got and ("asymptomatic_new", 6) not in got
    text = (
        "Hubei reported 30 new local confirmed cases on Monday. The new cases include two that "
        "were previously counted as asymptomatic infections."
    )
    assert ("reclassified", 2) in _cv(text, "2022-03-08")


def test_of_the_asymptomatic_cases_after_a_reclassification_is_asymptomatic() -> None:
    text = (
        "Hebei reported 9 new confirmed cases and 6 new asymptomatic cases on Friday. The new "
        "confirmed cases include two that were previously counted as asymptomatic infections. "
        "Of the new asymptomatic cases, four were found in Xingtai and two in Handan."
    )
    got = _cv(text, "2021-02-06")
    assert {("reclassified", 2), ("asymptomatic_new", 4), ("asymptomatic_new", 2)} <= got


def test_confirmed_cases_in_hospital_now_are_the_active_cases() -> None:
    got = _cv("Shanxi now has 27 confirmed cases in hospital, the commission said.", "2021-02-06")
    assert ("active", 27) in got and ("hospitalized", 27) not in got
    # people admitted or hospitalised stay hospitalisations
    got = _cv("A total of 310 people were hospitalised with the virus.", "2021-02-06")
    assert ("hospitalized", 310) in got


def test_a_named_items_bracket_after_a_count_of_units_is_the_items_count() -> None:
    text = (
        "Cholera has spread to 3 districts, namely Chipata (41 cases and 2 deaths) and Lundazi "
        "(12 cases)."
    )
    got = _cv(text, "2018-03-01")
    assert any(c.startswith("confirmed") and v == 41 for c, v in got)
    assert any(c.startswith("confirmed") and v == 12 for c, v in got)
    # the bracket right after the units' noun is still theirs ("33 countries (4 new)")
    assert not any(
        v == 4 for _, v in _cv("Cases were reported in 33 countries (4 new).", "2020-03-01")
    )


def test_bare_bracketed_counts_after_names_count_the_sentences_numberless_noun() -> None:
    text = "New cases were notified from 3 provinces, namely Manica (22), Tete (9) and Niassa (4)."
    got = _cv(text, "2019-04-02")
    assert {("confirmed_new", 22), ("confirmed_new", 9), ("confirmed_new", 4)} <= got
    text = "Malawi had the highest number of new deaths (17) followed by Zambia (6)."
    assert {("deaths_new", 17), ("deaths_new", 6)} <= _cv(text, "2019-04-02")
    # a count said before heads its own list; an age in brackets is no count
    text = "Six new suspected cases were reported in Tete (4) and Niassa (2)."
    got = _cv(text, "2019-04-02")
    assert ("suspected_new", 4) in got and ("confirmed_new", 4) not in got
    assert not any(v == 45 for _, v in _cv("New cases include a man (45).", "2019-04-02"))


def test_imported_or_local_parts_of_an_asymptomatic_count_stay_asymptomatic() -> None:
    text = (
        "A total of 410 asymptomatic carriers were under medical observation, of whom 377 were "
        "imported cases."
    )
    got = _cv(text, "2021-05-02")
    assert ("asymptomatic_active", 377) in got and ("imported_cumulative", 377) not in got
    text = "Guangxi reported 50 new asymptomatic infections, including 41 local cases and 9 imported cases."
    got = _cv(text, "2022-05-02")
    assert {("asymptomatic_local_new", 41), ("asymptomatic_imported_new", 9)} <= got


def test_so_far_closing_a_long_clause_makes_its_count_a_total() -> None:
    text = (
        "The ministry said 2,604 residents have lost their lives to the outbreak in the "
        "northern province so far, and 12 more in the south."
    )
    got = _cv(text, "2021-05-02")
    assert ("deaths_cumulative", 2604) in got and ("deaths_new", 2604) not in got


def test_patients_in_or_on_critical_care_are_severe_cases() -> None:
    got = _cv("The number of patients in critical care stood at 804 on Friday.", "2022-02-05")
    assert ("severe", 804) in got and ("confirmed_cumulative", 804) not in got
    got = _cv("Patients on critical care: 804", "2022-02-05")
    assert ("severe", 804) in got
    got = _cv("Another 51 patients were on intensive care, the ministry said.", "2022-02-05")
    assert ("severe", 51) in got


def test_casualties_of_an_outbreak_are_deaths() -> None:
    got = _cv("The fever has caused 38 casualties in the region since January.", "2020-03-18")
    assert ("deaths_cumulative", 38) in got
    text = "This brings the country's total number of casualties to 212, the centre said."
    assert ("deaths_cumulative", 212) in _cv(text, "2020-03-18")


def test_people_in_a_place_being_treated_are_active_cases() -> None:
    text = "There are now 4,310 people in Vietnam being treated for the disease."
    assert ("active", 4310) in _cv(text, "2021-11-16")


def test_the_remaining_items_of_a_breakdown_in_words_are_not_active_cases() -> None:
    text = (
        "Zhejiang reported nine new cases on Monday. Five of the new cases were in Hangzhou, "
        "two in Ningbo and the remaining two in Wenzhou."
    )
    got = _cv(text, "2013-04-09")
    assert ("confirmed_new", 2) in got and ("active", 2) not in got


def test_a_chinese_change_from_the_day_before_is_no_count() -> None:
    text = "5月20日0—24时,当日新增治愈出院病例9例,重症病例减少2例,现有确诊病例较前日增加4例。"
    got = _cv(text, "2020-05-21")
    assert ("recovered_new", 9) in got
    assert not any(v in (2, 4) for _, v in got)


def test_a_chinese_list_item_of_a_unit_the_gazetteer_lacks_is_kept() -> None:
    text = (
        "7月3日0—24时,新疆维吾尔自治区新增本土无症状感染者6例,其中,乌鲁木齐市天山区3例、"
        "头屯河区1例、高新区2例。"
    )
    recs = extract(text, "2022-07-04")
    got = {(r.category, r.value, r.place) for r in recs}
    assert ("asymptomatic_local_new", 2, "Urumqi") in got
    assert any(r.place_text == "高新区" and r.value == 2 for r in recs)


def test_a_bare_label_repeating_the_days_figure_is_one_fact() -> None:
    text = (
        "The ministry said 2,310 new infections were recorded in the past 24 hours.\n\n"
        "Daily figures:\n\nPositive cases: 2310\n\nRecovered: 40,100"
    )
    got = [(r.category, r.value) for r in extract(text, "2022-02-24")]
    assert got.count(("confirmed_new", 2310)) == 1
    assert ("confirmed_cumulative", 2310) not in got
    assert ("recovered_cumulative", 40100) in got  # a label of a figure not said before


def test_an_acronym_in_brackets_is_part_of_the_noun_phrase() -> None:
    text = "The ministry has recorded 14 Marburg Virus Disease (MVD) cases in the district so far."
    assert ("confirmed_cumulative", 14) in _cv(text, "2022-09-26")
    # a bracket of counts still ends the phrase
    text = "Italy reported 120 new cases (ICU 12) on Monday."
    assert ("confirmed_new", 120) in _cv(text, "2022-09-26")


def test_samples_found_to_be_positive_are_positive_tests() -> None:
    text = (
        "The lab tested 9,120 samples. Of them, 612 samples were found to be positive for dengue."
    )
    got = _cv(text, "2020-08-19")
    assert ("tested", 9120) in got and ("tested_positive", 612) in got
    assert ("tested", 612) not in got


def test_bullets_after_an_as_of_sentence_of_totals_are_totals() -> None:
    text = (
        "As of 12 March 2020, there have been 1,210 confirmed cases reported in the region.\n\n"
        "● 1,180 confirmed cases (240 severe)\n\n"
        "● 30 deaths"
    )
    got = _cv(text, "2020-03-13")
    assert {("confirmed_cumulative", 1180), ("deaths_cumulative", 30)} <= got
    assert ("confirmed_new", 1180) not in got


def test_cases_ruled_out_or_discarded_are_corrections() -> None:
    assert ("correction", 9) in _cv("Nine suspected cases have been ruled out.", "2017-10-20")
    text = "Since January, 410 suspected cases were notified, of which 202 were discarded."
    got = _cv(text, "2017-10-20")
    assert ("correction", 202) in got and ("suspected", 202) not in got


def test_the_confirmed_part_of_probable_cases_is_confirmed() -> None:
    text = "Since January, 410 probable cases were notified, of which 57 were laboratory confirmed."
    got = _cv(text, "2017-10-20")
    assert ("confirmed_cumulative", 57) in got and ("probable", 57) not in got


def test_a_footnote_mark_glued_into_the_noun_phrase_is_read_past() -> None:
    text = "In 2019, 212 suspected2cases of diphtheria were reported to the ministry."
    assert any(c.startswith("suspected") and v == 212 for c, v in _cv(text, "2020-01-20"))


def test_the_cases_whose_contacts_are_counted_are_no_count() -> None:
    text = "Health workers have traced 41 close contacts of the two imported cases in Ningbo."
    got = _cv(text, "2022-01-16")
    assert ("contacts", 41) in got
    assert not any(v == 2 for _, v in got)


def test_identified_or_traced_are_modifiers_of_the_noun() -> None:
    got = _cv("No further infections were found among 64 identified contacts.", "2013-04-05")
    assert ("contacts", 64) in got and ("confirmed_new", 64) not in got
    got = _cv("Authorities have followed up 310 traced contacts so far.", "2013-04-05")
    assert ("contacts", 310) in got


def test_there_were_n_reported_counts_the_noun_said_before() -> None:
    text = (
        "The ministry says 2,118 cholera cases have been reported since the outbreak began. "
        "There were 35 reported in the last 24 hours."
    )
    got = _cv(text, "2019-12-18")
    assert {("confirmed_cumulative", 2118), ("confirmed_new", 35)} <= got


def test_parts_named_by_an_epidemiological_link_are_no_counts() -> None:
    text = (
        "Anhui reported six new cases on Monday. Three of the cases are close contacts of a "
        "patient reported last week, and two of the cases had close contact with live poultry."
    )
    got = _cv(text, "2021-01-18")
    assert ("confirmed_new", 6) in got
    assert not any(v in (3, 2) for _, v in got)
    # contacts counted with their noun stay contacts
    assert ("contacts", 20) in _cv(
        "Officials traced 20 close contacts of the patient.", "2021-01-18"
    )


def test_a_year_on_year_difference_is_no_count() -> None:
    text = (
        "The state has recorded 9,402 dengue cases this year, a rise of 2,210 cases compared "
        "with the same period last year."
    )
    got = _cv(text, "2019-09-15")
    assert any(v == 9402 for _, v in got) and not any(v == 2210 for _, v in got)
    # a rise said of its own period is the new ones
    text = "This represents an increase of 88 confirmed cases since the last report."
    assert ("confirmed_new", 88) in _cv(text, "2019-09-15")


def test_a_part_set_off_by_commas_ends_at_its_comma() -> None:
    text = (
        "There were 210 asymptomatic carriers, of whom 190 were imported, under medical "
        "observation on Friday."
    )
    got = _cv(text, "2021-05-01")
    assert {("asymptomatic_active", 210), ("asymptomatic_active", 190)} <= got
    assert ("under_observation", 190) not in got


def test_a_span_of_years_is_no_count() -> None:
    text = "So far 212 measles cases have been confirmed in the county for 2023-2024."
    got = _cv(text, "2024-03-14")
    assert any(v == 212 for _, v in got) and not any(v == 2023 for _, v in got)
    text = "In the 2017-18 season, 95 flu deaths were reported in the state."
    assert not any(v == 2017 for _, v in _cv(text, "2018-05-01"))
    # a range of counts that looks like years, followed by its noun, is a count
    assert any(v == 2000 for _, v in _cv("Officials expect 2000-2500 cases.", "2018-05-01"))
