"""``re``'s module functions over a larger cache of compiled patterns.

The extractor's rules write many patterns inline (``re.search(r"...", s)``), which ``re``
compiles once and keeps in a cache of 512 patterns (CPython 3.11). With more distinct patterns
than that on a sentence's path, the cache is cleared over and over and a third of the
extraction time went into recompiling them (measured 2026-12-06: 107 against 126 texts per
CPU-second on the dev texts). These functions keep up to 4,096 compiled patterns in this
package's own cache and leave ``re``'s, and every other user of it, alone.

The cache is a plain dict keyed by (pattern, flags), looked up inline in each function: the
functions run some 60,000 times per pass over the dev texts, and a ``functools.lru_cache``
behind a helper call (with ``int(flags)`` and an ``isinstance`` check) cost about 6 % of the
extraction time (measured 2026-12-06), the dict look-up about a quarter of that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

Pattern = str | re.Pattern[str]

#: (pattern, flags) -> compiled pattern; a compiled pattern maps to itself (as
#: ``re.search(compiled, s)``, its flags come with it). ``hash(re.I)`` is int's, so the key
#: costs no Python call.
_cache: dict[tuple[Pattern, int], re.Pattern[str]] = {}
_MAX = 4096


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` may hold one of ``words`` (lowercase ASCII) in any case: a cheap
    precheck before scanning with a pattern that cannot match without one of them.

    Only ASCII text is ruled out: ``re.IGNORECASE`` also matches some non-ASCII letters to
    ASCII ones (the Kelvin sign to 'k'), so the precheck never changes a pattern's result."""
    if not text.isascii():
        return True
    low = text.lower()
    for w in words:  # noqa: SIM110 (a loop: a generator in any() cost as much as the look-ups)
        if w in low:
            return True
    return False


#: Where a word begins (a letter or digit after a non-word character): the ``starts`` of a
#: pattern whose every alternative opens with ``\b`` and a letter or digit
WORD_START = re.compile(r"\b[^\W_]")


def finditer_from(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match is non-empty and begins at a
    character ``starts`` matches: the pattern is tried only there, where ``finditer`` tries
    it at every position (``starts``, one character, best a plain class, is scanned fast)."""
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def _compile(pattern: Pattern, flags: int) -> re.Pattern[str]:
    """Compile and keep ``pattern`` (the oldest entry goes when the cache is full)."""
    compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
    if len(_cache) >= _MAX:
        del _cache[next(iter(_cache))]
    _cache[pattern, flags] = compiled
    return compiled


def _c(pattern: Pattern, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    return _cache.get((pattern, flags)) or _compile(pattern, flags)


def search(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (_cache.get((pattern, flags)) or _compile(pattern, flags)).search(string)


def match(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (_cache.get((pattern, flags)) or _compile(pattern, flags)).match(string)


def fullmatch(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (_cache.get((pattern, flags)) or _compile(pattern, flags)).fullmatch(string)


def finditer(
    pattern: Pattern, string: str, flags: int | re.RegexFlag = 0
) -> Iterator[re.Match[str]]:
    return _c(pattern, flags).finditer(string)


def findall(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> list[Any]:
    return _c(pattern, flags).findall(string)


def split(
    pattern: Pattern, string: str, maxsplit: int = 0, flags: int | re.RegexFlag = 0
) -> list[Any]:
    return _c(pattern, flags).split(string, maxsplit)


def sub(
    pattern: Pattern,
    repl: str | Callable[[re.Match[str]], str],
    string: str,
    count: int = 0,
    flags: int | re.RegexFlag = 0,
) -> str:
    return _c(pattern, flags).sub(repl, string, count)
