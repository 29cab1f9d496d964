"""Place-led list items (``place_items``), the leads that open them (``breakdowns``) and the
days said after a list (``list_heads``); the probe files lead_lists, gapped_lists and
list_dating exercise the same rules on more wordings."""

from __future__ import annotations

import datetime as dt

from flareup.ingest.bulletin import breakdowns, extract, list_heads
from flareup.ingest.bulletin.numbers import find_numbers
from flareup.ingest.bulletin.records import Record


def _recs(text: str, published: str) -> list[tuple[str, int, str | None, str | None, str]]:
    return [
        (r.category, r.value, r.date, r.place_text, r.evidence) for r in extract(text, published)
    ]


def test_gapped_items_take_their_own_place_and_words() -> None:
    got = _recs("Jalisco reported 5 deaths, Puebla 3 and Sonora 1 on Friday.", "2020-05-09")
    assert [(c, v, p) for c, v, _, p, _ in got] == [
        ("deaths_new", 5, "Jalisco"),
        ("deaths_new", 3, "Puebla"),
        ("deaths_new", 1, "Sonora"),
    ]
    assert [e for *_, e in got][1:] == ["Puebla 3", "Sonora 1 on Friday"]
    # the evidence span is the text's: start and end follow it
    text = "Of the new cases, Lagos had 245, Abuja had 80 and Kano had 12."
    for r in extract(text, "2020-10-28"):
        assert text[r.start : r.end] == r.evidence
    assert [r.evidence for r in extract(text, "2020-10-28")] == [
        "Lagos had 245",
        "Abuja had 80",
        "Kano had 12",
    ]


def test_an_unknown_name_is_a_place_beside_known_siblings_only() -> None:
    got = _recs("Tehran recorded 48 deaths, Khuzestan 21 and Razavi Khorasan 12.", "2020-07-18")
    assert [p for *_, p, _ in got] == ["Tehran", "Khuzestan", "Razavi Khorasan"]
    # no known place among the names: none is taken for one
    got = _recs("Foo recorded 48 deaths, Bar 21 and Baz 12.", "2020-07-18")
    assert "Bar" not in [p for *_, p, _ in got]


def test_a_noun_less_item_counts_what_the_item_before_counts() -> None:
    got = _recs(
        "Ontario reported 1,050 new cases on Sunday, Quebec recorded 890 and Alberta had 400.",
        "2021-01-25",
    )
    assert {c for c, *_ in got} == {"confirmed_new"}


def test_single_counts_and_lists_of_nouns_keep_their_evidence() -> None:
    got = _recs("Kenya reported 4 new deaths and 9 new cases today.", "2021-03-10")
    assert [e for *_, e in got] == ["4 new deaths", "9 new cases today"]


def test_leads_of_a_place_led_list() -> None:
    s = "Of the new cases, Blantyre had 88, Lilongwe 40 and Zomba 11."
    assert breakdowns.partition_lead(s, s.index("88")) is not None
    s = "By region: Dakar 52, Thies 14, Ziguinchor 8."
    assert breakdowns.partition_lead(s, s.index("52")) is not None
    s = "Dhaka had 120, Chattogram 45 and Khulna 8."
    assert breakdowns.partition_lead(s, s.index("120")) is not None
    # a count with its own noun and verb leads nothing
    s = "By province, Lusaka has recorded 450 cholera cases since October, Copperbelt 120."
    assert breakdowns.partition_lead(s, s.index("450")) is None
    s = "Dhaka had 120 new cases on Tuesday."
    assert breakdowns.partition_lead(s, s.index("120")) is None


def test_of_the_new_confirmed_cases_is_not_the_asymptomatic_count() -> None:
    asym, cases = (
        Record(c, v, "exact", "2022-03-07", "Jiangxi", "Jiangxi", str(v), str(v), "", 0, 0, c)
        for c, v in (("asymptomatic_new", 14), ("confirmed_new", 9))
    )
    assert breakdowns.partition_head("Of the new confirmed cases, ", [asym]) is None
    assert breakdowns.partition_head("Of the new confirmed cases, ", [cases, asym]) is cases
    assert breakdowns.partition_head("Of the new cases, ", [asym]) is asym


