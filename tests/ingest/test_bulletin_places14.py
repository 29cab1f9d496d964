"""Where a count belongs (fourteenth round, places: a country's counts given to its city, a
state's counts given to its country; dev16): each rule checked on invented sentences."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _recs(text: str, pub: str = "2020-05-10") -> dict[int, set[tuple[str | None, str, str | None]]]:
    """value -> the (place, category, date) the extractor gave it."""
    out: dict[int, set[tuple[str | None, str, str | None]]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add((r.place, r.category, r.date))
    return out


def test_a_state_named_after_its_counts_carries_on_in_a_round_up_of_states() -> None:
    got = _recs(
        "Rajasthan reported 106 new cases today. 417 new cases have been reported in "
        "Karnataka. The total number of cases stands at 9,360, including 318 deaths."
    )
    assert got[417] == {("Karnataka", "confirmed_new", "2020-05-10")}
    assert got[9360] == {("Karnataka", "confirmed_cumulative", "2020-05-10")}
    assert got[318] == {("Karnataka", "deaths_cumulative", "2020-05-10")}


def test_a_breakdown_named_after_the_country_s_count_does_not_carry_on() -> None:
    got = _recs(
        "India reported 3,277 new cases today. 417 new cases have been reported in "
        "Karnataka. The total number of cases stands at 62,939."
    )
    assert {p for p, _, _ in got[62939]} == {"India"}


def test_a_title_case_city_and_colon_before_a_country_s_report_is_a_dateline() -> None:
    got = _recs(
        "Jakarta: Indonesia recorded 5,418 new cases of COVID-19 on Monday, bringing the "
        "national count to 4,236,287, according to the Ministry of Health.",
        "2021-10-05",
    )
    assert got[5418] == {("Indonesia", "confirmed_new", "2021-10-04")}
    assert {p for p, _, _ in got[4236287]} == {"Indonesia"}


def test_australian_state_abbreviations_are_the_states() -> None:
    got = _recs(
        "Of the 21 locally acquired cases, 17 were in NSW and three were in Qld.",
        "2021-07-05",
    )
    assert {p for p, _, _ in got[17]} == {"New South Wales"}
    assert {p for p, _, _ in got[3]} == {"Queensland"}


def test_a_running_total_after_a_bracketed_breakdown_is_the_one_place_s() -> None:
    got = _recs(
        "India's states reported their figures. 31 new positive cases reported in Punjab "
        "today (12 from Amritsar and 19 from Ludhiana), taking the total number of cases "
        "to 1,762."
    )
    assert {p for p, _, _ in got[1762]} == {"Punjab"}
    assert got[31] == {("Punjab", "confirmed_new", "2020-05-10")}


def test_n_of_them_in_a_place_is_a_part_of_the_count_said_before() -> None:
    got = _recs(
        "Nationally, 88 new locally transmitted cases were registered on Monday, according "
        "to the National Health Commission. There were 80 of them in Tianjin, and two in "
        "Henan.",
        "2022-01-11",
    )
    assert got[80] == {("Tianjin", "local_new", "2022-01-10")}
    assert got[2] == {("Henan", "local_new", "2022-01-10")}
    assert got[88] == {("China", "local_new", "2022-01-10")}


def test_a_list_of_a_country_s_states_after_unplaced_counts_names_the_country() -> None:
    got = _recs(
        "The outbreak has killed 412 persons since the beginning of the year, the centre "
        "said. A total of 9,851 suspected cases have also been recorded so far. The states "
        "are: Benue, Delta, Zamfara, Gombe, Niger, Kano and Katsina.",
        "2021-06-10",
    )
    assert {p for p, _, _ in got[412]} == {"Nigeria"}
    assert {p for p, _, _ in got[9851]} == {"Nigeria"}


def test_places_that_account_for_a_percentage_of_a_count_are_not_its_place() -> None:
    got = _recs(
        "Nigeria has recorded 9,851 suspected cases this year. It said Bauchi, Zamfara "
        "and Katsina account for 78.1% of 1,956 cases reported in the last two weeks.",
        "2021-06-10",
    )
    assert {p for p, _, _ in got[1956]} == {"Nigeria"}


def test_a_state_s_cities_the_gazetteer_files_under_the_country_keep_the_text_on_the_state() -> (
    None
):
    got = _recs(
        "India has reported 15,786 new cases in the last 24 hours. Kerala on Thursday "
        "recorded 8,733 fresh cases. Among the districts, Thiruvananthapuram recorded "
        "1,102 cases, followed by Thrissur (1,031). There are currently 2,86,888 people "
        "under surveillance.",
        "2021-10-22",
    )
    assert {p for p, _, _ in got[286888]} == {"Kerala"}


def test_a_state_named_after_a_count_broken_down_in_brackets_carries_on() -> None:
    got = _recs(
        "Mumbai reported 875 fresh cases today. 31 new positive cases reported in Punjab "
        "today (12 from Amritsar and 19 from Ludhiana), taking the total to 1,762. The "
        "total death toll stands at 31."
    )
    assert got[31] >= {("Punjab", "deaths_cumulative", "2020-05-10")}


def test_a_world_word_after_a_running_total_is_the_total_s_not_the_flows() -> None:
    got = _recs(
        "Health officials in Guangdong Province have reported 12 new deaths and 1,240 new "
        "cases, bringing the number of confirmed cases to more than 70,000 worldwide.",
        "2020-02-16",
    )
    assert {p for p, _, _ in got[12]} == {"Guangdong"}
    assert {p for p, _, _ in got[1240]} == {"Guangdong"}
    assert {p for p, _, _ in got[70000]} == {"World"}


def test_a_coordinated_clause_with_its_own_subject_is_not_the_count_s_phrase() -> None:
    got = _recs(
        "The CDC said the new case brings the number of U.S. cases to 15 and the patient "
        "was isolated at a hospital in San Antonio.",
        "2020-02-14",
    )
    assert {p for p, _, _ in got[15]} == {"United States"}


def test_a_total_placed_in_the_city_keeps_its_place_beside_the_state_s() -> None:
    got = _recs(
        "Three new cases have been confirmed in New York City on Friday. This brings the "
        "total number of confirmed cases in the city to eight and 33 overall in New York "
        "state.",
        "2020-03-06",
    )
    assert {p for p, _, _ in got[8]} == {"New York City"}
    assert {p for p, _, _ in got[33]} == {"New York"}


def test_a_running_total_after_an_all_in_aside_is_the_subject_s() -> None:
    got = _recs(
        "WELLINGTON: New Zealand reported 49 new cases of COVID-19 on Sunday, all in its "
        "biggest city Auckland, taking the total number of cases in the outbreak to 511. "
        "The total number of community cases in Auckland is now 496 and 15 in the capital "
        "Wellington.",
        "2021-08-29",
    )
    assert {p for p, _, _ in got[511]} == {"New Zealand"}
    assert {p for p, _, _ in got[496]} == {"Auckland"}
    assert {p for p, _, _ in got[15]} == {"Greater Wellington"}


def test_a_count_after_a_population_s_own_number_is_a_count() -> None:
    got = _recs(
        "In Tianjin, which has a population of 14 million, 341 cases have been reported "
        "since January 8.",
        "2022-01-20",
    )
    assert {p for p, _, _ in got[341]} == {"Tianjin"}
    assert 14000000 not in got


def test_a_state_with_an_appositive_carries_on_as_the_subject() -> None:
    got = _recs(
        "India reported 16,326 new cases on Friday. Kerala, the worst-hit state, reported "
        "9,361 new cases and 99 deaths. The total caseload stands at 48,88,678.",
        "2021-10-23",
    )
    assert {p for p, _, _ in got[4888678]} == {"Kerala"}


def test_a_person_named_after_a_title_is_no_place() -> None:
    got = _recs(
        "In the country as a whole, Brazil had recorded 16,792 deaths and 241,080 cases of "
        "the virus, which forced the Minister of Health, Nelson Teich, to resign.",
        "2020-05-18",
    )
    assert {p for p, _, _ in got[16792]} == {"Brazil"}
    got = _recs("The Minister of Health of Saudi Arabia reported 5 new cases.", "2020-05-18")
    assert {p for p, _, _ in got[5]} == {"Saudi Arabia"}


def test_a_wire_s_dateline_city_before_the_agency_gives_the_text_its_country() -> None:
    got = _recs(
        "LAGOS (Reuters) - Health authorities recorded 500 new cases on Monday, bringing "
        "the total to 30,000.",
        "2020-07-14",
    )
    assert {p for p, _, _ in got[500]} == {"Nigeria"}
    assert {p for p, _, _ in got[30000]} == {"Nigeria"}


def test_the_national_tally_of_new_local_cases_is_the_country_s() -> None:
    got = _recs(
        "BEIJING, Dec 30 (Reuters) - Xi'an reported 155 new cases on Wednesday. The "
        "national tally of new local cases was 156.",
        "2021-12-30",
    )
    assert {p for p, _, _ in got[156]} == {"China"}
    assert {p for p, _, _ in got[155]} == {"Xi'an"}


def test_a_colon_dateline_before_a_ministry_or_the_city_s_country_is_no_count_s_place() -> None:
    got = _recs("Hanoi: The Ministry of Health reported 14,314 new cases on Tuesday.", "2021-12-01")
    assert {p for p, _, _ in got[14314]} == {"Vietnam"}
    got = _recs(
        "Lagos: Nigeria recorded 575 new cases on Friday, 224 of them in Lagos.", "2020-07-25"
    )
    assert {p for p, _, _ in got[575]} == {"Nigeria"}
    assert {p for p, _, _ in got[224]} == {"Lagos"}


def test_a_place_holding_a_part_of_the_count_said_before_is_not_carried_on() -> None:
    got = _recs(
        "South Africa recorded 1,000 new cases on Monday. Most of the new cases were in "
        "Gauteng, with 400. The cumulative number of cases is now 700,000.",
        "2021-10-19",
    )
    assert {p for p, _, _ in got[700000]} == {"South Africa"}
    got = _recs(
        "India recorded 15,786 new cases on Thursday. Kerala alone reported 8,733 of them. "
        "The active caseload stands at 1,75,745.",
        "2021-10-22",
    )
    assert {p for p, _, _ in got[175745]} == {"India"}


def test_a_carried_city_s_count_broken_down_into_it_is_the_country_s() -> None:
    head = (
        "Beijing reports 27 new cases linked to food market\n"
        "BEIJING, June 17 (Reuters) - Beijing reported 27 new cases on Tuesday, all linked "
        "to the Xinfadi market, the city's health authority said. "
    )
    got = _recs(
        head + "Of the 40 new cases confirmed on Tuesday, 27 were in Beijing.", "2020-06-17"
    )
    assert {p for p, _, _ in got[40]} == {"China"}
    got = _recs(
        head + "Health officials reported 40 new cases on Tuesday, 27 of them in Beijing and "
        "four in Hebei province.",
        "2020-06-17",
    )
    assert {p for p, _, _ in got[40]} == {"China"}
    got = _recs(
        head + "Health authorities reported 40 new cases on Tuesday, bringing the nation's "
        "total to 83,265.",
        "2020-06-17",
    )
    assert {p for p, _, _ in got[40]} == {"China"}


def test_kwazulu_natal_as_south_african_press_writes_it() -> None:
    got = _recs("KZN reported 301 new cases on Saturday.", "2020-05-10")
    assert {p for p, _, _ in got[301]} == {"Kwazulu-Natal"}
    got = _recs("Kwa-Zulu Natal recorded 12 new deaths on Saturday.", "2020-05-10")
    assert {p for p, _, _ in got[12]} == {"Kwazulu-Natal"}
