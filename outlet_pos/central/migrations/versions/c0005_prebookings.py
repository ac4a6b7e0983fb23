"""pre-bookings from the courier's app and their single use

Reserved: filled in by the pre-booked drop-off work of issue 21.

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-02
"""

from __future__ import annotations

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
