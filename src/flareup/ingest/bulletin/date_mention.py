"""A date found in a sentence (shared by the date finders of ``dates`` and ``date_spans``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in a sentence. ``value`` is ISO (day, 'YYYY-MM' or 'YYYY'); ``role`` is
    'point', 'start' (since/from), 'end' (to/until/as of/by), 'speech' (said on ...), 'event'
    (a day in a story, not of a count: 'the outbreak, which began on May 20'), 'sameperiod'
    (a year of 'the same period in 2015', resolved with the text's day),
    'relative' (resolved later from another date: ``offset`` days from it)."""

    start: int
    end: int
    value: str | None
    role: str
    offset: int = 0
    text: str = ""
