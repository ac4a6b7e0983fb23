"""customers' corrections at the server (UU PDP): the old values, sealed, until they expire

``shipment.corrected`` reseals a shipment's parties with the new value and keeps the old
one here, sealed under the shipment's month (so retention shreds it with the month), until
``expires_at``. ``customer.erased`` needs no table: it empties the shipment's sealed
parties and deletes its rows here.

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shipment_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shipment_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=24), nullable=False),
        sa.Column("old_ct", sa.LargeBinary(), nullable=True),
        sa.Column("corrected_at", sa.String(length=40), nullable=False),
        sa.Column("expires_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_shipment_corrections_shipment_id", "shipment_corrections",
                    ["shipment_id"])
    op.create_index("ix_shipment_corrections_expires_at", "shipment_corrections",
                    ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_shipment_corrections_expires_at", "shipment_corrections")
    op.drop_index("ix_shipment_corrections_shipment_id", "shipment_corrections")
    op.drop_table("shipment_corrections")