def test_a_day_said_after_the_list_dates_its_items() -> None:
    got = _recs(
        "Victoria had 3 new cases, Queensland 2 and Tasmania 1 (figures for Sunday).", "2021-01-12"
    )
    assert {d for _, _, d, _, _ in got} == {"2021-01-10"}
    got = _recs(
        "New confirmed cases: Hubei 1,638, Henan 40. The figures are for Tuesday.", "2020-02-12"
    )
    assert {d for _, _, d, _, _ in got} == {"2020-02-11"}
    # a list that names its own day keeps it
    recs = extract("On Monday, Hubei had 1,638 new cases, Henan 40.", "2020-02-12")
    list_heads.redate_list_before("The figures are for Tuesday.", dt.date(2020, 2, 12), recs)
    assert {r.date for r in recs} == {"2020-02-10"}
    # a day inside the list's sentence that is not a trailer dates nothing more
    recs = extract("Hubei had 1,638 new cases and Henan 40 (up from 30 on Monday).", "2020-02-12")
    assert "2020-02-10" not in {r.date for r in recs if r.value == 1638}


def test_a_part_larger_than_the_count_before_is_not_its_part() -> None:
    a = Record(
        "asymptomatic_new",
        22,
        "exact",
        "2020-10-27",
        "Xinjiang",
        "Xinjiang",
        "22",
        "22",
        "",
        0,
        0,
        "x",
    )
    s = "Of the new cases, Lagos had 245, Abuja had 80."
    nums = find_numbers(s, [])
    assert [n.value for n in nums] == [245, 80]
    assert breakdowns.partition_head("Of the new cases, ", [a], nums) is None
    assert breakdowns.partition_head("Of the new cases, ", [a], []) is a


def test_a_lists_figures_for_a_day_are_that_days_flows() -> None:
    got = _recs("Deaths by state: Lagos 3, Ogun 2. The figures were for Saturday.", "2020-06-08")
    assert {(c, d) for c, _, d, _, _ in got} == {("deaths_new", "2020-06-06")}
    # 'as of' a day: totals, as typed
    got = _recs("Deaths by state: Lagos 3, Ogun 2 (as of Saturday).", "2020-06-08")
    assert {(c, d) for c, _, d, _, _ in got} == {("deaths_cumulative", "2020-06-06")}
    # a word of a total keeps a total
    got = _recs("Total deaths by state: Lagos 30, Ogun 20 (figures for Saturday).", "2020-06-08")
    assert {c for c, *_ in got} == {"deaths_cumulative"}


def test_a_list_led_in_mid_sentence() -> None:
    got = _recs(
        "Zimbabwe confirmed 88 new cholera cases on Tuesday: Harare had 60, Bulawayo 20.",
        "2018-09-12",
    )
    assert [(c, v, p) for c, v, _, p, _ in got][1:] == [
        ("confirmed_new", 60, "Harare"),
        ("confirmed_new", 20, "Bulawayo"),
    ]
    got = _recs(
        "Indonesia confirmed 5,400 new cases, with Jakarta recording 2,100, Bali 910.", "2021-06-21"
    )
    assert [e for *_, e in got][1:] == ["Jakarta recording 2,100", "Bali 910"]
    s = "Italy had 120 deaths; among them, Lombardy had 45"
    assert breakdowns.had_share(s, s.index("45"), False)
    s = "Kenya reported 5 new cases, Nairobi had 12"
    assert not breakdowns.had_share(s, s.index("12"), False)
    assert breakdowns.had_share(s, s.index("12"), True)


def test_a_breakdown_named_by_its_adjective_and_names_with_unit_words() -> None:
    s = "Provincial breakdown: Gauteng 41, Western Cape 22."
    assert breakdowns.partition_lead(s, s.index("41")) is not None
    got = _recs(
        "Hebei reported 9 new cases. Of these, Xingtai City had 5, Langfang 3.", "2021-01-12"
    )
    assert [e for *_, e in got][1:] == ["Xingtai City had 5", "Langfang 3"]
