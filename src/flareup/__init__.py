"""flareup: outbreak surveillance and response.

A case registry with provenance and audit (``flareup.registry``), reports in (``flareup.ingest``),
the epidemic's state (``flareup.analytics``), risk areas by rule (``flareup.risk``), pooled mass
testing (``flareup.pooling``) and an agent-based simulator (``flareup.sim``).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
