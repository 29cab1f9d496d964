"""A figure compared with a count in its own sentence is of the same kind as that count:
'310 people have died this year, more than the 212 deaths recorded during the same period last
year', 'up from last year's 840', '88 deaths, compared to 119 in 2019' (both totals, or both
flows of a period), whatever the words around the compared figure say on their own."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.records import Record

#: the two halves of a family: flow and stock
_PAIR = {
    "confirmed_new": "confirmed_cumulative",
    "deaths_new": "deaths_cumulative",
    "recovered_new": "recovered_cumulative",
}
_PAIR.update({v: k for k, v in list(_PAIR.items())})

#: what stands between a count and the figure it is compared with
_COMPARED = rx.compile(
    r"\b(?:than|compared\s+(?:to|with)|up\s+from|down\s+from|against|versus|"
    r"vs\.?|from\s+last\s+year['’]s)\b[^\d;]{0,60}$",
    re.IGNORECASE,
)


def _at(r: Record) -> int:
    return r.start + max(0, r.evidence.find(r.mention))


def align_compared(recs: list[Record]) -> None:
    """Give each figure compared with an earlier count of its sentence that count's flow or
    stock, where the two are halves of one family (a count in brackets is an aside, not the
    one compared: '887 cases (103 new since yesterday), compared to 302 on March 19')."""
    for i in range(1, len(recs)):
        later = recs[i]
        if later.category not in _PAIR or not later.evidence:
            continue
        sent = later.sentence
        sent_start = later.start - sent.find(later.evidence)
        b = _at(later) - sent_start
        for earlier in reversed(recs[:i]):
            if earlier.sentence != sent:
                break
            a = _at(earlier) + len(earlier.mention) - sent_start
            if not 0 <= a <= b:
                break
            between = sent[a:b]
            if ")" in between and "(" in sent[max(0, a - 40) : a - len(earlier.mention)]:
                continue  # an aside in brackets: the count before it is compared
            if (
                _PAIR.get(earlier.category) == later.category
                and ";" not in between
                and len(between) <= 200
                and _COMPARED.search(between) is not None
            ):
                later.category = earlier.category
                later.stock = earlier.stock
            break
