"""The PySide6 counter window. Only this package imports Qt; it calls the same services
as the CLI, and never does network or printer I/O on the GUI thread (see background)."""
