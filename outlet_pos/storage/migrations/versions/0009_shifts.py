"""clerks' shifts: the float, the count and the handover

One row per shift of a terminal's drawer: who opened it and when, the float, and at its
closing the count per note and coin (JSON, as the day's closing keeps it), the total
counted and expected, the difference, the next shift's id when handed over, and the
clerk's note encrypted under the period's data key like the cash reasons (``key_id``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("clerk", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.String(length=40), nullable=False),
        sa.Column("opening_float", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.String(length=40), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("counted", sa.Text(), nullable=True),
        sa.Column("counted_total", sa.Integer(), nullable=True),
        sa.Column("expected_total", sa.Integer(), nullable=True),
        sa.Column("difference", sa.Integer(), nullable=True),
        sa.Column("handed_to", sa.String(length=36), nullable=True),
        sa.Column("key_id", sa.String(length=32), sa.ForeignKey("data_keys.id"),
                  nullable=True),
        sa.Column("note_ct", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_shifts_day", "shifts", ["terminal", "business_date"])
    op.create_index("ix_shifts_open", "shifts", ["terminal", "closed_at"])


def downgrade() -> None:
    op.drop_index("ix_shifts_open", table_name="shifts")
    op.drop_index("ix_shifts_day", table_name="shifts")
    op.drop_table("shifts")
