"""A virtual ESC/POS network printer for development, demos and tests."""
