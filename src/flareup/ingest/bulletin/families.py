"""What a typed number counts, as a vocabulary category: :class:`Typing` (what the words
around a number say, read by ``categories.type_english``), the zero of 'none of the ...'
that its verb types, and :func:`finish`, the category of a family once flow or stock and
local or imported are known."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.vocabulary import FLOW_STOCK


@dataclass
class Typing:
    """What the words around a number say it counts."""

    category: str | None  # None: no category word (an item of a list, or not a count)
    own: bool  # the number has its own noun phrase or verb
    stock: bool | None  # True stock, False flow, None not said
    local: bool = False
    imported: bool = False
    has_head: bool = False
    skip: bool = False  # a subset or a non-count ('six of them are children')
    active: bool = False  # 'still being treated', 'existing', 'remaining'
    status_only: bool = False  # only 'confirmed' / 'probable' / 'suspected' ('9 confirmed')
    all_infections: bool = (
        False  # confirmed and asymptomatic together ('183 infections, including')
    )
    origin_of_head: bool = False  # local / imported as the head it is a part of


def none_of(rest: str) -> Typing:
    """'none of the 147 close contacts tested positive': a zero of what the verb says."""
    clause = rx.split(r"[;.]|,\s+(?:but|while|and|the)\b", rest)[0]
    # "none of the nine people who contracted measles were vaccinated": the relative clause
    # describes the people; the verb after it says what none of them did
    clause = rx.sub(
        r"\b(?:who|that|which)\b.*?(?=\b(?:were|was|have|has|had)\b)", " ", clause, count=1
    )
    t = Typing(None, True, False, has_head=True)
    if rx.search(
        r"\b(?:tested|were\s+found|was\s+found|came\s+back|returned|turned\s+out)\s+"
        r"(?:to\s+be\s+)?positive\b|\bwere\s+infected\b|\bcontracted\b",
        clause,
        re.IGNORECASE,
    ):
        t.category = "positive"
    elif rx.search(r"\b(?:died|has\s+died|have\s+died|succumbed)\b", clause, re.IGNORECASE):
        t.category = "deaths"
    else:
        t.skip = True  # "None of the 30 contacts has developed symptoms"
    return t


def finish(family: str, t: Typing, sentence_stock: bool | None) -> str:
    """The vocabulary category of a family once flow/stock and local/imported are known."""
    stock = t.stock if t.stock is not None else sentence_stock
    if t.active and family in ("cases", "positive"):
        return "active"
    if t.active and family == "asymptomatic":
        return "asymptomatic_active"
    if family in ("cases", "positive"):
        if family == "positive" and not stock:
            return "tested_positive"
        if family == "positive":
            return "infections_cumulative"
        if stock:
            if t.imported:
                return "imported_cumulative"
            if t.all_infections:
                return "infections_cumulative"
            return "confirmed_cumulative"
        if t.imported:
            return "imported_new"
        if t.local:
            return "local_new"
        return "confirmed_new"
    if family == "asymptomatic":
        if stock:
            return "asymptomatic_cumulative"
        if t.imported:
            return "asymptomatic_imported_new"
        if t.local:
            return "asymptomatic_local_new"
        return "asymptomatic_new"
    if family in FLOW_STOCK:
        return FLOW_STOCK[family][1 if stock else 0]
    if family == "suspected":
        # "216 cases of plague (1 confirmed, 20 probable and 195 suspect)" in a period's
        # report: the suspected part of a flow is a flow
        return "suspected" if (stock or (not _flowish(t) and stock is None)) else "suspected_new"
    return family


def _flowish(t: Typing) -> bool:
    return t.stock is False
