"""Reads: areas, counts (the ``latest`` policy), the other tables as of a moment,
disagreements, designations, campaign plans and the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from flareup.errors import InputError, NotFoundError
from flareup.ingest.model import TableKind
from flareup.registry._base import RegistryBase
from flareup.registry._common import (
    AREA_COLS,
    KINDS,
    OFFICIAL_KINDS,
    T,
    _as_date,
    _as_of,
    _canonical,
    _current,
    _descendants,
    _list,
)
from flareup.registry.conform import columns
from flareup.schema import LINELIST_COLUMNS


class ReadsMixin(RegistryBase):
    """Queries; each takes ``as_of``."""

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
            first = None
            empty = False
            if row is None and when is None:
                # a fresh registry: say what to do, not only that the code is unknown
                empty = conn.execute(select(t.c.code).where(live).limit(1)).first() is None
            if row is None and when is not None:
                v = T["area_versions"]
                first = conn.execute(
                    select(func.min(v.c.recorded_at)).where(v.c.code == str(code))
                ).scalar()
        if row is None:
            when_txt = "" if when is None else f" as of {when:%Y-%m-%d %H:%M:%S}"
            later = ""
            if first is not None and first > when:
                # as_of is a time of recording, not a day of the outbreak: an analyst asking
                # for 'as of 2020-10-26' of a registry loaded in 2026 read 'not in the registry'
                later = (
                    f" (it was first recorded {first:%Y-%m-%d %H:%M:%S} UTC: as-of is the time "
                    "the registry recorded something, not the date of a figure)"
                )
            if empty:
                later = (
                    " (it holds no areas yet: flareup import areas FILE, or flareup demo for "
                    "the Kashgar example)"
                )
            raise NotFoundError(f"area {code!r} is not in the registry{when_txt}{later}")
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

    def last_count_date(self, *, as_of: Any = None) -> dt.date | None:
        """The last date with a current figure, as known at ``as_of`` (None: no figures): the
        date ``flareup status`` opens on, as the dashboard opens on its last date (a registry
        is mostly read after the fact, where 'today' is months after its last figure)."""
        t = T["counts"]
        q = select(func.max(t.c.date)).where(_current(t, _as_of(as_of)))
        with self.engine.connect() as conn:
            value = conn.execute(q).scalar_one()
        return None if value is None else _as_date(value)

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

    def _subtree(self, codes: list[str], as_of: Any = None) -> list[str]:
        areas = self.areas(as_of=as_of)
        out: list[str] = []
        for code in codes:
            out += [code, *_descendants(areas, code, None)]
        return list(dict.fromkeys(out))
