"""The schema comes from Alembic migrations and matches the models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from flareup.registry import Registry
from flareup.registry.migrate import current_revision, head_revision
from flareup.registry.models import Base


def test_migrated_to_head_and_models_match(registry: Registry) -> None:
    with registry.engine.connect() as conn:
        assert current_revision(conn) == head_revision() is not None
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    names = set(inspect(registry.engine).get_table_names())
    assert set(Base.metadata.tables) <= names


def test_reopen_is_a_no_op(registry: Registry) -> None:
    again = Registry(registry.url)
    try:
        assert again.areas().empty
    finally:
        again.close()


def test_sqlite_pragmas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    reg = Registry(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with reg.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        reg.close()


def test_default_url_from_env(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from flareup.registry import default_url

    monkeypatch.setenv("FLAREUP_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert default_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("FLAREUP_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_url().startswith("sqlite:///") and default_url().endswith("flareup.db")


def test_bare_path_is_sqlite(tmp_path) -> None:  # type: ignore[no-untyped-def]
    reg = Registry(str(tmp_path / "plain.db"))
    try:
        assert reg.url.startswith("sqlite:///") and (tmp_path / "plain.db").exists()
    finally:
        reg.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_from_0002_backfills_area_versions(
    backend: str, tmp_path, request: pytest.FixtureRequest
) -> None:  # type: ignore[no-untyped-def]
    """A store made before migration 0003 gets one version per area (deleted ones closed)."""
    import datetime as dt

    from alembic import command
    from sqlalchemy import create_engine, insert, select

    from flareup.registry.migrate import alembic_config
    from flareup.registry.models import Base

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database()
    eng = create_engine(url)
    with eng.begin() as conn:
        command.upgrade(alembic_config(conn), "0002")
        t, a = Base.metadata.tables["areas"], Base.metadata.tables["audit_log"]
        conn.execute(
            insert(t),
            [
                {
                    "code": "1",
                    "name_en": "A",
                    "level": "province",
                    "parent_code": None,
                    "population": 5,
                    "deleted_at": None,
                },
                {
                    "code": "2",
                    "name_en": "B",
                    "level": "county",
                    "parent_code": "1",
                    "population": None,
                    "deleted_at": dt.datetime(2020, 11, 2),
                },
            ],
        )
        conn.execute(
            insert(a).values(
                at=dt.datetime(2020, 11, 1),
                user="u",
                action="insert",
                table_name="areas",
                key="2 areas",
            )
        )
    eng.dispose()
    reg = Registry(url)
    try:
        with reg.engine.connect() as conn:
            v = Base.metadata.tables["area_versions"]
            rows = conn.execute(
                select(v.c.code, v.c.population, v.c.recorded_at, v.c.superseded_at).order_by(
                    v.c.code
                )
            ).all()
        assert [tuple(r) for r in rows] == [
            ("1", 5, dt.datetime(2020, 11, 1), None),
            ("2", None, dt.datetime(2020, 11, 1), dt.datetime(2020, 11, 2)),
        ]
        assert list(reg.areas(as_of="2020-11-01T12:00")["code"]) == ["1", "2"]
        assert list(reg.areas()["code"]) == ["1"]
    finally:
        reg.close()
