"""Inputs of population synthesis: :class:`PopulationParams` and its CSV tables (``sim/data/``).

Split out of ``population.py``; import these names from :mod:`flareup.sim.population`. The
bundled tables are read without pandas (:func:`flareup.sim.tables.read_csv`) and held as Tables;
the table fields still read as DataFrames (:class:`flareup.sim.tables.FrameField`).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from flareup.errors import ConfigError
from flareup.sim.tables import Table, frame_fields, is_frame, raw_of, read_csv, table_of

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

DATA_DIR = Path(__file__).with_name("data")

_FILE_FIELDS = {
    "age_pyramid": ("age_pyramid.csv", ("age_lo", "age_hi", "male", "female")),
    "household_size": ("household_size.csv", ("size", "share_percent")),
    "employment": ("employment.csv", ("age_lo", "age_hi", "employed_share")),
    "school_enrolment": (
        "school_enrolment.csv",
        ("age_lo", "age_hi", "level", "enrolled_share", "school_size"),
    ),
    "area_supplement": (
        "area_supplement.csv",
        ("code", "population", "population_basis", "lat", "lon"),
    ),
}

_SCALARS: dict[str, type] = {
    "mean_household_size": float,
    "workplace_size_min": int,
    "workplace_size_max": int,
    "workplace_size_alpha": float,
    "factory_min_size": int,
    "dormitory_share": float,
    "dormitory_size": int,
    "head_min_age": int,
}


@dataclass(frozen=True)
class NamedWorkplace:
    """A workplace that must exist in the synthetic population (e.g. an outbreak's factory)."""

    name: str
    area: str  # area code
    size: int  # workers
    factory: bool = True


def _read_csv(path: Path | str, required: tuple[str, ...], what: str) -> pd.DataFrame:
    import pandas as pd  # here: the bundled tables are read without it (_read_bundled)

    try:
        df = pd.read_csv(path, dtype={"code": str})
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {what} table: {exc}", file=str(path)) from None
    _check_columns(df.columns, required, what, path)
    return df


def _read_bundled(path: Path, required: tuple[str, ...], what: str) -> Table:
    """A bundled table as :func:`_read_csv` would read it, without pandas."""
    try:
        table = read_csv(path, str_columns=("code",))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {what} table: {exc}", file=str(path)) from None
    _check_columns(table.columns, required, what, path)
    return table


def _check_columns(columns: Any, required: tuple[str, ...], what: str, path: Path | str) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise ConfigError(
            f"{what} table lacks columns {missing}; expected {list(required)}", file=str(path)
        )


@dataclass(frozen=True)
class PopulationParams:
    """Inputs of :func:`synthesize`; defaults are the documented files in ``sim/data/``.

    Every table can be replaced by a file of the same columns (:meth:`load`), every scalar by a
    value (:meth:`replace`). See ``sim/data/SOURCE.md`` for the source of each default. A table
    field accepts a DataFrame or a :class:`~flareup.sim.tables.Table` and reads as a DataFrame.
    """

    age_pyramid: pd.DataFrame
    household_size: pd.DataFrame
    employment: pd.DataFrame
    school_enrolment: pd.DataFrame
    area_supplement: pd.DataFrame
    mean_household_size: float | None = 3.32  # persons; None keeps the table's own mean
    workplace_size_min: int = 1  # workers
    workplace_size_max: int = 5000  # workers
    workplace_size_alpha: float = 1.06  # Pareto tail exponent (Axtell 2001, Science 293:1818)
    factory_min_size: int = 50  # workers
    dormitory_share: float = 0.3  # of factory workers
    dormitory_size: int = 8  # persons per room
    head_min_age: int = 20  # years
    named_workplaces: tuple[NamedWorkplace, ...] = ()

    @classmethod
    def load(cls, directory: Path | str | None = None, **overrides: Any) -> PopulationParams:
        """Read the defaults (``directory`` or the bundled ``sim/data``), then apply overrides.

        An override of a table is a path to a CSV file with the same columns; of a scalar, the
        value; ``named_workplaces`` a sequence of :class:`NamedWorkplace` or dicts.
        """
        base = Path(directory) if directory is not None else DATA_DIR
        toml_path = base / "population_params.toml"
        scalars: dict[str, Any] = {}
        named: list[NamedWorkplace] = []
        if toml_path.exists():
            with toml_path.open("rb") as fh:
                raw = tomllib.load(fh)
            for item in raw.pop("named_workplace", []):
                named.append(_named_workplace(item, str(toml_path)))
            for key, value in raw.items():
                if key not in _SCALARS:
                    raise ConfigError(
                        f"unknown key; expected one of {sorted(_SCALARS)}",
                        file=str(toml_path),
                        key=key,
                    )
                scalars[key] = value
        tables: dict[str, Any] = {}
        for name, (fname, cols) in _FILE_FIELDS.items():
            src = overrides.pop(name, None)
            if src is None and directory is None:  # the bundled file: no pandas needed
                tables[name] = _read_bundled(base / fname, cols, name)
            elif isinstance(src, Table) or is_frame(src):  # kept as given
                tables[name] = src
            else:
                tables[name] = _read_csv(src if src is not None else base / fname, cols, name)
        if "named_workplaces" in overrides:
            named = [
                w if isinstance(w, NamedWorkplace) else _named_workplace(w, "<overrides>")
                for w in overrides.pop("named_workplaces")
            ]
        for key in overrides:
            if key not in _SCALARS:
                raise ConfigError(
                    f"unknown population parameter; expected one of "
                    f"{sorted([*_SCALARS, *_FILE_FIELDS, 'named_workplaces'])}",
                    key=key,
                )
        scalars.update(overrides)
        params = cls(**tables, **scalars, named_workplaces=tuple(named))  # type: ignore[arg-type]
        params.check()
        return params

    def replace(self, **changes: Any) -> PopulationParams:
        """A copy with some fields changed (validated)."""
        for name in _FILE_FIELDS:  # tables as stored: a Table stays one (no pandas)
            changes.setdefault(name, raw_of(self, name))
        new = dataclasses.replace(self, **changes)
        new.check()
        return new

    def check(self, file: str | None = None) -> None:
        """Raise ConfigError if a value is out of range."""

        def bad(key: str, expected: str) -> ConfigError:
            return ConfigError(
                f"expected {expected}, got {getattr(self, key)!r}", file=file, key=key
            )

        if self.mean_household_size is not None and not 1.0 <= self.mean_household_size <= 10.0:
            raise bad("mean_household_size", "a number of persons between 1 and 10")
        if not 1 <= self.workplace_size_min <= self.workplace_size_max:
            raise bad("workplace_size_min", "1 <= workplace_size_min <= workplace_size_max")
        if not self.workplace_size_alpha > 0:
            raise bad("workplace_size_alpha", "a positive Pareto exponent")
        if not 0.0 <= self.dormitory_share <= 1.0:
            raise bad("dormitory_share", "a share between 0 and 1")
        if self.dormitory_size < 1:
            raise bad("dormitory_size", "at least 1 person per room")
        if self.factory_min_size < 1:
            raise bad("factory_min_size", "at least 1 worker")

    # Derived distributions -------------------------------------------------------------------

    def age_distribution(self) -> npt.NDArray[np.float64]:
        """P(age = a) for a = 0..max, spreading each band's count evenly over its years."""
        t = table_of(self, "age_pyramid")
        hi = int(t["age_hi"].max())
        p = np.zeros(hi + 1)
        for lo, up, m, f in t.rows("age_lo", "age_hi", "male", "female"):
            p[int(lo) : int(up) + 1] += (m + f) / (int(up) - int(lo) + 1)
        result: npt.NDArray[np.float64] = p / p.sum()
        return result

    def household_size_distribution(self) -> tuple[np.ndarray, np.ndarray]:
        """(sizes, probabilities), exponentially tilted to ``mean_household_size`` if given.

        Tilting p_k ∝ q_k·exp(θk) is the distribution closest to the table's q (in
        Kullback-Leibler divergence) with the requested mean (Csiszár 1975, I-projection).
        """
        t = table_of(self, "household_size")
        sizes = np.asarray(t["size"], dtype=np.int64)
        q = np.asarray(t["share_percent"], dtype=float)
        q = q / q.sum()
        if self.mean_household_size is None:
            return sizes, q
        target = float(self.mean_household_size)
        if not sizes.min() <= target <= sizes.max():
            raise ConfigError(
                f"expected a mean between {sizes.min()} and {sizes.max()}",
                key="mean_household_size",
            )

        def mean_at(theta: float) -> float:
            w = q * np.exp(theta * (sizes - sizes.mean()))
            return float((w * sizes).sum() / w.sum())

        lo, hi = -20.0, 20.0
        for _ in range(200):  # bisection: mean_at is increasing in theta
            mid = 0.5 * (lo + hi)
            new = (mid, hi) if mean_at(mid) < target else (lo, mid)
            if new == (lo, hi):  # a fixed point (~60 steps): the remaining steps change nothing
                break
            lo, hi = new
        w = q * np.exp(0.5 * (lo + hi) * (sizes - sizes.mean()))
        return sizes, w / w.sum()

    def by_age(self, table: pd.DataFrame | Table, column: str, max_age: int) -> np.ndarray:
        """A per-year-of-age array of ``column`` from a banded table (0 outside the bands)."""
        out = np.zeros(max_age + 1)
        for lo, up, v in Table.of(table).rows("age_lo", "age_hi", column):
            out[int(lo) : min(int(up), max_age) + 1] = v
        return out


def _named_workplace(item: Any, file: str) -> NamedWorkplace:
    if not isinstance(item, dict):
        raise ConfigError(
            "expected a table with name, area, size, factory", file=file, key="named_workplace"
        )
    unknown = set(item) - {"name", "area", "size", "factory"}
    if unknown:
        raise ConfigError(
            f"unknown key(s) {sorted(unknown)}; expected name, area, size, factory",
            file=file,
            key="named_workplace",
        )
    try:
        return NamedWorkplace(
            name=str(item["name"]),
            area=str(item["area"]),
            size=int(item["size"]),
            factory=bool(item.get("factory", True)),
        )
    except KeyError as exc:
        raise ConfigError(f"missing {exc.args[0]!r}", file=file, key="named_workplace") from None


# The table fields hold a Table or a DataFrame and read as a DataFrame (pandas loaded then).
frame_fields(PopulationParams, *_FILE_FIELDS)
