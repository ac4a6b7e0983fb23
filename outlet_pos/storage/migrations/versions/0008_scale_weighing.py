"""weights from the scale, and the reasons given for typing over them

Three columns on ``shipments`` (issue 21, the scale):

- ``weight_source``: ``scale`` (the stable reading was booked), ``typed`` (no reading was
  on screen) or ``override`` (a weight typed over the reading). Rows booked before this
  version had no scale: ``typed``.
- ``scale_weight_g``: the stable reading on screen when there was one.
- ``override_reason_ct``: the reason typed for an override, encrypted under the row's
  own period key like ``void_reason_ct`` (AAD shipments/override_reason_ct/id) and
  shredded with it.

Plain ``ADD COLUMN`` (no table copy): SQLite fills the default in for old rows at once.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("shipments", sa.Column("weight_source", sa.String(length=8), nullable=False,
                                         server_default="typed"))
    op.add_column("shipments", sa.Column("scale_weight_g", sa.Integer(), nullable=True))
    op.add_column("shipments", sa.Column("override_reason_ct", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shipments") as t:
        t.drop_column("override_reason_ct")
        t.drop_column("scale_weight_g")
        t.drop_column("weight_source")
