"""Offline-first sync with the central server: wire format, HTTP client, worker, backoff.

No Qt here: the GUI and the CLI both drive the same worker and read the same status.
"""
