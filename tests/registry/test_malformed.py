"""Property: any frame handed to import_table either imports or raises InputError, and a
failed import leaves every table exactly as it was."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import numpy as np
import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from registry_helpers import dump

from flareup.errors import InputError
from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.registry import Registry
from flareup.registry.conform import columns
from flareup.schema import SourceKind

CODES = ["653100", "653121", "999999", "", " "]
VALUES = st.one_of(
    st.none(),
    st.just(np.nan),
    st.sampled_from(CODES),
    st.integers(-5, 10**6),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.text(max_size=6),
    st.sampled_from(
        [
            "2020-10-25",
            "2020-13-01",
            "2031-01-01",
            "confirmed",
            "asymptomatic",
            "asymptomatic_new",
            "exact",
            "high",
            "factory",
            "positive",
            "C1",
        ]
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)).map(pd.Timestamp),
)


VALID: dict[TableKind, dict[str, object]] = {
    TableKind.AREAS: {
        "code": "653999",
        "name_en": "New",
        "level": "county",
        "parent_code": "653100",
        "population": 10,
    },
    TableKind.COUNTS: {
        "area": "653121",
        "date": "2020-10-25",
        "metric": "confirmed_new",
        "value": 3,
        "qualifier": "exact",
        "source": "s",
    },
    TableKind.CASES: {
        "id": "C1",
        "location": "653121",
        "date_reporting": "2020-10-25",
        "classification": "confirmed",
        "imported": True,
    },
    TableKind.DESIGNATIONS: {"area": "653121", "level": "high", "valid_from": "2020-10-26"},
    TableKind.SETTINGS: {"id": "F1", "kind": "factory", "area": "653121"},
    TableKind.EXPOSURES: {"case_id": "C1", "setting_id": "F1"},
    TableKind.CONTACTS: {"from": "C1", "to": "C2", "type": "work"},
    TableKind.SAMPLES: {"setting_id": "F1", "date": "2020-10-25", "result": "positive"},
    TableKind.CAMPAIGNS: {
        "timestamp": "2020-10-25T14:00",
        "area": "653100",
        "round": 1,
        "people_sampled": 5,
    },
}


@st.composite
def frames(draw: st.DrawFn) -> tuple[TableKind, pd.DataFrame]:
    """Mostly valid rows with some cells, columns or whole frames broken."""
    kind = draw(st.sampled_from(list(TableKind)))
    names = columns(kind)
    if draw(st.booleans()):
        cols = [c for c in names if c in VALID[kind] or draw(st.booleans())]
        cols = [c for c in cols if draw(st.integers(0, 9)) > 0]  # now and then drop one
    else:
        cols = draw(
            st.lists(st.sampled_from([*names, "junk", "row"]), max_size=len(names) + 2, unique=True)
        )
    n = draw(st.integers(0, 4))
    data = {
        c: [VALID[kind].get(c) if draw(st.integers(0, 4)) > 0 else draw(VALUES) for _ in range(n)]
        for c in cols
    }
    return kind, pd.DataFrame(data, dtype=object) if cols else pd.DataFrame(index=range(n))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frames())
def test_malformed_frames_never_crash_nor_change(
    loaded: Registry, case: tuple[TableKind, pd.DataFrame]
) -> None:
    kind, frame = case
    vt = ValidatedTable(kind, frame, "bad.csv", SourceInfo(SourceKind.TABLE_FILE, "bad.csv"))
    before = dump(loaded)
    try:
        loaded.import_table(vt)
        event("imported")
    except InputError as exc:
        event("refused")
        assert exc.problems
        assert all(p.file == "bad.csv" for p in exc.problems)
        assert dump(loaded) == before


def test_not_a_frame(registry: Registry) -> None:
    before = dump(registry)
    for bad in (None, [1, 2], "x"):
        vt = ValidatedTable(
            TableKind.COUNTS,
            bad,
            "f.csv",  # type: ignore[arg-type]
            SourceInfo(SourceKind.TABLE_FILE, "f.csv"),
        )
        try:
            registry.import_table(vt)
        except InputError as exc:
            assert exc.file == "f.csv"
        else:
            raise AssertionError("no error")
    assert dump(registry) == before
