"""What the extractor carries between sentences and shares between English and Chinese
(the state of one text, category families and their flow/stock counterparts)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.categories import CATEGORIES
from flareup.ingest.bulletin.places import (
    Place,
    PlaceMention,
)
from flareup.ingest.bulletin.records import Record
from flareup.schema import METRICS, MetricKind

_SUBORDINATE = rx.compile(
    r"(?:including|includ(?:es|ed)|with|among\s+(?:them|whom|which)|of\s+(?:them|whom|which))\s*$",
    re.IGNORECASE,
)
#: The words before a number it is compared with: "up from 20", "compared with 9", and a bare
#: 'from' only after a number ("fell to 22,253 from 29,907", not "samples from 245,200 people")
_COMPARISON = rx.compile(
    # (not "increased to 655", "rising to": the new figure, not the one compared with)
    # ("down slightly from a record 905")
    r"(?:(?:up|down|rising|falling|increased?|decreased?)\s+(?:(?:slightly|sharply|marginally)\s+)?"
    r"(?:from\s+(?:(?:a|the)\s+(?:previous|record)\s+)?)?|"
    # ("compared to only 81", "from just 12": a hedge before the number compared with)
    r"(?:(?:compared|comparing)\s+(?:with\s+|to\s+)?|(?:against|versus|vs\.?)\s+|"
    r"\d\s+from\s+|(?:rose|risen|fell|fallen|dropped|climbed|jumped|declined|grew)\s+from\s+|"
    # ("slightly more than the 580 a day earlier": 'than the', never a hedge's 'more than 580')
    r"(?:more|fewer|less|higher|lower|greater|smaller|above|below)\s+than\s+the\s+|"
    # ("well above the 84,462 cases recorded last year": the figure it is set against)
    r"(?:well\s+|far\s+|just\s+)?(?:above|below|exceeding|surpassing)\s+the\s+)"
    # ("up from a previous 4,035": the figure of the report before)
    r"(?:(?:only|just|about|around|nearly|some|a\s+previous|the\s+previous)\s+)?|"
    r"(?:highest|lowest|most|fewest|largest|biggest|smallest)\s+since\s+)$",
    re.IGNORECASE,
)


@dataclass
class _State:
    """What carries from one sentence to the next."""

    date: str | None = None
    period: str | None = None  # the start of the period ``date`` ends, where a heading gave one
    dateline: str | None = None  # the day of the last dateline ("10 September 2014 --")
    last_year: str | None = None
    last_main: str | None = (
        None  # the day the sentence before was about (for 'the same period')  # the year named last (for 'that year')
    )
    as_of: str | None = None  # the day the last 'as of' / 'by' / 'up to' statement named
    # the month a month report's counts are of ('In July 2018, the number of cases ... was'),
    # while ``date`` is still that month
    month_report: str | None = None
    ref: str | None = None  # the text's reference day: its first counts' day or 'as of' day
    place: PlaceMention | None = None
    last_head: Record | None = None
    last_flow_head: Record | None = None
    outbreak_report: bool = False
    summary_report: bool = False  # a text that sums up an outbreak so far (no count of a day)
    unlisted: dict[str, Place] = field(default_factory=dict)  # places found by their unit word
    named: list[PlaceMention] = field(default_factory=list)  # places named so far (last 8)
    stock: bool | None = None
    list_stock: bool | None = None  # flow or stock a list heading ending with ':' said
    # the count a line ending with a colon heads ('New cases = 46 as follows:'): the lines of
    # bare named numbers under it are its items
    colon_head: Record | None = None
    doc_place: PlaceMention | None = None
    zh_cue: str = ""
    stock_hint: bool = False
    year: int | None = None
    month: int | None = None  # the month of a month-only publication date ('2019-12')
    pub_month: str | None = None  # that date as written ('2019-12'), the day-less 'today'
    pub: str | None = None
    zh_head: Record | None = None
    records: list[Record] = field(default_factory=list)
    para_start: int = 0  # where the sentence's paragraph (line) begins in the text


_PARTIAL_DATE = rx.compile(r"(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2]))?")


def _as_date(v: dt.date | str | None) -> dt.date | None:
    """The publication day; ``None`` when there is none or only a month or year is known
    ('2016-04', '2016': see :func:`_published_year`)."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    text = str(v).strip()
    if _PARTIAL_DATE.fullmatch(text):
        return None
    return dt.date.fromisoformat(text[:10])


def _published_year(v: dt.date | str | None) -> int | None:
    """The year of a publication date given only as a month or a year ('2016-04', '2016')."""
    m = _PARTIAL_DATE.fullmatch(str(v).strip()) if isinstance(v, str) else None
    return int(m.group("year")) if m else None


def _published_month(v: dt.date | str | None) -> int | None:
    """The month of a publication date given only as a month ('2016-04' -> 4)."""
    m = _PARTIAL_DATE.fullmatch(str(v).strip()) if isinstance(v, str) else None
    return int(m.group("month")) if m and m.group("month") else None


#: Categories that are stocks: those whose registry metric is a stock (schema.py says which).
_STOCK_CATS = frozenset(
    cat for cat, (metric, _) in CATEGORIES.items() if METRICS[metric].kind is MetricKind.STOCK
)


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


def _depth(sent: str, pos: int) -> int:
    """How many parentheses are open at ``pos``."""
    head = sent[:pos]
    return head.count("(") + head.count("（") - head.count(")") - head.count("）")
