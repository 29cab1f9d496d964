"""Flow or stock, and which family, in varied wording (the rules written after the probes of
tests/data/bulletins/probes/flow_stock.jsonl): no symptoms makes a count asymptomatic, an
origin said after the verb or by where a case was found, a day the source spoke on or a part's
day does not make a total a flow, bare labels, zeros of an origin, patients still in hospital.
"""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.casewords import none_of_origin
from flareup.ingest.bulletin.cues import bare_label, count_day_after, label_stock, part_on_a_day
from flareup.ingest.bulletin.numbers import find_numbers
from flareup.ingest.bulletin.predicates import says_active
from flareup.ingest.bulletin.stocks import stock_by_wording, whole_of_parts_so_far


def _recs(text: str, pub: str = "2021-05-12") -> set[tuple[str, int, str | None]]:
    return {(r.category, r.value, r.date) for r in extract(text, pub)}


def _pairs(text: str, pub: str = "2021-05-12") -> set[tuple[str, int]]:
    return {(r.category, r.value) for r in extract(text, pub)}


def test_no_symptoms_is_no_zero_and_makes_the_count_asymptomatic() -> None:
    assert [n.value for n in find_numbers("9 infections without symptoms")] == [9]
    assert _pairs("Xiamen reported 9 infections without any symptoms.") == {("asymptomatic_new", 9)}
    assert _pairs("Fuzhou found 2 cases with no symptoms.") == {("asymptomatic_new", 2)}
    assert _pairs("Putian found 17 silent carriers.") == {("asymptomatic_new", 17)}
    got = _pairs("Kashi found 23 people positive, all of whom were asymptomatic.")
    assert got == {("asymptomatic_new", 23)}


def test_an_origin_after_the_verb_or_where_found() -> None:
    got = _pairs("Of the 8 new cases in Sydney, 6 were transmitted locally.")
    assert ("local_new", 6) in got
    got = _pairs("Queensland reported 1 local case and 3 in managed isolation.")
    assert got == {("local_new", 1), ("imported_new", 3)}
    assert ("imported_new", 2) in _pairs("Perth recorded 2 cases in returning travellers.")


def test_the_day_a_source_spoke_on_is_not_the_counts() -> None:
    assert count_day_after(", the agency said on Monday.") is False
    assert count_day_after(" on Monday, the agency said.") is True
    assert count_day_after(", 3 of them on Monday.") is False
    got = _pairs("Portugal has now confirmed 950 cases of mpox, officials said on Monday.")
    assert got == {("confirmed_cumulative", 950)}


def test_a_part_on_a_day_of_a_total_is_that_days_flow() -> None:
    assert part_on_a_day(" on Sunday.") and part_on_a_day(" in the past 24 hours")
    assert not part_on_a_day(" in Lima.")
    got = _recs("Peru has counted 40 measles deaths in all, including 2 on Monday.")
    assert got == {("deaths_cumulative", 40, "2021-05-12"), ("deaths_new", 2, "2021-05-10")}


def test_the_whole_of_parts_said_so_far_is_a_total() -> None:
    assert whole_of_parts_so_far("Of the ", " people infected, 80 have died")
    assert not whole_of_parts_so_far("Of the ", " people infected, 80 were imported")
    got = _pairs("Of the 920 people infected in Chad, 870 have been discharged.")
    assert got == {("confirmed_cumulative", 920), ("recovered_cumulative", 870)}
    got = _pairs("Laos has had 2,000 cases, 40 of them in the past week.")
    assert got == {("confirmed_cumulative", 2000), ("confirmed_new", 40)}


def test_bare_labels_name_cases() -> None:
    assert bare_label("Summary. Total confirmed: ") == "Total confirmed cases"
    assert bare_label("; new today: ") == "new cases today"
    assert bare_label("He said: ") is None
    assert label_stock("cases today", None) is False
    got = _pairs("Belize update. Total confirmed: 812; new today: 9; deaths: 20.")
    assert got == {("confirmed_cumulative", 812), ("confirmed_new", 9), ("deaths_cumulative", 20)}


def test_a_zero_of_an_origin() -> None:
    t = none_of_origin(" were imported.")
    assert t is not None and t.imported and t.stock is False
    assert none_of_origin(" tested positive.") is None
    got = _pairs("Laos reported 3 new local cases; none were imported.")
    assert got == {("local_new", 3), ("imported_new", 0)}


