"""Module-level helpers the registry's parts share: the table kinds and where they live,
time (``_now``, ``as_of``), JSON, and the normalisation that compares stored rows with
incoming ones (``_normalise``, ``_differs``, ``_canonical``, ``_textual``).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import String, Table, and_, or_

from flareup.errors import InputError
from flareup.ingest.model import SourceInfo, TableKind
from flareup.registry import models as m
from flareup.registry.bulk import db_form
from flareup.registry.conform import SPECS, columns
from flareup.schema import SourceKind

#: Source kinds preferred by the ``latest`` policy over news (contracts.md section 2).
OFFICIAL_KINDS = (SourceKind.BULLETIN, SourceKind.TABLE_FILE, SourceKind.LAB, SourceKind.MANUAL)


@dataclass(frozen=True, slots=True)
class _KindInfo:
    table: Table
    rename: dict[str, str]  # canonical column -> db column
    key: tuple[str, ...]  # db columns identifying one fact
    conflict_on_other_source: bool = False  # an id claimed by two sources is an error


T = m.Base.metadata.tables
KINDS: dict[TableKind, _KindInfo] = {
    TableKind.COUNTS: _KindInfo(T["counts"], {}, ("area", "date", "metric", "source_identity")),
    TableKind.CASES: _KindInfo(T["cases"], {"id": "case_id"}, ("case_id",), True),
    TableKind.SETTINGS: _KindInfo(T["settings"], {"id": "setting_id"}, ("setting_id",), True),
    TableKind.EXPOSURES: _KindInfo(T["exposures"], {}, ("case_id", "setting_id")),
    TableKind.CONTACTS: _KindInfo(
        T["contacts"], {"from": "from_id", "to": "to_id"}, ("from_id", "to_id")
    ),
    TableKind.SAMPLES: _KindInfo(
        T["samples"], {}, ("setting_id", "date", "result", "sample_type", "note", "seq")
    ),
    TableKind.DESIGNATIONS: _KindInfo(
        T["designations"],
        {},
        ("area", "valid_from", "rule_set", "rule_version", "source_identity"),
    ),
    TableKind.CAMPAIGNS: _KindInfo(
        T["campaign_progress"], {}, ("timestamp", "area", "round", "source_identity")
    ),
}
#: Where each kind names areas (checked against the store).
AREA_FIELDS = {
    TableKind.COUNTS: "area",
    TableKind.CASES: "location",
    TableKind.DESIGNATIONS: "area",
    TableKind.SETTINGS: "area",
    TableKind.CAMPAIGNS: "area",
}
AREA_COLS = columns(TableKind.AREAS)


_last_now: list[dt.datetime] = [dt.datetime(1970, 1, 1)]


def _now() -> dt.datetime:
    """UTC now (naive), strictly increasing within the process so as_of can tell imports apart."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if now <= _last_now[0]:
        now = _last_now[0] + dt.timedelta(microseconds=1)
    _last_now[0] = now
    return now


def _as_of(value: Any) -> dt.datetime | None:
    """A moment in UTC (naive). A bare date means the end of that day."""
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time.max)
    try:
        if isinstance(value, str) and len(value.strip()) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(value.strip()), dt.time.max)
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        # A user-typed --as-of: name the parameter, not a pandas traceback.
        raise InputError(f"not an ISO date or datetime: {value!r} ({exc})", field="as_of") from None
    if pd.isna(ts):
        raise InputError(f"not an ISO date or datetime: {value!r}", field="as_of")
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return pd.Timestamp(value).date()


