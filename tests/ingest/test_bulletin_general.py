"""General mechanisms of the bulletin extractor, each checked on invented sentences (so that
what the dev corpus taught generalises): parts of an earlier count, place lists, possessive
place names, document-level default places, flow vs stock cues."""

from __future__ import annotations

from flareup.ingest.bulletin import extract
from flareup.ingest.bulletin.places import gazetteer


def _rows(text: str, pub: str) -> set[tuple[str | None, str | None, str, int]]:
    return {(r.date, r.place, r.category, r.value) for r in extract(text, pub)}


def test_part_of_an_earlier_count_is_a_breakdown_by_place() -> None:
    text = (
        "Hunan reported 12 new confirmed cases on Monday. Seven of the confirmed cases were "
        "reported in Changsha, three in Zhuzhou and two in Yueyang, the commission said."
    )
    got = _rows(text, "2021-08-03")
    assert {
        ("2021-08-02", "Hunan", "confirmed_new", 12),
        ("2021-08-02", "Changsha", "confirmed_new", 7),
        ("2021-08-02", "Zhuzhou", "confirmed_new", 3),
        ("2021-08-02", "Yueyang", "confirmed_new", 2),
    } <= got


def test_part_of_the_cases_after_a_total_belongs_to_the_new_cases() -> None:
    text = (
        "Thailand on Sunday reported 30 new cases. This takes the national tally to 4,000. "
        "Twenty of the cases came from a factory."
    )
    got = _rows(text, "2021-01-10")
    assert ("2021-01-10", "Thailand", "confirmed_new", 20) in got
    assert not any(c == "confirmed_cumulative" and v == 20 for _, _, c, v in got)


def test_plural_possessive_country_names_are_places() -> None:
    gaz = gazetteer()
    for sent, name in [
        ("The Philippines' Department of Health reported 5 cases", "Philippines"),
        ("the Netherlands’ health institute said", "Netherlands"),
    ]:
        assert [p.place.name for p in gaz.find(sent)] == [name]
    got = _rows("The Philippines' Department of Health reported 3,439 new cases.", "2020-08-10")
    assert ("2020-08-10", "Philippines", "confirmed_new", 3439) in got
