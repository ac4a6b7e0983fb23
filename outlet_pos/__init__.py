"""Outlet POS: offline-first point of sale for parcel courier outlets."""

__version__ = "0.1.0"
