"""pre-booked parcels dropped off at the counter

A shipment made from a pre-booking keeps its booking code and what the customer already
paid in the courier's app (``prebooking_code``, ``prebooking_paid``; NULL for every other
shipment, so the old rows need nothing). The server's public keys that sign pre-booking
QRs are kept so a QR is checked offline (``prebooking_keys``), and the second-use
conflicts the server reports are kept for the managers' Day review
(``prebooking_conflicts``). Codes, outlets and waybills only: no personal data.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("shipments", sa.Column("prebooking_code", sa.String(length=10),
                                         nullable=True))
    op.add_column("shipments", sa.Column("prebooking_paid", sa.Integer(), nullable=True))
    op.create_index("ix_shipments_prebooking_code", "shipments", ["prebooking_code"])
    op.create_table(
        "prebooking_keys",
        sa.Column("key_id", sa.String(length=8), primary_key=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("fetched_at", sa.String(length=40), nullable=False),
    )
    op.create_table(
        "prebooking_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("first_outlet", sa.Integer(), nullable=True),
        sa.Column("first_waybill", sa.String(length=16), nullable=True),
        sa.Column("first_used_at", sa.String(length=40), nullable=True),
        sa.Column("second_outlet", sa.Integer(), nullable=False),
        sa.Column("second_waybill", sa.String(length=16), nullable=False),
        sa.Column("second_used_at", sa.String(length=40), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("fetched_at", sa.String(length=40), nullable=False),
        sa.UniqueConstraint("code", "second_waybill", name="uq_prebooking_conflicts"),
    )


def downgrade() -> None:
    op.drop_table("prebooking_conflicts")
    op.drop_table("prebooking_keys")
    op.drop_index("ix_shipments_prebooking_code", table_name="shipments")
    with op.batch_alter_table("shipments") as batch:
        batch.drop_column("prebooking_paid")
        batch.drop_column("prebooking_code")
