"""The case registry: one SQL store (SQLite file or PostgreSQL) of what was reported, where,
when and by whom, that never loses or silently changes a number.

Corrections supersede, never overwrite (the bitemporal "transaction time" pattern: each row has
``recorded_at`` and ``superseded_at``; Snodgrass, *Developing Time-Oriented Database
Applications in SQL*, 1999, ch. 8), and every insert and supersession is in the audit log.
A deletion is a supersession with no successor (``Registry.delete``), audited with its reason.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import glob
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import platformdirs
from sqlalchemy import (
    String,
    Table,
    and_,
    bindparam,
    case,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from flareup.errors import InputError, NotFoundError, Problem, RegistryError, mask_url, redact
from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.registry import models as m
from flareup.registry.bulk import db_form, insert_frame
from flareup.registry.conform import SPECS, columns, conform
from flareup.registry.migrate import WRITE_OPTION, upgrade_to_head, write_transaction
from flareup.schema import (
    LINELIST_COLUMNS,
    METRICS,
    OFFICIAL_RULE_SET,
    MetricKind,
    SourceKind,
)

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


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one import did."""

    kind: str
    file: str
    inserted: int
    unchanged: int
    superseded: int


@dataclass(frozen=True, slots=True)
class MetricStatus:
    """One metric of an area on a date.

    ``value`` is the latest figure on or before the date (``value_date``); ``cumulative`` the
    sum of a flow over all dates up to it (None for stocks). ``origin`` is ``"own"`` when the
    area reported it itself, ``"children"`` when it is the sum of its sub-areas' figures (then
    ``children`` names them), ``"mixed"`` for a flow whose days came from both.
    """

    metric: str
    kind: str
    value: int | None
    value_date: dt.date | None
    cumulative: int | None
    origin: str
    sources: tuple[str, ...] = ()
    children: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AreaStatus:
    """The state of an area on a date, as known at ``as_of`` (see ``Registry.status``)."""

    area: str
    name_en: str
    level: str
    date: dt.date
    as_of: dt.datetime | None
    metrics: dict[str, MetricStatus] = field(default_factory=dict)
    #: line-list cases in the area and its sub-areas reported on or before the date
    linelist: dict[str, int] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per metric."""
        rows = [
            {
                "metric": s.metric,
                "kind": s.kind,
                "value": s.value,
                "value_date": s.value_date,
                "cumulative": s.cumulative,
                "origin": s.origin,
                "sources": "; ".join(s.sources),
                "children": ", ".join(s.children),
            }
            for s in self.metrics.values()
        ]
        df = pd.DataFrame(
            rows,
            columns=[
                "metric",
                "kind",
                "value",
                "value_date",
                "cumulative",
                "origin",
                "sources",
                "children",
            ],
        )
        for c in ("value", "cumulative"):
            df[c] = pd.Series(df[c].astype(object).where(df[c].notna(), None), dtype="Int64")
        return df


def default_url() -> str:
    """FLAREUP_DB, else a SQLite file in the per-user data directory (platformdirs)."""
    env = os.environ.get("FLAREUP_DB")
    if env:
        return env
    d = Path(platformdirs.user_data_dir("flareup", appauthor=False))
    d.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{d / 'flareup.db'}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own transaction handling off: pysqlite would otherwise COMMIT before every
    # DDL statement, so a schema created table by table could be cut in half by a kill. The
    # "begin" listener below issues BEGIN itself (SQLAlchemy docs, "Serializable isolation /
    # Savepoints / Transactional DDL" for pysqlite).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL is durable across application crashes (SQLite docs, "WAL mode")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-262144")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # a writer takes the write lock at once (BEGIN IMMEDIATE): two writers then queue on the
    # busy timeout instead of both reading and one failing on its first write
    write = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


#: How long a SQLite writer waits for another to finish before giving up (seconds).
SQLITE_BUSY_TIMEOUT = float(os.environ.get("FLAREUP_SQLITE_TIMEOUT", "600"))


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


class Registry:
    """The store. ``Registry(url)``; ``None`` -> FLAREUP_DB or SQLite in the user data dir.

    Opening creates the database if needed and runs the Alembic migrations to head.
    """

    def __init__(self, url: str | None = None) -> None:
        url = url or default_url()
        if "://" not in url:  # a bare file path means a SQLite file there
            url = f"sqlite:///{Path(url).expanduser().resolve()}"
        self.url: str = url
        shown = mask_url(url)
        is_sqlite = self.url.startswith("sqlite")
        if self.url.startswith("postgresql"):
            try:
                import psycopg  # noqa: F401
            except ImportError as exc:  # pragma: no cover - depends on the environment
                from flareup.errors import MissingExtraError

                raise MissingExtraError("psycopg", "postgres") from exc
        try:
            self.engine: Engine = create_engine(
                self.url,
                future=True,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT} if is_sqlite else {},
            )
        except (SQLAlchemyError, ValueError) as exc:
            raise RegistryError(f"cannot open database {shown!r}: {redact(str(exc))}") from None
        except ImportError as exc:  # a dialect whose driver is not installed (e.g. mysql://)
            raise RegistryError(
                f"cannot open database {shown!r}: its driver is not "
                f"installed ({exc}); flareup supports sqlite:/// and "
                "postgresql+psycopg://"
            ) from None
        if is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        try:
            upgrade_to_head(self.engine)
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            raise RegistryError(f"cannot open database {shown!r}: {redact(str(exc))}") from None
        except RegistryError as exc:
            self.engine.dispose()
            raise RegistryError(f"cannot open database {shown!r}: {exc}") from None

    @property
    def display_url(self) -> str:
        """The URL with its password masked: the only form ever printed or logged."""
        return mask_url(self.url)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction; writers are serialised (see ``migrate.write_transaction``),
        so two imports never deadlock and the second sees what the first committed."""
        with write_transaction(self.engine) as conn:
            yield conn

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Registry({self.display_url!r})"

    # ------------------------------------------------------------------ import

    def import_table(self, vt: ValidatedTable, *, user: str | None = None) -> ImportSummary:
        """Import a validated table: all or nothing, idempotent, corrections supersede.

        Raises ``InputError`` (file, row, field, reason for every problem) and leaves the store
        exactly as it was when anything is wrong.
        """
        file = str(getattr(vt, "file", "<frame>"))
        try:
            kind = TableKind(str(getattr(vt, "kind", None)))
        except ValueError:
            raise InputError(
                f"unknown table kind {getattr(vt, 'kind', None)!r}", file=file
            ) from None
        source = getattr(vt, "source", None)
        if not isinstance(source, SourceInfo):
            source = SourceInfo(SourceKind.TABLE_FILE, Path(file).name or file, uri=file)
        try:
            SourceKind(source.kind)
        except ValueError:
            raise InputError(f"unknown source kind {source.kind!r}", file=file) from None
        frame, problems = conform(getattr(vt, "frame", None), kind, file)
        InputError.collect(problems)
        who = _check_user(user or _user())
        try:
            with self._write() as conn:
                if kind is TableKind.AREAS:
                    given = getattr(vt, "given", None)
                    if given is None:  # a hand-built frame: the columns it has
                        given = tuple(c for c in AREA_COLS if c in vt.frame.columns)
                    return self._import_areas(conn, frame, file, who, tuple(given))
                return self._import_versioned(conn, kind, frame, file, source, who)
        except InputError:
            raise
        except (DBAPIError, SQLAlchemyError, self.engine.dialect.loaded_dbapi.Error) as exc:
            # validation should have caught everything; say so rather than crash mid-way
            raise InputError(
                f"the store refused the import: {exc.__class__.__name__}: "
                f"{str(exc).splitlines()[0]}",
                file=file,
            ) from exc

    def _import_areas(
        self, conn: Connection, df: pd.DataFrame, file: str, who: str, given: tuple[str, ...]
    ) -> ImportSummary:
        """Areas: new codes inserted, changed ones updated in ``areas`` and versioned in
        ``area_versions``. A column the file does not have keeps its stored value (a
        correction file of code and population leaves the names alone); a column given with an
        empty cell clears the value."""
        t = T["areas"]
        problems: list[Problem] = []
        dup = df["code"].duplicated(keep=False)
        problems += [
            Problem(file, int(r), "code", "duplicate area code in the file")
            for r in df.loc[dup, "row"]
        ]
        existing = self._frame(
            conn, select(*[t.c[c] for c in AREA_COLS]).where(t.c.deleted_at.is_(None)), AREA_COLS
        )
        # deleted areas: re-importing one brings it back (an insert, as for versioned rows)
        retired = set(conn.execute(select(t.c.code).where(t.c.deleted_at.is_not(None))).scalars())
        known = set(existing["code"]) | set(df["code"])
        bad_parent = df["parent_code"].notna() & ~df["parent_code"].isin(known)
        problems += [
            Problem(file, int(r), "parent_code", f"unknown area code {p!r}")
            for r, p in zip(
                df.loc[bad_parent, "row"], df.loc[bad_parent, "parent_code"], strict=True
            )
        ]
        InputError.collect(problems)
        parents = dict(zip(existing["code"], existing["parent_code"], strict=True))
        parents.update(zip(df["code"], df["parent_code"], strict=True))
        for r, code in zip(df["row"], df["code"], strict=True):
            seen, cur = {code}, parents.get(code)
            while cur is not None:
                if cur in seen:
                    problems.append(
                        Problem(
                            file, int(r), "parent_code", f"area {code!r} would be its own ancestor"
                        )
                    )
                    break
                seen.add(cur)
                cur = parents.get(cur)
        InputError.collect(problems)
        merged = df.merge(existing, on="code", how="left", suffixes=("", "_old"), indicator=True)
        new = merged[merged["_merge"] == "left_only"]
        old = merged[merged["_merge"] == "both"].copy()
        value_cols = [c for c in AREA_COLS if c != "code"]
        for c in value_cols:
            if c not in given:  # omitted column: unchanged
                old[c] = old[f"{c}_old"]
        changed_mask = _differs(old, value_cols, t)
        changed = old[changed_mask]
        now = _now()
        versions: list[pd.DataFrame] = []
        if len(new):
            back = new["code"].isin(retired)
            insert_frame(conn, t, new.loc[~back, AREA_COLS])
            versions.append(new.loc[~back, AREA_COLS])
            for _, r in new[back].iterrows():
                kept = (
                    conn.execute(select(*[t.c[c] for c in AREA_COLS]).where(t.c.code == r["code"]))
                    .mappings()
                    .one()
                )
                values = {c: _py(r[c]) if c in given else kept[c] for c in AREA_COLS if c != "code"}
                conn.execute(
                    update(t).where(t.c.code == r["code"]).values(deleted_at=None, **values)
                )
                versions.append(pd.DataFrame([{"code": r["code"], **values}]))
            self._audit(
                conn,
                now,
                who,
                "insert",
                "areas",
                f"{len(new)} areas from {file}",
                None,
                {"file": file, "codes": new["code"].tolist()[:1000]},
            )
        for _, r in changed.iterrows():
            before = {c: _py(r[f"{c}_old"]) for c in value_cols}
            after = {c: _py(r[c]) for c in value_cols}
            conn.execute(update(t).where(t.c.code == r["code"]).values(**after))
            self._audit(conn, now, who, "supersede", "areas", r["code"], before, after)
        if len(changed):
            versions.append(changed[AREA_COLS])
        self._version_areas(conn, versions, now)
        return ImportSummary("areas", file, len(new), len(old) - len(changed), len(changed))

    @staticmethod
    def _close_area_versions(conn: Connection, codes: list[str], now: dt.datetime) -> None:
        v = T["area_versions"]
        for i in range(0, len(codes), 500):
            conn.execute(
                update(v)
                .where(v.c.code.in_(codes[i : i + 500]), v.c.superseded_at.is_(None))
                .values(superseded_at=now)
            )

    def _version_areas(
        self, conn: Connection, versions: list[pd.DataFrame], now: dt.datetime
    ) -> None:
        """Close the current version of each area in ``versions`` and open the new one."""
        frames = [f for f in versions if len(f)]
        if not frames:
            return
        rows = pd.concat(frames, ignore_index=True)
        self._close_area_versions(conn, rows["code"].astype(str).tolist(), now)
        rows = rows[AREA_COLS].assign(recorded_at=now)
        insert_frame(conn, T["area_versions"], rows)

    def _import_versioned(
        self,
        conn: Connection,
        kind: TableKind,
        df: pd.DataFrame,
        file: str,
        source: SourceInfo,
        who: str,
    ) -> ImportSummary:
        info = KINDS[kind]
        t = info.table
        file_identity = Path(file).name or file
        df = df.rename(columns=info.rename)
        if "source" in df.columns:
            df["source_identity"] = df["source"].where(df["source"].notna(), file_identity)
        else:
            df["source_identity"] = file_identity
        if "source_kind" in df.columns:
            # each row's source has its own kind (news, bulletin, ...); the file's otherwise
            df["source_kind"] = df["source_kind"].where(
                df["source_kind"].notna(), SourceKind(source.kind).value
            )
        if kind is TableKind.SAMPLES:
            df["seq"] = df.groupby(
                ["setting_id", "date", "result", "sample_type", "note"], dropna=False
            ).cumcount()
        problems: list[Problem] = []
        key_field = {v: k for k, v in info.rename.items()}.get(info.key[0], info.key[0])
        dup = df.duplicated(list(info.key), keep=False)
        if dup.any():
            problems += [
                Problem(file, int(r), key_field, f"duplicate {'/'.join(info.key)} within the file")
                for r in df.loc[dup, "row"].head(200)
            ]
        problems += self._store_checks(conn, kind, df, file)
        if kind is TableKind.CASES:
            bad = df["date_reclassified"].notna() & (df["date_reclassified"] < df["date_reporting"])
            problems += [
                Problem(file, int(r), "date_reclassified", "reclassification before report")
                for r in df.loc[bad, "row"].head(200)
            ]
        InputError.collect(problems)

        canon = [info.rename.get(c, c) for c in columns(kind)]
        # source_kind lives in ``sources`` (the row's source_id), not in the table itself
        with_kind = "source_kind" in canon
        db_cols = (
            [c for c in canon if c != "source_kind"]
            + ["source_identity"]
            + (["seq"] if kind is TableKind.SAMPLES else [])
        )
        # a changed source kind is a correction like a changed value: it supersedes
        value_cols = [
            c for c in db_cols if c not in info.key and c not in ("source", "source_identity")
        ] + (["source_kind"] if with_kind else [])
        existing = self._existing(conn, t, df, list(info.key), db_cols, with_kind=with_kind)
        if existing.empty:
            new, changed = df, df.iloc[0:0]
            unchanged = 0
        else:
            merged = df.merge(
                existing, on=list(info.key), how="left", suffixes=("", "_old"), indicator=True
            )
            new = merged[merged["_merge"] == "left_only"]
            old = merged[merged["_merge"] == "both"]
            diff = _differs(old, value_cols, t)
            if info.conflict_on_other_source:
                other = old["source_identity"] != old["source_identity_old"]
                clash = old[diff & other]
                InputError.collect(
                    Problem(
                        file,
                        int(r[1]["row"]),
                        key_field,
                        f"id {r[1][info.key[0]]!r} is already in the store from source "
                        f"{r[1]['source_identity_old']!r} with different values",
                    )
                    for r in clash.head(200).iterrows()
                )
            changed = old[diff]
            unchanged = len(old) - len(changed)
        if new.empty and changed.empty:
            return ImportSummary(str(kind), file, 0, unchanged, 0)

        now = _now()
        both = pd.concat([new, changed], ignore_index=True)
        to_insert = both[db_cols].copy()
        kinds = both["source_kind"] if with_kind else None
        to_insert["source_id"] = self._source_ids(
            conn, to_insert, kinds, source, file_identity, now
        )
        to_insert["recorded_at"] = now
        max_before = conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()
        if len(changed):
            conn.execute(
                update(t).where(t.c.id == bindparam("old_id")).values(superseded_at=now),
                [{"old_id": int(i)} for i in changed["id_old"]],
            )
        big = (
            len(to_insert) >= 100_000
            and len(to_insert) >= conn.execute(select(func.count()).select_from(t)).scalar_one()
        )
        n = insert_frame(conn, t, to_insert, rebuild_indexes=big)
        if len(changed):
            self._link_superseded(conn, t, info, changed, max_before, value_cols, now, who, kind)
        self._audit(
            conn,
            now,
            who,
            "insert",
            t.name,
            f"ids {max_before + 1}..{max_before + n}",
            None,
            {"file": file, "rows": n, "new": len(new), "corrections": len(changed)},
        )
        return ImportSummary(str(kind), file, len(new), unchanged, len(changed))

    def _link_superseded(
        self,
        conn: Connection,
        t: Table,
        info: _KindInfo,
        changed: pd.DataFrame,
        max_before: int,
        value_cols: list[str],
        now: dt.datetime,
        who: str,
        kind: TableKind,
    ) -> None:
        key = list(info.key)
        fresh = self._frame(
            conn,
            select(t.c.id, *[t.c[k] for k in key]).where(t.c.id > max_before),
            ["id_new", *key],
        )
        fresh = _normalise(fresh, t, key)
        ch = _normalise(changed.copy(), t, key)
        linked = ch.merge(fresh, on=key, how="left")
        conn.execute(
            update(t).where(t.c.id == bindparam("old_id")).values(superseded_by=bindparam("new")),
            [
                {"old_id": int(o), "new": int(nw)}
                for o, nw in zip(linked["id_old"], linked["id_new"], strict=True)
            ],
        )
        entries = []
        shown = [*value_cols] + (["source_identity"] if "source_identity" not in key else [])
        for _, r in linked.iterrows():
            k = {c: _py(r[c]) for c in key}
            before = {c: _py(r[f"{c}_old"]) for c in shown}
            before["id"] = int(r["id_old"])
            after = {c: _py(r[c]) for c in shown}
            after["id"] = int(r["id_new"])
            entries.append(
                {
                    "at": now,
                    "user": who,
                    "action": "supersede",
                    "table_name": t.name,
                    "key": _dumps(k),
                    "before": _dumps(before),
                    "after": _dumps(after),
                }
            )
        conn.execute(insert(T["audit_log"]), entries)

    def _store_checks(
        self, conn: Connection, kind: TableKind, df: pd.DataFrame, file: str
    ) -> list[Problem]:
        problems: list[Problem] = []
        if kind in AREA_FIELDS:
            col = AREA_FIELDS[kind]
            fcol = KINDS[kind].rename.get(col, col)
            known = self._known(conn, T["areas"].c.code, df[fcol].unique().tolist(), current=True)
            bad = ~df[fcol].isin(known)
            problems += [
                Problem(file, int(r), col, f"unknown area code {v!r}")
                for r, v in zip(
                    df.loc[bad, "row"].head(200), df.loc[bad, fcol].head(200), strict=True
                )
            ]
        checks: list[tuple[str, Any, str]] = []
        if kind is TableKind.EXPOSURES:
            checks = [
                ("case_id", T["cases"].c.case_id, "case"),
                ("setting_id", T["settings"].c.setting_id, "setting"),
            ]
        elif kind is TableKind.SAMPLES:
            checks = [("setting_id", T["settings"].c.setting_id, "setting")]
        elif kind is TableKind.CONTACTS:
            checks = [("from_id", T["cases"].c.case_id, "case")]
        for fcol, dbcol, what in checks:
            known = self._known(conn, dbcol, df[fcol].unique().tolist(), current=True)
            if fcol in ("case_id", "from_id"):
                # a person may be a contact (a contact of a contact, an exposed worker)
                to = T["contacts"].c.to_id
                known |= self._known(conn, to, df[fcol].unique().tolist(), current=True)
                if fcol == "from_id":
                    known |= set(df["to_id"])
                what = "case or contact"
            bad = ~df[fcol].isin(known)
            field = {v: k for k, v in KINDS[kind].rename.items()}.get(fcol, fcol)
            problems += [
                Problem(file, int(r), field, f"unknown {what} {v!r}")
                for r, v in zip(
                    df.loc[bad, "row"].head(200), df.loc[bad, fcol].head(200), strict=True
                )
            ]
        return problems

    @staticmethod
    def _known(conn: Connection, col: Any, values: list[Any], current: bool = False) -> set[Any]:
        found: set[Any] = set()
        for i in range(0, len(values), 500):
            q = select(col).where(col.in_(values[i : i + 500])).distinct()
            if current:  # not superseded (versioned tables) or not deleted (areas)
                tc = col.table.c
                q = q.where(
                    (tc.superseded_at if "superseded_at" in tc else tc.deleted_at).is_(None)
                )
            found.update(conn.execute(q).scalars())
        return found

    def _existing(
        self,
        conn: Connection,
        t: Table,
        df: pd.DataFrame,
        key: list[str],
        db_cols: list[str],
        *,
        with_kind: bool = False,
    ) -> pd.DataFrame:
        """Current stored rows sharing a key with ``df`` (with their ids as ``id``); with
        ``with_kind`` also each row's ``source_kind`` (from ``sources``)."""
        cols = ["id", *db_cols]
        base = select(*[t.c[c] for c in cols]).where(t.c.superseded_at.is_(None))
        if with_kind:
            s = T["sources"]
            cols = [*cols, "source_kind"]
            base = base.add_columns(s.c.kind.label("source_kind")).join(s, s.c.id == t.c.source_id)
        if conn.execute(select(t.c.id).limit(1)).first() is None:
            return pd.DataFrame(columns=cols)
        first = df[key[0]].dropna().unique().tolist()
        parts = []
        if len(first) <= 5000:
            for i in range(0, len(first), 500):
                parts.append(
                    self._frame(conn, base.where(t.c[key[0]].in_(first[i : i + 500])), cols)
                )
            out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
        else:
            out = self._frame(conn, base, cols)
        out = _normalise(out, t, cols)
        return out.rename(
            columns={"id": "id_old", **{c: f"{c}_old" for c in cols if c not in key and c != "id"}}
        )

    def _source_ids(
        self,
        conn: Connection,
        df: pd.DataFrame,
        kinds: pd.Series | None,
        info: SourceInfo,
        file_identity: str,
        now: dt.datetime,
    ) -> np.ndarray:
        """The ``sources`` id of each row: one record per distinct (row source, kind), else the
        file's (with the row's kind where it gives one). ``kinds``: each row's source kind,
        already defaulted to the file's; None where the table kind has no source_kind."""
        rowsrc = (
            df["source"]
            if "source" in df.columns
            else pd.Series(None, index=df.index, dtype=object)
        )
        file_kind = SourceKind(info.kind).value
        kind = (
            pd.Series(file_kind, index=df.index, dtype=object)
            if kinds is None
            else pd.Series(kinds.to_numpy(dtype=object), index=df.index, dtype=object)
        )
        ids = np.zeros(len(df), dtype=np.int64)
        has = rowsrc.notna().to_numpy()
        # factorize (not a Python loop over rows): few distinct sources in many rows
        pairs = pd.DataFrame({"src": rowsrc.where(has, None), "kind": kind})
        codes, uniq = pd.factorize(pd.MultiIndex.from_frame(pairs.fillna({"src": ""})))
        for i, (val, k) in enumerate(uniq):
            sel = codes == i
            if not has[sel][0]:
                # rows naming no source of their own: the file, as the kind they give
                sinfo = info if k == file_kind else replace(info, kind=SourceKind(k))
                ids[sel] = self._source_id(conn, sinfo, file_identity, now)
            else:
                v = str(val)
                sinfo = SourceInfo(SourceKind(k), v, uri=v if "://" in v else None)
                ids[sel] = self._source_id(conn, sinfo, v, now)
        return ids

    def _source_id(
        self, conn: Connection, info: SourceInfo, identity: str, now: dt.datetime
    ) -> int:
        s = T["sources"]
        fp = _fingerprint(info, identity)
        found = conn.execute(select(s.c.id).where(s.c.fingerprint == fp)).scalar_one_or_none()
        if found is not None:
            return int(found)
        res = conn.execute(
            insert(s).values(
                kind=str(info.kind),
                title=info.title,
                uri=info.uri,
                published=info.published,
                text=info.text,
                sha256=info.sha256,
                identity=identity,
                fingerprint=fp,
                recorded_at=now,
            )
        )
        return int(res.inserted_primary_key[0])  # type: ignore[index]

    def _audit(
        self,
        conn: Connection,
        at: dt.datetime,
        who: str,
        action: str,
        table: str,
        key: str,
        before: Any,
        after: Any,
    ) -> None:
        conn.execute(
            insert(T["audit_log"]).values(
                at=at,
                user=who,
                action=action,
                table_name=table,
                key=key,
                before=None if before is None else _dumps(before),
                after=None if after is None else _dumps(after),
            )
        )

    @staticmethod
    def _raw_frame(conn: Connection, query: Any, cols: list[str]) -> pd.DataFrame:
        """Like ``_frame`` but straight from the DBAPI cursor, skipping SQLAlchemy's per-row
        processing; only for queries whose columns need none (type_coerce'd text, numbers)."""
        res = conn.execute(query)
        rows = res.cursor.fetchall() if res.cursor is not None else []  # type: ignore[attr-defined]
        res.close()
        if not rows:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
        return pd.DataFrame(
            {c: list(v) for c, v in zip(cols, zip(*rows, strict=True), strict=True)}
        )

    @staticmethod
    def _frame(conn: Connection, query: Any, cols: list[str]) -> pd.DataFrame:
        rows = conn.execute(query).all()
        if not rows:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
        # plain tuples: pandas probes Row objects attribute by attribute otherwise
        return pd.DataFrame.from_records([tuple(r) for r in rows], columns=cols, coerce_float=False)

    # ------------------------------------------------------------------ areas

    def areas(self, *, as_of: Any = None) -> pd.DataFrame:
        """All areas: code, name_en, name_alt, name_zh, level, parent_code, population, geometry.

        ``as_of``: the areas as known then (from ``area_versions``): an area corrected later
        shows its old values, one deleted later is still there."""
        when = _as_of(as_of)
        t = T["areas"] if when is None else T["area_versions"]
        live = t.c.deleted_at.is_(None) if when is None else _current(t, when)
        with self.engine.connect() as conn:
            df = self._frame(
                conn,
                select(*[t.c[c] for c in AREA_COLS]).where(live).order_by(t.c.code),
                AREA_COLS,
            )
        return _canonical(df, TableKind.AREAS)

    def area(self, code: str, *, as_of: Any = None) -> dict[str, Any]:
        """One area as a dict (as known at ``as_of``); ``NotFoundError`` when it is not in the
        store (or was not then)."""
        when = _as_of(as_of)
        t = T["areas"] if when is None else T["area_versions"]
        live = t.c.deleted_at.is_(None) if when is None else _current(t, when)
        with self.engine.connect() as conn:
            row = (
                conn.execute(
                    select(*[t.c[c] for c in AREA_COLS]).where(t.c.code == str(code), live)
                )
                .mappings()
                .first()
            )
        if row is None:
            when_txt = "" if when is None else f" as of {when:%Y-%m-%d %H:%M:%S}"
            raise NotFoundError(f"area {code!r} is not in the registry{when_txt}")
        return dict(row)

    def descendants(self, code: str, *, level: str | None = None) -> list[str]:
        """Codes of every area below ``code`` (optionally only those at ``level``)."""
        self.area(code)
        areas = self.areas()
        return _descendants(areas, code, level)

    # ------------------------------------------------------------------ counts

    def _ranked_counts(
        self,
        conn: Connection,
        areas: list[str] | None,
        metrics: list[str] | None,
        start: Any,
        end: Any,
        as_of: dt.datetime | None,
        latest_only: bool,
    ) -> pd.DataFrame:
        c, s = T["counts"], T["sources"]
        identity: Any = c.c.source_identity
        if conn.dialect.name != "sqlite":
            # code-point order, as SQLite's BINARY and Python's: no locale-dependent ties
            identity = identity.collate("C")
        rank = (
            func.row_number()
            .over(
                partition_by=(c.c.area, c.c.date, c.c.metric),
                order_by=(
                    case((s.c.kind.in_([str(k) for k in OFFICIAL_KINDS]), 0), else_=1),
                    s.c.published.desc().nulls_last(),
                    c.c.recorded_at.desc(),
                    # current rows of one (area, date, metric) have distinct source identities,
                    # so this settles every remaining tie without reference to row ids
                    identity.asc(),
                    c.c.id.desc(),
                ),
            )
            .label("rank")
        )
        cols = [
            c.c.area,
            c.c.date,
            c.c.metric,
            c.c.value,
            c.c.qualifier,
            c.c.source_id,
            s.c.kind.label("source_kind"),
            s.c.title.label("source_title"),
            s.c.uri.label("source_uri"),
            c.c.recorded_at,
            rank,
        ]
        q = select(*cols).join(s, s.c.id == c.c.source_id).where(_current(c, as_of))
        if areas is not None:
            q = q.where(c.c.area.in_(areas))
        if metrics is not None:
            q = q.where(c.c.metric.in_(metrics))
        if start is not None:
            q = q.where(c.c.date >= _as_date(start))
        if end is not None:
            q = q.where(c.c.date <= _as_date(end))
        sub = q.subquery()
        outer = select(*sub.c)
        if latest_only:
            outer = outer.where(sub.c.rank == 1)
        outer = outer.order_by(sub.c.area, sub.c.date, sub.c.metric, sub.c.rank)
        df = self._frame(conn, outer, [col.name for col in sub.c])
        df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
        df["recorded_at"] = pd.to_datetime(df["recorded_at"]).astype("datetime64[ns]")
        df["value"] = df["value"].astype("int64")
        df["source_id"] = df["source_id"].astype("int64")
        return df

    def counts(
        self,
        areas: Any = None,
        metrics: Any = None,
        start: Any = None,
        end: Any = None,
        *,
        as_of: Any = None,
        policy: str = "latest",
    ) -> pd.DataFrame:
        """Stored figures. ``policy="latest"``: one per (area, date, metric); ``"all"``: every
        current value. ``as_of``: what was known then.

        The ``latest`` policy ranks the figures of one (area, date, metric) by, in turn:

        1. the kind of the row's source: official (bulletin, table_file, lab, manual) before
           news. The kind is the row's own ``source_kind`` where its file gives one, else the
           file's kind;
        2. the source's published date, latest first (undated last);
        3. ``recorded_at``, latest first (a later import is newer knowledge);
        4. the source identity (the row's ``source`` value, else the file name), in code-point
           order, first wins. Current rows of one (area, date, metric) have distinct source
           identities, so the choice never falls to row ids or insertion order within an
           import, and is the same on SQLite and PostgreSQL.

        An export read back and imported into a fresh store keeps each row's source and
        source kind, so the same figure is chosen wherever steps 1 and 2 decide; rows imported
        together share ``recorded_at``, so step 3 cannot separate them and step 4 decides.
        """
        if policy not in ("latest", "all"):
            raise InputError(
                f"unknown policy {policy!r}; expected 'latest' or 'all'", field="policy"
            )
        with self.engine.connect() as conn:
            df = self._ranked_counts(
                conn, _list(areas), _list(metrics), start, end, _as_of(as_of), policy == "latest"
            )
        return df.drop(columns="rank").reset_index(drop=True)

    def disagreements(self, areas: Any = None, *, as_of: Any = None) -> pd.DataFrame:
        """Every (area, date, metric) where current sources give different values, one row per
        source, ``chosen`` marking the one the ``latest`` policy uses."""
        with self.engine.connect() as conn:
            df = self._ranked_counts(conn, _list(areas), None, None, None, _as_of(as_of), False)
        cols = ["area", "date", "metric", "value", "source_title", "source_uri", "chosen"]
        if df.empty:
            return pd.DataFrame(columns=cols)
        nvals = df.groupby(["area", "date", "metric"])["value"].transform("nunique")
        out = df[nvals > 1].copy()
        out["chosen"] = out["rank"] == 1
        return out[cols].reset_index(drop=True)

    # ------------------------------------------------------------------ other tables

    def _current_table(self, kind: TableKind, as_of: Any = None, where: Any = None) -> pd.DataFrame:
        """Current rows of a versioned kind in canonical columns (``source`` = source identity)."""
        info = KINDS[kind]
        t, s = info.table, T["sources"]
        canon = columns(kind)
        dbc = [info.rename.get(c, c) for c in canon]
        # source_kind from the row's source record, so that an export read back and imported
        # elsewhere gives each row's source the same kind (and the latest policy the same pick)
        pick = {"source": t.c["source_identity"], "source_kind": s.c.kind}
        sel = [pick[c] if c in pick else t.c[d] for c, d in zip(canon, dbc, strict=True)]
        q = select(*sel).where(_current(t, _as_of(as_of)))
        if "source_kind" in canon:
            q = q.join(s, s.c.id == t.c.source_id)
        if where is not None:
            q = q.where(where)
        q = q.order_by(*[t.c[k] for k in info.key if k != "seq"], t.c.id)
        with self.engine.connect() as conn:
            df = self._frame(conn, q, canon)
        return _canonical(df, kind)

    def cases(self, areas: Any = None, *, as_of: Any = None) -> pd.DataFrame:
        """The line list (schema.LINELIST_COLUMNS), optionally for some areas and their
        sub-areas."""
        where = None
        if areas is not None:
            codes = self._subtree(_list(areas) or [], as_of)
            where = T["cases"].c.location.in_(codes)
        return self._current_table(TableKind.CASES, as_of, where)[list(LINELIST_COLUMNS)]

    def settings(self, *, as_of: Any = None) -> pd.DataFrame:
        """Settings (id, kind, area, name, note)."""
        return self._current_table(TableKind.SETTINGS, as_of)

    def exposures(self, *, as_of: Any = None) -> pd.DataFrame:
        """Exposures (case_id, setting_id, date_start, date_end)."""
        return self._current_table(TableKind.EXPOSURES, as_of)

    def contacts(self, *, as_of: Any = None) -> pd.DataFrame:
        """Contacts (from, to, type, date_last_exposure, date_quarantine_start/_end)."""
        return self._current_table(TableKind.CONTACTS, as_of)

    def samples(self, *, as_of: Any = None) -> pd.DataFrame:
        """Environmental and cold-chain samples."""
        return self._current_table(TableKind.SAMPLES, as_of)

    def campaign_progress(self, areas: Any = None, *, as_of: Any = None) -> pd.DataFrame:
        """Testing-campaign progress, as the campaigns table kind."""
        where = None
        if areas is not None:
            where = T["campaign_progress"].c.area.in_(_list(areas) or [])
        return self._current_table(TableKind.CAMPAIGNS, as_of, where)

    def designations(
        self, areas: Any = None, *, rule_set: str | None = None, as_of: Any = None
    ) -> pd.DataFrame:
        """Risk designations: area, level, valid_from, valid_to, rule_set, rule_version,
        reason, source_title."""
        d, s = T["designations"], T["sources"]
        q = (
            select(
                d.c.area,
                d.c.level,
                d.c.valid_from,
                d.c.valid_to,
                d.c.rule_set,
                d.c.rule_version,
                d.c.reason,
                s.c.title,
            )
            .join(s, s.c.id == d.c.source_id)
            .where(_current(d, _as_of(as_of)))
        )
        if areas is not None:
            q = q.where(d.c.area.in_(_list(areas) or []))
        if rule_set is not None:
            q = q.where(d.c.rule_set == rule_set)
        q = q.order_by(d.c.valid_from, d.c.area, d.c.rule_set, d.c.id)
        cols = [
            "area",
            "level",
            "valid_from",
            "valid_to",
            "rule_set",
            "rule_version",
            "reason",
            "source_title",
        ]
        with self.engine.connect() as conn:
            df = self._frame(conn, q, cols)
        for c in ("valid_from", "valid_to"):
            df[c] = pd.to_datetime(df[c]).astype("datetime64[ns]")
        return df

    def store_designations(
        self, df: pd.DataFrame, *, rule_set: str, rule_version: str, user: str | None = None
    ) -> int:
        """Store designations computed by a rule set (never ``"official"``); returns how many
        rows were inserted or superseded. Re-storing the same result changes nothing."""
        if not rule_set or rule_set == OFFICIAL_RULE_SET:
            raise InputError(
                "computed designations need a rule_set other than 'official'", field="rule_set"
            )
        frame = df.copy()
        frame["rule_set"] = rule_set
        frame["rule_version"] = rule_version
        title = f"flareup rule set {rule_set} {rule_version}"
        frame["source"] = title
        frame["row"] = np.arange(1, len(frame) + 1)
        vt = ValidatedTable(
            TableKind.DESIGNATIONS, frame, f"<{title}>", SourceInfo(SourceKind.MANUAL, title)
        )
        summary = self.import_table(vt, user=user)
        return summary.inserted + summary.superseded

    def store_campaign_plan(
        self, plan: pd.DataFrame, *, name: str, params: dict[str, Any], user: str | None = None
    ) -> int:
        """Store a campaign plan and its parameters; returns the plan id."""
        p = T["campaign_plans"]
        now = _now()
        with self._write() as conn:
            res = conn.execute(
                insert(p).values(
                    name=name,
                    created_at=now,
                    params=_dumps(params),
                    plan=plan.to_json(orient="table", date_format="iso", index=False),
                )
            )
            pid = int(res.inserted_primary_key[0])  # type: ignore[index]
            self._audit(
                conn,
                now,
                user or _user(),
                "insert",
                "campaign_plans",
                str(pid),
                None,
                {"name": name, "params": params, "rows": len(plan)},
            )
        return pid

    def campaign_plans(self) -> pd.DataFrame:
        """Stored plans: id, name, created_at, params (dict), rows."""
        p = T["campaign_plans"]
        with self.engine.connect() as conn:
            df = self._frame(
                conn,
                select(p.c.id, p.c.name, p.c.created_at, p.c.params, p.c.plan).order_by(p.c.id),
                ["id", "name", "created_at", "params", "plan"],
            )
        df["params"] = [json.loads(x) for x in df["params"]]
        df["rows"] = [len(json.loads(x)["data"]) for x in df["plan"]]
        return df.drop(columns="plan")

    def campaign_plan(self, plan_id: int) -> pd.DataFrame:
        """One stored plan as the frame it was stored from."""
        p = T["campaign_plans"]
        with self.engine.connect() as conn:
            txt = conn.execute(select(p.c.plan).where(p.c.id == int(plan_id))).scalar_one_or_none()
        if txt is None:
            raise NotFoundError(f"campaign plan {plan_id} is not in the registry")
        return pd.read_json(StringIO(txt), orient="table")

    def audit(self, limit: int | None = None, *, table: str | None = None) -> pd.DataFrame:
        """The audit log, newest first: at, user, action, table, key, before, after (dicts).

        ``table``: only entries of that table (a table name such as ``campaign_progress`` or
        a table kind such as ``campaigns``)."""
        a = T["audit_log"]
        q = select(
            a.c.at, a.c.user, a.c.action, a.c.table_name, a.c.key, a.c.before, a.c.after
        ).order_by(a.c.id.desc())
        if table is not None:
            name = table
            if table in {k.value for k in KINDS}:
                name = KINDS[TableKind(table)].table.name
            elif table not in T or table == "audit_log":
                # A typo would otherwise print an empty log, as if nothing had happened.
                known = sorted({k.value for k in KINDS} | (set(T) - {"audit_log"}))
                raise InputError(
                    f"unknown table {table!r}; expected one of {', '.join(known)}", field="table"
                )
            q = q.where(a.c.table_name == name)
        if limit is not None:
            q = q.limit(int(limit))
        with self.engine.connect() as conn:
            df = self._frame(conn, q, ["at", "user", "action", "table", "key", "before", "after"])
        for c in ("before", "after"):
            df[c] = pd.Series(
                [json.loads(x) if isinstance(x, str) else None for x in df[c]],
                index=df.index,
                dtype=object,
            )
        return df

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
        try:
            k = TableKind(kind)
        except ValueError:
            raise InputError(
                f"unknown table kind {kind!r}; expected one of: "
                f"{', '.join(t.value for t in TableKind)}",
                field="kind",
            ) from None
        if not isinstance(reason, str) or not reason.strip():
            raise InputError("a deletion needs a reason (the audit log keeps it)", field="reason")
        rows, problems = _delete_keys(k, keys)
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

    # ------------------------------------------------------------------ status

    def _subtree(self, codes: list[str], as_of: Any = None) -> list[str]:
        areas = self.areas(as_of=as_of)
        out: list[str] = []
        for code in codes:
            out += [code, *_descendants(areas, code, None)]
        return list(dict.fromkeys(out))

    def status(self, area: str, *, date: Any = None, as_of: Any = None) -> AreaStatus:
        """The state of ``area`` on ``date`` (default: today) as known at ``as_of``.

        Per metric, from the ``latest``-policy figures on or before the date: a stock is the
        area's own latest figure, or where it has none, the sum of its children's (each child
        by the same rule, recursively). A flow is taken day by day the same way (own figure for
        the day, else the sum of the children's), giving its latest day and its cumulative sum.
        """
        when = _as_of(as_of)
        info = self.area(area, as_of=when)
        day = _as_date(date) or dt.date.today()
        areas = self.areas(as_of=when)
        sub = [area, *_descendants(areas, area, None)]
        parent = dict(zip(areas["code"], areas["parent_code"], strict=True))
        with self.engine.connect() as conn:
            df = self._status_counts(conn, sub, day, when)
            ll = self._linelist_summary(conn, sub, day, when)
        depth = _depths(sub, parent, area)
        metrics = _status_metrics(df, area, depth, parent)
        order = {mname: i for i, mname in enumerate(METRICS)}
        metrics = dict(sorted(metrics.items(), key=lambda kv: order.get(kv[0], 999)))
        return AreaStatus(area, info["name_en"], info["level"], day, when, metrics, ll)

    def _status_counts(
        self, conn: Connection, sub: list[str], day: dt.date, when: dt.datetime | None
    ) -> pd.DataFrame:
        """Latest-policy figures of ``sub`` up to ``day``: fetched plainly, ranked in pandas
        (a sort and drop_duplicates is cheaper than a SQL window over every row)."""
        c, s = T["counts"], T["sources"]
        # type_coerce to String: no per-value result processing; pandas parses in bulk
        q = select(
            c.c.area,
            c.c.metric,
            c.c.value,
            c.c.id,
            c.c.source_id,
            type_coerce(c.c.date, String),
            type_coerce(c.c.recorded_at, String),
            c.c.source_identity,
        ).where(_current(c, when), c.c.date <= day)
        if len(sub) < 30000:
            q = q.where(c.c.area.in_(sub))
        cols = [
            "area",
            "metric",
            "value",
            "id",
            "source_id",
            "date",
            "recorded_at",
            "source_identity",
        ]
        df = self._raw_frame(conn, q, cols)
        if df.empty:
            return pd.DataFrame(columns=["area", "date", "metric", "value", "source_title"])
        src = self._frame(
            conn,
            select(s.c.id, s.c.kind, s.c.published, s.c.title).where(
                s.c.id.in_(df["source_id"].unique().tolist())
            ),
            ["source_id", "kind", "published", "source_title"],
        )
        src["news"] = ~src["kind"].isin([str(k) for k in OFFICIAL_KINDS])
        src["published"] = pd.to_datetime(src["published"])
        df = df.merge(src, on="source_id", how="left")
        df["date"] = pd.to_datetime(df["date"].astype(str).str.slice(0, 10), format="%Y-%m-%d")
        df["recorded_at"] = pd.to_datetime(df["recorded_at"].astype(str), format="ISO8601")
        df["source_identity"] = df["source_identity"].astype(str)
        # the same order as _ranked_counts (see counts()); a stable sort keeps it exact
        df = df.sort_values(
            ["news", "published", "recorded_at", "source_identity", "id"],
            ascending=[True, False, False, True, False],
            na_position="last",
            kind="stable",
        )
        df = df.drop_duplicates(["area", "date", "metric"], keep="first")
        return df[["area", "date", "metric", "value", "source_title"]].reset_index(drop=True)

    def _linelist_summary(
        self, conn: Connection, sub: list[str], day: dt.date, when: dt.datetime | None
    ) -> dict[str, int]:
        """Line-list cases of ``sub`` reported on or before ``day``, by classification (read
        from the covering index ix_cases_current_location when ``when`` is None)."""
        c = T["cases"]
        q = select(c.c.classification, func.count()).where(
            _current(c, when), c.c.date_reporting <= day
        )
        if len(sub) < 30000:
            q = q.where(c.c.location.in_(sub))
        q = q.group_by(c.c.classification)
        out = {"cases": 0, "confirmed": 0, "asymptomatic": 0}
        for cls, n in conn.execute(q):
            out["cases"] += n
            out[cls] = out.get(cls, 0) + n
        return out

    # ------------------------------------------------------------------ export

    def export(
        self, kind: TableKind | str, path: str | os.PathLike[str], *, as_of: Any = None
    ) -> Path:
        """Write one kind in its canonical columns to CSV, Parquet, JSON or .xlsx (by suffix).

        Text cells that a spreadsheet would run as a formula (starting with = + - @ tab CR)
        are written to CSV and .xlsx with a leading ``'`` (OWASP's advice against CSV
        injection); importing the file takes it off again, so the round trip is exact
        (``flareup.ingest.columns.escape_cell``). The file appears whole or not at all: it is
        written to a hidden sibling ``.NAME.PID.tmp`` and renamed; the temporary file is removed
        on any error or interruption, and one left by a killed export (its process gone) is
        removed by the next export to that directory.
        """
        try:
            k = TableKind(kind)
        except ValueError:
            raise InputError(
                f"unknown table kind {kind!r}; expected one of: "
                f"{', '.join(t.value for t in TableKind)}",
                field="kind",
            ) from None
        p = Path(path)
        suffix = p.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            raise InputError(
                "unknown file type; expected .csv, .parquet, .json or .xlsx", file=str(p)
            )
        df = self.areas(as_of=as_of) if k is TableKind.AREAS else self._current_table(k, as_of)
        df = df[columns(k)]
        if suffix == ".xlsx" and len(df) >= XLSX_MAX_ROWS:
            raise InputError(
                f"{len(df):,} rows do not fit in one Excel sheet ({XLSX_MAX_ROWS - 1:,} at "
                "most); export to .csv or .parquet",
                file=str(p),
            )
        _remove_stale_temps(p)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        try:
            with _term_as_exit():
                p.parent.mkdir(parents=True, exist_ok=True)
                _write_export(df, k, suffix, tmp)
                os.replace(tmp, p)
        except OSError as exc:
            why = exc.strerror or str(exc)
            if exc.filename and str(exc.filename) != str(tmp):  # e.g. a parent that is a file
                why = f"{why}: {exc.filename}"
            raise InputError(
                f"cannot write the export: {why}", file=str(p), field="output"
            ) from None
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        return p


