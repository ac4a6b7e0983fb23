"""users: must_change (forced change after a manager's reset) and mac (the row's seal)

The seal is an HMAC under a key from the key store, which a migration cannot reach:
existing rows are marked in ``meta`` here and sealed on the first log-in after the
upgrade (storage/users_repo.py), so existing users keep working.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:00:00
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None
FREE_TEXT = "outlet_pos.storage.migrations.versions.0005_free_text_encrypted"

_MARK = "users_unsealed"  # storage.users_repo.UNSEALED_MARK (migrations import nothing of ours)


def upgrade() -> None:
    # A database a build with 0005's first step alone upgraded still has its text in clear.
    importlib.import_module(FREE_TEXT).finish_if_partial()
    # Plain ALTER TABLE: a batch copy of ``users`` would drop a table shipments refer to.
    op.add_column("users", sa.Column("must_change", sa.Integer(), nullable=False,
                                     server_default="0"))
    op.add_column("users", sa.Column("mac", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    if conn.execute(sa.text("select count(*) from users")).scalar():
        conn.execute(sa.text("insert into meta (key, value) values (:k, '1')"), {"k": _MARK})


def downgrade() -> None:
    op.get_bind().execute(sa.text("delete from meta where key = :k"), {"k": _MARK})
    for column in ("mac", "must_change"):  # SQLite >= 3.35 drops a column in place
        op.execute(f"alter table users drop column {column}")
