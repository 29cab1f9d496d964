"""Bundled example datasets, each in canonical table format with a SOURCE.md.

``flareup.data.kashgar_2020.files()`` gives the paths of the Kashgar 2020 example.
"""

from __future__ import annotations

#: Names of the bundled datasets (subpackages of flareup.data).
DATASETS: tuple[str, ...] = ("kashgar_2020",)

__all__ = ["DATASETS"]
