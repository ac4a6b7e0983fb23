"""Reference data bundled with the app: Indonesian regions, public holidays, tariffs.

Adapters that read packaged data files and hand pure domain objects to the layers above.
"""
