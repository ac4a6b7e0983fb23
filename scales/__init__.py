"""Scale profiles as data (one JSON file per model or protocol); see README.md here.

Installed as the package ``outlet_pos.scale_profiles``; read with importlib.resources.
"""
