"""Whether places lie in one another for the text's current place: a sentence whose places
all lie in the current one goes on about it; the unit holding the places named after an
unplaced count; places beside a subject (a breakdown, no new subject). Split out of
``attach`` (which gives each count its place) along that seam."""

from __future__ import annotations

from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.places import Gazetteer, Place, PlaceMention
from flareup.ingest.bulletin.records import Record


def goes_on_about(places: list[PlaceMention], current: PlaceMention | None, gaz: Gazetteer) -> bool:
    """Whether a sentence whose places all lie inside the current place goes on about it
    ('Kenya: ... . New cases emerged from 5 counties, namely Garissa (47), Turkana (12) ... .
    Cumulatively a total of 5,614 cases': the counties are Kenya's breakdown, the text stays
    on Kenya)."""
    return (
        current is not None
        and current.place.level != "world"
        and bool(places)
        # (or names it again after its counts: "4,658 cases were reported in Laos")
        and all(
            _lies_in(p.place, current.place, gaz) or _filed_under_country(p.place, current.place)
            for p in places
        )
    )


def _filed_under_country(place: Place, province: Place) -> bool:
    """Whether ``place`` is a city the gazetteer files under its country alone, in the
    country of the current ``province`` ('Kerala ... . Ernakulam recorded 1,434 cases,
    followed by Thiruvananthapuram (1,102)': its cities, whose state the gazetteer does not
    know, do not end the text's paragraph on Kerala)."""
    return (
        province.level == "province"
        and place.level == "city"
        and bool(place.country)
        and place.country == province.country
        and place.parent == place.country
    )


def _lies_in(place: Place, holder: Place, gaz: Gazetteer) -> bool:
    """Whether ``place`` is ``holder`` or lies in it."""
    return (
        place == holder
        or holder in gaz.ancestors(place)
        or (holder.level == "country" and bool(holder.code) and place.country == holder.code)
    )


def _holder_of_later(
    sent: str, places: list[PlaceMention], n: Number, gaz: Gazetteer
) -> PlaceMention | None:
    """For a count the text places nowhere: the unit that holds the places named after it
    ('Of the 30 new cases, 20 were in Lagos, 6 in Abuja': Nigeria's)."""
    later = [p for p in places if p.start >= n.end and p.place.country]
    if not later:
        return None
    ups = []
    for p in later:
        up = gaz.parent_of(p.place) or gaz.by_code.get(p.place.country)
        if up is None:
            return None
        ups.append(up)
    common = gaz.common_ancestor(ups)
    if common is None or common.level in ("world", "region"):
        return None
    return PlaceMention(later[0].start, later[-1].end, common.name, common)


def sibling_subjects(recs: list[Record], subject: Place, gaz: Gazetteer) -> bool:
    """Whether a sentence's counts also sit in a place beside its subject, neither in it nor
    holding it ("Edo recorded two deaths while Benue and Bauchi recorded one each"): a
    breakdown by place, whose first place is not what the next sentences go on about."""
    for r in recs:
        if not r.place or r.place == subject.name:
            continue
        other = gaz.lookup(r.place)
        # (units of one level under one parent: a town the gazetteer files under its country
        # and the province named beside it are no siblings)
        if other is not None and other.level == subject.level and other.parent == subject.parent:
            return True
    return False
