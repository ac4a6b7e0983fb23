"""day closings: note, cash count by denomination, reopening (a day may close again)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("day_closings") as t:
        # A reopened day closes again under a new number: one *open* closing per date now.
        t.drop_constraint("uq_day_closings_date", type_="unique")
        t.add_column(sa.Column("note", sa.Text(), nullable=True))
        t.add_column(sa.Column("denominations", sa.Text(), nullable=True))
        t.add_column(sa.Column("reopened_at", sa.String(length=40), nullable=True))
        t.add_column(sa.Column("reopened_by", sa.String(length=64), nullable=True))
        t.add_column(sa.Column("reopen_reason", sa.Text(), nullable=True))
        t.create_index("ix_day_closings_date", ["terminal", "business_date"])


def downgrade() -> None:
    with op.batch_alter_table("day_closings") as t:
        t.drop_index("ix_day_closings_date")
        for c in ("reopen_reason", "reopened_by", "reopened_at", "denominations", "note"):
            t.drop_column(c)
        t.create_unique_constraint("uq_day_closings_date", ["terminal", "business_date"])
