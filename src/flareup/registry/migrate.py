"""Running the registry's Alembic migrations from code (no alembic.ini needed at run time), and
the one way the registry opens a write transaction.

Schema creation is atomic on both backends: the migrations and the ``alembic_version`` row run
in one transaction (PostgreSQL DDL is transactional; on SQLite the store turns off the driver's
own transaction handling and issues ``BEGIN`` itself, so ``CREATE TABLE`` is transactional too).
A kill during the first open leaves an empty database, which the next open migrates. A file
left half-created by an older flareup (tables, no ``alembic_version``) is recognised: when every
table in it is one of the registry's and empty, they are dropped and created again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import Connection, Engine

from flareup.errors import RegistryError

MIGRATIONS = Path(__file__).with_name("migrations")

#: Execution option that makes a SQLite transaction ``BEGIN IMMEDIATE`` (see _base.py).
WRITE_OPTION = "flareup_write"
#: PostgreSQL advisory-lock key held by every registry write transaction ("flar" in ASCII).
WRITE_LOCK_KEY = 0x666C6172


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    """The newest migration revision shipped with this version of flareup."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that writes, serialised with every other registry writer.

    PostgreSQL: ``pg_advisory_xact_lock`` first (released at commit or rollback), so two large
    imports never interleave their row and index locks (no deadlock) and the second import of
    the same file waits, then finds every row already there. SQLite: ``BEGIN IMMEDIATE`` takes
    the database's write lock at once; a second writer waits on the busy timeout.
    """
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
            yield conn


def _recover_half_created(conn: Connection) -> None:
    """Drop the registry's tables from a database that has them but no schema version, when
    they are all empty (a first open cut short by an older flareup); refuse anything else."""
    from flareup.registry.models import Base

    present = set(inspect(conn).get_table_names())
    if not present:
        return
    ours = {*Base.metadata.tables, "area_versions", "alembic_version"}
    foreign = sorted(present - ours)
    if foreign:
        raise RegistryError(
            "the database holds tables flareup does not know "
            f"({', '.join(foreign[:5])}) and no flareup schema version; "
            "give a new database or an existing flareup registry"
        )
    filled = [
        t
        for t in sorted(present - {"alembic_version"})
        if conn.execute(select(func.count()).select_from(table(t))).scalar()
    ]
    if filled:
        raise RegistryError(
            "the database has flareup tables with rows but no schema version "
            f"(tables with rows: {', '.join(filled[:5])}); it was not made by this flareup: "
            "restore it from a backup or give a new database"
        )
    q = conn.dialect.identifier_preparer
    # referring tables before the tables they refer to
    order = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name in present]
    for name in [*sorted(present - set(order)), *order]:
        conn.execute(text(f"DROP TABLE {q.quote(name)}"))


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest revision, in one transaction (see the module doc)."""
    head = head_revision()
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return
    with write_transaction(engine) as conn:
        # another process may have migrated while we waited for the lock
        rev = current_revision(conn)
        if rev == head:
            return
        if rev is None:
            _recover_half_created(conn)
        command.upgrade(alembic_config(conn), "head")
