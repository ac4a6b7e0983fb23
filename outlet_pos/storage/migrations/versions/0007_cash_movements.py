"""cash movements (opening float, cash in, cash out) and day carry-overs

From this version a business day never closed keeps the next one from opening. An outlet
that never closed its days would be stopped at its first booking after the upgrade, so
the days before each terminal's latest one that have bookings and no closing are carried
over here, by ``upgrade``: only the latest day still needs a manager.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
FREE_TEXT = "outlet_pos.storage.migrations.versions.0005_free_text_encrypted"


def upgrade() -> None:
    # A database a build with 0005's first step alone upgraded still has its text in clear.
    importlib.import_module(FREE_TEXT).finish_if_partial()
    op.create_table(
        "cash_movements",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("key_id", sa.String(length=32), sa.ForeignKey("data_keys.id"),
                  nullable=False),
        sa.Column("reason_ct", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_cash_movements_day", "cash_movements", ["terminal", "business_date"])
    op.create_table(
        "day_carry_overs",
        sa.Column("terminal", sa.Integer(), primary_key=True),
        sa.Column("business_date", sa.String(length=10), primary_key=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
    )
    op.execute("""
        INSERT INTO day_carry_overs (terminal, business_date, at, by)
        SELECT DISTINCT s.terminal, s.business_date, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'),
               'upgrade'
        FROM shipments s
        WHERE s.business_date < (SELECT max(l.business_date) FROM shipments l
                                 WHERE l.terminal = s.terminal)
          AND NOT EXISTS (SELECT 1 FROM day_closings c WHERE c.terminal = s.terminal
                          AND c.business_date = s.business_date)
    """)


def downgrade() -> None:
    op.drop_table("day_carry_overs")
    op.drop_index("ix_cash_movements_day", table_name="cash_movements")
    op.drop_table("cash_movements")
