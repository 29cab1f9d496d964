"""A registry whose reads are remembered while nothing is written: one report build, or one
registry version of the dashboard, reads the areas, the line list and the counts once.

Pages ask the registry for the same frames many times (the overview reads the line list for the
cluster flags of the rule set and again for its state; every chart reads the areas). The
:class:`CachedReads` wrapper answers a repeated read from memory; a frame is copied on the way
out, so that a caller that adds a column changes nothing for the next one. Anything else (writes,
attributes) goes to the registry itself, and a write empties the memory.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

import pandas as pd

#: Reads that depend only on their arguments and the registry's contents.
READS = frozenset(
    {
        "areas",
        "area",
        "descendants",
        "counts",
        "disagreements",
        "cases",
        "settings",
        "exposures",
        "contacts",
        "samples",
        "campaign_progress",
        "designations",
        "campaign_plans",
        "campaign_plan",
    }
)
#: Writes: after one, nothing remembered may be served.
WRITES = frozenset({"import_table", "store_designations", "store_campaign_plan", "delete"})


def _key(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    return repr((args, sorted(kwargs.items())))


class CachedReads:
    """``reg`` with its reads (:data:`READS`) remembered until a write through it."""

    def __init__(self, reg: Any) -> None:
        self._reg = reg
        self._memo: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    @property
    def registry(self) -> Any:
        """The registry underneath."""
        return self._reg

    def forget(self) -> None:
        """Drop everything remembered."""
        with self._lock:
            self._memo.clear()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._reg, name)
        if name in WRITES:

            def write(*args: Any, **kwargs: Any) -> Any:
                try:
                    return attr(*args, **kwargs)
                finally:
                    self.forget()

            return write
        if name not in READS:
            return attr

        def read(*args: Any, **kwargs: Any) -> Any:
            key = (name, _key(args, kwargs))
            with self._lock:
                hit = self._memo.get(key, _MISSING)
            if hit is _MISSING:
                hit = attr(*args, **kwargs)
                with self._lock:
                    self._memo[key] = hit
            return _copy(hit)

        return read


_MISSING = object()


def _copy(value: Any) -> Any:
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy()
    return copy.deepcopy(value)


__all__ = ["READS", "WRITES", "CachedReads"]
