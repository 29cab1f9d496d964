"""The schema comes from Alembic migrations and matches the models exactly."""

from __future__ import annotations

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
