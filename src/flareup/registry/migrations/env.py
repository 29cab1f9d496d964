"""Alembic environment for the registry, run programmatically by ``Registry`` (no alembic.ini).

The caller passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from flareup.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run migrations on the connection the registry handed over."""
    connection = config.attributes.get("connection")
    if connection is None:  # command-line use: build an engine from the configured URL
        from sqlalchemy import create_engine

        engine = create_engine(str(config.get_main_option("sqlalchemy.url")))
        with engine.begin() as conn:
            _run(conn)
        engine.dispose()
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # the caller's transaction holds the whole upgrade, alembic_version included; on SQLite
        # the store makes DDL transactional (see flareup.registry.migrate)
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
