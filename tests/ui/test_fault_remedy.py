"""The fault screen at start-up tells the error as the command line does (issue 19): a
master key that opens none of this database's keys (TamperedData) once showed the
technician "unexpected error (TamperedData)"; now the screen and ``outlet-pos`` give the
same message and the same remedy, in Indonesian."""

from __future__ import annotations

import base64
import os

from outlet_pos.cli.main import main
from tests.ui.test_fault_screen import (  # noqa: F401  (fixtures used by name)
    _gui,
    closed_outlet,
    indonesian,
    read_fault_screen,
)


def test_a_wrong_master_key_reads_the_same_on_the_fault_screen_as_in_the_cli(
        qtbot, closed_outlet, capsys):  # noqa: F811  (the imported fixture)
    keys = list((closed_outlet / "keys").glob("master-*.key"))
    assert keys
    for key in keys:  # another key, same name and mode: it unwraps nothing
        key.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    capsys.readouterr()
    rc = main(["quote", "--data-dir", str(closed_outlet), "--dest-postal-code", "40115",
               "--weight", "1.3", "--dims", "30x20x10"])
    said = [line.removeprefix("outlet-pos: ")
            for line in capsys.readouterr().err.splitlines()]
    assert rc == 1 and len(said) == 2, said
    assert said[0].startswith("kunci utama tidak dapat membuka")
    assert said[1] == ("Yang harus dilakukan: tidak ada yang diubah; jalankan "
                       "'outlet-pos audit verify' dan hubungi dukungan")

    rc, texts, screen = read_fault_screen(_gui(closed_outlet))
    assert rc == 1 and screen.kind == "keys"
    gui_said = [line.removeprefix("outlet-pos: ")
                for line in capsys.readouterr().err.splitlines() if line.startswith("outlet-pos: ")]
    assert gui_said == said  # outlet-pos gui tells scripts the same on stderr
    assert "\n".join(said) in texts
    assert "TamperedData" not in texts and "tak terduga" not in texts
