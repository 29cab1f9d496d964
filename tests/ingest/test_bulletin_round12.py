"""The twelfth round (from the unseen dev14 and the sealed split's error classes, see
docs/methods/bulletin.md): its rules checked on invented sentences other than the probes'
(tests/data/bulletins/probes/round12.jsonl), with counter-examples where one applies."""

from __future__ import annotations

from bulletin_records import by_value

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.traditional import simplified


def _recs(text: str, pub: str = "2021-03-10") -> dict[int, set[tuple[str, str | None, str]]]:
    return by_value(text, pub)


def test_traditional_characters_are_read_and_given_back_as_written() -> None:
    text = "3月9日0—24時,臺灣地區報告新增確診病例4例,累計報告確診病例994例。"
    assert len(simplified(text)) == len(text)
    assert simplified("新增确诊病例4例") == "新增确诊病例4例"  # simplified text: unchanged
    recs = extract(text, "2021-03-10")
    got = {(r.category, r.value, r.date, r.place) for r in recs}
    assert ("confirmed_new", 4, "2021-03-09", "Taiwan") in got
    assert ("confirmed_cumulative", 994, "2021-03-09", "Taiwan") in got
    for r in recs:
        assert text[r.start : r.end] == r.evidence  # the text's own characters
        assert r.sentence in text and r.mention in r.evidence


def test_a_figure_compared_with_takes_its_counts_flow_or_stock() -> None:
    text = (
        "Laos has recorded 2,140 dengue cases this year as of 30 June, fewer than the "
        "3,310 cases recorded during the same period last year."
    )
    got = _recs(text, "2019-07-08")
    assert got[2140] == {("confirmed_cumulative", "2019-06-30", "Laos")}
    assert got[3310] == {("confirmed_cumulative", "2018-06-30", "Laos")}
    # a count in brackets is an aside, not the one compared
    text = "Laos reports 900 cases (40 new since yesterday), compared to 700 on 1 March."
    assert ("confirmed_cumulative", "2021-03-01", "Laos") in _recs(text)[700]


def test_changes_averages_and_vaccination_parts_are_no_counts() -> None:
    text = "There are 230 patients in hospital in Alberta, down 12 from the day before."
    got = _recs(text)
    assert 12 not in got and 230 in got
    text = "The 14-day average of new infections in Alberta is 410. Alberta reported 388 cases."
    assert set(_recs(text)) == {388}
    text = "Of the 230 patients in hospital in Alberta, 120 are unvaccinated."
    assert set(_recs(text)) == {230}


def test_a_total_said_after_its_number() -> None:
    text = "Three more deaths in Kano raised to 58 the number of deaths in Nigeria."
    got = _recs(text)
    assert ("deaths_cumulative", "2021-03-10", "Nigeria") in got[58]


def test_an_outbreaks_origin_is_no_counts_place_or_day() -> None:
    text = (
        "Globally, 2,600,000 people have died of COVID-19 since the virus first emerged in "
        "Wuhan, China, in late 2019."
    )
    assert _recs(text)[2600000] == {("deaths_cumulative", "2021-03-10", "World")}
    # cases that 'emerged' in a place are that place's
    text = "Two new polio cases have emerged in Sindh."
    assert ("confirmed_new", "2021-03-10", "Sindh") in _recs(text)[2]


def test_recoveries_in_a_single_day_and_a_daily_toll_are_flows() -> None:
    text = "In Kenya, 1,204 patients recovered in a single day."
    assert _recs(text)[1204] == {("recovered_new", "2021-03-10", "Kenya")}
    text = "Brazil's daily death toll reached 2,286 on Tuesday."
    assert _recs(text)[2286] == {("deaths_new", "2021-03-09", "Brazil")}
