"""Whether a sentence's subject place carries to the sentences after it (ninth round's policy,
docs/methods/bulletin.md).

A place that is the subject of a sentence ('Lusaka Province reported 120 new recoveries')
carries to the next sentences when it opens what the text says about it, or takes over from
a subject the paragraph named ('Kenya reported 2,100 new cases. Meanwhile, Nairobi recorded
640'). Named in the middle of a paragraph whose counts so far went, unnamed, to the text's own
place (a national update: 'Seven cases tested positive. Bulawayo Province reported 10 new
recoveries. The cumulative number of tests done to date is 67105'), it is an aside about a
part of that place: its sentence is its, and the sentences after it go back to the text's
place.
"""

from __future__ import annotations

from flareup.ingest.bulletin.places import Gazetteer, PlaceMention
from flareup.ingest.bulletin.records import Record


def aside_subject(
    subject: PlaceMention,
    current: PlaceMention | None,
    doc_place: PlaceMention | None,
    records: list[Record],
    para_start: int,
    gaz: Gazetteer,
) -> bool:
    """Whether ``subject`` is an aside in its paragraph: the place carried so far is the
    text's own (``current`` None or ``doc_place``'s), the paragraph (from ``para_start``)
    already gave counts to that place without naming it and to none of its parts, and
    ``subject`` lies inside that place (a unit below it)."""
    if doc_place is None:
        return False
    whole = doc_place.place
    if current is not None and current.place != whole:
        return False
    if subject.place.rank <= whole.rank or subject.place == whole:  # (rank grows downwards)
        return False
    if not (subject.place.country and subject.place.country == whole.country):
        return False
    if whole.level not in ("country", "province", "state"):
        return False
    before = [r for r in records if r.start >= para_start]
    if not before:
        return False  # the subject opens the paragraph: what follows is about it
    if not any(r.place == whole.name for r in before):
        return False
    named = {whole.name, doc_place.text} | ({current.text} if current is not None else set())
    if any(name in r.sentence for r in before for name in named):
        # "Kenya reported 2,100 new cases. Meanwhile, Nairobi recorded 640": the paragraph
        # named its subject, and the next one named takes over from it
        return False
    # (counts of other countries said on the way, 'returnees from South Africa (2)', leave
    # the paragraph about the text's place; one of its parts named before does not)
    for r in before:
        known = gaz.lookup(r.place) if r.place else None
        if known is not None and known.country == whole.country and known.rank > whole.rank:
            return False
    return True
