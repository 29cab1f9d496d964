"""Imports and other writes: ``import_table`` (all or nothing, corrections supersede) and
its checks against the store, source ids and the computed designations and plans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from flareup.errors import InputError, Problem
from flareup.ingest.model import SourceInfo, TableKind, ValidatedTable
from flareup.registry._base import RegistryBase
from flareup.registry._common import (
    AREA_COLS,
    AREA_FIELDS,
    KINDS,
    T,
    _check_user,
    _differs,
    _dumps,
    _fingerprint,
    _KindInfo,
    _normalise,
    _now,
    _py,
    _user,
)
from flareup.registry._results import ImportSummary
from flareup.registry.bulk import insert_frame
from flareup.registry.conform import columns, conform
from flareup.schema import OFFICIAL_RULE_SET, SourceKind


class WritesMixin(RegistryBase):
    """Imports: validated tables, computed designations, campaign plans."""

    # ------------------------------------------------------------------ import

    def import_table(self, vt: ValidatedTable, *, user: str | None = None) -> ImportSummary:
        """Import a validated table: all or nothing, idempotent, corrections supersede.

        Raises ``InputError`` (file, row, field, reason for every problem) and leaves the store
        exactly as it was when anything is wrong. A table of no rows writes nothing and
        returns a summary of zeros.
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
        if len(frame) == 0:
            # a table of no rows (a header-only file: the export of an empty table) changes
            # nothing; no source, no audit entry, not even a transaction
            return ImportSummary(kind.value, file, 0, 0, 0)
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
        # the file's own column names (``from``, not the store's ``from_id``)
        in_file = {v: k for k, v in info.rename.items()} | {"source_identity": "source"}
        key_field = in_file.get(info.key[0], info.key[0])
        dup = df.duplicated(list(info.key), keep="first")
        if dup.any():
            names = "/".join(in_file.get(k, k) for k in info.key)
            first = df.groupby(list(info.key), dropna=False, sort=False)["row"].transform("first")
            problems += [
                Problem(
                    file,
                    int(r),
                    key_field,
                    f"duplicate {names} within the file (first at row {int(f)})",
                )
                for r, f in zip(df.loc[dup, "row"].head(200), first[dup].head(200), strict=True)
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
