"""Kinds listed 'respectively': "Total numbers of active and recovered cases are 59,438 and
6,07,119 respectively", "Deaths and recoveries stand at 2,623 and 6,07,119 respectively": the
k-th number after the verb counts the k-th kind named before it (each a total)."""

from __future__ import annotations

import re

from flareup.ingest.bulletin import rx

#: a kind of count, as a list names it
_KIND = (
    r"(?:active(?:\s+cases)?|recover(?:ed|ies)(?:\s+cases)?|discharged(?:\s+cases)?|"
    r"discharges|deaths?|fatalities|confirmed(?:\s+cases)?|(?:total\s+)?cases|infections)"
)
_LIST = rx.compile(
    r"\b(?P<kinds>" + _KIND + r"(?:\s*,\s*" + _KIND + r")*\s*,?\s+and\s+" + _KIND + r")"
    r"(?:\s+cases)?(?:\s+(?:in|of|across)\s+[^,;.\d]{1,40}?)?\s+"
    r"(?:are|were|is|was|stand\s+at|stood\s+at|are\s+now|now\s+stand\s+at|reached|at)\s+"
    r"(?P<nums>(?:[\d][\d,.]*\s*(?:,\s*(?:and\s+)?|and\s+))+[\d][\d,.]*)\s+respectively\b",
    re.IGNORECASE,
)


def _family(kind: str) -> tuple[str, bool]:
    k = kind.lower()
    if k.startswith("active"):
        return "cases", True
    if k.startswith(("recover", "discharg")):
        return "recovered", False
    if k.startswith(("death", "fatalit")):
        return "deaths", False
    return "cases", False


def respective_kind(sentence: str, start: int) -> tuple[str, bool] | None:
    """(family, active) of the number at ``sentence[start:]`` when it is the k-th of a list of
    numbers said 'respectively' after a list of as many kinds; None otherwise."""
    if "respectively" not in sentence:
        return None
    for m in _LIST.finditer(sentence):
        if not m.start("nums") <= start < m.end("nums"):
            continue
        kinds = rx.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("kinds"))
        nums = list(rx.finditer(r"\d[\d,.]*", m.group("nums")))
        if len(kinds) != len(nums):
            return None
        for kind, num in zip(kinds, nums, strict=True):
            if m.start("nums") + num.start() == start:
                return _family(kind)
    return None
