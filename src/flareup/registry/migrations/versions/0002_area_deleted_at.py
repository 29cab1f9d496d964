"""areas.deleted_at: an area retracted by Registry.delete is kept, only marked

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a nullable column with no default: a plain ADD COLUMN on both SQLite and PostgreSQL
    op.add_column("areas", sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
