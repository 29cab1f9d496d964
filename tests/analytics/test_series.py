"""Checks of a daily series (``flareup.analytics.series``): how a problem is said."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from flareup.analytics.series import complete_daily
from flareup.errors import InputError


def test_a_series_from_no_file_names_its_problems_by_day() -> None:
    """The registry's figures (file None): '2020-10-28: negative count -23', not 'row 3,
    field 'I': negative count np.int64(-23)'."""
    df = pd.DataFrame(
        {"date": ["2020-10-26", "2020-10-27", "2020-10-28"], "I": np.array([4, 7, -23])}
    )
    with pytest.raises(InputError) as e:
        complete_daily(df, index="date", values=["I"])
    assert e.value.reason == "2020-10-28: negative count -23"
    assert e.value.row is None and e.value.field is None


def test_a_series_from_a_file_names_its_problems_by_row_and_field() -> None:
    df = pd.DataFrame({"date": ["2020-10-26", "2020-10-27"], "I": ["4", "-2"]})
    with pytest.raises(InputError) as e:
        complete_daily(df, index="date", values=["I"], file="series.csv")
    assert (e.value.file, e.value.row, e.value.field) == ("series.csv", 2, "I")
    assert e.value.reason == "negative count '-2'"
