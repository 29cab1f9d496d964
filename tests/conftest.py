"""Shared fixtures: a fresh empty ``Registry`` on SQLite and on a throw-away PostgreSQL 15.

The PostgreSQL server is started once per session from the machine's binaries
(flareup.registry.testing_pg); each test gets the same migrated database, emptied first.
Without the binaries the PostgreSQL half is skipped locally but fails when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from flareup.registry import Registry
from flareup.registry.models import Base
from flareup.registry.testing_pg import PostgresServer, PostgresUnavailable, start_postgres

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server for the whole session, with a migrated template db."""
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not available: {exc}")
    try:
        Registry(server.create_database("flareup_template")).close()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    Registry(f"sqlite:///{path}").close()
    return path


@pytest.fixture(params=BACKENDS)
def backend_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """URL of a fresh, migrated, empty database on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "registry.db"
        shutil.copyfile(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = server.url("flareup_template")
    # one migrated database, emptied before each test (far cheaper than CREATE DATABASE)
    import psycopg

    tables = ", ".join(f'"{t}"' for t in Base.metadata.tables)
    with psycopg.connect(
        f"host=127.0.0.1 port={server.port} user={server.user} dbname=flareup_template",
        autocommit=True,
    ) as conn:
        conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    yield url


@pytest.fixture
def registry(backend_url: str) -> Iterator[Registry]:
    """A fresh empty Registry, once on SQLite and once on PostgreSQL."""
    reg = Registry(backend_url)
    try:
        yield reg
    finally:
        reg.close()
