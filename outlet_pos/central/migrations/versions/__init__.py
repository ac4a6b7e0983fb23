"""The central database's migrations: c0001 (the baseline), c0002, … one line of revisions."""
