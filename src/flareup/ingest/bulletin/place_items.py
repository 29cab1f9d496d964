"""Place-led list items: 'Dhaka had 120, Chattogram 45 and Khulna 8', 'Of the new cases, Lagos
had 245, Abuja had 80 and Kano had 12', 'Jalisco reported 5 deaths, Puebla 3 and Sonora 1'.

Each item is a place's name, an optional verb of reporting said with it (or with the first
item only: gapping) and its number. SCHEMA.md annotates a breakdown level by level, each item
on its own place: the item's place is the name it opens with (the name as written where the
gazetteer lacks it, when a sibling item's name is a known place), its evidence the item's own
words ('Abuja had 80', not '80 and Kano had'), and an item with no noun of its own counts what
the list's last item with a noun before it counts ('Ontario reported 1,050 new cases, ...,
Alberta had 400': new cases too, though 'had' alone reads as a total). Method: a regular
expression over the words before each record's number, then a run of at least two items of
which one names a known place.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.categories import metric_for
from flareup.ingest.bulletin.context import _FAMILY_OF, _STOCK_CATS
from flareup.ingest.bulletin.places import PlaceMention, gazetteer
from flareup.ingest.bulletin.records import Record

#: verbs said between a place and its number ('Lagos had 245', 'Seoul recorded 241')
_VERB = (
    r"(?:(?:has|have|had)\s+)?(?:had|has|have|recorded|reported|logged|confirmed|saw|registered|"
    r"added|counted|notified|detected|identified|announced|posted|accounted\s+for)"
    # ("with Jakarta recording 2,100"; "Seoul accounting for 241")
    r"|(?:having|recording|reporting|logging|confirming|seeing|registering|adding|counting|"
    r"posting|accounting\s+for)"
)
#: the words before an item's number: a list mark (the sentence's start, a comma, semicolon,
#: colon or 'and'), the place's name (capitalised words), the optional verb
_ITEM_BEFORE = rx.compile(
    r"(?:^|[,;:]|\band)\s*"
    # (the words that open a list in mid-sentence: ", of which Lagos had 245")
    r"(?:(?:of\s+(?:which|whom|them|these|those)|among\s+(?:them|these|those)|with|including)"
    r"\s*,?\s*)?(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ -](?:de|del|da|do|and|of)?\s?[A-Z][\w'’.-]*){0,3})"
    rf"\s+(?:(?P<verb>{_VERB})\s+)?$"
)
#: capitalised words that open a sentence or a clause but name no place ("The ministry
#: reported 5"), and names of what is counted or when ("Total 45", "Sunday 12")
_NOT_A_NAME = rx.compile(
    r"(?:The|This|That|These|Those|There|It|They|Of|Among|In|On|At|By|As|And|But|While|Since|"
    r"Health|Ministry|Officials?|Authorities)\b"
    r"|(?:Total|Overall|Nationally|New|Cases|Deaths|COVID-19|WHO|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Week)$"
)
#: a count's own noun after its number (the item is then not noun-less)
_OWN_NOUN = rx.compile(
    r"\s*(?:[\w-]+\s+){0,4}?(?:cases?|deaths?|infections?|fatalities|patients|carriers|"
    r"recoveries|tests|contacts|people|persons)\b",
    re.IGNORECASE,
)
_MARK_AFTER = rx.compile(r"\s*(?:[,;.]|\band\b|$)")
#: "Chaoyang District", "Kashgar Prefecture": a known place's name with its unit word
_UNIT_WORD = rx.compile(
    r"\s+(?:District|County|Province|State|Region|City|Prefecture|Municipality|Governorate|"
    r"Department|Division|Banner|League)"
)
_NEXT_ITEM = rx.compile(r"\s+(?:and|or)\b")


@dataclass
class _Item:
    record: Record
    pos: int  # where the number starts in the sentence
    name_start: int
    name: str
    verb: bool
    place: PlaceMention | None


def _items(sentence: str, offset: int, records: list[Record]) -> list[_Item]:
    """The records of ``sentence`` whose number an item's place (and verb) leads."""
    out: list[_Item] = []
    places: list[PlaceMention] | None = None
    for r in records:
        pos = r.start - offset
        if not 0 <= pos < len(sentence) or not sentence.startswith(r.mention, pos):
            continue
        m = _ITEM_BEFORE.search(sentence, max(0, pos - 60), pos)
        if m is None or _NOT_A_NAME.match(m.group("name")):
            continue
        if places is None:
            places = gazetteer().find(sentence)
        a, b = m.start("name"), m.end("name")
        known = next(
            (
                p
                for p in places
                if a <= p.start
                and (p.end == b or _UNIT_WORD.fullmatch(sentence, p.end, b) is not None)
            ),
            None,
        )
        out.append(_Item(r, pos, a, m.group("name"), bool(m.group("verb")), known))
    return out