#: Formats ``Registry.export`` writes.
EXPORT_SUFFIXES = (".csv", ".parquet", ".json", ".xlsx")
#: Rows of one Excel sheet, the header included.
XLSX_MAX_ROWS = 1_048_576


def _write_export(df: pd.DataFrame, kind: TableKind, suffix: str, tmp: Path) -> None:
    if suffix == ".parquet":
        df.to_parquet(tmp, index=False)
        return
    text = _textual(df, kind)
    if suffix in (".csv", ".xlsx"):
        text = _escaped(text, kind)
    if suffix == ".csv":
        text.to_csv(tmp, index=False)
    elif suffix == ".xlsx":
        try:
            # missing values as empty cells (pandas would write Int64's NA as text)
            cells = text.astype(object).where(text.notna(), None)
            cells.to_excel(tmp, index=False, engine="openpyxl", sheet_name=kind.value)
        except ValueError as exc:  # openpyxl's IllegalCharacterError: control characters
            raise InputError(
                f"cannot write as .xlsx: {exc}; export to .csv or .parquet instead",
                file=str(tmp.with_name(tmp.name.split(".")[1])),
            ) from None
    else:
        tmp.write_text(
            json.dumps(
                [
                    {c: (None if pd.isna(v) else v) for c, v in row.items()}
                    for row in text.astype(object).to_dict(orient="records")
                ],
                ensure_ascii=False,
                indent=1,
                default=_json_default,
            )
            + "\n",
            encoding="utf-8",
        )


