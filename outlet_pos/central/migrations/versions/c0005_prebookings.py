"""Pre-bookings from the courier's app, the app clients that make them, and their conflicts.

- ``prebookings``: one row per booking code; the booking (all personal data) sealed in
  ``payload_ct`` under its issue month's data key, like a shipment's ``personal_ct``; its
  single use (shipment, outlet, waybill, time) in clear.
- ``app_clients``: the courier's programs allowed to create pre-bookings; the SHA-256 of
  each bearer token, never the token.
- ``prebooking_conflicts``: a code used a second time (the second shipment refused) or a
  code never issued (the shipment kept); waybills and outlets only.

A database made by ``create_all`` while these tables were already in the models has
them: then this step only records the revision.

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = sa.inspect(op.get_bind())
    if not have.has_table("prebookings"):
        op.create_table(
            "prebookings",
            sa.Column("code", sa.String(length=10), nullable=False),
            sa.Column("app_client", sa.String(length=64), nullable=False),
            sa.Column("payload_ct", sa.LargeBinary(), nullable=False),
            sa.Column("status", sa.String(length=8), nullable=False),
            sa.Column("issued_at", sa.String(length=40), nullable=False),
            sa.Column("expires_at", sa.String(length=40), nullable=False),
            sa.Column("used_shipment_id", sa.String(length=36), nullable=True),
            sa.Column("used_outlet", sa.Integer(), nullable=True),
            sa.Column("used_waybill", sa.String(length=16), nullable=True),
            sa.Column("used_at", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("code"))
    if not have.has_table("app_clients"):
        op.create_table(
            "app_clients",
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("created_at", sa.String(length=40), nullable=False),
            sa.Column("disabled_at", sa.String(length=40), nullable=True),
            sa.Column("last_used_at", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("name"),
            sa.UniqueConstraint("token_hash"))
    if not have.has_table("prebooking_conflicts"):
        op.create_table(
            "prebooking_conflicts",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(length=10), nullable=False),
            sa.Column("reason", sa.String(length=20), nullable=False),
            sa.Column("first_shipment_id", sa.String(length=36), nullable=True),
            sa.Column("first_outlet", sa.Integer(), nullable=True),
            sa.Column("first_waybill", sa.String(length=16), nullable=True),
            sa.Column("first_used_at", sa.String(length=40), nullable=True),
            sa.Column("second_shipment_id", sa.String(length=36), nullable=False),
            sa.Column("second_outlet", sa.Integer(), nullable=False),
            sa.Column("second_waybill", sa.String(length=16), nullable=False),
            sa.Column("second_used_at", sa.String(length=40), nullable=False),
            sa.Column("at", sa.String(length=40), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("code", "second_shipment_id"))
        op.create_index("ix_prebooking_conflicts_first_outlet", "prebooking_conflicts",
                        ["first_outlet"])
        op.create_index("ix_prebooking_conflicts_second_outlet", "prebooking_conflicts",
                        ["second_outlet"])


def downgrade() -> None:
    op.drop_table("prebooking_conflicts")
    op.drop_table("app_clients")
    op.drop_table("prebookings")
