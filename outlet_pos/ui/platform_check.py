"""Can Qt open a window here? Asked before ``QApplication`` exists, because when Qt's
platform plugin cannot load, Qt aborts the whole process with no way to catch it.

On Linux/X11 the PySide6 wheel brings Qt but not the system xcb libraries its ``xcb``
plugin links against; a fresh outlet PC often lacks some. Loading the plugin with
``ctypes`` resolves its links in milliseconds and names the first missing library, so
the technician gets the package list instead of a core dump.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

# Debian/Ubuntu packages for Qt's xcb platform (the .deb depends on the same list).
XCB_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
                "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0",
                "libxcb-xkb1", "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1")


def _platform() -> str:
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0]
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def missing_display_library() -> str | None:
    """The name of a system library Qt's X11 platform cannot find, or None when it can
    start (or the platform is not X11: Windows, macOS, offscreen, Wayland)."""
    if not sys.platform.startswith("linux") or _platform() != "xcb":
        return None
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None  # a distribution's own Qt layout: let Qt say it
    try:
        ctypes.CDLL(str(plugin))
    except OSError as e:
        # "libxcb-icccm.so.4: cannot open shared object file: …"
        return str(e).split(":")[0].rsplit("/", 1)[-1] or str(e)
    # Qt 6.5+ opens xcb-cursor at run time rather than linking it.
    if ctypes.util.find_library("xcb-cursor") is None:
        return "libxcb-cursor.so.0"
    return None
