"""Alembic migrations of the outlet database; run by ``storage.schema.upgrade``."""