def _escaped(df: pd.DataFrame, kind: TableKind) -> pd.DataFrame:
    """Text columns with spreadsheet formulas defused (``escape_cell``)."""
    from flareup.ingest.columns import escape_cell
    from flareup.registry.conform import STR

    out = df.copy()
    for col in SPECS[kind]:
        if col.type == STR:
            s = out[col.name].astype(object)
            out[col.name] = s.map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    return out


def _remove_stale_temps(p: Path) -> None:
    """Remove ``.NAME.PID.tmp`` files next to ``p`` whose export process no longer runs (a
    SIGKILL leaves them: no handler runs)."""
    with contextlib.suppress(OSError):
        for tmp in p.parent.glob(f".{glob.escape(p.name)}.*.tmp"):
            pid_text = tmp.name[len(p.name) + 2 : -len(".tmp")]
            if not pid_text.isdigit():
                continue
            pid = int(pid_text)
            if pid != os.getpid() and not _alive(pid):
                tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


@contextlib.contextmanager
def _term_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit for the duration (main thread only), so ``finally`` clauses
    remove temporary files; Ctrl-C already raises KeyboardInterrupt."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


# ---------------------------------------------------------------------- helpers

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
    if not records:
        raise InputError("no keys given: nothing to delete", field="keys")
    required, optional = DELETE_KEYS[kind]
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
            out[col.name] = s.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).where(s.notna(), None)
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


