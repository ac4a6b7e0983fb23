"""Crash traces in the log directory: what a start keeps, marks and removes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from outlet_pos.logging_setup import CRASH_PREFIX, REPORTED, _tidy


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process check")
def test_a_start_marks_a_crash_removes_clean_leftovers_and_spares_a_live_window(tmp_path):
    dead, alive = _dead_pid(), os.getppid()
    crashed = tmp_path / f"{CRASH_PREFIX}20261201-080000-{dead}"
    crashed.write_text("Fatal Python error: Segmentation fault\n")
    killed = tmp_path / f"{CRASH_PREFIX}20261201-090000-{dead}"  # SIGKILL: nothing written
    killed.write_text("")
    running = tmp_path / f"{CRASH_PREFIX}20261201-100000-{alive}"  # another window, open
    running.write_text("")
    old = [tmp_path / f"{CRASH_PREFIX}2026110{i}-000000-1{REPORTED}" for i in range(5)]
    for p in old:
        p.write_text("Fatal Python error\n")

    found = _tidy(tmp_path, keep=3)

    assert [p.name for p in found] == [crashed.name + REPORTED]
    assert not killed.exists() and running.exists()
    kept = sorted(p.name for p in tmp_path.glob("*" + REPORTED))
    assert kept == sorted([old[3].name, old[4].name, crashed.name + REPORTED])  # newest 3
    assert _tidy(tmp_path, keep=3) == []  # reported once only
