"""the sender's loyalty card number, encrypted

One column on ``shipments`` (issue 21, the loyalty card):

- ``sender_loyalty_ct``: the loyalty card number the sender gave (domain/loyalty.py),
  encrypted under the row's own period key exactly like ``sender_phone_ct`` (AES-GCM, AAD
  shipments/sender_loyalty_ct/id), NULL when none was given, and shredded by retention
  with the other personal columns (storage/shipments_repo.py PERSONAL_COLUMNS).

Plain ``ADD COLUMN`` of a nullable column: old rows read NULL, no table copy.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("shipments", sa.Column("sender_loyalty_ct", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shipments") as t:
        t.drop_column("sender_loyalty_ct")
