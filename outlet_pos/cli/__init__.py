"""The ``outlet-pos`` command: a thin shell over the same services the GUI calls."""
