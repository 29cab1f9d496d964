"""The extractor: text + publication date -> :class:`Record` list.

Per sentence: dates (resolved against the publication date and the sentence before), numbers,
places (gazetteer, organisation names and datelines masked), then per number its category
(``categories``), its place (the place phrase that follows it in its own phrase, else the
nearest before it in its clause, else the sentence's, else the text's) and its date (its own
comparison date 'up from 9 a day earlier', else its clause's, else the sentence's, else the
previous sentence's, else the date the statement was made). A number without a noun of its
own ('eight of whom were in Guangdong, three in Inner Mongolia', '21 imported ones') is an item
of the list or breakdown before it and inherits its category.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.dates import DateMention, find_dates, masks, shift
from flareup.ingest.bulletin.numbers import Number, find_numbers, parse_number
from flareup.ingest.bulletin.places import (
    Gazetteer,
    Place,
    PlaceMention,
    dateline_end,
    gazetteer,
    registry_code,
)
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span, clauses, sentences

_CJK = re.compile(r"[\u4e00-\u9fff]")
_OPENS_WITH_DATE = re.compile(
    r"\W*(?:on|by|as\s+of|until|in|since|from)?\s*(?:the\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s)",
    re.IGNORECASE,
)
_MAYBE_COUNT = re.compile(
    r"[\d零〇一二两三四五六七八九十百千万]|\b(?:no|zero|none|nil|without|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|dozen|single|not\s+any)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"^\s*(?:among\s+(?:them|these|those|the)|of\s+(?:them|these|those|which|whom|the)|"
    r"including|they|these|it|this|the\s+same\s+day|on\s+the\s+same\s+day|meanwhile|"
    r"in\s+addition|besides|also|apart\s+from)",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"(?:including|includ(?:es|ed)|with|among\s+(?:them|whom|which)|of\s+(?:them|whom|which))\s*$",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"(?:up|down|rising|falling|increased?|decreased?|compared|comparing|against|versus|vs\.?|"
    r"from)\s+(?:with\s+|to\s+|from\s+)?$",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will|would|plans?\s+to|planned|aims?\s+to|aiming|target(?:ing|s)?|to\s+(?:test|screen|"
    r"vaccinate)|capacity|population\s+of|city\s+of|home\s+to|inhabitants|a\s+city\s+of|"
    r"residents\s+of)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(
    r"(?:^|[^f]\s)(?:the|these|those|all|both|all\s+the|all\s+of\s+the)\s+$", re.IGNORECASE
)
_PREP_BEFORE_PLACE = re.compile(
    r"(?:\bin|\bon|\bat|\bacross|\bthroughout|\bwithin|\bfor|\bof|\bfrom|\bby|\beach\s+in|"
    r"\bin\s+both|\band|,|\bwhile|\bwhereas)\s+(?:the\s+)?(?:(?:city|county|province|region|"
    r"prefecture|district|state|capital|eastern|western|northern|southern|northwest|northeast|"
    r"southwest|southeast|central|neighbouring|neighboring|nearby|coastal|provincial|"
    r"autonomous|[a-z]+-hit|\w+ese|\w+ian|[A-Z]\w+(?:'s|’s))\s+){0,4}(?:of\s+)?$",
    re.IGNORECASE,
)
_FROM_PLACE = re.compile(
    r"\b(?:from|arriving\s+from|returned\s+from|travell?ed\s+from|entered\s+from|via)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HEADLINE_MAX_WORDS = 22
_WORLD_WORDS = re.compile(
    r"\b(?:globally|worldwide|world-wide|around\s+the\s+world|across\s+the\s+world|"
    r"reported\s+to\s+WHO|Member\s+States|multi-country)\b",
    re.I,
)
_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally|countrywide|across\s+the\s+country)\b", re.I)


def _country_mention(pm: PlaceMention, gaz: Gazetteer) -> PlaceMention | None:
    """The country of a place, as a mention at the same words (for 'nationwide')."""
    if pm.place.level == "country":
        return pm
    for p in gaz.ancestors(pm.place):
        if p.level == "country":
            return PlaceMention(pm.start, pm.end, p.name, p)
    country = gaz.by_code.get(pm.place.country)
    return PlaceMention(pm.start, pm.end, country.name, country) if country else None


_DAILY_BRIEFING = re.compile(r"National\s+Health\s+Commission|\bNHC\b")
#: A calendar date written out: the count's date is then the text's, not a convention.
_EXPLICIT_DAY = re.compile(
    r"\b(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{4}-\d\d-\d\d)",
    re.IGNORECASE,
)


@dataclass
class _State:
    """What carries from one sentence to the next."""

    date: str | None = None
    place: PlaceMention | None = None
    last_head: Record | None = None
    stock: bool | None = None
    doc_place: PlaceMention | None = None
    zh_cue: str = ""
    stock_hint: bool = False
    year: int | None = None
    pub: str | None = None
    zh_head: Record | None = None
    records: list[Record] = field(default_factory=list)


def _as_date(v: dt.date | str | None) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v).strip()[:10])


def extract(
    text: str,
    published: dt.date | str | None = None,
    *,
    areas: pd.DataFrame | None = None,
    skip_headline: bool = True,
) -> list[Record]:
    """Every count in ``text`` as a :class:`Record` (text order).

    ``published``: the publication date (resolves weekdays, 'yesterday', years);
    ``areas``: a registry areas table, to give each record the registry ``area`` code of its
    place where the place is a registry area."""
    pub = _as_date(published)
    gaz = gazetteer()
    gaz.clear_cache()  # the cache serves one text's repeated look-ups, not the next text
    sents = list(sentences(text))
    st = _State()
    st.pub = pub.isoformat() if pub else None
    if pub is None:
        years = re.findall(r"\b(?:19[5-9]\d|20\d\d)\b", text)
        st.year = int(max(years)) if years else None
    st.doc_place = _document_place(sents, gaz)
    headline = _headline_ends(text, sents) if skip_headline else 0
    for s in sents:
        if not _MAYBE_COUNT.search(s.text):
            # nothing to read; a sentence that opens with a date still sets the date
            # ("On October 26, ... . Two days later, 183 people had tested positive")
            head = s.text[:40]
            if _OPENS_WITH_DATE.match(head):
                opening = [d for d in find_dates(head, pub) if d.value and d.role == "point"]
                if opening and len(opening[0].value or "") == 10:
                    st.date = opening[0].value
            continue
        if _CJK.search(s.text) and len(_CJK.findall(s.text)) >= 4:
            recs = _zh_sentence(s, pub, gaz, st)
        else:
            recs = _en_sentence(s, pub, gaz, st)
        if s.end <= headline:
            continue
        st.records.extend(recs)
    out = _dedupe(st.records)
    if pub is not None and _DAILY_BRIEFING.search(text):
        # national daily briefings report on day D the figures of day D-1: "China on Sunday
        # reported 71 new cases" in Sunday's report is Saturday's count
        today = pub.isoformat()
        shifted = {
            r.sentence
            for r in out
            if r.date == today
            and r.place == "China"
            and re.search(r"\b(?:report(?:s|ed)?|registered|recorded|confirmed)\b", r.sentence)
            and not _EXPLICIT_DAY.search(r.sentence[dateline_end(r.sentence) :])
        }
        for r in out:
            # the sentence's comparisons ("up from 32 a day earlier") move with it
            if r.sentence in shifted and r.date and len(r.date) == 10 and r.date <= today:
                r.date = shift(r.date, -1)
    if areas is not None:
        for r in out:
            place = gaz.lookup(r.place) if r.place else None
            if r.place_code and r.place_code in gaz.by_code:
                place = gaz.by_code[r.place_code]
            r.area = registry_code(place, areas)
    return out


def _dedupe(records: list[Record]) -> list[Record]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in records:
        k = (r.start, r.category, r.value, r.place, r.date)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _headline_ends(text: str, sents: list[Span]) -> int:
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
        for n in find_numbers(s.text):
            if n.zero_word:
                continue
            forms = {n.mention.lower(), str(n.value), f"{n.value:,}"}
            forms |= {w for w, v in _SMALL_WORDS.items() if v == n.value}
            if not any(f and f in body for f in forms):
                return 0
    rest = [s for s in sents if s.start >= end]
    return end if len(rest) >= 2 else 0


_SMALL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}


def _document_place(sents: list[Span], gaz: Gazetteer) -> PlaceMention | None:
    """The text's own place: the first named in its first sentences (headline included)
    before any number (a place after a number is the place of that number's breakdown)."""
    for s in sents[:4]:
        if _CJK.search(s.text):
            continue
        nums = [
            n
            for n in find_numbers(s.text, masks(s.text, find_dates(s.text, None)))
            if not n.zero_word
        ]
        limit = nums[0].start if nums else len(s.text)
        found = [p for p in gaz.find(s.text) if p.start < limit]
        if found:
            return min(found, key=lambda p: (p.start, -p.place.rank))
    # else the country the text names most often
    counts: dict[str, int] = {}
    first: dict[str, PlaceMention] = {}
    for s in sents:
        for p in gaz.find(s.text):
            if p.place.level == "country":
                counts[p.place.name] = counts.get(p.place.name, 0) + 1
                first.setdefault(p.place.name, p)
    if counts:
        return first[max(counts, key=lambda k: counts[k])]
    return None


# ---------------------------------------------------------------------------------- English


@dataclass
class _Item:
    num: Number
    typing: cat.Typing
    category: str | None = None
    record: Record | None = None
    parent: _Item | None = None


def _sentence_date(dates: list[DateMention], st: _State) -> tuple[str | None, str | None]:
    """(main date, speech date) of a sentence."""
    main = None
    speech = None
    for d in dates:
        if d.role in ("point", "end", "past24") and d.value and main is None:
            main = d.value
        elif d.role == "speech" and d.value and speech is None:
            speech = d.value
    if main is None:
        for d in dates:
            if d.role == "relative" and (st.date or st.pub):
                main = shift(st.date or st.pub, d.offset)
                break
    return main, speech


def _en_sentence(s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State) -> list[Record]:
    sent = s.text
    dl = dateline_end(sent)
    dates = [
        DateMention(d.start, d.end, d.value, "speech", d.offset, d.text) if d.start < dl else d
        for d in find_dates(sent, pub, st.year)
    ]
    nums = find_numbers(sent, masks(sent, dates))
    places = gaz.find(sent)
    places = _unlisted_places(sent, places)
    main_date, speech_date = _sentence_date(dates, st)
    anaphoric = bool(_ANAPHORA.match(sent))
    ctx_date = st.date
    date_fallback = main_date or ctx_date or speech_date or (pub.isoformat() if pub else None)
    sentence_place = _main_place(places)
    if not nums:
        if (
            main_date
            and len(main_date) == 10
            and any(
                d.value == main_date
                and d.start < 30
                and re.match(r"\W*(?:on|by|as\s+of|until|in|since|at)\s", sent, re.IGNORECASE)
                is not None
                for d in dates
            )
        ):
            st.date = main_date
        if sentence_place:
            st.place = sentence_place
        return []
    cls = clauses(sent)
    sentence_stock = None
    if any(
        d.role == "end"
        and re.search(
            r"\b(?:as\s+of|as\s+at|by|until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?$",
            sent[max(0, d.start - 20) : d.start],
            re.I,
        )
        for d in dates
    ):
        sentence_stock = True
    items: list[_Item] = []
    recs: list[Record] = []
    for i, n in enumerate(nums):
        if any(n.start < o.end and o.start < n.end for o in nums[:i]):
            continue  # a "no" inside a hedge etc.
        c0, c1 = _clause_of(cls, n.start)
        nxt = next((o.start for o in nums[i + 1 :] if o.start >= n.end), len(sent))
        before = sent[c0 : n.start]
        if _PLANNED.search(sent[max(0, n.start - 50) : n.start]):
            continue
        prev_end = max((o.end for o in nums[:i] if o.end <= n.start), default=0)
        t = cat.type_english(sent, n.start, n.end, max(c0, prev_end), nxt)
        chain = _chain(sent, nums, i)
        if chain and t.category is None and not t.has_head and not n.zero_word:
            # "342, 223, 104 and 100 new confirmed cases": the last number's noun is theirs
            last = chain[-1]
            nxt_last = next((o.start for o in nums if o.start >= last.end), len(sent))
            t = cat.type_english(sent, last.start, last.end, max(c0, prev_end), nxt_last)
        if t.skip:
            continue
        if re.search(r"\bof\s+the\s+$", before, re.IGNORECASE) and re.match(
            r"\s*(?:[,.;)]|$)", sent[n.end :]
        ):
            continue  # "147 close contacts of the two,": the two named before
        if (
            _DEFINITE.search(sent[max(0, n.start - 12) : n.start])
            and not re.search(r"\bof\s+the\s+$", before, re.IGNORECASE)
            and not re.search(
                r"\b(?:total|number|tally|toll)\b", sent[n.end : n.end + 25], re.IGNORECASE
            )
        ):
            continue  # "the two locally transmitted cases": a repeated count
        family = t.category
        if family is None and not t.has_head:
            family = _pre_np_family(sent, c0, n.start, t)
        item = _Item(n, t)
        parent = _parent(items, st, anaphoric, n, sent)
        if family == "__same__":
            # "bringing the total to 1,234": the total of what the sentence counted
            base = parent.category if parent is not None else None
            family = _FAMILY_OF.get(base or "")
            t.stock = True
        if (
            t.status_only
            and parent is not None
            and parent.category in ("deaths_cumulative", "deaths_new")
        ):
            family = None  # "35 deaths: 9 confirmed and 26 probable"
        if n.zero_word and family == "suspected" and t.stock is None:
            t.stock = False
        is_comparison = bool(_COMPARISON.search(sent[max(0, n.start - 22) : n.start]))
        if family is None:
            if n.zero_word or parent is None or parent.category is None:
                continue
            if re.match(
                r"\s*(?:[a-z]+\s+){0,2}(?:of\s+)?(?:[a-z]+\s+)?(?:were|are|was|is)\s+(?:aged|men|women|children|male|female|from\s+the)",
                sent[n.end : n.end + 40],
                re.IGNORECASE,
            ):
                continue
            item.parent = parent
            category = _inherit(parent.category, t)
        else:
            if n.zero_word and not t.has_head and family not in ("deaths",):
                continue
            stock = sentence_stock
            if t.stock is None and recs and stock is None:
                stock = recs[0].stock  # "a total of 108 cases, including ... 23 deaths"
            if t.stock is None and not recs and re.search(r"\bincludes\s+$", before):
                stock = True  # "The latest outbreak, which includes six asymptomatic cases"
            if (
                recs
                and re.search(
                    r"\bincluding\s+(?:at\s+least\s+)?$", sent[max(0, n.start - 16) : n.start]
                )
                and not t.active
            ):
                t.stock = recs[-1].stock  # "37 new cases including 2 deaths have been reported"
            # "a total of 650 deaths have been reported in the last 24 hours": a day's count
            if any(d.role == "past24" and n.end <= d.start < nxt for d in dates) and not t.active:
                t.stock = False
            if (
                t.stock is None
                and parent is not None
                and parent.record is not None
                and (anaphoric or _SUBORDINATE.search(sent[max(0, n.start - 30) : n.start]))
            ):
                stock = parent.record.stock
            category = cat.finish(family, t, stock)
        if category not in cat.CATEGORIES:
            continue
        item.category = category
        # -- date
        st.stock_hint = category in _STOCK_CATS
        date, period_start = _number_date(
            sent, n, nxt, dates, cls, main_date, date_fallback, st, is_comparison
        )
        if (
            t.stock is None
            and item.parent is None
            and category in _TO_STOCK
            and _days_between(period_start, date) > 14
        ):
            # "371,717 cases reported from 1 January to 19 October": a total, not a day's count
            category = _TO_STOCK[category]
        # -- place(s)
        own = _own_places(sent, n, nxt, c1, places, t)
        if not own:
            world = _WORLD_WORDS.search(sent, c0, c1 if c1 > c0 else len(sent))
            if world is not None:
                wp = gaz.lookup("World")
                if wp is not None:
                    own = [PlaceMention(world.start(), world.end(), world.group(0), wp)]
        paren = _paren_place(sent, n, places)
        if paren is not None:
            own = [paren]
        resp = _respectively(sent, nums, i, places, c0, c1)
        if resp is not None:
            own = [resp]
        targets: list[PlaceMention | None]
        if own:
            targets = list(own)
        else:
            pm = None
            if item.parent is not None and item.parent.record is not None and not is_comparison:
                pm = _mention_of(item.parent.record, places)
            pm = (
                pm
                or _nearest_before(places, c0, n.start)
                or _after_in_clause(sent, places, n, c1, nums)
            )
            if pm is None and not is_comparison and item.parent is None:
                pm = sentence_place if sentence_place and sentence_place.start < n.start else None
            if pm is None and item.parent is not None and item.parent.record is not None:
                recp = item.parent.record
                targets_p: list[tuple[str | None, str | None, str | None]] = [
                    (recp.place, recp.place_text, recp.place_code)
                ]
            else:
                targets_p = []
            if pm is None and not targets_p and _NATIONWIDE.search(sent):
                # "Nationwide, ... 704 cases": the country of the text's place
                ctx = st.place or st.doc_place
                country = _country_mention(ctx, gaz) if ctx is not None else None
                pm = country
            if pm is None and not targets_p:
                before_place = (
                    sentence_place if sentence_place and sentence_place.start < n.start else None
                )
                pm = before_place or (st.place if not places else None) or st.doc_place
            targets = [pm] if pm is not None else []
            if targets_p and pm is None:
                for place, ptxt, pcode in targets_p:
                    recs.append(
                        _record(category, n, sent, s, date, period_start, place, ptxt, pcode, t)
                    )
                item.record = recs[-1]
                items.append(item)
                continue
        for target in targets or [None]:
            gp = target.place if target is not None else None
            ptxt = target.text if target is not None else None
            recs.append(
                _record(
                    category,
                    n,
                    sent,
                    s,
                    date,
                    period_start,
                    gp.name if gp else None,
                    ptxt,
                    gp.code if gp else None,
                    t,
                )
            )
        item.record = recs[-1]
        items.append(item)
        # "no suspected cases or new deaths": the zero reaches every noun phrase in the list
        if n.zero_word:
            recs.extend(_coordinated_zeros(sent, s, n, nxt, c0, date, period_start, recs[-1]))
    # only a sentence that counts something, or opens with its date, sets the date the next
    # ones inherit ("authorities on June 1 put a ban on travel" does not)
    opens = bool(main_date) and any(
        d.value == main_date
        and d.start < 30
        and re.match(
            r"\W*(?:on|by|as\s+of|until|in|since|at)\s", sent[: d.start + 1], re.IGNORECASE
        )
        is not None
        for d in dates
        if d.role in ("point", "end")
    )
    past24 = any(d.role == "past24" and d.value == main_date for d in dates)
    if (recs or opens) and main_date and len(main_date) == 10 and not past24:
        st.date = main_date
    else:
        # the sentence's last count that is not a comparison ("down from 38 a day earlier")
        own_dated = [
            r
            for r in recs
            if r.date
            and len(r.date) == 10
            and not _COMPARISON.search(sent[max(0, r.start - s.start - 22) : r.start - s.start])
        ]
        if own_dated:
            st.date = own_dated[-1].date
    # the subject's place carries to the next sentences; a breakdown's place does not
    if sentence_place and (not nums or sentence_place.start < nums[0].start):
        st.place = sentence_place
    elif recs:
        st.place = None
    heads = [it for it in items if it.parent is None and it.record is not None]
    if heads:
        st.last_head = heads[0].record
    return recs


def _record(
    category: str,
    n: Number,
    sent: str,
    s: Span,
    date: str | None,
    period_start: str | None,
    place: str | None,
    place_text: str | None,
    code: str | None,
    t: cat.Typing,
) -> Record:
    ev_end = min(len(sent), n.end + 40)
    cut = re.search(
        r"[,;.()]|\s(?:and\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)",
        sent[n.end : ev_end],
    )
    if cut:
        ev_end = n.end + cut.start()
    evidence = sent[n.start : ev_end].rstrip()
    stock = category in _STOCK_CATS or (category == "tested" and t.stock is True)
    return Record(
        category=category,
        value=n.value,
        qualifier=n.qualifier,
        date=date,
        place=place,
        place_text=place_text,
        mention=n.mention,
        evidence=evidence,
        sentence=sent,
        start=s.start + n.start,
        end=s.start + n.start + len(evidence),
        metric=cat.metric_for(category, stock),
        value_max=n.value_max,
        period_start=period_start,
        place_code=code or None,
        stock=stock,
    )


_STOCK_CATS = frozenset(
    {
        "confirmed_cumulative",
        "imported_cumulative",
        "asymptomatic_cumulative",
        "infections_cumulative",
        "active",
        "asymptomatic_active",
        "severe",
        "mild",
        "hospitalized",
        "suspected",
        "probable",
        "deaths_cumulative",
        "recovered_cumulative",
        "asymptomatic_released_cumulative",
        "contacts",
        "under_observation",
    }
)


def _clause_of(cls: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in cls:
        if a <= pos < b:
            return a, b
    return 0, 0


def _main_place(places: list[PlaceMention]) -> PlaceMention | None:
    return places[0] if places else None


def _parent(items: list[_Item], st: _State, anaphoric: bool, n: Number, sent: str) -> _Item | None:
    """The count a list item or breakdown belongs to: the last head count before it in the
    sentence, else (for 'Among them, ...') the previous sentence's."""
    for it in reversed(items):
        if it.record is not None and it.num.end <= n.start:
            return (
                it
                if it.parent is None
                else (it.parent if it.category == it.parent.category else it)
            )
    if anaphoric and st.last_head is not None:
        fake = _Item(
            Number(0, 0, st.last_head.value, None, "exact", ""),
            cat.Typing(st.last_head.category, True, st.last_head.stock),
        )
        fake.category = st.last_head.category
        fake.record = st.last_head
        return fake
    return None


_FAMILY_OF = {
    "confirmed_new": "cases",
    "local_new": "cases",
    "imported_new": "cases",
    "confirmed_cumulative": "cases",
    "imported_cumulative": "cases",
    "asymptomatic_new": "asymptomatic",
    "asymptomatic_local_new": "asymptomatic",
    "asymptomatic_imported_new": "asymptomatic",
    "deaths_new": "deaths",
    "deaths_cumulative": "deaths",
    "recovered_new": "recovered",
    "recovered_cumulative": "recovered",
}

_INHERIT_IMPORTED = {
    "confirmed_new": "imported_new",
    "local_new": "imported_new",
    "confirmed_cumulative": "imported_cumulative",
    "asymptomatic_new": "asymptomatic_imported_new",
    "asymptomatic_local_new": "asymptomatic_imported_new",
}
_INHERIT_LOCAL = {
    "confirmed_new": "local_new",
    "imported_new": "local_new",
    "asymptomatic_new": "asymptomatic_local_new",
    "asymptomatic_imported_new": "asymptomatic_local_new",
}


_TO_FLOW = {
    "confirmed_cumulative": "confirmed_new",
    "imported_cumulative": "imported_new",
    "deaths_cumulative": "deaths_new",
    "recovered_cumulative": "recovered_new",
    "asymptomatic_cumulative": "asymptomatic_new",
    "suspected": "suspected_new",
    "asymptomatic_released_cumulative": "asymptomatic_released_new",
}
_TO_STOCK = {v: k for k, v in _TO_FLOW.items()} | {"local_new": "confirmed_cumulative"}


def _inherit(parent: str, t: cat.Typing) -> str:
    # "332,930 confirmed cases (40,788 new)": the item's own flow or stock word wins
    if t.stock is False:
        parent = _TO_FLOW.get(parent, parent)
    elif t.stock is True and not t.active:
        parent = _TO_STOCK.get(parent, parent)
    if t.imported:
        return _INHERIT_IMPORTED.get(parent, parent)
    if t.local:
        return _INHERIT_LOCAL.get(parent, parent)
    return parent


_PRE_NP = re.compile(
    r"(?:(?P<total>total|number|tally|caseload|count|toll|figure)(?:\s+number)?(?:\s+of)?(?:\s+(?P<np>[^,;]{0,80}?))?"
    r"|(?P<np2>(?:confirmed\s+|new\s+|active\s+|local\s+|imported\s+|asymptomatic\s+|total\s+|covid-19\s+|positive\s+)*(?:cases|infections|deaths|death\s+toll|fatalities|recoveries|contacts|tests)[^,;]{0,40}?))"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:now\s+)?(?:reached|rose|risen|climbed|jumped|increased|grew|stands?|stood|is|was|were|are|came|hit|totall?ed|amounted|remain(?:ing|ed|s)?|crossed|surpassed|exceeded|topped|passed|fell|dropped|declined|to|at|of)"
    r"(?:\s+from)?"
    r"(?:\s+(?:to|at))?\s*(?:a\s+total\s+of\s+)?(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)


def _pre_np_family(sent: str, c0: int, start: int, t: cat.Typing) -> str | None:
    """'the total number of confirmed cases reached 90,182', 'the death toll rose to 45',
    'bringing the total to 1,234': the noun phrase before the number."""
    before = sent[max(c0, start - 120) : start]
    m = _PRE_NP.search(before)
    if not m:
        if re.search(
            r"\bto\s+(?:reach|hit|top)\s+(?:a\s+total\s+of\s+)?$|"
            r"\b(?:bringing|taking|takes|brings|brought|took|raising|pushing)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:total|tally|count|number)\s+(?:[\w-]+\s+){0,4}to\s+$",
            before,
            re.IGNORECASE,
        ):
            t.stock = True
            return "__same__"
        return None
    np = (m.group("np") or m.group("np2") or "").lower()
    if m.group("total") and m.group("total").lower() in ("total", "tally", "toll"):
        t.stock = True
    if re.search(r"\b(?:total|cumulative|so\s+far)\b", before, re.IGNORECASE):
        t.stock = True
    if re.search(r"\b(?:active|existing|current)\b", np):
        t.active = True
        t.stock = True
    if np.strip() in ("tally", "caseload", "count", "case count", "case tally") or (
        not np.strip()
        and (m.group("total") or "").lower()
        in (
            "tally",
            "caseload",
            "total",
            "count",
        )
    ):
        t.stock = True
        return "cases"
    if "death" in np or (m.group("total") or "").lower() == "toll" or "fatalit" in np:
        t.stock = True if t.stock is None else t.stock
        return "deaths"
    if not re.search(r"\b(?:new|daily|additional|more)\b", np):
        t.stock = True  # "fatalities remaining at 32", "the number of ... stands at"
    if "recover" in np or "discharg" in np:
        return "recovered"
    if re.search(r"\bsuspect", np):
        return "suspected"
    if re.search(r"\bprobable", np):
        return "probable"
    if re.search(r"quarantin|observation|isolation", np):
        return "under_observation"
    if "asymptomatic" in np:
        return "asymptomatic"
    if "contact" in np:
        return "contacts"
    if "test" in np:
        return "tested"
    if re.search(r"\b(?:cases|infections|patients|confirmed)\b", np):
        if re.search(r"\b(?:active|existing|current)\b", np):
            t.stock = True
        if re.search(r"\bimported\b", np):
            t.imported = True
        if re.search(r"\blocal", np):
            t.local = True
        if re.search(r"\bnew\b", np) and t.stock is None:
            t.stock = False
        elif m.group("total"):
            t.stock = True if t.stock is None else t.stock
        return "cases"
    return None


def _number_date(
    sent: str,
    n: Number,
    nxt: int,
    dates: list[DateMention],
    cls: list[tuple[int, int]],
    main_date: str | None,
    fallback: str | None,
    st: _State,
    is_comparison: bool,
) -> tuple[str | None, str | None]:
    c0, c1 = _clause_of(cls, n.start)
    # the number's own comparison date: "up from 20 a day earlier", "compared with 9 on Monday"
    if is_comparison:
        own = [d for d in dates if n.end <= d.start <= min(nxt, n.end + 40)]
        base = main_date or st.date
        for d in own:
            if d.role in ("relative", "relcompare"):
                return shift(base, d.offset), None
            if d.value:
                return d.value, None
        return (
            shift(base, -1)
            if re.search(
                r"\ba\s+day\s+earlier|previous\s+day|day\s+before",
                sent[n.end : n.end + 40],
                re.IGNORECASE,
            )
            else None
        ) or base, None
    in_clause = [d for d in dates if c0 <= d.start < c1 and d.role not in ("speech",)]
    if st.stock_hint:
        # a stock is "as of now": "in the past 24 hours" dates the day's flows only
        in_clause = [d for d in in_clause if d.role != "past24"]
        if main_date and any(d.role == "past24" and d.value == main_date for d in dates):
            main_date = fallback = st.pub
    period_start = next((d.value for d in in_clause if d.role == "start" and d.value), None)
    if period_start is None:
        period_start = next((d.value for d in dates if d.role == "start" and d.value), None)
    points = [d for d in in_clause if d.role in ("point", "end", "past24") and d.value]
    if points:
        # its own phrase's date ("137 cases were found on Sunday"), else the nearest before it
        # ("On Sunday, 5 cases..."), else the nearest after
        own = [d for d in points if n.end <= d.start < nxt]
        before_it = [d for d in points if d.end <= n.start]
        if own:
            best = own[0]
        elif before_it:
            best = before_it[-1]
        else:
            best = min(points, key=lambda d: abs(d.start - n.start))
        return best.value, period_start
    rel = [d for d in in_clause if d.role == "relative"]
    if rel and (main_date or st.date or st.pub):
        # relative to the sentence's own absolute date, else to the previous sentence's
        absolute = next((d.value for d in dates if d.role in ("point", "end") and d.value), None)
        base = absolute or st.date or st.pub
        return shift(base, rel[0].offset), period_start
    return main_date or fallback, period_start


def _own_places(
    sent: str, n: Number, nxt: int, c1: int, places: list[PlaceMention], t: cat.Typing
) -> list[PlaceMention]:
    """Places in the number's own phrase: '8 in Guangdong', 'one each in Shanxi and
    Sichuan', '11,446 cases ... had been reported in the Hong Kong SAR'."""
    end = min(nxt, c1 if c1 > n.end else len(sent))
    # skip a subordinate "including 205 deaths," to reach the main verb's place
    m = re.match(r"[^,;]*,\s*(?:including|of\s+which|with)\s+", sent[n.end : end + 1])
    out: list[PlaceMention] = []
    for p in places:
        if not (n.end <= p.start < end):
            continue
        pre = sent[max(0, p.start - 60) : p.start]
        authority = re.match(
            r"\s*(?:'s\s+|’s\s+)?(?:Ministry|MOH|Health|health\s+(?:ministry|authorit|commission|department))",
            sent[p.end : p.end + 25],
        )
        if _FROM_PLACE.search(pre) and not authority:
            continue  # "imported from Russia" is not where the count is
        if re.search(
            r"\b(?:all|both|all\s+of\s+(?:them|which|whom))\s+(?:were\s+|are\s+)?(?:in|from)\s+(?:the\s+)?$",
            pre,
            re.IGNORECASE,
        ):
            break  # "..., all in Shufu County": where they were, the count stays the subject's
        if not _PREP_BEFORE_PLACE.search(pre):
            break  # a new subject ("... and Beijing reported 3")
        if out and not re.match(r"^\s*(?:,|and|,\s*and)\s*$", sent[out[-1].end : p.start]):
            break
        out.append(p)
    del m
    if len(out) > 1 and not re.search(
        r"\beach\b|\brespectively\b",
        sent[n.end : out[0].start + 1] + sent[out[-1].end : out[-1].end + 15],
    ):
        out = out[:1]
    # the most specific of "in Shufu County, Kashgar Prefecture"
    return out


#: A place the gazetteer does not list, known by its unit word or by the count it heads:
#: "in Bikoro health zone", "the town of Hofuf", "Iboko (25 cases and 5 deaths)".
_UNLISTED = re.compile(
    r"\b(?:(?:town|city|district|county|province|prefecture|village|region|state|municipality|"
    r"township|governorate|department)\s+of\s+(?P<a>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"|(?P<b>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:health\s+zones?|health\s+districts?|"
    r"district|county|province|prefecture|governorate|municipality|township|region)\b"
    r"|(?P<c>[A-Z][\w'’-]+)\s+(?=\(\s*\d[\d,]*\s+(?:cases?|deaths?|confirmed|suspected)))"
)
_NOT_PLACE_WORDS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "In",
        "On",
        "Of",
        "And",
        "Or",
        "For",
        "With",
        "From",
        "By",
        "As",
        "At",
        "To",
        "Health",
        "Ministry",
        "National",
        "Provincial",
        "Municipal",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "North",
        "South",
        "East",
        "West",
        "New",
        "Other",
        "Each",
        "All",
        "Both",
        "Total",
        "Since",
        "Until",
        "Between",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Case",
        "Cases",
        "Deaths",
        "Death",
    ]
)


def _unlisted_places(sent: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """Places named in ``sent`` that the gazetteer lacks, added to ``places``."""
    out = list(places)
    for m in _UNLISTED.finditer(sent):
        g = "a" if m.group("a") else ("b" if m.group("b") else "c")
        name = m.group(g)
        if name.split()[0] in _NOT_PLACE_WORDS:
            continue
        if any(p.start <= m.start(g) < p.end or m.start(g) <= p.start < m.end(g) for p in out):
            continue
        out.append(
            PlaceMention(m.start(g), m.end(g), name, Place(name, "locality", "", "", "", ""))
        )
    out.sort(key=lambda p: p.start)
    return out


def _days_between(a: str | None, b: str | None) -> int:
    """Days from ``a`` to ``b`` (ISO days; months and years count from their first day)."""
    if not a or not b:
        return 0
    try:
        da = dt.date.fromisoformat((a + "-01-01")[:10] if len(a) < 10 else a)
        db = dt.date.fromisoformat((b + "-01-01")[:10] if len(b) < 10 else b)
    except ValueError:
        return 0
    return (db - da).days


_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\s*")


def _chain(sent: str, nums: list[Number], i: int) -> list[Number]:
    """The numbers listed with ``nums[i]`` after it ("342, 223, 104 and 100"), or []."""
    out: list[Number] = []
    k = i
    while k + 1 < len(nums) and _LIST_SEP.fullmatch(sent[nums[k].end : nums[k + 1].start]):
        k += 1
        out.append(nums[k])
    return out


def _respectively(
    sent: str, nums: list[Number], i: int, places: list[PlaceMention], c0: int, c1: int
) -> PlaceMention | None:
    """'the cities of Xiaogan, Huanggang and Suizhou reported 424, 162 and 128 new cases,
    respectively': the k-th number belongs to the k-th place."""
    if "respectively" not in sent[nums[i].end : c1 if c1 > nums[i].end else len(sent)]:
        return None
    first = i
    while first > 0 and _LIST_SEP.fullmatch(sent[nums[first - 1].end : nums[first].start]):
        first -= 1
    run = [nums[first], *_chain(sent, nums, first)]
    if len(run) < 2:
        return None
    before = [p for p in places if c0 <= p.end <= run[0].start]
    # the places listed together just before the numbers
    listed: list[PlaceMention] = []
    for p in reversed(before):
        if listed and not _LIST_SEP.fullmatch(sent[p.end : listed[0].start]):
            break
        listed.insert(0, p)
    if len(listed) != len(run):
        return None
    return listed[i - first]


def _paren_place(sent: str, n: Number, places: list[PlaceMention]) -> PlaceMention | None:
    """'Riyadh (7 cases), Najran (3 cases)', 'Beijing (1 case, 0 death)': the place right
    before the parenthesis holding the number."""
    open_at = sent.rfind("(", 0, n.start)
    if open_at < 0 or sent.rfind(")", 0, n.start) > open_at:
        return None
    if not re.fullmatch(r"[^()]{0,25}", sent[open_at + 1 : n.start]):
        return None
    for p in places:
        if 0 <= open_at - p.end <= 2:
            return p
    return None


def _nearest_before(places: list[PlaceMention], c0: int, pos: int) -> PlaceMention | None:
    cands = [p for p in places if c0 <= p.start < pos]
    return cands[-1] if cands else None


def _after_in_clause(
    sent: str, places: list[PlaceMention], n: Number, c1: int, nums: list[Number]
) -> PlaceMention | None:
    """A place later in the clause reached past subordinate counts ('11,446 cases, including
    205 deaths, had been reported in Hong Kong')."""
    for p in places:
        if n.end <= p.start < c1:
            between = sent[n.end : p.start]
            inner = [o for o in nums if n.end <= o.start < p.start]
            if inner and not all(
                _SUBORDINATE.search(sent[max(0, o.start - 14) : o.start]) for o in inner
            ):
                return None
            authority = re.match(
                r"\s*(?:Ministry|MOH|Health\s+(?:Ministry|Commission|Department))",
                sent[p.end : p.end + 25],
            )
            if authority:
                return p  # "15 additional cases ... from the Saudi Arabia Ministry of Health"
            if re.search(
                r"\b(?:in|on|at|across)\s+(?:the\s+)?$",
                sent[max(0, p.start - 12) : p.start],
                re.IGNORECASE,
            ) and not _FROM_PLACE.search(sent[max(0, p.start - 40) : p.start]):
                if inner and not re.search(r",\s*(?:had|have|has|were|was|are|is)\b", between):
                    return None
                return p
    return None


def _mention_of(rec: Record, places: list[PlaceMention]) -> PlaceMention | None:
    for p in places:
        if p.text == rec.place_text:
            return p
    return None


_COORD_NP = re.compile(
    r"(?:\s+(?:of|from|in)\s+[^,;]{0,60}?)?\s*(?:,\s*)?(?:or|nor|and)\s+(?:any\s+)?(?=(?:new|additional|suspected|confirmed|imported|local|asymptomatic|deaths?|fatalities|recoveries|patients|cases)\b)",
    re.IGNORECASE,
)


def _coordinated_zeros(
    sent: str,
    s: Span,
    n: Number,
    nxt: int,
    c0: int,
    date: str | None,
    period_start: str | None,
    first: Record,
) -> list[Record]:
    out = []
    m = re.match(
        r"\s*(?:[\w-]+\s+){0,6}?(?:cases?|deaths?|infections?|patients?|fatalities)\b",
        sent[n.end :],
        re.IGNORECASE,
    )
    pos = n.end + (m.end() if m else 0)
    for _ in range(3):
        cm = _COORD_NP.match(sent, pos)
        if not cm:
            break
        t = cat.type_english(sent, cm.end() - 1, cm.end() - 1, c0, len(sent))
        if t.category is None:
            break
        category = cat.finish(t.category, t, None)
        if category not in cat.CATEGORIES or category == first.category:
            break
        z = Number(n.start, n.end, 0, None, "exact", n.mention, zero_word=True)
        out.append(
            _record(
                category,
                z,
                sent,
                s,
                date,
                period_start,
                first.place,
                first.place_text,
                first.place_code,
                t,
            )
        )
        m2 = re.match(
            r"\s*(?:[\w-]+\s+){0,6}?(?:cases?|deaths?|infections?|patients?|fatalities)\b",
            sent[cm.end() :],
            re.IGNORECASE,
        )
        if not m2:
            break
        pos = cm.end() + m2.end()
    return out


# ---------------------------------------------------------------------------------- Chinese

_ZH_NUMBER_FIRST = (
    (
        "reclassified",
        re.compile(r"(?:含|其中)?(?P<num>\d+)例(?:系|为|是)?由?无症状感染者转为?确诊(?:病例)?"),
    ),
    (
        "under_observation",
        re.compile(r"尚有(?P<num>\d+)人(?:正在)?(?:接受)?(?:医学|集中)?(?:隔离)?观察"),
    ),
    (
        "current",
        re.compile(
            r"(?:现有|尚有)(?P<num>\d+)例(?=[^，,。；;]{0,4}(?:在|正在|于|接受|隔离|[(（]))"
        ),
    ),
    (
        "discharged",
        re.compile(r"(?:其中)?(?P<num>\d+)例(?:已)?(?:治愈)?(?:出院|解除(?:医学)?(?:隔离)?观察)"),
    ),
)
_ZH_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_ZH_ITEM = re.compile(r"(?P<num>[\d零〇一二两三四五六七八九十百千万]+)\s*(?:例|人)")
_ZH_PAREN = re.compile(r"[（(][^（()）]*[)）]")


def _zh_dates(sent: str, pub: dt.date | None) -> list[tuple[int, str, str]]:
    """(position, ISO date, role) of Chinese dates; 'A至B' gives A the role 'start'."""
    out = []
    for m in _ZH_DATE.finditer(sent):
        y = int(m.group("y")) if m.group("y") else (pub.year if pub else None)
        if y is None:
            continue
        try:
            d = dt.date(y, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if not m.group("y") and pub and d > pub + dt.timedelta(days=31):
            d = d.replace(year=d.year - 1)
        after = sent[m.end() : m.end() + 12]
        if re.match(r"\s*(?:通报|发布|消息|电|讯|报道|召开)", sent[m.end() : m.end() + 4]):
            out.append((m.start(), d.isoformat(), "speech"))
            continue
        role = (
            "start"
            if re.match(r"\s*(?:\d{1,2}时|零时)?\s*(?:至|到|—|-|–)\s*(?:\d{4}年)?\d{1,2}月", after)
            or re.search(r"(?:自|从)$", sent[max(0, m.start() - 2) : m.start()])
            else "point"
        )
        if re.search(r"以来$", sent[m.end() : m.end() + 4]):
            role = "start"
        out.append((m.start(), d.isoformat(), role))
    return out


def _zh_masked(sent: str) -> list[tuple[int, int]]:
    """'(含新疆生产建设兵团)', '31个省(自治区、直辖市)和新疆生产建设兵团': not places of a count."""
    out = [(m.start(), m.end()) for m in re.finditer(r"[（(]含[^）)]*[）)]", sent)]
    out += [
        (m.start(), m.end())
        for m in re.finditer(r"和新疆生产建设兵团|新疆生产建设兵团(?=报告)", sent)
    ]
    return out


def _zh_sentence(s: Span, pub: dt.date | None, gaz: Gazetteer, st: _State) -> list[Record]:
    sent = s.text
    zdates = _zh_dates(sent, pub)
    main = next((d for _, d, r in zdates if r == "point"), None)
    start = next((d for _, d, r in zdates if r == "start"), None)
    if main is None and re.search(r"当日|当天|同日", sent) and st.date:
        main = st.date
    if main is None and re.search(r"昨日|昨天", sent) and pub:
        main = (pub - dt.timedelta(days=1)).isoformat()
    date = main or st.date
    masked = _zh_masked(sent)
    places = [p for p in gaz.find(sent, masked) if not p.text.isascii()]
    china = gaz.lookup("China")
    for m in re.finditer(
        r"\d+个省(?:[（(][^）)]*[）)])?(?:和新疆生产建设兵团)?|全国|我国|中国大陆", sent
    ):
        if china is not None:  # "31个省(自治区、直辖市)和新疆生产建设兵团": the mainland
            places.append(PlaceMention(m.start(), m.end(), m.group(0), china))
    places.sort(key=lambda p: p.start)
    # "其中，..." continues the previous sentence: its cue words (累计, 新增, 现有) carry
    continues = bool(re.match(r"\s*(?:其中|另外|此外)", sent))
    carry = st.zh_cue if continues else ""
    xpcc = [
        (m.start(), m.end())
        for m in re.finditer(r"(?<![含和])兵团(?=\d|[零一二两三四五六七八九十])", sent)
    ]
    recs: list[Record] = []
    taken: set[int] = set()
    heads: list[tuple[int, int, str, Record]] = []  # (start, end, category, record)

    def add_head(category: str, value: int, mention: str, a: int, b: int, seg_start: int) -> None:
        pm = _zh_place(places, seg_start, a, sent) or st.place or st.doc_place
        rec = _zh_record(category, value, mention, a, b, sent, s, date, start, pm, st)
        recs.append(rec)
        heads.append((a, b, category, rec))

    def enclosing_head(pos: int) -> tuple[int, int, str, Record] | None:
        """The head whose parenthesis holds ``pos``: "新增无症状感染者45例(境外输入16例)"."""
        open_at = max(sent.rfind("(", 0, pos), sent.rfind("（", 0, pos))
        if open_at < 0 or open_at < max(sent.rfind(")", 0, pos), sent.rfind("）", 0, pos)):
            return None
        for h in reversed(heads):
            if h[1] <= open_at and not sent[h[1] : open_at].strip():
                return h
        return None

    # the number before the noun phrase: "含9例由无症状感染者转为确诊病例", "尚有15213人正在接受
    # 医学观察", "现有13例在定点医院接受隔离治疗", "其中47例已出院"
    for fam, rx in _ZH_NUMBER_FIRST:
        for m in rx.finditer(sent):
            if m.start("num") in taken:
                continue
            try:
                value = parse_number(m.group("num"))
            except ValueError:
                continue
            seg_start = max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1
            before = carry + sent[:seg_start][-60:] + sent[seg_start : m.start()]
            asym = before.rfind("无症状") > before.rfind("确诊")
            category: str | None
            if fam == "current":
                category = "asymptomatic_active" if asym else "active"
            elif fam == "discharged":
                cum = "累计" in before or "其中" in sent[max(0, m.start() - 3) : m.start() + 2]
                if asym:
                    category = (
                        "asymptomatic_released_cumulative" if cum else "asymptomatic_released_new"
                    )
                else:
                    category = "recovered_cumulative" if cum else "recovered_new"
            else:
                category = fam
            taken.add(m.start("num"))
            add_head(category, value, m.group("num"), m.start("num"), m.end(), seg_start)
    for bare_pass in (False, True):
        for family, pat in cat.ZH_RULES:
            if family.endswith("_bare") != bare_pass:
                continue
            for m in pat.finditer(sent):
                ns = m.start("num")
                if ns in taken or re.match(
                    r"[日天月年时号周]", sent[m.end("num") : m.end("num") + 1]
                ):
                    continue
                try:
                    value = parse_number(m.group("num"))
                except ValueError:
                    continue
                seg_start = max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1
                before = carry + sent[seg_start : m.start()]
                fam = family
                if family == "released":
                    before = carry + sent[: m.start()]
                if bare_pass:
                    h = enclosing_head(m.start())
                    if h is not None:
                        table = _INHERIT_IMPORTED if family == "imported_bare" else _INHERIT_LOCAL
                        category = table.get(h[2], h[2])
                        taken.add(ns)
                        pm = _pm_of(h[3], places)
                        rec = _zh_record(
                            category,
                            value,
                            m.group("num"),
                            m.start(),
                            m.end(),
                            sent,
                            s,
                            date,
                            start,
                            pm,
                            st,
                            h[3],
                        )
                        recs.append(rec)
                        continue
                    # "新增无症状感染者中,境外输入118例,本土601例": the kind named before it
                    asym_at = before.rfind("无症状感染者")
                    conf_at = before.rfind("确诊")
                    fam = ("asymptomatic_" if asym_at > conf_at else "") + (
                        "imported" if family == "imported_bare" else "local"
                    )
                    if not fam.startswith("asymptomatic"):
                        fam += "_confirmed"
                np_text = sent[max(seg_start, m.start() - 8) : ns]
                local = bool(cat.ZH_LOCAL.search(np_text))
                imported = bool(cat.ZH_IMPORTED.search(np_text))
                category = cat.zh_category(
                    fam, before + m.group(0)[: ns - m.start()], local, imported
                )
                if category is None or category not in cat.CATEGORIES:
                    continue
                taken.add(ns)
                add_head(category, value, m.group("num"), m.start(), m.end(), seg_start)
    # 无新增死亡病例 / 无死亡病例: explicit zeros
    for m in re.finditer(
        r"无(新增)?(本土|境外输入)?(死亡病例|疑似病例|确诊病例|本土病例|无症状感染者|境外输入)",
        sent,
    ):
        kind = m.group(2) or ""
        fam = {
            "死亡病例": "deaths",
            "疑似病例": "suspected",
            "确诊病例": "confirmed",
            "本土病例": "confirmed",
            "无症状感染者": "asymptomatic",
            "境外输入": "confirmed",
        }[m.group(3)]
        before = carry + sent[max(sent.rfind(ch, 0, m.start()) for ch in "。；;") + 1 : m.start()]
        zcat = cat.zh_category(
            fam,
            before + ("新增" if m.group(1) else ""),
            m.group(3) == "本土病例" or kind == "本土",
            m.group(3) == "境外输入" or kind == "境外输入",
        )
        if zcat is None:
            continue
        if m.group(3) == "境外输入" and not kind:
            h = enclosing_head(m.start())
            if h is None:
                continue
            zcat = h[2]
        pm = _zh_place(places, 0, m.start(), sent) or st.place or st.doc_place
        recs.append(
            _zh_record(zcat, 0, m.group(0), m.start(), m.end(), sent, s, date, start, pm, st)
        )
    # breakdown items: "其中乌鲁木齐市602例、喀什地区2例", "(天津2例,上海2例)": each belongs to the
    # last head count before it in its part of the sentence
    for m in _ZH_ITEM.finditer(sent):
        a = m.start()
        if a in taken:
            continue
        pl = [p for p in places if p.end == a]
        xp = [x for x in xpcc if x[1] == a]
        if not pl and not xp:
            continue
        seg_start = max(sent.rfind(ch, 0, a) for ch in "。；;") + 1
        # the last head before it at its own depth of parentheses ("(出院46例)" is not a head
        # for "澳门特别行政区47例")
        parents = sorted(
            (h for h in heads if seg_start <= h[1] <= a and _depth(sent, h[0]) <= _depth(sent, a)),
            key=lambda h: h[1],
        )
        parent_cat: str | None
        parent_rec: Record | None
        if parents:
            parent_cat, parent_rec = parents[-1][2], parents[-1][3]
        elif continues and st.zh_head is not None:
            parent_cat, parent_rec = st.zh_head.category, st.zh_head
        else:
            continue
        pre = sent[parents[-1][1] if parents else 0 : a]
        depth = pre.count("(") + pre.count("（") - pre.count(")") - pre.count("）")
        if depth > 1 or (
            depth == 1
            and re.search(r"[（(][^（(]*(?:输入|关联)", pre[-30:]) is not None
            and not re.search(r"[（(]\s*$", pre)
        ):
            continue
        try:
            v = parse_number(m.group("num"))
        except ValueError:
            continue
        taken.add(a)
        if pl:
            recs.append(
                _zh_record(
                    parent_cat, v, m.group("num"), a, m.end(), sent, s, date, start, pl[-1], st
                )
            )
        else:
            r = _zh_record(
                parent_cat, v, m.group("num"), a, m.end(), sent, s, date, start, None, st
            )
            r.place, r.place_text = "Xinjiang Production and Construction Corps", "兵团"
            recs.append(r)
        del parent_rec
    recs.sort(key=lambda r: r.start)
    if main:
        st.date = main
    if places:
        first = [
            p
            for p in places
            if not any(a <= p.start < b for a, b in masked) and _depth(sent, p.start) == 0
        ]
        if first:
            st.place = first[0]
    cue = re.search(r"累计|新增|现有|尚在", sent)
    st.zh_cue = cue.group(0) if cue else ""
    if heads:
        st.zh_head = heads[-1][3]
    return recs


def _pm_of(rec: Record, places: list[PlaceMention]) -> PlaceMention | None:
    for p in places:
        if p.text == rec.place_text:
            return p
    return None


def _depth(sent: str, pos: int) -> int:
    """How many parentheses are open at ``pos``."""
    head = sent[:pos]
    return head.count("(") + head.count("（") - head.count(")") - head.count("）")


def _zh_place(
    places: list[PlaceMention], seg_start: int, pos: int, sent: str
) -> PlaceMention | None:
    """The place right before the parenthesis holding ``pos`` ("台湾地区889例(出院787例"), else
    the nearest place before it in its clause, else the sentence's first place."""
    open_at = max(sent.rfind("(", 0, pos), sent.rfind("（", 0, pos))
    if open_at > max(sent.rfind(")", 0, pos), sent.rfind("）", 0, pos)):
        inner = [p for p in places if p.end <= open_at and open_at - p.end <= 8]
        # the place of the count the parenthesis belongs to: "香港特别行政区10085例("
        if inner and re.fullmatch(
            r"[\d零一二两三四五六七八九十百千万]+例?", sent[inner[-1].end : open_at]
        ):
            return inner[-1]
    clause_start = max(sent.rfind(ch, 0, pos) for ch in "，,；;。、") + 1
    # a place inside parentheses belongs to its breakdown, not to a count outside them
    level = _depth(sent, pos)
    places = [p for p in places if _depth(sent, p.start) <= level]
    near = [p for p in places if clause_start <= p.start < pos]
    if near:
        return near[-1]
    seg = [p for p in places if seg_start <= p.start < pos]
    if seg:
        return seg[0]
    before = [p for p in places if p.start < pos]
    return before[0] if before else None


def _zh_record(
    category: str,
    value: int,
    mention: str,
    a: int,
    b: int,
    sent: str,
    s: Span,
    date: str | None,
    period_start: str | None,
    pm: PlaceMention | None,
    st: _State,
    parent: Record | None = None,
) -> Record:
    stock = category in _STOCK_CATS
    place = pm.place if pm is not None else None
    return Record(
        category=category,
        value=value,
        qualifier="exact",
        date=date,
        place=place.name if place else (parent.place if parent else None),
        place_text=pm.text if pm is not None else (parent.place_text if parent else None),
        mention=mention,
        evidence=sent[a:b],
        sentence=sent,
        start=s.start + a,
        end=s.start + b,
        metric=cat.metric_for(category, stock),
        period_start=period_start,
        place_code=(place.code or None) if place else None,
        stock=stock,
    )


def _unused(p: Place) -> None:  # pragma: no cover - keeps the import for type checkers
    del p
