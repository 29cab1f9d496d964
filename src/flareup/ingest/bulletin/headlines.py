"""A text's headline block and repeated records: a headline's counts that the body states again
are one fact, dated and placed as the body says (split out of ``extract``)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.dates import find_dates, masks
from flareup.ingest.bulletin.numbers import NUMBER_WORDS, find_numbers
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span

#: A headline line has at most this many words.
_HEADLINE_MAX_WORDS = 22


def dedupe(records: list[Record]) -> list[Record]:
    """The records less repeats of one (position, category, value, place, date)."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in records:
        k = (r.start, r.category, r.value, r.place, r.date)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def headline_repeats(records: list[Record], sents: list[Span]) -> list[Record]:
    """Less a headline's counts that the body states again (same category, value and place):
    one fact, dated as the body dates it ("Beijing reports 8 new cases" over "Eight more
    cases were detected in Beijing as of 7:00 a.m. on Sunday")."""
    if not sents:
        return records
    end = sents[0].end
    if sents[0].text.rstrip().endswith((".", "!", "?", "。", "”", '"')):
        # a lead sentence (a Chinese headline ends with "。") is a headline only for its counts
        # left undated that the body states again with a day: "內地新增本土確診病例65例,其中
        # 遼寧20例。" over the report's "11月7日..." body
        dated = {(r.category, r.value, r.place) for r in records if r.start >= end and r.date}
        # (a lead without a place of its own, "內地新增本土確診病例9例。", is the body's
        # count of that kind and value wherever the body places it)
        kinds = {(c, v) for c, v, _ in dated}
        return [
            r
            for r in records
            if r.start >= end
            or r.date
            or (
                (r.category, r.value, r.place) not in dated
                and not (r.place is None and (r.category, r.value) in kinds)
            )
        ]
    body = {(r.category, r.value, r.place) for r in records if r.start >= end}
    return [r for r in records if r.start >= end or (r.category, r.value, r.place) not in body]


def headline_ends(text: str, sents: list[Span]) -> int:
    """End of the headline block: leading short lines without final punctuation whose
    numbers the body states again ("12 New COVID-19 Cases Discovered in Qingdao" before
    "Twelve people ... have tested positive"); a line with a number the body does not repeat
    (a bulleted "Globally 46 997 confirmed") is kept."""
    end = 0
    for s in sents[:3]:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line_end = len(text) if line_end < 0 else line_end
        whole_line = text[line_start:line_end].strip() == s.text.strip()
        if (
            whole_line
            and len(s.text.split()) <= _HEADLINE_MAX_WORDS
            and not s.text.lstrip().startswith(("•", "-", "*", "·"))
            and not s.text.rstrip().endswith((".", "。", "!", "?", "”", '"'))
        ):
            end = s.end
        else:
            break
    if end == 0:
        return 0
    body = text[end:].lower()
    for s in sents:
        if s.start >= end:
            break
        # (a day in the headline block, "3 Aug", is no count the body must repeat)
        for n in find_numbers(s.text, masks(s.text, find_dates(s.text, None))):
            if n.zero_word:
                continue
            forms = {n.mention.lower(), str(n.value), f"{n.value:,}"}
            forms |= {w for w, v in NUMBER_WORDS.items() if v == n.value}
            # a number as a whole word of the body ("3" is not said by "983" or "2012")
            if not any(
                f and rx.search(r"(?<!\d[,.])(?<!\w)" + re.escape(f) + r"(?!\w|[,.]\d)", body)
                for f in forms
            ):
                return 0
    rest = [s for s in sents if s.start >= end]
    return end if len(rest) >= 1 else 0