def test_patients_still_in_hospital_are_active_and_the_count_as_a_verb() -> None:
    assert _pairs("In Hebei, 51 patients remain in hospital.") == {("active", 51)}
    assert _pairs("In Hebei, 51 people were hospitalised.") == {("hospitalized", 51)}
    assert _pairs("Cases linked to the market now number 64.") == {("confirmed_cumulative", 64)}
    assert _pairs("Cases in the current cluster reached 64.") == {("confirmed_cumulative", 64)}


def test_for_a_total_of_is_the_total_of_what_was_counted() -> None:
    got = _pairs("Chile recorded 88 deaths in the past 24 hours, for a total of 21,000.")
    assert got == {("deaths_new", 88), ("deaths_cumulative", 21000)}
    got = _pairs("Ontario reported 950 new cases and 31 deaths, for totals of 310,000 and 7,100.")
    assert {("confirmed_cumulative", 310000), ("deaths_cumulative", 7100)} <= got


def test_killed_in_a_named_week_is_that_weeks() -> None:
    assert _pairs("Dengue has killed 9 people in Fiji this week.") == {("deaths_new", 9)}
    assert _pairs("Dengue has killed 90 people in Fiji.") == {("deaths_cumulative", 90)}


def test_a_part_with_its_own_day_after_a_total() -> None:
    got = _pairs("Recoveries in Oman rose to 9,120, with 240 patients discharged on Tuesday.")
    assert got == {("recovered_cumulative", 9120), ("recovered_new", 240)}
    got = _recs("Fiji has confirmed 70 cases since April, 6 of them on Monday.")
    assert got == {("confirmed_cumulative", 70, "2021-05-12"), ("confirmed_new", 6, "2021-05-10")}
    got = _recs("Fiji has 70 cases in total; no new cases were found on Monday.")
    assert got == {("confirmed_cumulative", 70, "2021-05-12"), ("confirmed_new", 0, "2021-05-10")}


def test_parts_of_a_whole_said_without_a_number() -> None:
    assert _pairs("Kano accounted for 31 of the new cases.") == {("confirmed_new", 31)}
    got = _pairs("Among the 60 patients currently in hospital in Hue, 4 are in critical condition.")
    assert got == {("active", 60), ("severe", 4)}


def test_a_count_said_still_active_after_a_list_of_outcomes() -> None:
    got = _pairs("Of the 900 cases, 850 have recovered, 20 have died and 30 remain active.")
    assert got == {
        ("confirmed_cumulative", 900),
        ("recovered_cumulative", 850),
        ("deaths_cumulative", 20),
        ("active", 30),
    }


def test_a_count_before_raising_or_taking_the_toll_is_what_was_added() -> None:
    for verb in ("raising", "taking", "pushing"):
        got = _pairs(f"Eight people have died, {verb} the toll to 310.")
        assert got == {("deaths_new", 8), ("deaths_cumulative", 310)}, verb


def test_no_symptoms_then_confirmed_is_a_reclassification() -> None:
    got = _pairs("Two people who had shown no symptoms were subsequently confirmed as cases.")
    assert got == {("reclassified", 2)}


def test_a_part_on_a_day_without_a_comma_or_after_of_whom() -> None:
    got = _pairs("Cuba's caseload rose to 60,000 with 900 infections confirmed on Tuesday.")
    assert got == {("confirmed_cumulative", 60000), ("confirmed_new", 900)}
    got = _recs("The outbreak has sickened 30 people in Gulu, two of whom died on Monday.")
    assert got == {("confirmed_cumulative", 30, "2021-05-12"), ("deaths_new", 2, "2021-05-10")}


def test_took_or_brought_the_number_to_is_a_total() -> None:
    got = _pairs("Nine more deaths brought the number of fatalities to 402.")
    assert got == {("deaths_new", 9), ("deaths_cumulative", 402)}


def test_a_release_in_the_active_voice_and_a_zero_of_the_other_origin() -> None:
    got = _pairs("Henan released 7 asymptomatic carriers from medical observation.")
    assert got == {("asymptomatic_released_new", 7)}
    got = _pairs("Tianjin reported 4 new local cases and no imported ones.")
    assert got == {("local_new", 4), ("imported_new", 0)}


