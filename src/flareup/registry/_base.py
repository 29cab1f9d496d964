"""The registry's engine: opening (URL, SQLite pragmas, migrations), the write transaction,
the query-to-frame helpers and the audit log entry every part writes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

import pandas as pd
import platformdirs
from sqlalchemy import create_engine, event, insert, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from flareup.errors import RegistryError, mask_url, redact
from flareup.registry._common import T, _dumps
from flareup.registry.migrate import WRITE_OPTION, upgrade_to_head, write_transaction


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


class RegistryBase:
    """The engine and connection helpers the ``Registry`` parts build on."""

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
    def sqlite_file(self) -> Path | None:
        """The database file of a SQLite registry; None for a server or an in-memory one
        (what writes beside the registry, e.g. ``flareup demo``'s report, needs a folder)."""
        u = self.engine.url
        if u.get_backend_name() != "sqlite" or u.database in (None, "", ":memory:"):
            return None
        return Path(str(u.database))

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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Registry({self.display_url!r})"

    @staticmethod
    def _close_area_versions(conn: Connection, codes: list[str], now: dt.datetime) -> None:
        v = T["area_versions"]
        for i in range(0, len(codes), 500):
            conn.execute(
                update(v)
                .where(v.c.code.in_(codes[i : i + 500]), v.c.superseded_at.is_(None))
                .values(superseded_at=now)
            )

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
