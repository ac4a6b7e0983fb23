"""sync: reference data from the server, tracking cache, day closings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_data",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    op.create_table(
        "tracking_cache",
        sa.Column("waybill", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("waybill"),
    )
    op.create_table(
        "day_closings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("closed_at", sa.String(length=40), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.Column("shipments", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Integer(), nullable=False),
        sa.Column("revenue", sa.Integer(), nullable=False),
        sa.Column("cash_expected", sa.Integer(), nullable=False),
        sa.Column("cash_counted", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("terminal", "sequence", name="uq_day_closings_sequence"),
        sa.UniqueConstraint("terminal", "business_date", name="uq_day_closings_date"),
    )


def downgrade() -> None:
    op.drop_table("day_closings")
    op.drop_table("tracking_cache")
    op.drop_table("reference_data")
