"""free text encrypted at rest: void reason, payment reference, closing note, reopen reason,
the typed text inside audit rows

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 18:50:00

First step: the ciphertext columns. (The re-encryption of existing rows and the drop of the
clear columns follow in this same revision.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shipments") as t:
        t.add_column(sa.Column("void_reason_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("payment_ref_ct", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("day_closings") as t:
        t.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))
        t.add_column(sa.Column("note_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("reopen_reason_ct", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("audit_log") as t:
        t.add_column(sa.Column("details_ct", sa.LargeBinary(), nullable=True))
        t.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))
        t.add_column(sa.Column("seal", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as t:
        for c in ("seal", "key_id", "details_ct"):
            t.drop_column(c)
    with op.batch_alter_table("day_closings") as t:
        for c in ("reopen_reason_ct", "note_ct", "key_id"):
            t.drop_column(c)
    with op.batch_alter_table("shipments") as t:
        for c in ("payment_ref_ct", "void_reason_ct"):
            t.drop_column(c)
