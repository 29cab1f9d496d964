"""Deletion: ``delete`` retracts current rows (a supersession with no successor), all or
nothing, refusing what is still referenced.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from flareup.errors import InputError, Problem, RegistryError
from flareup.ingest.model import TableKind
from flareup.registry._base import RegistryBase
from flareup.registry._common import (
    AREA_COLS,
    KINDS,
    T,
    _check_user,
    _dumps,
    _KindInfo,
    _now,
    _py,
    _user,
    table_kind,
)


class DeleteMixin(RegistryBase):
    """Retractions."""

    # ------------------------------------------------------------------ delete

    def delete(
        self,
        kind: TableKind | str,
        keys: pd.DataFrame | list[dict[str, Any]],
        *,
        reason: str,
        user: str | None = None,
    ) -> int:
        """Retract current rows without deleting anything; returns how many were retracted.

        Each key (a frame row or a dict) names rows by the fields of ``DELETE_KEYS[kind]``:
        the required ones must be given; an optional one left out matches any value, and any
        field given as None (an empty cell) matches a missing value. Counts are keyed by area,
        date, metric and optionally ``source`` (the source identity, as exported), so a key
        without a source retracts the figure of every source. A retracted row gets
        ``superseded_at`` = now and no successor (a supersession with nothing after it, the
        "logical deletion" of transaction-time tables; Snodgrass 1999, ch. 8), so ``as_of``
        an earlier time still shows it; the audit log gets one ``delete`` entry per row with
        the row as ``before`` and ``{"reason": reason}`` as ``after``. An area is marked
        ``deleted_at`` instead, and only while no current row (nor live child area) names it;
        likewise a case or setting still named by current exposures or samples is refused.

        All or nothing: a key matching no current row, a bad field or value, or a refused
        reference raises one ``InputError`` (row = the key's 1-based position, or the frame's
        ``row`` column) and the store is unchanged. Re-importing a retracted row inserts it
        again (audited as an insert).
        """
        k = table_kind(kind)
        if not isinstance(reason, str) or not reason.strip():
            raise InputError("a deletion needs a reason (the audit log keeps it)", field="reason")
        rows, problems = _delete_keys(k, keys)
        if not rows and not problems:
            return 0  # no keys (a header alone): nothing to retract, nothing written or audited
        # well-formed keys are still looked up, so that one error lists every problem
        bad = {p.row for p in problems}
        rows = [(r, key) for r, key in rows if r not in bad]
        who = _check_user(user or _user())
        try:
            with self._write() as conn:
                if k is TableKind.AREAS:
                    return self._delete_areas(conn, rows, reason.strip(), who, problems)
                return self._delete_versioned(conn, k, rows, reason.strip(), who, problems)
        except InputError:
            raise
        except (DBAPIError, SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error) as exc:
            raise RegistryError(
                f"the store refused the deletion: {exc.__class__.__name__}: "
                f"{str(exc).splitlines()[0]}"
            ) from exc

    def _delete_versioned(
        self,
        conn: Connection,
        kind: TableKind,
        rows: list[tuple[int, dict[str, Any]]],
        reason: str,
        who: str,
        problems: list[Problem],
    ) -> int:
        info = KINDS[kind]
        t = info.table
        found: dict[int, dict[str, Any]] = {}
        # one query per key: keys come from people (a handful to a few thousand), and the
        # partial unique indexes on the current key make each an index lookup
        for row, key in rows:
            q = select(t).where(t.c.superseded_at.is_(None))
            for f, v in key.items():
                col = t.c[_db_field(info, f)]
                q = q.where(col.is_(None) if v is None else col == v)
            hits = conn.execute(q.order_by(t.c.id)).mappings().all()
            if not hits:
                problems.append(
                    Problem(
                        None,
                        row,
                        next(iter(key)),
                        f"no current {kind.value} row matches {_show_key(key)}",
                    )
                )
            for h in hits:
                found.setdefault(int(h["id"]), dict(h))
        InputError.collect(sorted(problems, key=lambda p: p.row or 0))
        if kind in REFERENCED_BY:  # cases and settings: keyed by ``id`` alone
            InputError.collect(
                self._still_referenced(
                    conn, kind, rows, "id", {r[info.key[0]] for r in found.values()}
                )
            )
        now = _now()
        ids = sorted(found)
        done = 0
        for i in range(0, len(ids), 500):
            res = conn.execute(
                update(t)
                .where(t.c.id.in_(ids[i : i + 500]), t.c.superseded_at.is_(None))
                .values(superseded_at=now)
            )
            done += res.rowcount
        if done != len(ids):  # someone else superseded one meanwhile: roll everything back
            raise RegistryError(
                f"{len(ids) - done} of the {kind.value} rows changed while "
                "being deleted; nothing was deleted, try again"
            )
        conn.execute(
            insert(T["audit_log"]),
            [
                {
                    "at": now,
                    "user": who,
                    "action": "delete",
                    "table_name": t.name,
                    "key": _dumps({c: _py(found[i][c]) for c in info.key}),
                    "before": _dumps({c: _py(v) for c, v in found[i].items()}),
                    "after": _dumps({"reason": reason}),
                }
                for i in ids
            ],
        )
        return len(ids)

    def _delete_areas(
        self,
        conn: Connection,
        rows: list[tuple[int, dict[str, Any]]],
        reason: str,
        who: str,
        problems: list[Problem],
    ) -> int:
        t = T["areas"]
        found: dict[str, dict[str, Any]] = {}
        for row, key in rows:
            hit = (
                conn.execute(
                    select(*[t.c[c] for c in AREA_COLS]).where(
                        t.c.code == key["code"], t.c.deleted_at.is_(None)
                    )
                )
                .mappings()
                .first()
            )
            if hit is None:
                problems.append(
                    Problem(None, row, "code", f"no current area matches code={key['code']!r}")
                )
            else:
                found[str(hit["code"])] = dict(hit)
        InputError.collect(sorted(problems, key=lambda p: p.row or 0))
        InputError.collect(self._still_referenced(conn, TableKind.AREAS, rows, "code", set(found)))
        now = _now()
        codes = sorted(found)
        conn.execute(update(t).where(t.c.code.in_(codes)).values(deleted_at=now))
        self._close_area_versions(conn, codes, now)
        conn.execute(
            insert(T["audit_log"]),
            [
                {
                    "at": now,
                    "user": who,
                    "action": "delete",
                    "table_name": "areas",
                    "key": c,
                    "before": _dumps({f: _py(v) for f, v in found[c].items()}),
                    "after": _dumps({"reason": reason}),
                }
                for c in codes
            ],
        )
        return len(codes)

    def _still_referenced(
        self,
        conn: Connection,
        kind: TableKind,
        rows: list[tuple[int, dict[str, Any]]],
        field: str,
        deleting: set[Any],
    ) -> list[Problem]:
        """Problems for rows being deleted that current rows elsewhere still name (the import
        refuses such references, so the deletion must not create them). ``field``: the key
        field holding the name; ``deleting``: the names being deleted."""
        problems: list[Problem] = []
        for table, col in REFERENCED_BY[kind]:
            rt = T[table]
            live = (rt.c.deleted_at if table == "areas" else rt.c.superseded_at).is_(None)
            q = select(rt.c[col], func.count()).where(live, rt.c[col].in_(sorted(deleting)))
            if table == "areas":  # a child deleted in the same call is no obstacle
                q = q.where(rt.c.code.not_in(sorted(deleting)))
            n: dict[Any, int] = dict(conn.execute(q.group_by(rt.c[col])).all())
            for row, key in rows:
                v = key.get(field)
                if v in n:
                    what = "child areas" if table == "areas" else f"current rows of {table}"
                    problems.append(
                        Problem(
                            None,
                            row,
                            field,
                            f"{kind.value} {v!r} is still referenced by {n[v]} {what} "
                            f"({table}.{col}); delete those first",
                        )
                    )
        return problems


#: The fields a deletion key may give, in canonical (file) names: (required, optional).
DELETE_KEYS: dict[TableKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    TableKind.AREAS: (("code",), ()),
    TableKind.COUNTS: (("area", "date", "metric"), ("source",)),
    TableKind.CASES: (("id",), ()),
    TableKind.SETTINGS: (("id",), ()),
    TableKind.EXPOSURES: (("case_id", "setting_id"), ()),
    TableKind.CONTACTS: (("from", "to"), ()),
    TableKind.SAMPLES: (("setting_id", "date", "result"), ("sample_type", "note", "seq")),
    TableKind.DESIGNATIONS: (("area", "valid_from"), ("rule_set", "rule_version", "source")),
    TableKind.CAMPAIGNS: (("timestamp", "area", "round"), ("source",)),
}
#: Tables whose current rows name a row of a kind (table, column); deleting it is refused.
REFERENCED_BY: dict[TableKind, tuple[tuple[str, str], ...]] = {
    TableKind.AREAS: (
        ("counts", "area"),
        ("cases", "location"),
        ("settings", "area"),
        ("designations", "area"),
        ("campaign_progress", "area"),
        ("areas", "parent_code"),
    ),
    TableKind.CASES: (("exposures", "case_id"),),
    TableKind.SETTINGS: (("exposures", "setting_id"), ("samples", "setting_id")),
}


def _db_field(info: _KindInfo, field: str) -> str:
    """A key field's db column (``source`` is the row's source identity)."""
    return "source_identity" if field == "source" else info.rename.get(field, field)


def _show_key(key: dict[str, Any]) -> str:
    return ", ".join(f"{f}={_py(v)!r}" for f, v in key.items())


def _key_value(v: Any, coltype: Any) -> Any:
    """A key value in the column's Python type; ``ValueError`` when it is not one."""
    from sqlalchemy import Date, DateTime, Integer

    if isinstance(coltype, DateTime):
        ts = pd.Timestamp(v)
        if pd.isna(ts):
            raise ValueError("not a date-time")
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC").tz_localize(None)
        return ts.to_pydatetime()
    if isinstance(coltype, Date):
        ts = pd.Timestamp(v)
        if pd.isna(ts) or (ts.hour or ts.minute or ts.second or ts.microsecond):
            raise ValueError("not a date (YYYY-MM-DD)")
        return ts.date()
    if isinstance(coltype, Integer):
        f = float(v)
        if not f.is_integer():
            raise ValueError("not a whole number")
        return int(f)
    return str(v).strip()


