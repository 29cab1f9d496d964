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

:func:`compile` (the package's ``re.compile``) and the cache give a pattern that ``re`` would
try at every position of a text a look first for the words it cannot match without
(``prefilter``): most such scans find nothing, and the look costs a fraction of the scan.
Where the look passes, a pattern whose every match opens with one of a few strings
(``prefilter.opening``: 'total', 'cumula', 'so' of ``\\b(?:total|cumulative|so\\s+far)``)
is tried only where one of them begins in the text, found by one scan (2026-12-07).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, cast

from flareup.ingest.bulletin.prefilter import (
    fold_extra,
    look,
    opening,
    starts_pattern,
    words_pattern,
)

Pattern = str | re.Pattern[str]


_SCANS = ("search", "match", "finditer", "findall", "sub", "subn", "split")
#: a pattern with this many words or more looks for them with one scan (``words_pattern``)
_MANY = 40


class _Looked:
    """A compiled pattern whose scans (``search``, ``match``, ``finditer``, ``findall``,
    ``sub``, ``split``) first look for one of its words (``prefilter.look``) in the text
    folded as ``prefilter.fold`` does, and find nothing without one. Typed as the
    ``re.Pattern`` it stands for (:func:`compile`).

    The words are read at the first scan, not at import (reading the 400 patterns of the
    package's modules added 0.35 s to import): each scan is a slot that first holds a reader, then
    either the pattern's own method (no words: no Python call in between) or the look."""

    __slots__ = (
        "_any",
        "_opener",
        "_opening",
        "_p",
        "_read",
        "_words",
        "findall",
        "finditer",
        "flags",
        "fullmatch",
        "groupindex",
        "groups",
        "match",
        "pattern",
        "search",
        "split",
        "sub",
        "subn",
    )

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self._p = compiled
        self._words: tuple[str, ...] = ()
        self._any: Callable[[str], re.Match[str] | None] | None = None
        self._opener: Callable[[str], Iterator[re.Match[str]]] | None = None
        self._read = False
        self._opening: tuple[tuple[str, ...], bool] | bool | None = False  # (not read yet)
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self.fullmatch = compiled.fullmatch  # (rare: the pattern's own)
        for name in _SCANS:
            setattr(self, name, functools.partial(self._first, name))

    def _first(self, name: str, *args: Any) -> Any:
        self.read()
        return getattr(self, name)(*args)

    def read(self) -> bool:
        """Read the pattern's words (once); whether it has any to look for."""
        if not self._read:
            self._read = True
            p = self._p
            words = look(p.pattern, p.flags)
            if words is not None:
                self._words = words
                if len(words) >= _MANY:
                    self._any = re.compile(words_pattern(words)).search
            for name in _SCANS:
                setattr(self, name, getattr(self, "_" + name) if words else getattr(p, name))
            # a pattern whose matches open with known strings: a search that passes the look
            # tries it only where one begins, a match only if one begins there
            opener = self._opener_pattern() if words else None
            if opener is not None:
                self._opener = opener.finditer
            if self._any is not None:
                self.search, self.match = self._search_many, self._match_many
            elif opener is not None:
                self.search, self.match = self._search_opened, self._match_opened
        return bool(self._words)

    def _opener_pattern(self) -> re.Pattern[str] | None:
        """Where a match may begin in a lowercased ASCII text: the first character of each
        place where one of the opening strings does (``prefilter.starts_pattern``); ``None``
        if unknown.

        ``re`` tries such a pattern at every position, each alternative of its opening
        (case-blind) in turn; one scan of the lowercased text for the strings' first
        characters, the rest looked ahead for, finds the few positions to try."""
        opens = self.opens()
        if opens is None:
            return None
        strings, digit = opens
        # (an ASCII text's only digits are 0-9)
        every = set(strings) | (set("0123456789") if digit else set())
        return re.compile(starts_pattern(tuple(sorted(every))))

    def opens(self) -> tuple[tuple[str, ...], bool] | None:
        """How every match begins (``prefilter.opening``; read once)."""
        if self._opening is False:
            p = self._p
            self._opening = opening(p.pattern, p.flags)
        return cast("tuple[tuple[str, ...], bool] | None", self._opening)

    def absent(self, string: str, endpos: int = sys.maxsize) -> bool:
        """Whether none of the pattern's words is in ``string[:endpos]`` (``re`` reads no
        further; a look-behind may read before ``pos``, so the text is looked at from its
        start)."""
        if endpos < len(string):
            string = string[: max(endpos, 0)]
        low = string.lower()
        if not low.isascii():
            low = fold_extra(low)
        if self._any is not None:
            return self._any(low) is None
        for w in self._words:  # noqa: SIM110 (a loop: cheaper than any() over a generator)
            if w in low:
                return False
        return True

    def _search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # the look inlined: the most frequent call
        low = (string if endpos >= len(string) else string[: max(endpos, 0)]).lower()
        if not low.isascii():
            low = fold_extra(low)
        for w in self._words:
            if w in low:
                return self._p.search(string, pos, endpos)
        return None

    def _match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        # (the look inlined, as in _search)
        low = (string if endpos >= len(string) else string[: max(endpos, 0)]).lower()
        if not low.isascii():
            low = fold_extra(low)
        for w in self._words:
            if w in low:
                return self._p.match(string, pos, endpos)
        return None

    def _search_opened(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        # (_search, the pattern then tried only where an opening string begins)
        low = (string if endpos >= len(string) else string[: max(endpos, 0)]).lower()
        if not low.isascii():
            low = fold_extra(low)
        for w in self._words:
            if w in low:
                break
        else:
            return None
        if pos or endpos < len(string) or not string.isascii():
            return self._p.search(string, pos, endpos)
        return self._at_openings(string, low)

    def _at_openings(self, string: str, low: str) -> re.Match[str] | None:
        """``search(string)`` of an ASCII ``string`` (``low`` lowercased): the first match
        tried where an opening string begins (a match opens nowhere else; ``re.search``
        tries a position as ``match`` at it does)."""
        match = self._p.match
        for c in self._opener(low):  # type: ignore[misc]
            m = match(string, c.start())
            if m is not None:
                return m
        return None

    def _match_opened(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        # (_match of an ASCII text: the look is whether an opening string begins at ``pos``)
        if not string.isascii():
            return self._match(string, pos, endpos)
        strings, digit = self._opening  # type: ignore[misc]
        at = pos if pos > 0 else 0  # (re reads a negative pos as 0)
        head = string[at : at + 8].lower()  # (opening strings have at most 6 characters)
        if head.startswith(strings) or (digit and head[:1].isdigit()):
            return self._p.match(string, pos, endpos)
        return None

    def _search_many(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        # (_search, the words looked for by one scan)
        low = (string if endpos >= len(string) else string[: max(endpos, 0)]).lower()
        if not low.isascii():
            low = fold_extra(low)
        if self._any(low) is None:  # type: ignore[misc]
            return None
        if self._opener is None or pos or endpos < len(string) or not string.isascii():
            return self._p.search(string, pos, endpos)
        return self._at_openings(string, low)

    def _match_many(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        low = (string if endpos >= len(string) else string[: max(endpos, 0)]).lower()
        if not low.isascii():
            low = fold_extra(low)
        if self._any(low) is None:  # type: ignore[misc]
            return None
        return self._p.match(string, pos, endpos)

    def _finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self.absent(string, endpos):
            return iter(())
        return self._p.finditer(string, pos, endpos)

    def _findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self.absent(string, endpos):
            return []
        return self._p.findall(string, pos, endpos)

    def _sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        if self.absent(string):
            return string
        return self._p.sub(repl, string, count)

    def _subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        if self.absent(string):
            return string, 0
        return self._p.subn(repl, string, count)

    def _split(self, string: str, maxsplit: int = 0) -> list[Any]:
        if self.absent(string):
            return [string]
        return self._p.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"rx.compile({self._p!r})"


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a look for its words before each scan where
    ``re`` would try it at every position (``_Looked``; the same results)."""
    # (duck-typed: re.Pattern cannot be subclassed; _Looked has the methods the package calls)
    return cast(re.Pattern[str], _Looked(re.compile(pattern, flags)))


#: (pattern, flags) -> compiled pattern, or pattern alone where flags are 0 (most calls: no
#: tuple to build and hash); a compiled pattern maps to itself (as ``re.search(compiled,
#: s)``, its flags come with it). ``hash(re.I)`` is int's, so the key costs no Python call.
_cache: dict[Pattern | tuple[Pattern, int], re.Pattern[str]] = {}
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
    it at every position (``starts``, one character, best a plain class, is scanned fast).

    Of a pattern from :func:`compile`, only where the text (folded) holds at that character
    one of the strings every match opens with (``prefilter.opening``: 'nearly', 'between',
    'twenty' or a digit of a number): most words open no match."""
    opens = None
    if isinstance(pattern, _Looked):
        if pattern.read() and pattern.absent(text):
            return  # none of its words: no position to try
        opens = pattern.opens()
        looked, pattern = pattern, pattern._p
    if opens is not None and text.isascii() and (openers := _openers(looked)) is not None:
        yield from _tried_where_opened(pattern, starts, text, openers)
        return
    pos = 0
    while (c := starts.search(text, pos)) is not None:
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def _tried_where_opened(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str, openers: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """:func:`finditer_from`'s matches in an ASCII text, the pattern tried only where
    ``openers`` finds (in the lowercased text, by one scan) one of the pattern's opening
    strings begin, at a ``starts`` character. (A Python step for every word start, the
    strings then looked for with ``str.startswith``, cost as much as the match tried there;
    the strings looked for at each ``starts`` character by one scan, 1.7 % more instructions
    than this: measured 2026-12-07.)"""
    end = 0  # (a match's end: the next is tried from there, as finditer does)
    for c in openers.finditer(text.lower()):
        at = c.start()
        if at < end or starts.match(text, at) is None:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            end = m.end()


#: pattern -> where it may begin in a lowercased ASCII text (``_Looked._opener_pattern``)
_opener_cache: dict[_Looked, re.Pattern[str] | None] = {}


def _openers(pattern: _Looked) -> re.Pattern[str] | None:
    if pattern not in _opener_cache:
        _opener_cache[pattern] = pattern._opener_pattern()
    return _opener_cache[pattern]


def _compile(pattern: Pattern, flags: int) -> re.Pattern[str]:
    """Compile and keep ``pattern`` (the oldest entry goes when the cache is full)."""
    if isinstance(pattern, (re.Pattern, _Looked)):
        compiled = cast(re.Pattern[str], pattern)
    else:
        # read at once (compiled at its first use, not at import): the pattern itself where
        # it has no words to look for, so the frequent inline scans go straight to ``re``
        looked = _Looked(re.compile(pattern, flags))
        compiled = cast(re.Pattern[str], looked if looked.read() else looked._p)
    if len(_cache) >= _MAX:
        del _cache[next(iter(_cache))]
    _cache[(pattern, flags) if flags else pattern] = compiled
    return compiled


def _c(pattern: Pattern, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    return _cache.get((pattern, flags) if flags else pattern) or _compile(pattern, flags)


def search(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (_cache.get((pattern, flags) if flags else pattern) or _compile(pattern, flags)).search(
        string
    )


def match(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (_cache.get((pattern, flags) if flags else pattern) or _compile(pattern, flags)).match(
        string
    )


def fullmatch(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return (
        _cache.get((pattern, flags) if flags else pattern) or _compile(pattern, flags)
    ).fullmatch(string)


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
