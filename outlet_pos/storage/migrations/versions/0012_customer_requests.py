"""customers' requests under UU PDP: the old values of corrected fields

A correction (``customer correct``) replaces a party's field on the shipment row and keeps
the old value here, encrypted under the shipment's own period key (so retention shreds it
with the shipment), until ``expires_at`` (domain/customer_requests.py,
``CORRECTION_KEEP_DAYS``). An erasure deletes a shipment's rows here with its personal
columns. Copies and erasures need no table: they are audit rows.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shipment_corrections",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("shipment_id", sa.String(length=36), sa.ForeignKey("shipments.id"),
                  nullable=False),
        sa.Column("field", sa.String(length=24), nullable=False),
        sa.Column("key_id", sa.String(length=32), sa.ForeignKey("data_keys.id"),
                  nullable=False),
        sa.Column("old_ct", sa.LargeBinary(), nullable=True),
        sa.Column("corrected_at", sa.String(length=40), nullable=False),
        sa.Column("expires_at", sa.String(length=40), nullable=False),
    )
    op.create_index("ix_shipment_corrections_shipment", "shipment_corrections",
                    ["shipment_id"])
    op.create_index("ix_shipment_corrections_expires", "shipment_corrections",
                    ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_shipment_corrections_expires", "shipment_corrections")
    op.drop_index("ix_shipment_corrections_shipment", "shipment_corrections")
    op.drop_table("shipment_corrections")
