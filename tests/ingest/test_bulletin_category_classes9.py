"""Category classes of the bulletin extractor found in the dev9 round, each checked on an
invented sentence."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _cv(text: str, pub: str) -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_a_total_new_legend_types_figures_as_totals_and_bare_brackets_as_new() -> None:
    text = (
        "Measles in numbers (by province) Total (new cases in last 7 days) Northland 4 512 cases "
        "(210) 37 deaths (2) Southland 1 208 cases (95) 11 deaths (1)"
    )
    got = _cv(text, "2023-03-14")
    assert {
        ("confirmed_cumulative", 4512),
        ("confirmed_new", 210),
        ("deaths_cumulative", 37),
        ("deaths_new", 2),
        ("confirmed_cumulative", 1208),
        ("confirmed_new", 95),
        ("deaths_cumulative", 11),
    } <= got
    # without the legend a figure said with its own 'new' keeps it
    assert ("confirmed_new", 88) in _cv(
        "Northland reported 88 new cases (12 in Kaitaia).", "2023-03-14"
    )


def test_a_ranking_of_places_opening_a_sentence_breaks_down_the_count_before() -> None:
    text = (
        "Since January, the province has recorded 2,450 typhoid cases. The most affected "
        "districts are Kanta (1,100), Morwe (620) and Lusi (85)."
    )
    got = _cv(text, "2022-05-03")
    assert {
        ("confirmed_cumulative", 1100),
        ("confirmed_cumulative", 620),
        ("confirmed_cumulative", 85),
    } <= got
    text = (
        "The ministry reported 310 new dengue cases on Monday. The highest numbers were from "
        "Kanta (140) and Morwe (52)."
    )
    got = _cv(text, "2022-05-03")
    assert {("confirmed_new", 140), ("confirmed_new", 52)} <= got


def test_a_fatality_tally_or_death_count_is_the_total_of_deaths() -> None:
    text = (
        "Twelve people died of cholera on Friday, taking the region's fatality tally to 418. "
        "Its death count stood at 406 a week ago."
    )
    got = _cv(text, "2019-08-10")
    assert {("deaths_new", 12), ("deaths_cumulative", 418), ("deaths_cumulative", 406)} <= got
    assert not any(c.startswith("confirmed") for c, _ in got)


def test_patients_yet_to_recover_are_still_active_cases() -> None:
    text = (
        "The agency said 12,480 patients are yet to recover, while 3,200 people have not yet "
        "recovered in the capital alone."
    )
    got = _cv(text, "2021-09-01")
    assert {("active", 12480), ("active", 3200)} <= got
    assert not any(c.startswith("recovered") for c, _ in got)


def test_tests_named_by_their_kind_are_tests() -> None:
    text = (
        "The new infections were found through 4,210 RT-PCR tests and 1,975 rapid antigen tests "
        "done in the province."
    )
    assert {("tested", 4210), ("tested", 1975)} <= _cv(text, "2021-11-20")


def test_plain_cases_adding_up_to_a_count_of_a_kind_said_before_are_its_parts() -> None:
    text = (
        "The region reported 9 new locally transmitted cases on Monday. Seven cases were "
        "reported in Lanzhou, and two cases were reported in Tianshui."
    )
    got = _cv(text, "2021-10-26")
    assert {("local_new", 9), ("local_new", 7), ("local_new", 2)} <= got
    assert not any(c == "confirmed_new" for c, _ in got)
    # 'the other' cases are the rest of it
    text = (
        "The region reported 9 new locally transmitted cases on Monday. Of them, 5 were in "
        "Lanzhou, including two students. The other four cases were found in Tianshui."
    )
    assert ("local_new", 4) in _cv(text, "2021-10-26")
    # counts that do not add up to it are no parts
    text = (
        "The region reported 9 new locally transmitted cases on Monday. Seven cases were "
        "reported in Lanzhou last week."
    )
    assert ("local_new", 7) not in _cv(text, "2021-10-26")


def test_imported_or_local_cases_in_hospital_are_active_cases() -> None:
    text = "As of Friday, the province had four imported cases in hospital."
    assert ("active", 4) in _cv(text, "2021-02-06")


def test_a_status_after_the_last_of_coordinated_case_counts_types_them_all() -> None:
    text = (
        "By the end of Friday, there were 57 locally transmitted cases and three imported "
        "cases in hospitals in the province."
    )
    got = _cv(text, "2021-02-06")
    assert {("active", 57), ("active", 3)} <= got
    # a day's new cases before a status count keep their own 'new'
    text = "The city reported 12 new cases and 3 imported cases still in hospital."
    assert ("confirmed_new", 12) in _cv(text, "2021-02-06")


def test_a_disease_named_with_fever_still_modifies_its_cases() -> None:
    text = "The state reported 212 Lassa fever cases and 40 typhoid fever cases in 2018 so far."
    got = _cv(text, "2018-06-01")
    assert {("confirmed_cumulative", 212), ("confirmed_cumulative", 40)} <= got


def test_cases_that_caught_the_disease_outside_the_place_are_imported() -> None:
    text = (
        "The island has logged 64 malaria cases so far this year. Of those, 41 contracted the "
        "infection abroad and 23 were infected locally."
    )
    got = _cv(text, "2019-07-15")
    assert ("imported_cumulative", 41) in got
    assert ("confirmed_cumulative", 41) not in got
