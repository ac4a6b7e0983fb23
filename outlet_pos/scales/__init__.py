"""Weighing scales: their protocols (pure decoders), profiles, links and the virtual scale.

An adapter like printing/: ``open_scale(connection, profile)`` gives a ``Scale`` whose
``read(timeout)`` returns a ``Reading`` or raises a ``ScaleFault`` within the timeout.
Services never import this package; they take a port.
"""
