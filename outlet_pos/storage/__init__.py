"""Persistence: SQLite via SQLAlchemy 2, Alembic migrations, field encryption, keys,
the audit chain and the outbox. The only layer that speaks SQL."""
