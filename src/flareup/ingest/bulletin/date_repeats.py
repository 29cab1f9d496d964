"""One fact told twice, once with its day and once with only its year or month ("129,239
cases in the first 7 months of 2018" and later "129,239 cases last year"): the record with the
year or month alone is the same count, less precisely dated, and is dropped."""

from __future__ import annotations

from flareup.ingest.bulletin.records import Record


def drop_vaguer_repeats(records: list[Record]) -> list[Record]:
    """``records`` without those whose date is a year or month that another record of the
    same category, value, place and population dates more precisely inside it."""
    dated: dict[tuple[object, ...], list[str]] = {}
    for r in records:
        if r.date:
            dated.setdefault(_key(r), []).append(r.date)
    return [
        r
        for r in records
        if not (
            r.date
            and len(r.date) in (4, 7)
            and any(len(o) > len(r.date) and o.startswith(r.date + "-") for o in dated[_key(r)])
        )
    ]


def _key(r: Record) -> tuple[object, ...]:
    return (r.category, r.value, r.place, r.population)
