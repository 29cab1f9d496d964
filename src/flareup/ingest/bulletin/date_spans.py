"""Two day mentions read as one period: 'from 3 May to 9 May', 'between Monday and Friday',
'on Friday and Saturday' (one count over both days), and a week's days written out after it;
split out of ``dates``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from flareup.ingest.bulletin import rx
from flareup.ingest.bulletin.date_mention import DateMention

_RANGE_GAP = rx.compile(
    # ('?': an en dash a wrong encoding turned into '?', "February 12, 2017 ? February 18")
    r"\s*(?P<sep>and|[-–—?]|to|until|till|through)\s*(?:(?:the\s+)?end\s+of\s+)?"
    # (an hour only with its minutes or its mark: "on Saturday and 9 on Sunday" is a count)
    r"(?:[012]?\d(?:[:.][0-5]\d\s*(?:a\.?m\.?|p\.?m\.?|h|hrs)?|\s*(?:a\.?m\.?|p\.?m\.?|h|hrs))"
    r"\s+)?(?:on\s+)?",
    re.IGNORECASE,
)


def _ranges(sentence: str, out: list[DateMention]) -> list[DateMention]:
    """Two days joined by a dash, 'to' or 'until' are a period's start and end; after a
    'between' (or 'from') start, an 'and' joins them too."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not (a.value and b.value and len(a.value) == 10 and len(b.value) == 10):
            continue
        if a.start == b.start or a.value > b.value or b.role not in ("point", "end"):
            continue
        gap = _RANGE_GAP.fullmatch(sentence, a.end, b.start)
        if gap is None:
            continue
        two_days = (
            # "35 people died on Friday and Saturday": one count over both days (a list of
            # counts over a list of days says 'respectively')
            a.role == "point"
            and gap.group("sep") == "and"
            and "respectively" not in sentence
            and rx.search(r"\b(?:on|over|during)\s+$", sentence[max(0, a.start - 8) : a.start])
            and 0 < (dt.date.fromisoformat(b.value) - dt.date.fromisoformat(a.value)).days <= 6
        )
        if (
            a.role == "start"
            or (a.role in ("point", "end") and gap.group("sep") != "and")
            or two_days
        ):
            out[i] = replace(a, role="start")
            out[i + 1] = replace(b, role="end")
    return out


def _explicit_weeks(sentence: str, out: list[DateMention]) -> list[DateMention]:
    """'epidemiological week 42 (13-19 October 2019)': the days written out win over the ISO
    week (countries count weeks from Sunday or from Monday). (Moved here from ``dates``.)"""
    weeks = [d for d in out if rx.match(r"(?i)(?:epi|week)", d.text or "")]
    drop: set[int] = set()
    for w in weeks:
        after = [d for d in out if d.start > w.start and d.value and len(d.value) == 10]
        if after and rx.fullmatch(r"\s*\(\s*", sentence[w.end : after[0].start]):
            drop.add(w.start)
    # (kept as unvalued labels, so that the week's number is still no count)
    return [replace(d, value=None, role="label") if d.start in drop else d for d in out]
