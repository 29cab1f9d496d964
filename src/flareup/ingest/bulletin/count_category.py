"""The category of a count in an English sentence once its noun phrase is typed
(``count_category``, for ``en_sentence._en_sentence``).

A count without a noun of its own (``family`` None: 'eight of whom were in Guangdong', '21
imported ones') is an item of the breakdown before it: it takes its head's category, or none
where it is a part that is no count ('3 were aged over 60', '12 were detected in quarantine',
'991 were discarded' is a correction). A count with its own noun takes the flow or stock its
sentence, its head and the counts before it give (``families.finish``).
Here too: a breakdown item and its head (``_Item``, ``_root``), and how an item inherits
its head's category (``_inherit``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flareup.ingest.bulletin import (
    breakdowns,
    flowwords,
    implied_heads,
    rx,
    wording,
)
from flareup.ingest.bulletin import categories as cat
from flareup.ingest.bulletin.context import (
    _FAMILY_OF,
    _INHERIT_IMPORTED,
    _INHERIT_LOCAL,
    _SUBORDINATE,
    _TO_FLOW,
    _TO_STOCK,
    _depth,
    _State,
)
from flareup.ingest.bulletin.dates import DateMention
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.text import Span

#: "Of the local infections, ...", "Among them, ...": a sentence about parts of a count said before
_PARTITION = rx.compile(
    r"\s*(?:among\s+(?:them|these|those|the)|(?:out\s+)?of\s+(?:them|these|those|the))\b",
    re.IGNORECASE,
)

#: a sentence that opens by pointing back to the count said last: "That is up from 4,900",
#: "This was down from 312 a week earlier"
_BACK_COMPARISON = rx.compile(
    r"\s*(?:this|that|it|the\s+(?:figure|number|tally|total|toll|count))\s+"
    r"(?:is|was|marks|marked|represents|represented)\s+",
    re.IGNORECASE,
)


def compared_back(sent: str, records: list[Record], family: str | None) -> Record | None:
    """The count of the sentence before that a comparison opening with 'That is up from'
    compares with: the last one of the same family (its flow or stock is the compared
    figure's)."""
    if not records or _BACK_COMPARISON.match(sent) is None:
        return None
    last = records[-1]
    return last if family is None or _FAMILY_OF.get(last.category) == family else None


_NOT_PATIENTS = (
    "contacts",
    "contacts_released",
    "under_observation",
    "tested",
    "tested_negative",
    "tested_positive",
)


#: a tested count of cases, not of samples: "2,908 cases were investigated", "566 (5.8%) were
#: laboratory tested" (the whole's cases)
_TESTED_CASES = rx.compile(
    r"\s*(?:\([^()]{0,12}\)\s*)?(?:(?:suspected\s+)?(?:cases|patients)\s+)?(?:were|was|have\s+been)\s+"
    r"(?:(?:laboratory|lab)[- ])?(?:tested|investigated|sampled)\b",
    re.IGNORECASE,
)
#: "961 were confirmed" (cases), not "3 were confirmed positive" (tests)
_CONFIRMED_NOT_POSITIVE = rx.compile(
    r"\s*(?:\([^()]{0,12}\)\s*)?(?:of\s+(?:them|these|which)\s+)?(?:were|was|have\s+been)\s+"
    r"(?:(?:laboratory|lab)[- ])?confirmed\b(?!\s+positive)",
    re.IGNORECASE,
)


_CASE_HEADS = (
    "confirmed_new",
    "local_new",
    "imported_new",
    "confirmed_cumulative",
    "imported_cumulative",
)


#: the confirmed category of each asymptomatic one, for a count said to be symptomatic
_SYMPTOMATIC = {
    "asymptomatic_new": "confirmed_new",
    "asymptomatic_local_new": "local_new",
    "asymptomatic_imported_new": "imported_new",
    "asymptomatic_cumulative": "confirmed_cumulative",
    "asymptomatic_active": "active",
}


def _inherit(parent: str, t: cat.Typing) -> str:
    if t.active and parent in _CASE_HEADS:
        return "active"  # "174 imported cases, with one still hospitalized": one of them now
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


@dataclass
class _Item:
    num: Number
    typing: cat.Typing
    category: str | None = None
    record: Record | None = None
    parent: _Item | None = None


def _root(item: _Item) -> _Item:
    """The head count a chain of breakdown items hangs from."""
    while item.parent is not None and item.parent is not item:
        item = item.parent
    return item


def count_category(
    sent: str,
    s: Span,
    n: Number,
    nxt: int,
    c0: int,
    c1: int,
    before: str,
    t: cat.Typing,
    family: str | None,
    item: _Item,
    parent: _Item | None,
    named: Record | None,
    dates: list[DateMention],
    partition: str | None,
    anaphoric: bool,
    is_comparison: bool,
    sentence_stock: bool | None,
    recs: list[Record],
    st: _State,
) -> str | None:
    """The category of the number ``n`` of ``sent`` typed ``t`` (``family``: the category its
    own noun gives, None for a count without one), or None where it is no count to record.
    ``item``'s parent is set where it is an item of ``parent``."""
    if family is None:
        if parent is not None and (
            day := wording.day_deaths_whole(sent, parent.record, st.records + recs, n.value)
        ):
            # "The death toll of 35 was ... The tally is now 2,870. Of the deaths, 34 were in
            # Hubei": the day's deaths said before the toll
            parent = _Item(Number(0, 0, day.value, None, "exact", ""), t, day.category, day)
        if (n.zero_word and not flowwords.ones_of_origin(sent[n.end : n.end + 40])) or (
            parent is None or parent.category is None
        ):
            return None
        if implied_heads.origin_item(sent, n.end, parent.record):
            return None  # "Among them, three had arrived from the United States"
        if implied_heads.provenance_item(sent, n.start, n.end):
            return None  # "12 were detected in quarantine and 3 in the community"
        if rx.match(
            r"\s*(?:[a-z]+\s+){0,2}(?:of\s+)?(?:[a-z]+\s+)?(?:were|are|was|is)\s+(?:aged|men|women|children|male|female|(?:not\s+)?(?:un)?vaccinated|"
            # ("1242 were from the Northern Division": a place's part)
            r"from\s+the\s+(?:same|group|general)\b)",
            sent[n.end : n.end + 40],
            re.IGNORECASE,
        ):
            return None
        item.parent = parent
        lead = rx.match(
            r"\s*(?:of|among)\s+(?:the|these|those)\s+(?:new\s+)?(?P<w>(?:[\w-]+\s+){0,3}?)"
            r"(?:cases|infections|patients)\b",
            sent[c0 : n.start] if c0 == 0 else sent[: n.start],
            re.IGNORECASE,
        )
        if lead and parent.record is not None and parent.num.end == 0:
            # "Of the local cases, 61 were in Jiangsu": the part of the named kind
            words = lead.group("w").lower()
            t.local = t.local or bool(rx.search(r"\blocal|domestic|community", words))
            t.imported = t.imported or "import" in words
        if rx.search(r"\bto\s+$", sent[max(0, n.start - 5) : n.start]) and rx.search(
            r"\bby\s+$", sent[max(0, parent.num.start - 5) : parent.num.start]
        ):
            t.stock = True  # "rose by 5,826 to 1,379,662": the total after the rise
        if is_comparison:
            t.stock = None  # "... as of June 21 compared with six a day earlier": as its head
        if t.stock is None and parent.num.end == 0 and wording.ranked_opening(sent):
            t.stock = True  # "The most affected districts are A (120), ...": their totals
        if breakdowns.had_share(sent, n.start, bool(partition or _PARTITION.match(sent))):
            t.stock = None  # "Of the new cases, Lagos had 245": its share of them
        if cat.part_on_a_day(sent[n.end : n.end + 60]) and not is_comparison:
            # "85 deaths in total, including 4 on Tuesday": that day's; not "2,480 deaths,
            # up from 2,312 on Monday", the same total a day before
            t.stock = False
        category = _inherit(parent.category, t)
        if category.startswith("asymptomatic") and rx.match(
            r"\s+symptomatic\b", sent[n.end : n.end + 16], re.IGNORECASE
        ):
            # "compared with 18 symptomatic and one asymptomatic cases": a symptomatic
            # count is of confirmed cases, whatever count was said before it
            category = _SYMPTOMATIC.get(category, category)
        if parent.category in ("suspected", "suspected_new", "probable") and rx.match(
            r"\s*(?:of\s+(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?cases\s+|of\s+(?:which|whom|them)\s+)?"
            r"(?:were|was|have\s+been|had\s+been|are)\s+(?:laboratory[- ])?confirmed\b",
            sent[n.end : n.end + 60],
            re.IGNORECASE,
        ):
            # "120 suspected cases, of which 30 were confirmed": the confirmed part
            # ("1,364 probable cases ..., of which 124 were laboratory confirmed": so too)
            category = (
                "confirmed_new" if parent.category == "suspected_new" else "confirmed_cumulative"
            )
        if (
            parent.category == "tested"
            and _TESTED_CASES.match(sent, parent.num.end)
            and _CONFIRMED_NOT_POSITIVE.match(sent[n.end : n.end + 40])
        ):
            # "2,908 cases were investigated and 961 were confirmed": the tested were cases
            # (not samples), and the confirmed ones of them are confirmed cases so far
            category = "confirmed_cumulative"
        else:
            category = wording.part_category(category, parent.category, sent[n.end : n.end + 40])
        if rx.match(
            r"\s*(?:were|was|have\s+been|had\s+been)\s+(?:ruled\s+out|discarded|excluded)\b",
            sent[n.end : n.end + 40],
            re.IGNORECASE,
        ):
            # "1,364 probable cases, of which ... 991 were discarded": taken off the count
            category = "correction"
        category = wording.lead_category(sent[: n.start], category, st.records + recs)
    else:
        if n.zero_word and not t.has_head and family not in ("deaths",):
            return None
        stock = sentence_stock
        if stock is False and wording.total_cue_before(sent, n.start):
            stock = None  # "In week 32, 120 cases ..., bringing the total to 1,430 cases"
        if t.stock is None and recs and stock is None:
            # "a total of 108 cases, including ... 23 deaths"; in brackets, the head's
            stock = wording.context_stock(
                sent, n.start, [(r.start - s.start, r.stock) for r in recs]
            )
        # "Three countries have reported cases exported from Angola: China (11 cases),
        # Kenya (two cases)": the clause before the colon types its list
        lead_stock, exported = wording.colon_lead(sent, n.start)
        t.imported = t.imported or exported
        if t.stock is None and stock is None:
            stock = lead_stock
        if t.stock is None and not recs and rx.search(r"\bincludes\s+$", before):
            stock = True  # "The latest outbreak, which includes six asymptomatic cases"
        if (
            recs
            and rx.search(
                r"\bincluding\s+(?:at\s+least\s+)?$", sent[max(0, n.start - 16) : n.start]
            )
            and not t.active
        ):
            # "37 new cases including 2 deaths have been reported"; not the "(1826 new)"
            # in parentheses of "46 997 cases (1826 new) ..., including 1369 deaths"
            outer = [r for r in recs if _depth(sent, r.start - s.start) == 0]
            t.stock = (outer or recs)[-1].stock
            if cat.part_on_a_day(sent[n.end : n.end + 60]):
                t.stock = False  # "85 deaths in total, including 4 on Tuesday"
        # "a total of 650 deaths have been reported in the last 24 hours": a day's count
        if (
            any(d.role == "past24" and n.end <= d.start < nxt for d in dates)
            and not t.active
            and not flowwords.total_reached(sent[: n.start])
        ):
            t.stock = False
        whole = parent.record if parent is not None else st.last_head
        if whole is not None and breakdowns.died_of_them(sent, n):
            t.stock = whole.stock  # "12 new cases, three of whom have died": new deaths
        if named is not None and t.stock is None:
            t.stock = named.stock  # "Four of the five deaths were reported among ...": the five's
        if (
            t.stock is None
            and parent is not None
            and parent.record is not None
            # "... 25 close contacts were quarantined. Meanwhile, 290 patients were
            # discharged": contacts or tests lend no flow or stock to a count of patients
            and not (parent.record.category in _NOT_PATIENTS and family in _FAMILY_OF.values())
            and (
                (anaphoric and not (t.has_head and n.qualifier in ("at_least", "approximate")))
                or _SUBORDINATE.search(sent[max(0, n.start - 30) : n.start])
            )  # "It also said ... where more than 950 people were infected": not a part
        ):
            stock = parent.record.stock
        if (
            t.stock is None
            and stock is None
            and (
                st.outbreak_report
                or st.summary_report
                or n.qualifier in ("at_least", "approximate")
            )
            and family in ("cases", "deaths")
            and not t.active
            and not any(
                wording.relative_start(sent, c0, n.start) <= d.start < max(c1, c0 + 1)
                # ("compared to 6,561 cases in the preceding week": a period's flow)
                and d.role in ("point", "past24", "relative", "relcompare")
                for d in dates
            )
            and not cat.names_a_day(sent[n.end : max(c1, n.end)])  # "this week"
        ):
            # ... and a hedged count ('more than 950 people were infected') is a total too
            # a situation report's unqualified 'cases' and 'deaths' are the outbreak's
            # totals ("Iboko (25 cases and 5 deaths)"); a dated day's are its flows
            stock = True
        if (
            t.stock is None
            and stock is None
            and is_comparison
            and not recs
            and (back := compared_back(sent, st.records, family)) is not None
        ):
            # "Oman's tally has reached 5,240. That is up from 4,900 on March 1": the earlier
            # figure is of the total too
            stock = back.stock
        wording.head_origin(sent, parent, n.start, t)
        wording.also_current(sent, n.start, st.last_head, t)
        category = cat.finish(family, t, stock)
    return category
