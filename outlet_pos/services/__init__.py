"""Use cases the CLI and the GUI call: quote, book, look up, void, keys, audit, retention.

Services take ports (unit of work, clock, reference data) and never import
Qt, SQL or requests.
"""
