"""The reference central server: the other end of outlet sync (FastAPI + SQLAlchemy).

Stateless: everything lives in the database (SQLite for one machine,
PostgreSQL for several instances behind a load balancer) and in the secrets
file every instance shares.
"""
