"""Alembic environment: always runs on a connection handed in by storage.schema."""

from __future__ import annotations

from alembic import context

from outlet_pos.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through outlet_pos.storage.schema.upgrade")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
