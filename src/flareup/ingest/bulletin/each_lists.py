"""'Each' lists of places before a count ('Johor, Kedah and Perak reported three deaths
each', 'Oman and Qatar each reported one case', 'A and B both recorded four cases'): every
place of the list has the count (``attach.number_places``)."""

from __future__ import annotations

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.numbers import Number
from flareup.ingest.bulletin.places import PlaceMention

#: What separates the items of a list: a comma, 'and', 'or' (as ``attach._LIST_SEP``)
LIST_SEP = rx.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\s*")


def each_listed(
    sent: str, n: Number, nxt: int, c0: int, places: list[PlaceMention]
) -> list[PlaceMention]:
    """'Johor, Kedah and Perak reported three deaths each', 'followed by Negeri Sembilan and
    Pahang with two each': every place of the list just before the number has that count."""
    if not rx.match(r"\s*(?:[\w-]+\s+){0,3}?each\b", sent[n.end : nxt]) and not rx.search(
        # ("Oman, Qatar and Kuwait each reported one new case": 'each' before the count; "A
        # and B both recorded four cases": 'both' is 'each' of two)
        r"\b(?:each|both)\s+(?:[a-z]+\s+){1,2}$",
        sent[max(c0, n.start - 30) : n.start],
    ):
        return []
    before = [p for p in places if c0 <= p.end <= n.start]
    listed: list[PlaceMention] = []
    for p in reversed(before):
        if listed and not LIST_SEP.fullmatch(
            # ("Dormaa Municipality and Kintampo North": the first one's unit word between)
            rx.sub(
                r"^\s+(?:Municipality|District|County|Province|Region|Prefecture)\b",
                "",
                sent[p.end : listed[0].start],
            )
        ):
            break
        if not listed and not rx.fullmatch(
            # ("Benue and Bauchi state recorded one death each": the list's unit word)
            r"\s*(?:(?:states?|provinces?|count(?:y|ies)|districts?|regions?|prefectures?)\s+)?"
            # ("Kyoto and Nara reporting 96 each", "A and B logged the highest with five")
            r"(?:(?:(?:each\s+)?(?:report|record|register|log|confirm)(?:s|ed|ing|ged|ging)?"
            r"(?:\s+\w+){0,2}\s+)?with|(?:(?:each|both)\s+)?(?:(?:report|record|register|log|confirm)"
            r"(?:s|ed|ing|ged|ging)?|had|saw|has|have)(?:\s+\w+)?|\(|:)?\s*",
            sent[p.end : n.start],
        ):
            break
        listed.insert(0, p)
    return listed if len(listed) > 1 else []
