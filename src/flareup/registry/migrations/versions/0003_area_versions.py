"""area_versions: every version of every area, so that ``as_of`` holds for areas too

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 15:50:00

``areas`` stays the current table (foreign keys point at it); ``area_versions`` keeps each
version with ``recorded_at`` / ``superseded_at`` like the versioned tables. A correction closes
the current version and opens a new one; a deletion closes it with no successor. Areas already
in the store get one version each, recorded at the first area import in the audit log (else
1970-01-01) and closed at ``deleted_at`` where they were deleted: their history from before
this migration is in the audit log only.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "area_versions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_alt", sa.String(length=200), nullable=True),
        sa.Column("name_zh", sa.String(length=200), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent_code", sa.String(length=32), nullable=True),
        sa.Column("population", sa.BigInteger(), nullable=True),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_versions")),
    )
    op.create_index("ix_area_versions_code_recorded_at", "area_versions", ["code", "recorded_at"])
    op.create_index(
        "uq_area_versions_current_code",
        "area_versions",
        ["code"],
        unique=True,
        sqlite_where=sa.text("superseded_at IS NULL"),
        postgresql_where=sa.text("superseded_at IS NULL"),
    )
    bind = op.get_bind()
    meta = sa.MetaData()
    areas = sa.Table("areas", meta, autoload_with=bind)
    audit = sa.Table("audit_log", meta, autoload_with=bind)
    versions = sa.Table("area_versions", meta, autoload_with=bind)
    first = bind.execute(
        sa.select(sa.func.min(audit.c.at)).where(audit.c.table_name == "areas")
    ).scalar()
    since = first or dt.datetime(1970, 1, 1)
    cols = ["code", "name_en", "name_alt", "name_zh", "level", "parent_code", "population"]
    cols.append("geometry")
    bind.execute(
        versions.insert().from_select(
            [*cols, "recorded_at", "superseded_at"],
            sa.select(
                *[areas.c[c] for c in cols],
                sa.literal(since, sa.DateTime()),
                areas.c.deleted_at,
            ),
        )
    )


def downgrade() -> None:
    op.drop_index("uq_area_versions_current_code", table_name="area_versions")
    op.drop_index("ix_area_versions_code_recorded_at", table_name="area_versions")
    op.drop_table("area_versions")
