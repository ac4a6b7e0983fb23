"""A virtual ESC/POS network printer for development, demos and tests.

``interpreter.render_escpos`` turns the bytes a thermal printer receives into the
paper it prints (using ``paper`` for characters and the roll, ``symbols`` for
barcodes and QR codes); ``server.VirtualPrinter`` takes jobs over raw TCP like a
port-9100 printer, answers status requests and plays printer faults.
"""
