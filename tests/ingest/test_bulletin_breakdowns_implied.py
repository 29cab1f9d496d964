"""Breakdowns whose whole is named without a number (``implied_heads``): the items inherit the
category the lead's noun phrase names; each on an invented sentence."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.breakdowns import item_places, partition_lead
from flareup.ingest.bulletin.implied_heads import (
    implied_head,
    opens_breakdown,
    origin_item,
    provenance_item,
)
from flareup.ingest.bulletin.numbers import find_numbers
from flareup.ingest.bulletin.records import Record


def _recs(text: str, pub: str = "2021-05-12") -> set[tuple[str | None, str | None, str, int]]:
    """(date, place, category, value) of every record."""
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_a_partition_without_a_number_gives_its_items_the_noun_phrase_s_category() -> None:
    got = _recs("Of the new cases recorded in Chile on Tuesday, 41 were local and 7 imported.")
    assert got == {
        ("2021-05-11", "Chile", "local_new", 41),
        ("2021-05-11", "Chile", "imported_new", 7),
    }


def test_the_first_number_as_a_part_of_a_whole_named_after_it() -> None:
    got = _recs("Six of the new dengue cases were found in Cebu, two in Davao and one in Iloilo.")
    assert got == {
        ("2021-05-12", "Cebu", "confirmed_new", 6),
        ("2021-05-12", "Davao", "confirmed_new", 2),
        ("2021-05-12", "Iloilo", "confirmed_new", 1),
    }
    # a demographic subset has no record, with or without a whole
    assert _recs("Eight of the new patients are children.") == set()


def test_the_whole_as_a_subject_with_its_places_after_the_verb() -> None:
    s = "Monday's new deaths were from Mombasa (7), Kisumu (3) and Nakuru (2)."
    assert partition_lead(s, s.index("7")) is not None
    got = _recs(s)
    assert ("2021-05-10", "Mombasa", "deaths_new", 7) in got
    assert ("2021-05-10", "Nakuru", "deaths_new", 2) in got
    # with the whole said before, its items are that whole's kind (local, not any case)
    text = (
        "Liaoning reported 9 new local cases on Tuesday. The new infections were in "
        "Dalian (6) and Shenyang (3)."
    )
    assert ("2021-05-11", "Dalian", "local_new", 6) in _recs(text)


def test_the_implied_head_is_none_where_a_whole_of_that_kind_was_said() -> None:
    s = "Among the new deaths, 4 were in Goma."
    nums = find_numbers(s)
    lead = partition_lead(s, nums[0].start)
    head = implied_head(s, 0, nums, lead, [], [], None)
    assert head is not None and head.category == "deaths_new" and head.value == 0
    said = Record("deaths_new", 9, "exact", None, None, None, "9", "9 deaths", s, 0, 1, "deaths")
    assert implied_head(s, 0, nums, lead, [said], [], None) is None
    # "Of the 25 new cases, ...": the whole has its number, and is a count of its own
    s = "Of the 25 new cases, 4 were in Goma."
    nums = find_numbers(s)
    assert implied_head(s, 0, nums, partition_lead(s, nums[0].start), [], [], None) is None


def test_a_definite_count_whose_parts_follow_is_a_count_said_here() -> None:
    s = "The 38 new cases include 30 local infections and 8 imported cases."
    assert opens_breakdown(s, s.index("38") + 2)
    got = _recs(s)
    assert ("2021-05-12", None, "confirmed_new", 38) in got
    assert ("2021-05-12", None, "local_new", 30) in got
    assert not opens_breakdown("The 38 new cases were all in Lima.", 6)


def test_countries_imported_cases_came_from_are_not_counts() -> None:
    head = Record("imported_new", 5, "exact", None, None, None, "5", "5", "", 0, 1, "cases")
    s = "Among them, four had arrived from Nepal and one from Qatar."
    assert origin_item(s, s.index("four") + 4, head)
    assert not origin_item("Two from the community.", 3, head)
    text = "Beijing reported 5 new imported cases on Tuesday. " + s
    assert _recs(text) == {("2021-05-11", "Beijing", "imported_new", 5)}


def test_items_of_an_announced_breakdown_are_places_though_none_is_listed() -> None:
    s = "Of the new cases, 12 were in Kowloonia and 4 in Eastvale."
    names = [n for _, _, n in item_places(s, [])]
    assert names == ["Kowloonia", "Eastvale"]
    assert item_places("He said 12 were in Kowloonia and 4 in Eastvale.", []) == []


def test_a_place_s_share_said_with_had_is_a_part_not_a_total() -> None:
    text = (
        "Ghana recorded 310 new cases on Monday. Of these, Accra had 200, Kumasi 70 and Tamale 40."
    )
    got = _recs(text, "2021-05-11")
    assert ("2021-05-10", "Accra", "confirmed_new", 200) in got
    assert ("2021-05-10", "Tamale", "confirmed_new", 40) in got
    assert not any(r[2] == "confirmed_cumulative" for r in got)


def test_a_subject_lead_with_its_participle_and_among() -> None:
    s = "The new cases confirmed by the ministry on Monday were spread among Tunis (30) and Sfax (8)."
    assert partition_lead(s, s.index("30")) is not None
    assert ("2021-05-10", "Sfax", "confirmed_new", 8) in _recs(s)


def test_a_single_announced_item_with_its_unit_word_is_a_place() -> None:
    s = "Gansu reported 9 new local cases, including 7 in Zhangye Prefecture."
    assert [n for _, _, n in item_places(s, [])] == ["Zhangye Prefecture"]
    assert item_places("Gansu reported 9 new cases, including 7 in Hospital.", []) == []


def test_a_vaccination_status_subset_is_not_annotated() -> None:
    got = _recs("Fiji recorded 31 new measles cases on Monday, 22 of whom were unvaccinated.")
    assert got == {("2021-05-10", "Fiji", "confirmed_new", 31)}


def test_those_who_died_name_the_deaths() -> None:
    s = "Among those who died on Friday, 4 were in Bo and 1 in Makeni."
    assert partition_lead(s, s.index("4")) is not None
    got = _recs(s)
    assert ("2021-05-07", "Bo", "deaths_new", 4) in got
    assert ("2021-05-07", "Makeni", "deaths_new", 1) in got


def test_a_subject_that_comprises_items_by_place_but_not_ages() -> None:
    s = "The new deaths comprised five in Mopti and two in Segou."
    assert partition_lead(s, s.index("five")) is not None
    assert ("2021-05-12", "Mopti", "deaths_new", 5) in _recs(s)
    s = "The patients comprise four males aged from 58 to 77."
    assert partition_lead(s, s.index("four")) is None
    assert not any(r[3] in (58, 77) for r in _recs(s))


def test_a_named_breakdown_of_the_count_said_before() -> None:
    s = "Regional breakdown of the new cases: Sidama 41; Afar 12."
    assert partition_lead(s, s.index("41")) is not None


def test_deaths_among_the_day_s_cases_said_with_a_perfect_are_new_deaths() -> None:
    got = _recs("Chad confirmed 15 new cholera cases on Monday. Four of them have died.")
    assert ("2021-05-10", "Chad", "deaths_new", 4) in got
    got = _recs("Chad has confirmed 150 cholera cases so far. Four of them have died.")
    assert ("2021-05-12", "Chad", "deaths_cumulative", 4) in got


def test_a_breakdown_said_as_a_clause_and_a_single_item_named_in_one_word() -> None:
    s = "A breakdown of the cases shows that 88 have been reported in Sucre."
    assert partition_lead(s, s.index("88")) is not None
    s = "Gansu has confirmed 40 cases so far, including 31 cases in Dunhuang."
    assert [n for _, _, n in item_places(s, [])] == ["Dunhuang"]
    s = "Gansu has confirmed 40 cases so far, including 3 in Intensive Care."
    assert item_places(s, []) == []


def test_a_part_of_a_month_s_count_is_of_that_month() -> None:
    text = (
        "The ministry reported six new human cases of H5N1 in February 2021. Two of the "
        "cases died, and the others recovered."
    )
    assert ("2021-02", None, "deaths_new", 2) in _recs(text, "2021-03-04")


def test_a_part_of_a_whole_named_with_its_number_shares_its_total() -> None:
    text = (
        "As of 3 May, 40 cases including six deaths have been reported in Bong. "
        "Five of the six deaths were confirmed by PCR."
    )
    assert ("2021-05-03", "Bong", "deaths_cumulative", 5) in _recs(text)


def test_parts_by_channel_cluster_or_class_are_not_counts() -> None:
    s = "Of the new cases, 9 were found in centralized quarantine and 2 in the community."
    assert provenance_item(s, s.index("9"), s.index("9") + 1)
    assert provenance_item(s, s.index("2 in"), s.index("2 in") + 1)
    s = "Singapore reported 8 new cases, including five imported and two from the community."
    assert not provenance_item(s, s.index("two"), s.index("two") + 3)
    s = "Of the new cases, 41 were linked to a market."
    assert provenance_item(s, s.index("41"), s.index("41") + 2)
    s = "Of the new cases, 97 percent were in category one or two."
    assert provenance_item(s, s.index("one"), s.index("one") + 3)


def test_a_definite_count_said_here_whose_parts_follow_by_place_in_brackets() -> None:
    s = "The 9 deaths reported on Sunday were in Kano (6) and Kaduna (3)."
    assert opens_breakdown(s, s.index("9") + 1)
    got = _recs(s)
    assert ("2021-05-09", "Kano", "deaths_new", 6) in got
    assert any(r[2:] == ("deaths_new", 9) for r in got)


def test_a_part_after_a_reporting_clause_and_an_inverted_whole() -> None:
    got = _recs("The agency said six of the new cases were in Lyon and two in Marseille.")
    assert ("2021-05-12", "Lyon", "confirmed_new", 6) in got
    assert ("2021-05-12", "Marseille", "confirmed_new", 2) in got
    s = "Among the 14 new cases announced in Benin on Monday were 9 in Cotonou and 5 in Parakou."
    assert opens_breakdown(s, s.index("14") + 2)
    got = _recs(s)
    assert ("2021-05-10", "Benin", "confirmed_new", 14) in got
    assert ("2021-05-10", "Parakou", "confirmed_new", 5) in got
    s = "The new cases were in Lyon and Nice, with 6 and 2 respectively."
    assert partition_lead(s, s.index("6")) is not None


def test_a_clause_that_ends_on_the_whole_leads_its_parts() -> None:
    s = "While officials gave no breakdown of the confirmed cases, 40 were from Lima."
    assert partition_lead(s, s.index("40")) is not None
    s = "The origin of the new cases, officials said, is unknown; 40 were from Lima."
    assert partition_lead(s, s.index("40")) is None
