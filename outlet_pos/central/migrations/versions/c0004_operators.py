"""The fleet page's operators: accounts, sessions and the log-in throttle.

- ``operators``: the courier's IT staff who may log in to ``/fleet``; an Argon2id hash of
  each password, never the password.
- ``operator_sessions``: one row per log-in, keyed by the SHA-256 of the cookie's token,
  so every instance behind the load balancer finds the session and a copy of the table
  logs nobody in. Rows more than a day past their end are deleted at the next log-in.
- ``login_throttle``: failed log-ins per operator name and per client address, keyed by
  an HMAC (no typed name, no address stored); rows are deleted once their window and
  lock are over.

A database made by ``create_all`` while these tables were already in the models has
them: then this step only records the revision.

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = sa.inspect(op.get_bind())
    if not have.has_table("operators"):
        op.create_table(
            "operators",
            sa.Column("name", sa.String(length=64), nullable=False),
            sa.Column("password_hash", sa.String(length=255), nullable=False),
            sa.Column("status", sa.String(length=12), nullable=False),
            sa.Column("created_at", sa.String(length=40), nullable=False),
            sa.Column("disabled_at", sa.String(length=40), nullable=True),
            sa.Column("last_login_at", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("name"))
    if not have.has_table("operator_sessions"):
        op.create_table(
            "operator_sessions",
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("operator", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.String(length=40), nullable=False),
            sa.Column("last_seen", sa.String(length=40), nullable=False),
            sa.Column("expires_at", sa.String(length=40), nullable=False),
            sa.Column("ended_at", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("token_hash"))
        op.create_index("ix_operator_sessions_operator", "operator_sessions", ["operator"])
        op.create_index("ix_operator_sessions_expires_at", "operator_sessions",
                        ["expires_at"])
    if not have.has_table("login_throttle"):
        op.create_table(
            "login_throttle",
            sa.Column("key", sa.String(length=64), nullable=False),
            sa.Column("failures", sa.Integer(), nullable=False),
            sa.Column("window_start", sa.String(length=40), nullable=False),
            sa.Column("locked_until", sa.String(length=40), nullable=True),
            sa.PrimaryKeyConstraint("key"))


def downgrade() -> None:
    op.drop_table("login_throttle")
    op.drop_table("operator_sessions")
    op.drop_table("operators")
