"""A person's story after a count: ', who lived in Sri Lanka and flew to Yunnan on July 6'.

A non-restrictive 'who' clause after a count tells of the person counted (where they lived,
travelled, when they flew); its places and days are not the count's, unless the clause says
the count's own event ('who tested positive on Monday', 'who were confirmed in Lusaka').
"""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

_WHO = rx.compile(r",\s*who\b", re.IGNORECASE)
#: the count's own event told in the clause
_OWN_EVENT = rx.compile(
    r"\b(?:tested|test|tests|confirmed|diagnosed|reported|detected|identified|found|died|"
    r"recovered|discharged|admitted|hospitali[sz]ed|isolated|quarantined)\b",
    re.IGNORECASE,
)


def in_person_story(sent: str, count_end: int, pos: int) -> bool:
    """Whether ``pos`` lies in a 'who' clause after the count ending at ``count_end`` that
    tells the person's story, not the count's own event."""
    m = _WHO.search(sent, count_end, pos)
    if m is None or rx.search(r"\d", sent[count_end : m.start()]):
        return False  # (a later count's clause is its own)
    if rx.search(r"[;.]", sent[m.end() : pos]):
        return False
    return _OWN_EVENT.search(sent, m.end(), pos) is None
