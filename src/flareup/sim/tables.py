"""Small column tables without pandas: the simulator's internal twin of its DataFrames.

A process that only simulates (``flareup simulate``, the benchmarks' workers) never needs
pandas, which costs ~0.25-0.3 s to import. The area table, the population inputs and the
results' areas are therefore held as a :class:`Table` (a dict of equal-length numpy arrays);
the public attributes that returned DataFrames still do, through :class:`FrameField`, which
converts on first access (importing pandas then). :func:`read_csv` reads the bundled CSV files
with the column types ``pandas.read_csv`` infers for them (tests/sim/test_sim_tables.py checks that
the frames agree exactly).
"""

from __future__ import annotations

import csv
import math
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

#: pandas.read_csv's default missing-value markers (``na_values``, keep_default_na=True).
NA_STRINGS = frozenset(
    {
        "",
        "#N/A",
        "#N/A N/A",
        "#NA",
        "-1.#IND",
        "-1.#QNAN",
        "-NaN",
        "-nan",
        "1.#IND",
        "1.#QNAN",
        "<NA>",
        "N/A",
        "NA",
        "NULL",
        "NaN",
        "None",
        "n/a",
        "nan",
        "null",
    }
)


class Table:
    """Named columns of equal length, each a numpy array; ``to_frame()`` gives the DataFrame."""

    __slots__ = ("_cols",)

    def __init__(self, columns: Mapping[str, np.ndarray]) -> None:
        cols = {str(k): np.asarray(v) for k, v in columns.items()}
        lengths = {len(v) for v in cols.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of unequal length: {sorted(lengths)}")
        self._cols = cols

    @classmethod
    def of(cls, data: Table | pd.DataFrame) -> Table:
        """``data`` as a Table (a DataFrame's columns as numpy arrays, rows in frame order)."""
        if isinstance(data, Table):
            return data
        return cls({str(c): data[c].to_numpy() for c in data.columns})

    @classmethod
    def from_records(cls, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> Table:
        """A Table of ``rows`` (dicts); a column of numbers is float64 (or int64), else object."""
        return cls({c: _column([r.get(c) for r in rows]) for c in columns})

    @property
    def columns(self) -> list[str]:
        """Column names, in order."""
        return list(self._cols)

    def __getitem__(self, name: str) -> np.ndarray:
        return self._cols[name]

    def __contains__(self, name: object) -> bool:
        return name in self._cols

    def __len__(self) -> int:
        return len(next(iter(self._cols.values()))) if self._cols else 0

    def __repr__(self) -> str:
        return f"Table({len(self)} rows: {', '.join(self._cols)})"

    def with_column(self, name: str, values: Any) -> Table:
        """A copy with column ``name`` set (a scalar is repeated)."""
        cols = dict(self._cols)
        if np.ndim(values) == 0:
            arr = np.empty(len(self), dtype=object)
            arr[:] = [values] * len(self)
            cols[name] = arr
        else:
            cols[name] = np.asarray(values)
        return Table(cols)

    def rows(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """Tuples of Python scalars, as ``DataFrame[list(names)].itertuples(index=False)``."""
        return zip(*(self._cols[n].tolist() for n in names), strict=True)

    def records(self) -> list[dict[str, Any]]:
        """One dict of Python scalars per row, as ``DataFrame.to_dict("records")``."""
        names = list(self._cols)
        return [dict(zip(names, row, strict=True)) for row in self.rows(*names)]

    def to_frame(self) -> pd.DataFrame:
        """The DataFrame of these columns (imports pandas)."""
        import pandas as pd  # here: pandas is slow to import and the simulator's path needs none

        return pd.DataFrame(dict(self._cols))


def _column(values: list[Any]) -> np.ndarray:
    """An array of ``values``: float64/int64 where all are numbers (None as NaN), else object."""
    nums = [v for v in values if v is not None]
    if nums and all(isinstance(v, int | float | np.integer | np.floating) for v in nums):
        if len(nums) == len(values) and all(isinstance(v, int | np.integer) for v in nums):
            return np.asarray(values, dtype=np.int64)
        return np.asarray([math.nan if v is None else v for v in values], dtype=np.float64)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def is_frame(value: Any) -> bool:
    """True if ``value`` is a pandas DataFrame (pandas is loaded wherever one exists)."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(value, pd.DataFrame)


def isna(value: Any) -> bool:
    """True for None, NaN and (where pandas is loaded, so values may come from it) pandas' NA."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(value != value)
    pd = sys.modules.get("pandas")
    return bool(pd.isna(value)) if pd is not None and np.ndim(value) == 0 else False


def read_csv(path: Path | str, str_columns: Iterable[str] = ()) -> Table:
    """A CSV file as a Table, typed as ``pandas.read_csv(path, dtype={c: str ...})`` types it.

    Per column: missing markers (:data:`NA_STRINGS`) are NaN; ``str_columns`` stay text; a
    column of integers without missing values is int64, of numbers float64; anything else text
    (object, NaN where missing). Meant for the bundled tables (plain CSV, no quoting tricks,
    thousands separators or dates): user files still go through pandas.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        raw = [list(col) for col in zip(*reader, strict=True)] or [[] for _ in header]
    as_text = set(str_columns)
    return Table(
        {name: _parse(values, name in as_text) for name, values in zip(header, raw, strict=True)}
    )


def _parse(values: list[str], text: bool) -> np.ndarray:
    missing = [v in NA_STRINGS for v in values]
    if not text and not all(missing):
        present = [v for v, m in zip(values, missing, strict=True) if not m]
        if not any(missing):
            try:
                return np.asarray([int(v) for v in present], dtype=np.int64)
            except ValueError:
                pass
        try:
            nums = [float(v) for v in present]
        except ValueError:
            pass
        else:
            it = iter(nums)
            return np.asarray([math.nan if m else next(it) for m in missing], dtype=np.float64)
    if not text and all(missing):
        return np.full(len(values), math.nan)
    out = np.empty(len(values), dtype=object)
    out[:] = [math.nan if m else v for v, m in zip(values, missing, strict=True)]
    return out


class FrameField:
    """A dataclass field that holds a Table or a DataFrame and reads as a DataFrame.

    Installed on the class after ``@dataclass`` (:func:`frame_fields`), so the generated
    ``__init__`` stores through it. A Table is converted (pandas imported) at first read and the
    frame kept; :func:`table_of` gives the engine a Table without pandas, taken from the frame
    once one exists, so that changes made to the frame are seen as they were before.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.slot = f"_{name}_value"

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.slot]
        if isinstance(value, Table):
            value = value.to_frame()
            obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value

    def raw(self, obj: Any) -> Any:
        """What is stored: the Table or DataFrame as given (no conversion)."""
        return obj.__dict__[self.slot]


def frame_fields(cls: type, *names: str) -> None:
    """Make the dataclass fields ``names`` of ``cls`` :class:`FrameField` s."""
    for name in names:
        setattr(cls, name, FrameField(name))


def raw_of(obj: Any, name: str) -> Any:
    """The stored value of FrameField ``name`` of ``obj``: a Table or a DataFrame."""
    for klass in type(obj).__mro__:
        field = klass.__dict__.get(name)
        if isinstance(field, FrameField):
            return field.raw(obj)
    return getattr(obj, name)


def table_of(obj: Any, name: str) -> Table:
    """FrameField ``name`` of ``obj`` as a Table, without importing pandas when it holds one."""
    return Table.of(raw_of(obj, name))
