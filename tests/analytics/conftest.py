"""Paths of the analytics test data (tests/data/analytics_*, sources in analytics_SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def flu2009() -> pd.DataFrame:
    """EpiEstim's Flu2009 incidence (date, I)."""
    return pd.read_csv(DATA / "analytics_flu2009.csv")


@pytest.fixture
def flu_si() -> list[float]:
    """EpiEstim's Flu2009$si_distr."""
    return pd.read_csv(DATA / "analytics_flu_si.csv")["w"].tolist()


@pytest.fixture
def expected() -> pd.DataFrame:
    """EpiEstim's published R tables for its test examples 1-3 (selected rows)."""
    return pd.read_csv(DATA / "analytics_epiestim_expected.csv")
