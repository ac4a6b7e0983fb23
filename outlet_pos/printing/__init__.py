"""Waybills on paper: document model, renderers, printer connections, profiles, print spool."""
