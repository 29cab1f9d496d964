"""The Kashgar (Xinjiang) COVID-19 outbreak of October-November 2020, in canonical tables.

``files()`` returns the bundled files (docs/dev/contracts.md section 3); import them in the
order areas, counts, designations, campaigns. Sources and derivations: SOURCE.md.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["IMPORT_ORDER", "files"]

#: The table files in the order they must be imported (counts name areas, so areas first).
IMPORT_ORDER: tuple[str, ...] = ("areas", "counts", "designations", "campaigns")


def _dir() -> Path:
    # the package is installed as plain files (wheel or editable), so the traversable is a path
    return Path(os.fspath(resources.files(__name__)))  # type: ignore[call-overload]


def files() -> dict[str, Path | list[Path]]:
    """Paths of the bundled files: ``areas``, ``counts``, ``designations``, ``campaigns`` (CSV),
    ``bulletin_texts`` (list of report texts), ``source_md`` (SOURCE.md) and ``facts`` (facts.md).
    """
    d = _dir()
    out: dict[str, Path | list[Path]] = {name: d / f"{name}.csv" for name in IMPORT_ORDER}
    out["bulletin_texts"] = sorted((d / "bulletins").glob("*.txt"))
    out["source_md"] = d / "SOURCE.md"
    out["facts"] = d / "facts.md"
    return out
