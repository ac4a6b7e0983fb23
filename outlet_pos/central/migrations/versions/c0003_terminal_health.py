"""Fleet health: ``terminal_health``, each device's last health report, one row per device.

Written by every upload that carries a report (``central/fleet.py``: an upsert, so the
table holds one row per device however many batches come), read by ``fleet status`` and
the fleet page. Counts, codes, a version and check names: no personal data.

A database made by ``create_all`` while this table was already in the models has it:
then this step only records the revision.

Revision ID: c0003
Revises: c0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("terminal_health"):
        return
    op.create_table(
        "terminal_health",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=False),
        sa.Column("queue_depth", sa.Integer(), nullable=False),
        sa.Column("oldest_queued_s", sa.Integer(), nullable=True),
        sa.Column("parked", sa.Integer(), nullable=False),
        sa.Column("doctor_at", sa.BigInteger(), nullable=True),
        sa.Column("doctor_failing", sa.String(length=1000), nullable=False),
        sa.Column("faults", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("device_id"))


def downgrade() -> None:
    op.drop_table("terminal_health")
