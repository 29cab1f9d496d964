"""Categories (ninth round, categories: policies by kind of category error, see
docs/methods/bulletin.md): each rule checked on invented sentences other than the probes'."""

from __future__ import annotations

from flareup.ingest.bulletin import extract


def _cats(text: str, pub: str = "2021-05-10") -> dict[int, set[str]]:
    """value -> the categories the extractor gave it."""
    out: dict[int, set[str]] = {}
    for r in extract(text, pub):
        out.setdefault(r.value, set()).add(r.category)
    return out


def test_a_verb_of_testing_outweighs_a_head_of_cases() -> None:
    # those tested or investigated, not those found
    assert _cats("In Mali, 1,318 cases were investigated by the rapid response teams.")[1318] == {
        "tested"
    }
    assert _cats("Of the notified cases in Chad, 702 (9.4%) were lab tested.")[702] == {"tested"}
    assert _cats("In Benin, 233 patients have been tested for the virus.")[233] == {"tested"}


def test_a_verb_of_testing_with_its_result_is_not_a_count_of_tests() -> None:
    got = _cats("In Benin, 41 cases were tested positive for the virus.")
    assert "tested" not in got[41]


def test_the_confirmed_part_of_tested_cases_is_of_confirmed_cases() -> None:
    got = _cats(
        "Of the 860 suspected cases in Togo, 301 cases were investigated and 44 were confirmed."
    )
    assert got[301] == {"tested"}
    assert got[44] == {"confirmed_cumulative"}
    # ... while the confirmed part of tested samples stays a count of positive tests
    got = _cats("In Togo, 52 samples were tested, of which 9 were confirmed positive.")
    assert got[9] == {"tested_positive"}


def test_the_patients_samples_were_taken_from_are_tested() -> None:
    got = _cats("In Gabon, swabs were taken from 58 patients at the border post.")
    assert got[58] == {"tested"}


def test_a_perfect_of_an_event_beside_a_new_count_is_the_day_s() -> None:
    got = _cats("Ghana recorded 315 new infections, and 4 patients have died.")
    assert got[4] == {"deaths_new"}
    got = _cats("Namibia logged 87 additional cases while 140 people have recovered.")
    assert got[140] == {"recovered_new"}


def test_a_perfect_of_an_event_on_a_named_day_is_that_day_s() -> None:
    got = _cats("The ministry said on Friday that 6 patients in Chad have died.")
    assert got[6] == {"deaths_new"}


def test_a_perfect_of_an_event_stays_a_total_without_a_day_or_with_a_total_word() -> None:
    assert _cats("In Chad, 2,204 people have died of the disease.")[2204] == {"deaths_cumulative"}
    got = _cats("Ghana recorded 315 new infections, and 1,204 patients have died so far.")
    assert got[1204] == {"deaths_cumulative"}
    # a day named after another count is that count's
    got = _cats("With 12 patients discharged on Monday, 4,310 people in Chad have recovered.")
    assert got[4310] == {"recovered_cumulative"}


def _recs(text: str, pub: str) -> dict[int, tuple[str, str | None]]:
    return {r.value: (r.category, r.date) for r in extract(text, pub)}


def test_a_week_of_a_month_is_a_short_period_dated_on_its_last_day() -> None:
    got = _recs("In the third week of May, Lagos recorded 48 cases of cholera.", "2019-05-30")
    assert got[48] == ("confirmed_new", "2019-05-21")
    got = _recs(
        "Some 17 cases of measles had been notified in Accra during the last week of April.",
        "2019-05-03",
    )
    assert got[17] == ("confirmed_new", "2019-04-30")
    # a week of a month before the publication's is of the year before
    got = _recs("Kano reported 9 cases of Lassa fever in the first week of December.", "2020-01-06")
    assert got[9] == ("confirmed_new", "2019-12-07")


def test_a_week_of_a_month_with_a_word_of_a_total_stays_a_total() -> None:
    got = _recs(
        "By the second week of June, a total of 2,310 cases had been reported in Kano so far.",
        "2019-06-20",
    )
    assert got[2310][0] == "confirmed_cumulative"


def test_a_history_of_travel_is_an_imported_count() -> None:
    got = _cats("Assam reported 210 new cases on Monday, of which 9 had a history of travel.")
    assert got[9] == {"imported_new"}
    got = _cats("Assam reported 210 new cases on Monday, of which 9 had a history of diabetes.")
    assert got[9] != {"imported_new"}


def test_a_month_report_s_month_goes_on_to_the_counts_after_it() -> None:
    text = (
        "In October 2017, the number of notifiable disease cases reported in Laos was 3,140.\n\n"
        "Typhoid had 212 cases and 3 deaths."
    )
    got = _recs(text, "2017-11-20")
    assert got[212] == ("confirmed_new", "2017-10")
    assert got[3] == ("deaths_new", "2017-10")


def test_a_month_report_s_month_leaves_totals_and_own_days_alone() -> None:
    text = (
        "In October 2017, 3,140 cases of dengue were reported in Laos. "
        "The cumulative number of cases this year is 11,400. "
        "On 14 November, 61 new cases were reported."
    )
    got = _recs(text, "2017-11-20")
    assert got[3140] == ("confirmed_new", "2017-10")
    assert got[11400][0] == "confirmed_cumulative"
    assert got[61] == ("confirmed_new", "2017-11-14")
    # a month said only as the time of a count, not as its period, starts no month report
    got = _recs("Laos reported 40 cases on 3 October 2017. Typhoid had 21 cases.", "2017-11-20")
    assert got[21][1] != "2017-10"


def test_a_subject_of_deaths_outweighs_a_unit_of_cases_after_the_number() -> None:
    got = _cats("The total number of yellow fever deaths in Angola stands at 96 cases.")
    assert got[96] == {"deaths_cumulative"}
    got = _cats("By week 20, the number of cholera deaths for 2018 was 57 cases.", "2018-05-30")
    assert got[57] == {"deaths_cumulative"}


def test_a_unit_of_cases_after_another_count_of_the_subject_stays_cases() -> None:
    got = _cats("The death toll has climbed to 310 deaths among 4,020 cases in Angola.")
    assert got[310] == {"deaths_cumulative"}
    assert got[4020] == {"confirmed_cumulative"}
    # (a subject of cases keeps its cases, whichever of new or total they are read as)
    got = _cats("The number of dengue infections in Angola was 1,904 cases.")
    assert got[1904] <= {"confirmed_new", "confirmed_cumulative"}


def test_a_verb_of_death_after_a_part_set_off_by_commas_is_the_whole_s() -> None:
    got = _cats("By Sunday, 1,240 people in Yemen, including 80 children, had died of cholera.")
    assert got[1240] == {"deaths_cumulative"}
    got = _cats("In Chad, 73 patients, among them 6 nurses, have passed away since March.")
    assert got[73] == {"deaths_cumulative"}