def test_category_words_issue10_round() -> None:
    # (probes: tests/data/bulletins/probes/category_words.jsonl) intensive care beats
    # 'being treated'; 'active' before a place; travel-related cases are imported
    assert _pairs("In Chile, 90 patients are being treated in an intensive care unit.") == {
        ("severe", 90)
    }
    assert _pairs("In Chile, 90 patients are being treated in hospitals.") != {("severe", 90)}
    assert says_active(" remain active in the Philippines")
    assert not says_active(" are active in the field") and not says_active(
        " are active on social media"
    )
    assert _pairs("Macau reported 3 travel-linked cases.") == {("imported_new", 3)}
    # carriers who later developed symptoms became confirmed cases
    got = _pairs(
        "Hebei reported 5 new cases; two were asymptomatic cases that later developed symptoms."
    )
    assert ("reclassified", 2) in got
    # a digit inside the whole's noun ('COVID-19'); a sentence led by 'With N ...'
    assert whole_of_parts_so_far("Of the ", " COVID-19 patients in Oman, 40 have recovered")
    assert stock_by_wording("With ", " deaths, Peru has the highest rate")
    assert not stock_by_wording("With ", " new cases, Peru reported its highest daily rise")
    assert stock_by_wording("The outbreak now counts ", " cases")


def test_symptom_free_still_infected_and_a_total_in_apposition() -> None:
    assert _pairs("Jilin found 8 symptomless carriers.") == {("asymptomatic_new", 8)}
    got = _pairs("The number of patients still being treated in Lima stands at 310.")
    assert got == {("active", 310)}
    got = _pairs("Milan, a city with 9,000 cases, reported 40 new infections.")
    assert got == {("confirmed_cumulative", 9000), ("confirmed_new", 40)}
    # a part of the day's count after a comma is no apposition of the subject
    got = _pairs("Peru reported 300 cases, the highest rise with 120 new ones in Lima.")
    assert ("confirmed_cumulative", 120) not in got


def test_category_words_third_batch_rules() -> None:
    # a verbless part of returnees; infections that did not show symptoms
    got = _pairs("Darwin reported 4 new cases, three of them returnees.")
    assert got == {("confirmed_new", 4), ("imported_new", 3)}
    assert _pairs("Yantai found 2 new infections that have not developed any symptoms.") == {
        ("asymptomatic_new", 2)
    }
    # parts that had been asymptomatic carriers were reclassified
    got = _pairs("Jilin reported 12 new confirmed cases, 3 of which had been asymptomatic cases.")
    assert got == {("confirmed_new", 12), ("reclassified", 3)}
    # cases removed from a tally are a correction, not new cases
    assert _pairs("Authorities removed 7 cases from the count.") == {("correction", 7)}
    # the whole after a part said first ('were among the N'), though definite
    assert _pairs("Three doctors were among the 25 new cases in Abuja.") == {("confirmed_new", 25)}


def test_category_words_fourth_batch_rules() -> None:
    # a total in a relative clause in apposition to the subject
    got = _pairs("Lagos, which has 9,800 confirmed cases, recorded 120 new infections.")
    assert got == {("confirmed_cumulative", 9800), ("confirmed_new", 120)}
    # 'the number of people who have tested positive' counts cases, not tests
    got = _recs("The number of people who have tested positive in Chile has reached 500.")
    assert {c for c, _, _ in got} <= {"confirmed_cumulative", "infections_cumulative"}
    got = _pairs("The number of tests in Chile has reached 5,000.")
    assert got == {("tested", 5000)}


def test_a_day_after_an_apposition_is_the_main_clauses() -> None:
    """'Shufu County, the epicentre with 137 cases, reported 22 new cases on Tuesday': Tuesday
    dates the 22, not the apposition's 137 (a total). A day inside the apposition's own clause
    still makes its count that day's."""
    got = _pairs(
        "Shufu County, the epicentre of the outbreak with 137 asymptomatic carriers, reported "
        "22 new asymptomatic cases on Tuesday."
    )
    assert got == {("asymptomatic_cumulative", 137), ("asymptomatic_new", 22)}
    got = _pairs("Hubei, which has 67,800 confirmed cases, reported 5 new deaths on Monday.")
    assert got == {("confirmed_cumulative", 67800), ("deaths_new", 5)}
    got = _pairs(
        "Lagos, the hardest-hit state with 120 cases on Monday, reported 3 deaths on Tuesday."
    )
    assert ("confirmed_cumulative", 120) not in got
