"""customers' corrections and erasures at the server

Reserved: filled in by the customer requests work of issue 21.

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-02
"""

from __future__ import annotations

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