def _list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _fingerprint(info: SourceInfo, identity: str) -> str:
    payload = json.dumps(
        [
            str(info.kind),
            info.title,
            info.uri,
            info.published.isoformat() if info.published else None,
            info.text,
            info.sha256,
            identity,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _json_default(v: Any) -> Any:
    if isinstance(v, dt.datetime | dt.date | pd.Timestamp):
        return v.isoformat()
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return str(v)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, default=_json_default, ensure_ascii=False, sort_keys=True)


def _check_user(who: str) -> str:
    """The audit log's user name: at most 200 characters (its column), no NUL."""
    if len(who) > 200 or "\x00" in who:
        raise InputError("a user name of at most 200 characters, without NUL", field="user")
    return who


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name in some containers
        return "unknown"


def _current(t: Table, when: dt.datetime | None) -> Any:
    if when is None:
        return t.c.superseded_at.is_(None)
    return and_(t.c.recorded_at <= when, or_(t.c.superseded_at.is_(None), t.c.superseded_at > when))


def _py(v: Any) -> Any:
    """A JSON-friendly Python value."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return (
            v.isoformat()
            if (v.hour or v.minute or v.second or v.microsecond)
            else v.date().isoformat()
        )
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()
    return v


def _normalise(df: pd.DataFrame, t: Table, cols: list[str]) -> pd.DataFrame:
    """Columns to the same Python/pandas form whether they came from a frame or the database."""
    from sqlalchemy import Boolean, Date, DateTime

    for c in cols:
        if c not in df.columns or c not in t.c:
            continue
        ty = t.c[c].type
        if isinstance(ty, Date | DateTime):
            df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
        elif isinstance(ty, Boolean):
            df[c] = pd.Series(df[c], dtype="boolean")
        elif (
            c in ("id", "seq")
            or pd.api.types.is_numeric_dtype(df[c].dtype)
            or t.c[c].type.python_type is int
        ):
            df[c] = pd.Series(pd.to_numeric(df[c]), dtype="Int64")
        else:
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def _differs(merged: pd.DataFrame, value_cols: list[str], t: Table) -> pd.Series:
    """Rows of a left-merge whose values differ from the ``_old`` ones (nulls equal nulls)."""
    diff = pd.Series(False, index=merged.index)
    for c in value_cols:
        ty = t.c[c].type if c in t.c else String()  # source_kind: text from ``sources``
        a = pd.Series(db_form(merged[c], ty), index=merged.index, dtype=object)
        b = pd.Series(db_form(merged[f"{c}_old"], ty), index=merged.index, dtype=object)
        same = (a.isna() & b.isna()) | (a.astype(str) == b.astype(str)) & a.notna() & b.notna()
        diff |= ~same
    return diff


def _canonical(df: pd.DataFrame, kind: TableKind) -> pd.DataFrame:
    """Canonical pandas dtypes for a kind (dates datetime64[ns], Int64, boolean, str)."""
    from flareup.registry.conform import BOOL, DATE, DATETIME, INT

    out = pd.DataFrame(index=df.index)
    for col in SPECS[kind]:
        s = df[col.name]
        if col.type in (DATE, DATETIME):
            out[col.name] = pd.to_datetime(s).astype("datetime64[ns]")
        elif col.type == INT:
            out[col.name] = pd.Series(pd.to_numeric(s), dtype="Int64")
        elif col.type == BOOL:
            out[col.name] = pd.Series(s, dtype="boolean")
        else:
            out[col.name] = pd.Series(s.astype(object).where(s.notna(), None), dtype="str")
    return out.reset_index(drop=True)


def _textual(df: pd.DataFrame, kind: TableKind) -> pd.DataFrame:
    """Dates as ISO text, booleans as true/false, for CSV and JSON."""
    from flareup.registry.conform import BOOL, DATE, DATETIME

    out = df.copy()
    for col in SPECS[kind]:
        s = out[col.name]
        if col.type == DATE:
            out[col.name] = s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None)
        elif col.type == DATETIME:
            # the fraction of a second only where there is one (the store keeps microseconds:
            # cutting it would change the value, and could make two rows one key)
            whole = s.dt.strftime("%Y-%m-%dT%H:%M:%S")
            frac = s.dt.strftime("%Y-%m-%dT%H:%M:%S.%f")
            text = whole.where(s.dt.microsecond.fillna(0) == 0, frac)
            out[col.name] = text.astype(object).where(s.notna(), None)
        elif col.type == BOOL:
            out[col.name] = (
                s.map({True: "true", False: "false"}).astype(object).where(s.notna(), None)
            )
    return out


def _descendants(areas: pd.DataFrame, code: str, level: str | None) -> list[str]:
    children: dict[str, list[str]] = {}
    for c, p in zip(areas["code"], areas["parent_code"], strict=True):
        if p is not None and not pd.isna(p):
            children.setdefault(p, []).append(c)
    out: list[str] = []
    stack = list(reversed(children.get(code, [])))
    seen = {code}
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        out.append(c)
        stack.extend(reversed(children.get(c, [])))
    if level is not None:
        lv = dict(zip(areas["code"], areas["level"], strict=True))
        out = [c for c in out if lv.get(c) == level]
    return out


def table_kind(kind: Any) -> TableKind:
    """``kind`` as a :class:`TableKind`, or an InputError on the ``kind`` field listing them."""
    try:
        return TableKind(kind)
    except ValueError:
        raise InputError(
            f"unknown table kind {kind!r}; expected one of: "
            f"{', '.join(t.value for t in TableKind)}",
            field="kind",
        ) from None