def _depths(sub: list[str], parent: dict[str, Any], root: str) -> dict[str, int]:
    depth = {root: 0}
    for c in sub:
        chain = []
        cur = c
        while cur not in depth:
            chain.append(cur)
            cur = parent[cur]
        d = depth[cur]
        for x in reversed(chain):
            d += 1
            depth[x] = d
    return depth


def _status_metrics(
    df: pd.DataFrame, root: str, depth: dict[str, int], parent: dict[str, Any]
) -> dict[str, MetricStatus]:
    """Own figures first; children summed where an area has none (see Registry.status).

    Vectorised over metrics: one pass per tree level, children's sums grouped by parent.
    """
    out: dict[str, MetricStatus] = {}
    if df.empty:
        return out
    df = df.assign(depth=df["area"].map(depth), value=df["value"].astype("int64"))
    maxd = int(df["depth"].max())
    flow_names = {name for name, mt in METRICS.items() if mt.kind is MetricKind.FLOW}
    is_flow = df["metric"].isin(flow_names)
    flows, stocks = df[is_flow], df[~is_flow]
    # flows, day by day: effective (area, metric, date) value = own, else sum of children's
    below: pd.DataFrame | None = None
    up: pd.DataFrame
    kids_used: pd.DataFrame | None = None
    for d in range(maxd, -1, -1):
        own = flows.loc[flows["depth"] == d, ["area", "metric", "date", "value"]].assign(
            origin="own"
        )
        if below is not None and not below.empty:
            up = pd.DataFrame(
                below.assign(area=below["area"].map(parent))
                .groupby(["area", "metric", "date"], as_index=False)["value"]
                .sum()
            )
            keys = pd.MultiIndex.from_frame(own[["area", "metric", "date"]])
            up = up[~pd.MultiIndex.from_frame(up[["area", "metric", "date"]]).isin(keys)]
            if d == 0:
                kids_used = below.merge(up[["metric", "date"]], on=["metric", "date"])
            own = pd.concat([own, up.assign(origin="children")], ignore_index=True)
        below = own
    root_flow = below[below["area"] == root] if below is not None else pd.DataFrame()
    for metric, g in root_flow.groupby("metric", sort=False):
        g = g.sort_values("date")
        last = g.iloc[-1]
        origins = set(g["origin"])
        origin = origins.pop() if len(origins) == 1 else "mixed"
        sub = flows[(flows["metric"] == metric) & (flows["date"] == last["date"])]
        if last["origin"] == "own":
            sub = sub[sub["area"] == root]
        kids: tuple[str, ...] = ()
        if kids_used is not None:
            kids = tuple(sorted(set(kids_used.loc[kids_used["metric"] == metric, "area"])))
        out[str(metric)] = MetricStatus(
            str(metric),
            "flow",
            int(last["value"]),
            last["date"].date(),
            int(g["value"].sum()),
            origin,
            tuple(sorted(set(sub["source_title"].astype(str)))),
            kids,
        )
    # stocks: latest own figure per area, else the sum of its children's (recursively)
    latest = stocks.sort_values("date").drop_duplicates(["area", "metric"], keep="last")
    below = None
    for d in range(maxd, -1, -1):
        own = latest.loc[
            latest["depth"] == d, ["area", "metric", "date", "value", "source_title"]
        ].assign(kids="")
        if below is not None and not below.empty:
            b = below.assign(child=below["area"], area=below["area"].map(parent))
            up = pd.DataFrame(
                b.groupby(["area", "metric"], as_index=False).agg(
                    date=("date", "max"),
                    value=("value", "sum"),
                    source_title=(
                        "source_title",
                        lambda x: "\n".join(sorted(set("\n".join(x).split("\n")))),
                    ),
                    kids=("child", lambda x: "\n".join(sorted(x))),
                )
            )
            keys = pd.MultiIndex.from_frame(own[["area", "metric"]])
            up = up[~pd.MultiIndex.from_frame(up[["area", "metric"]]).isin(keys)]
            own = pd.concat([own, up], ignore_index=True)
        below = own
    if below is not None:
        for _, r in below[below["area"] == root].iterrows():
            kids = tuple(k for k in str(r["kids"]).split("\n") if k)
            out[str(r["metric"])] = MetricStatus(
                str(r["metric"]),
                "stock",
                int(r["value"]),
                r["date"].date(),
                None,
                "children" if kids else "own",
                tuple(x for x in str(r["source_title"]).split("\n") if x),
                kids,
            )
    return out
