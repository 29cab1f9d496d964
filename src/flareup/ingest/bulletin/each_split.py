"""One number for several places named the gazetteer may not know: 'Jamshoro and Sanghar six
each', 'Kashmore, Mirpurkhas, Sujawal and Umerkot one each', '10 each from Angul and
Keonjhar'. SCHEMA.md's breakdown rule and the conventions give every place its own record;
``each_lists`` does so when the places are known ones, this does it for the names as written
(a place-led item's name read whole, 'Jamshoro and Sanghar', or the first name after 'each
from'). Run on a sentence's records once they are read (``breakdowns.finish_sentence``)."""

from __future__ import annotations

import dataclasses
import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.places import gazetteer
from flareup.ingest.bulletin.records import Record

#: 'each' or 'apiece' right after the number, with at most a noun between ('six each',
#: 'one case each', 'two deaths apiece')
_EACH_AFTER = rx.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:each|apiece)\b")
#: a name: capitalised words ('Tando Mohammad Khan', 'Shaheed Benazirabad')
_NAME = r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3}"
#: the names listed before the number: 'A, B, C and D ' (read backwards from the number)
_NAMES_BEFORE = rx.compile(rf"(?:{_NAME}\s*,\s*)*{_NAME}\s+and\s+{_NAME}\s+$")
#: the names listed after 'each from / in': 'from A and B', 'in A, B and C'
_NAMES_AFTER = rx.compile(
    rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:each|apiece)\s+(?:from|in|at)\s+(?:the\s+)?"
    rf"(?P<names>(?:{_NAME}\s*,\s*)*{_NAME}\s+and\s+{_NAME})\b"
)
_SPLIT = rx.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
#: words that open a clause and are no place ('And', 'The')
_NOT_NAME = rx.compile(r"(?:The|And|Of|In|From|With|While|Meanwhile|Also|Both)\b")


def split_each(sentence: str, offset: int, records: list[Record]) -> None:
    """Give each place of a list before 'N each' (or after 'N each from') its own record,
    inserted after the record the number gave."""
    starts = [r.start for r in records]
    i = 0
    while i < len(records):
        r = records[i]
        pos = r.start - offset
        i += 1
        if starts.count(r.start) > 1 or r.place_text is None:
            continue  # (``each_lists`` has given the places their records)
        # the number's own place in the sentence: the evidence may open with the place
        m = re.compile(r"\b" + re.escape(r.mention) + r"\b").search(sentence, max(0, pos))
        npos = m.start() if m is not None else -1
        if npos < 0 or not _EACH_AFTER.match(sentence, npos + len(r.mention)):
            continue
        names = _names(sentence, npos, npos + len(r.mention), r.place_text)
        if len(names) < 2:
            continue
        added = []
        for k, name in enumerate(names):
            place = gazetteer().lookup(name)
            target = r if k == 0 else dataclasses.replace(r)
            target.place = place.name if place is not None else name
            target.place_text = name
            target.place_code = (place.code or None) if place is not None else None
            if k:
                added.append(target)
        records[i:i] = added
        i += len(added)


def _names(sentence: str, a: int, b: int, place_text: str) -> list[str]:
    """The names listed with the number at ``sentence[a:b]``, where the record's place as
    written (``place_text``) is one of them or all of them together."""
    before = _NAMES_BEFORE.search(sentence, max(0, a - 160), a)
    found = ""
    if before is not None and place_text in before.group(0):
        found = before.group(0).strip()
        # (the list starts after the item before it: 'Badin two, Kashmore, ...')
    else:
        m = _NAMES_AFTER.match(sentence, b)
        if m is not None and m.group("names").startswith(place_text):
            found = m.group("names")
    names = [n for n in _SPLIT.split(found) if n] if found else []
    if any(_NOT_NAME.match(n) for n in names):
        return []
    return names
