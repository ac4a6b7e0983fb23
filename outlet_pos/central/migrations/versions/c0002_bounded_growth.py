"""Bounded growth: one audit head per device; the idempotency horizon; time indexes.

- ``audit_heads`` kept a row per upload (every head and every acknowledged link a batch
  named): it now keeps one row per device, the highest link the server has seen, which is
  what ``ingest`` compares the next batch with. Existing rows collapse to that one.
- ``retention_horizons``: the time before which ``retention prune`` has deleted events
  (``events`` is the idempotency log); the server refuses an event created before it.
- ``events.created_at`` and ``tracking.at`` are indexed so that pruning by month reads
  only what it deletes (BRIN on PostgreSQL: both columns grow with the insert order, and
  a BRIN index costs a few kB where a B-tree costs ~50 bytes per row).

Revision ID: c0002
Revises: c0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_heads_c0002",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("device_id"))
    # the highest link of each device; a (device, seq) pair is unique in the old table
    op.execute("INSERT INTO audit_heads_c0002 (device_id, seq, head, received_at) "
               "SELECT a.device_id, a.seq, a.head, a.received_at FROM audit_heads a "
               "WHERE a.seq = (SELECT max(b.seq) FROM audit_heads b "
               "WHERE b.device_id = a.device_id)")
    op.drop_table("audit_heads")
    op.rename_table("audit_heads_c0002", "audit_heads")
    if op.get_bind().dialect.name == "postgresql":  # the name create_all would give it
        op.execute("ALTER TABLE audit_heads RENAME CONSTRAINT audit_heads_c0002_pkey "
                   "TO audit_heads_pkey")
    op.create_table(
        "retention_horizons",
        sa.Column("what", sa.String(length=32), nullable=False),
        sa.Column("before", sa.String(length=40), nullable=False),
        sa.Column("set_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("what"))
    op.create_index("ix_events_created_at", "events", ["created_at"], unique=False,
                    postgresql_using="brin")
    op.create_index("ix_tracking_at", "tracking", ["at"], unique=False,
                    postgresql_using="brin")


def downgrade() -> None:
    raise NotImplementedError("c0002 is not undone: restore a backup instead")