def _runs(sentence: str, items: list[_Item]) -> list[list[_Item]]:
    """The lists the items make: runs of at least two, each after the one before with only
    that one's own words between ('..., Chattogram 45 and Khulna 8'), one at least a known
    place."""
    runs: list[list[_Item]] = [items[:1]]
    for a, b in itertools.pairwise(items):
        between = sentence[a.pos + len(a.record.mention) : b.name_start]
        if (
            # the one before ends its own words with a list mark: a comma, semicolon or 'and'
            not rx.search(r"(?:[,;]|\band)\s*(?:the\s+)?$", between)
            # another clause, a bracket, a lead or a place of the number's own between
            or rx.search(
                r"[.:()]|\b(?:of|in|from|at)\s+(?:the\s+)?[A-Z]|\b(?:which|whom|them|with|including)\b",
                between,
            )
        ):
            runs.append([b])
        else:
            runs[-1].append(b)
    return [r for r in runs if len(r) > 1 and any(it.place is not None for it in r)]


def _noun_less(sentence: str, it: _Item) -> bool:
    end = it.pos + len(it.record.mention)
    return _OWN_NOUN.match(sentence, end) is None and _MARK_AFTER.match(sentence, end) is not None


def place_led_items(sentence: str, offset: int, records: list[Record]) -> None:
    """Give the items of a place-led list in ``sentence`` (which starts at ``offset`` in the
    text) their own place, evidence and, where they have no noun, the category of the last
    item with a noun before them."""
    if len(records) < 2:
        return
    starts = [r.start for r in records]
    # "Kyoto and Nara reporting 96 each": one number, a record for each place it was given
    shared = {a for a in starts if starts.count(a) > 1}
    for run in _runs(sentence, _items(sentence, offset, records)):
        _place_run(sentence, offset, run, shared)


def _place_run(sentence: str, offset: int, run: list[_Item], shared: set[int]) -> None:
    last_nouned: Record | None = None
    for it in run:
        r = it.record
        if r.start in shared:
            continue
        if it.place is not None:
            r.place, r.place_text = it.place.place.name, it.place.text
            r.place_code = it.place.place.code or None
        else:
            r.place = r.place_text = it.name  # (a sibling is a known place: so is this one)
            r.place_code = None
        noun_less = _noun_less(sentence, it)
        if noun_less and last_nouned is not None and r.category != last_nouned.category:
            if _FAMILY_OF.get(r.category) == _FAMILY_OF.get(last_nouned.category):
                r.category = last_nouned.category
                r.stock = r.category in _STOCK_CATS
                r.metric = metric_for(r.category, r.stock)
        elif not noun_less:
            last_nouned = r
        # the evidence: the item's own words, from its place to its number's own words
        # (not the next item's 'and Kano had')
        end = it.pos + len(r.evidence) if r.evidence.startswith(r.mention) else it.pos
        end = max(end, it.pos + len(r.mention))
        cut = _NEXT_ITEM.search(sentence, it.pos + len(r.mention), end)
        if cut is not None:
            end = cut.start()
        r.evidence = sentence[it.name_start : end].rstrip()
        r.start = offset + it.name_start
        r.end = r.start + len(r.evidence)
