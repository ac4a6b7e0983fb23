"""Bundled reference data (tariffs, later icons, style sheets and translations).

Installed as the package ``outlet_pos.resources``; read it with importlib.resources.
"""
