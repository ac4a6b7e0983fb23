"""Printer profiles as data (one JSON file per model); see README.md here.

Installed as the package ``outlet_pos.printer_profiles``; read with importlib.resources.
"""
