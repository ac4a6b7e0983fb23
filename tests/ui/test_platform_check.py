"""Before Qt starts (and would abort the process), a missing X11 library is named."""

from __future__ import annotations

import ctypes
import sys

import pytest

from outlet_pos.ui import platform_check


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux only")
def test_a_library_the_xcb_plugin_cannot_load_is_named(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)

    def cdll(path):
        raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    assert platform_check.missing_display_library() == "libxcb-icccm.so.4"


def test_offscreen_and_other_platforms_need_no_check(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.missing_display_library() is None


def test_the_gui_refuses_with_the_package_list_instead_of_aborting(app, monkeypatch, capsys):
    from outlet_pos.ui import run

    monkeypatch.setattr(run, "missing_display_library", lambda: "libxcb-icccm.so.4")
    assert run.run_gui(app) == 1
    err = capsys.readouterr().err
    assert "libxcb-icccm.so.4" in err and "libxcb-cursor0" in err
