"""Whether places lie in one another for the text's current place: a sentence whose places
all lie in the current one goes on about it; the unit holding the places named after an
unplaced count; places beside a subject (a breakdown, no new subject). Split out of
``attach`` (which gives each count its place) along that seam."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
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
            _lies_in(p.place, current.place, gaz)
            or _filed_under_country(p.place, current.place)
            # ("Pakistan: 1,016 / Islamabad: 16 / Punjab: 312": a name two countries share
            # is the current country's)
            or any(
                _lies_in(q, current.place, gaz) for q in gaz.by_name.get(p.place.name.lower(), ())
            )
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


#: "33 of them in", "two in", "4 cases were in": a breakdown item's count right before its place
_ITEM_BEFORE = rx.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:of\s+(?:them|these|those|which)\s+|(?:new\s+)?cases?\s+)?(?:were\s+|was\s+)?"
    r"(?:in|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _whole_of_parts(
    sent: str,
    places: list[PlaceMention],
    n: Number,
    nums: list[Number],
    pm: PlaceMention,
    gaz: Gazetteer,
) -> PlaceMention | None:
    """For a count given the text's current place: the unit holding the places its own
    breakdown names after it, where that place is one of them ('35 new cases, 33 of them in
    Auckland and two in Wellington': New Zealand's, not Auckland's), or the unit right above
    that place where its part there is smaller ('Of the 40 new cases, 27 were in Beijing')."""
    later_nums = [m for m in nums if m.start > n.end]
    if not later_nums:
        return None
    parts = [
        p
        for p in places
        if p.start > later_nums[0].start
        and _ITEM_BEFORE.search(sent, max(0, p.start - 40), p.start) is not None
    ]
    named = {p.place for p in parts}
    if pm.place not in named:
        return None
    if len(named) < 2:
        # "Of the 40 new cases, 27 were in Beijing" in a story on Beijing: a smaller part of
        # the count lies in the text's place, so the count is the unit's above it
        own = next(p for p in parts if p.place == pm.place)
        part = next((m for m in reversed(later_nums) if m.end <= own.start), None)
        if part is None or part.value >= n.value:
            return None
    elif all(p.place.country for p in parts):
        return _holder_of_later(sent, parts, n, gaz)
    # (a part the gazetteer does not know: the unit right above the text's place)
    up = gaz.parent_of(pm.place) or gaz.by_code.get(pm.place.country)
    if up is None or up.level in ("world", "region"):
        return None
    return PlaceMention(parts[0].start, parts[-1].end, up.name, up)


#: "... new cases on Tuesday, bringing the nation's total to": a flow whose running total is
#: the country's
_NATION_TOTAL_AFTER = rx.compile(
    r"[^.;()\d]{0,60}?,\s*(?:bringing|raising|taking|pushing)\s+(?:the\s+)?(?:nation|country|"
    r"national)(?:'s|’s)?\s+(?:[\w-]+\s+){0,3}?(?:total|tally|toll|count|caseload)\s+to\b",
    re.IGNORECASE,
)


def wider_than_carried(
    sent: str,
    places: list[PlaceMention],
    n: Number,
    nums: list[Number],
    pm: PlaceMention,
    gaz: Gazetteer,
) -> PlaceMention:
    """A count the text's current (carried) place was given, widened where the sentence says
    it is more: broken down into that place and others, or a part of it there ('Health
    officials reported 35 new cases, 33 of them in Auckland and two in Wellington'; 'Of the 40
    new cases, 27 were in Beijing', in a story on the city), or a flow 'bringing the nation's
    total to' (the country's)."""
    pm = _whole_of_parts(sent, places, n, nums, pm, gaz) or pm
    if _NATION_TOTAL_AFTER.match(sent, n.end) is not None and pm.place.level != "country":
        # "Health authorities reported 62 new cases, bringing the nation's total to 81,802"
        country = gaz.by_code.get(pm.place.country)
        if country is not None:
            return PlaceMention(pm.start, pm.end, country.name, country)
    return pm


def inside_and_outside(places: list[PlaceMention], gaz: Gazetteer) -> PlaceMention | None:
    """'565 patients were hospitalised in Dhaka city and 299 ... in hospitals outside Dhaka':
    counts said for a city (or province) and for the rest of its country together; the text
    is on the country, whose totals the next sentences give (None where no place is named
    both ways)."""
    for o in places:
        if o.place.level != "region" or not o.text.lower().startswith("outside "):
            continue
        inner = rx.sub(r"^outside\s+(?:of\s+)?(?:the\s+)?", "", o.text, flags=re.IGNORECASE)
        for p in places:
            if p is o or p.place.level in ("country", "world", "region"):
                continue
            if p.text.lower() == inner.lower() or p.place.name.lower() == inner.lower():
                country = gaz.by_code.get(p.place.country)
                if country is not None:
                    return PlaceMention(p.start, p.end, country.name, country)
    return None
