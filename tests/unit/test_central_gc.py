"""The serve process's collector settings (central/serving.py's ``tune_gc``)."""

from __future__ import annotations

import gc

from outlet_pos.central import serving


def test_tune_gc_freezes_what_is_built_and_widens_the_young_generation() -> None:
    before = gc.get_threshold()
    try:
        serving.tune_gc()
        assert gc.get_threshold() == serving.GC_THRESHOLDS
        assert gc.get_freeze_count() > 0  # the modules and objects built before serving
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
