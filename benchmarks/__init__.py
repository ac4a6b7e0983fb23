"""Reproducible speed measurements, each beside a baseline. Run with ``make bench``."""
