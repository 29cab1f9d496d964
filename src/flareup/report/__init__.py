"""The application layer: the only place where the registry meets the pure packages.

(Minimal on branch ``tracing``; the report branch owns this package. Here only
:mod:`flareup.report.investigation`: registry -> :mod:`flareup.tracing`.)
"""

from __future__ import annotations
