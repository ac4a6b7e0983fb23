"""Alembic environment of the central database: runs on the connection handed in by
``outlet_pos.central.migrations`` (which holds the lock), never on a URL of its own."""

from __future__ import annotations

from alembic import context

from outlet_pos.central.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through outlet_pos.central.migrations.prepare")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