def _header_problems(kind: TableKind, columns: list[str]) -> list[Problem]:
    """What is wrong with the key columns of a table of no keys: a column that is no key field,
    a required key field missing (as a header missing a required column is refused on import)."""
    required, optional = DELETE_KEYS[kind]
    expected = ", ".join([*required, *(f"[{o}]" for o in optional)])
    problems = [
        Problem(None, None, c, f"not a key field of {kind.value}; expected {expected}")
        for c in columns
        if c not in required and c not in optional
    ]
    problems += [
        Problem(None, None, f, "required key column missing") for f in required if f not in columns
    ]
    return problems


def _delete_keys(
    kind: TableKind, keys: Any
) -> tuple[list[tuple[int, dict[str, Any]]], list[Problem]]:
    """``(row number, {field: value})`` per key, values typed as the columns (None = null)."""
    if isinstance(keys, pd.DataFrame):
        rownums = keys["row"].tolist() if "row" in keys.columns else list(range(1, len(keys) + 1))
        records = keys.drop(columns="row", errors="ignore").to_dict(orient="records")
    elif isinstance(keys, dict):
        records, rownums = [keys], [1]
    elif isinstance(keys, list | tuple) and all(isinstance(r, dict) for r in keys):
        records, rownums = list(keys), list(range(1, len(keys) + 1))
    else:
        raise InputError("keys must be a DataFrame or a list of dicts", field="keys")
    required, optional = DELETE_KEYS[kind]
    if not records:
        if isinstance(keys, pd.DataFrame) and len(keys.columns):
            # a header and no rows (a keys file as export writes an empty table): zero keys,
            # as a header-only table imports as zero rows; its header is still checked
            return [], _header_problems(kind, [str(c) for c in keys.columns if c != "row"])
        raise InputError("no keys given: nothing to delete", field="keys")
    table = T["areas"] if kind is TableKind.AREAS else KINDS[kind].table
    info = KINDS.get(kind)
    out: list[tuple[int, dict[str, Any]]] = []
    problems: list[Problem] = []
    expected = ", ".join([*required, *(f"[{o}]" for o in optional)])
    for rownum, rec in zip(rownums, records, strict=True):
        row = int(rownum)
        key: dict[str, Any] = {}
        for f, v in rec.items():
            f = str(f)
            if f not in required and f not in optional:
                problems.append(
                    Problem(None, row, f, f"not a key field of {kind.value}; expected {expected}")
                )
                continue
            if (
                v is None
                or (not isinstance(v, str) and pd.isna(v))
                or (isinstance(v, str) and not v.strip())
            ):
                key[f] = None
                continue
            col = table.c[_db_field(info, f) if info is not None else f]
            try:
                key[f] = _key_value(v, col.type)
            except (ValueError, TypeError, OverflowError) as exc:
                problems.append(Problem(None, row, f, f"bad value {v!r}: {exc}"))
        for f in required:
            if key.get(f) is None and f not in [p.field for p in problems if p.row == row]:
                problems.append(Problem(None, row, f, "required key field missing or empty"))
        # required fields first: the error names the most telling one
        out.append((row, {f: key[f] for f in [*required, *optional] if f in key}))
    return out, problems
