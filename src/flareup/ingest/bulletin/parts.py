"""Parts of a count said in the sentence before: plain 'cases' that add up to a count of a
kind (local, imported) are of that kind (the breakdown of a daily bulletin's head count)."""

from __future__ import annotations

import re
from typing import Any

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.context import _State
from flareup.ingest.bulletin.records import Record
from flareup.ingest.bulletin.vocabulary import metric_for

#: the kinds of new cases a plain 'cases' breakdown can be part of
_KINDS_OF_NEW = ("local_new", "imported_new", "asymptomatic_local_new", "asymptomatic_imported_new")


def parts_of_last_head(items: list[Any], recs: list[Record], sent: str, st: _State) -> None:
    """'... reported 15 new locally transmitted cases. Fourteen cases were reported in Ejina,
    and one case in Erenhot': plain new cases that add up to the count of a kind said in the
    sentence before (or that are 'the other' ones of it) are its parts, of its kind."""
    said = [it for it in items if it.record is not None]
    if not said or not recs:
        return
    total = sum(it.num.value for it in said)
    rest = rx.match(r"\W*(?:the\s+)?(?:other|remaining|rest)\b", sent, re.IGNORECASE)
    head = st.last_head
    if rest is not None and (head is None or head.category not in _KINDS_OF_NEW):
        # "Of the new cases, 75 were in A, including nine ... The other six": the count of a
        # kind said last, however its parts were told
        head = next(
            (r for r in reversed(st.records) if r.category in _KINDS_OF_NEW and r.value > total),
            None,
        )
    if head is None or head.category not in _KINDS_OF_NEW:
        return
    plain_cat = "asymptomatic_new" if head.category.startswith("asymptomatic") else "confirmed_new"
    if any(
        it.category != plain_cat
        or it.parent is not None
        or it.typing.stock is not None
        or it.typing.local
        or it.typing.imported
        or it.typing.active
        or it.num.value_max is not None
        for it in said
    ):
        return
    if any(r.date != head.date for r in recs):
        return
    if not (total == head.value or (rest is not None and total < head.value)):
        return
    for r in recs:
        if r.category == plain_cat:
            r.category = head.category
            r.metric = metric_for(head.category, r.stock)
