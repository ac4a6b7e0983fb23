"""The scripted counter session under Xvfb with openbox, typed through xdotool at a person's
pace (issue 15): the real ``outlet-pos gui`` on a demo-like outlet, from log-in to closing
the day. Screenshots of every step go to build/x-session/ (look at them); what failed and
what a clerk would trip over goes to build/x-session/report.json.

Skipped where the X programs are missing (``sh tools/ensure_xsession.sh`` installs them;
``make test`` runs it first).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.x_driver import ROOT, missing_programs
from tests.x_run import run_session

OUT = ROOT / "build" / "x-session"
BUDGET_S = 240


@pytest.mark.soak  # ~3 min of a person's pace; make test has the qtbot human-pace tests
def test_a_morning_at_the_counter_through_the_window_system(tmp_path: Path) -> None:
    missing = missing_programs()
    if missing:
        pytest.skip(f"no {', '.join(missing)}: sh tools/ensure_xsession.sh installs them")
    result = run_session(OUT, tmp_path)
    (OUT / "report.json").write_text(json.dumps(result.__dict__, indent=1,
                                                ensure_ascii=False), encoding="utf-8")
    seen = "\n".join(result.failures)
    assert not result.failures, f"{len(result.failures)} problems (screenshots in {OUT}):\n{seen}"
    assert len(result.waybills) == 3
    assert result.seconds <= BUDGET_S, f"the session took {result.seconds:.0f} s"


# -- the probe the session reads the screen with -----------------------------------------


def test_the_probe_is_off_without_its_variable(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from outlet_pos.ui.probe import install_probe

    monkeypatch.delenv("OUTLET_POS_UI_PROBE", raising=False)
    assert install_probe(QApplication.instance()) is None


def test_the_probe_writes_what_is_visible_privately_on_sigusr1(qtbot, tmp_path,
                                                               monkeypatch) -> None:
    import os
    import signal
    import stat

    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget

    from outlet_pos.ui.probe import install_probe

    path = tmp_path / "probe.json"
    monkeypatch.setenv("OUTLET_POS_UI_PROBE", str(path))
    window = QWidget()
    window.setWindowTitle("Jendela uji")
    shown, hidden = QLabel("Terlihat di layar"), QLabel("Siti Rahasia")
    password = QLineEdit("rahasia-kasir")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.setAccessibleName("Kata sandi")
    layout = QVBoxLayout(window)
    for w in (shown, hidden, password):
        layout.addWidget(w)
    hidden.hide()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    probe = install_probe(QApplication.instance())
    assert probe is not None
    try:
        first = json.loads(path.read_text())  # written at once: "ready"
        os.kill(os.getpid(), signal.SIGUSR1)
        qtbot.waitUntil(lambda: json.loads(path.read_text())["seq"] > first["seq"])
        data = json.loads(path.read_text())
    finally:
        probe.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    texts = [w.get("text") for win in data["windows"] for w in win["widgets"]]
    assert "Terlihat di layar" in texts
    assert "Siti Rahasia" not in texts  # hidden: a person cannot read it
    assert "rahasia-kasir" not in path.read_text()
    secret = next(w for win in data["windows"] for w in win["widgets"]
                  if w["name"] == "Kata sandi")
    assert secret["secret_length"] == len("rahasia-kasir")
    assert "Jendela uji" in [win["title"] for win in data["windows"]]


# -- the session's eyes: what counts as English, as an internal key, as personal ---------


def _screen(*texts: str):
    from tests.x_driver import Screen

    widgets = [{"cls": "QLabel", "name": "", "text": t} for t in texts]
    return Screen({"language": "id", "windows": [{"title": "Outlet POS — Outlet Coblong",
                                                  "widgets": widgets}]})


def test_english_catalogue_text_is_seen_and_shared_words_are_not() -> None:
    from tests.x_checks import english_on_screen

    seen = english_on_screen(_screen("Booked and printed 0120 1010 0000 0015", "&Cancel",
                                     "Tersimpan dan tercetak 0120 1010 0000 0015", "QRIS",
                                     "Rp 15.000", "Total", "COD", "Siti Rahmawati"))
    assert len(seen) == 2, seen
    assert any("Booked and printed" in x for x in seen) and any("&Cancel" in x for x in seen)


def test_internal_keys_are_seen_and_ordinary_colons_are_not() -> None:
    from tests.x_checks import internal_keys_on_screen

    seen = internal_keys_on_screen(_screen(
        "sender.phone: wajib diisi", "HP pengirim: wajib diisi",
        "Printer: net:127.0.0.1:9100", "Outlet 1201/1", "waybill: tidak dikenal",
        "Jam 23:10", "lihat kurir.co.id: bantuan"))
    assert seen == ["sender.phone: wajib diisi", "waybill: tidak dikenal"], seen


def test_personal_values_are_found_however_they_are_spaced() -> None:
    from tests.x_checks import personal_on_screen

    screen = _screen("Siti Rahmawati — Jl. Dago No. 12", "0812-3456-7801")
    assert personal_on_screen(screen, ["Siti Rahmawati", "0812 3456 7801", "Budi"]) == [
        "Siti Rahmawati", "0812 3456 7801"]
