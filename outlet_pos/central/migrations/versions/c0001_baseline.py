"""The baseline: the central schema as ``create_all`` made it before migrations existed.

A database made by an earlier server (tables, no ``alembic_version``) is upgraded from
nothing: this step creates only what is missing, table by table and index by index, as
``create_all`` did at every start; then the later steps run. The tables are spelled out
here, not taken from ``models``: this file must keep saying what c0001 was.

Revision ID: c0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES: list[tuple[str, list[Any]]] = [
    ("outlets", [
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("origin_district", sa.String(length=16), nullable=True),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("number")]),
    ("enrollment_codes", [
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("outlet", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("expires_at", sa.String(length=40), nullable=False),
        sa.Column("used_at", sa.String(length=40), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("code_hash")]),
    ("devices", [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("outlet", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("enrolled_at", sa.String(length=40), nullable=False),
        sa.Column("revoked_at", sa.String(length=40), nullable=True),
        sa.Column("last_seen", sa.String(length=40), nullable=True),
        sa.Column("last_skew_s", sa.Integer(), nullable=True),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
        sa.Column("audit_head", sa.String(length=64), nullable=True),
        sa.Column("audit_alert", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id")]),
    ("audit_heads", [
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq")]),
    ("nonces", [
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("ts", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "nonce")]),
    ("events", [
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("event_id")]),
    ("shipments", [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("waybill", sa.String(length=16), nullable=False),
        sa.Column("outlet", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("booked_at", sa.String(length=40), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("service", sa.String(length=8), nullable=False),
        sa.Column("origin_district", sa.String(length=16), nullable=False),
        sa.Column("dest_district", sa.String(length=16), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("cod_amount", sa.Integer(), nullable=False),
        sa.Column("payment_method", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("personal_ct", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.Column("voided_at", sa.String(length=40), nullable=True),
        sa.Column("void_reason_ct", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("waybill")]),
    ("day_closings", [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("outlet", "terminal", "sequence")]),
    ("tracking", [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("waybill", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id")]),
    ("tariffs", [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("origin_district", sa.String(length=16), nullable=False),
        sa.Column("body_gz", sa.LargeBinary(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("origin_district", "version")]),
    ("service_points", [
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("district_code", sa.String(length=16), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("hours", sa.String(length=100), nullable=True),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code")]),
    ("data_keys", [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("destroyed_at", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period", "generation")]),
    ("admin_audit", [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=False),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("waybills", sa.Text(), nullable=False),
        sa.Column("reason_ct", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id")]),
    ("cash_movements", [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("outlet", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("by", sa.String(length=64), nullable=False),
        sa.Column("reason_ct", sa.LargeBinary(), nullable=True),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id")]),
]

_INDEXES = [  # (name, table, columns)
    ("ix_nonces_ts", "nonces", ["ts"]),
    ("ix_central_shipments_outlet_date", "shipments", ["outlet", "business_date"]),
    ("ix_tracking_waybill", "tracking", ["waybill"]),
    ("ix_service_points_revision", "service_points", ["revision"]),
]


def upgrade() -> None:
    seen = sa.inspect(op.get_bind())
    tables = set(seen.get_table_names())
    for name, items in _TABLES:
        if name not in tables:
            op.create_table(name, *items)
    for name, table, columns in _INDEXES:
        if table not in tables or name not in {i["name"] for i in seen.get_indexes(table)}:
            op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    raise NotImplementedError("the baseline is not undone: restore a backup instead")
