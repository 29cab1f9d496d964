"""Fixtures for the registry tests."""

from __future__ import annotations

import pytest
from registry_helpers import AREAS, make_vt

from flareup.registry import Registry


@pytest.fixture
def loaded(registry: Registry) -> Registry:
    """A registry with the test areas."""
    registry.import_table(make_vt("areas", AREAS, "areas.csv"))
    return registry
