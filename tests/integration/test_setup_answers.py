"""The installer's answers file: setup under the counter's own account, not the installer's.

The Windows installer writes ``setup-answers.ini`` instead of setting the outlet up in its
elevated profile; ``outlet-pos setup --answers`` (and the first-run wizard) take it from
there, and the file with its one-time enrollment code is removed once the outlet exists.
"""

from __future__ import annotations

import pytest

from outlet_pos import setup_answers
from outlet_pos.domain.errors import ValidationError
from tests.central_server import CentralServer
from tests.integration.test_cli import run

PW = "rahasia-manajer\n"


def _answers(path, **values) -> str:
    path.write_text("[setup]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()),
                    encoding="utf-8")
    return str(path)


def test_setup_takes_the_installers_answers_and_removes_the_file(tmp_path):
    srv = CentralServer(tmp_path / "central").start()
    try:
        code = srv.add_outlet(31)
        paper = tmp_path / "printer.bin"
        answers = _answers(tmp_path / "setup-answers.ini", outlet_number=31, terminal=1,
                           manager="manajer", server=srv.url, enroll_code=code,
                           printer=f"file:{paper}", profile="generic-58", language="en",
                           test_print="yes", data_dir=r"D:\OutletPOS")
        d = tmp_path / "data"
        p = run(d, "setup", "--answers", answers, "--password-stdin", stdin=PW)
        assert p.returncode == 0, p.stderr
        assert "outlet 31 terminal 1 created" in p.stdout and "enrolled as device" in p.stdout
        assert paper.stat().st_size > 500  # the test page, as the answers asked
        assert code not in p.stdout + p.stderr
        assert not (tmp_path / "setup-answers.ini").exists()
        assert "answers file" in p.stdout and "removed" in p.stdout
    finally:
        srv.close()


def test_flags_beside_the_answers_win(tmp_path):
    answers = _answers(tmp_path / "a.ini", outlet_number=31, terminal=1, manager="manajer")
    p = run(tmp_path / "data", "setup", "--answers", answers, "--terminal", "3",
            "--password-stdin", stdin=PW)
    assert p.returncode == 0, p.stderr
    assert "outlet 31 terminal 3 created" in p.stdout


@pytest.mark.parametrize(("line", "field"), [
    ("outlet_number = 12a", "outlet_number"),
    ("test_print = maybe", "test_print"),
    ("pasword = rahasia", "pasword"),  # a typo is named, never silently ignored
])
def test_a_bad_answer_names_its_key_and_creates_nothing(tmp_path, line, field):
    f = tmp_path / "a.ini"
    f.write_text(f"[setup]\nterminal = 1\nmanager = manajer\n{line}\n", encoding="utf-8")
    d = tmp_path / "data"
    p = run(d, "setup", "--answers", str(f), "--outlet-number", "5", "--password-stdin",
            stdin=PW)
    assert p.returncode == 2 and f"{field}:" in p.stderr, p.stderr
    assert "rahasia" not in p.stderr
    assert not (d / "outlet.db").exists() and f.exists()


def test_without_answers_the_three_flags_are_still_required(tmp_path):
    p = run(tmp_path / "data", "setup", "--terminal", "1", "--password-stdin", stdin=PW)
    assert p.returncode == 2
    assert "--outlet-number" in p.stderr and "--manager" in p.stderr


def test_the_loader_refuses_what_is_not_an_answers_file(tmp_path):
    for text in ("not an ini at all", "[other]\nx = 1\n"):
        (tmp_path / "x.ini").write_text(text, encoding="utf-8")
        with pytest.raises(ValidationError):
            setup_answers.load(tmp_path / "x.ini")
    (tmp_path / "big.ini").write_bytes(b"[setup]\n" + b"#" * (setup_answers.MAX_BYTES + 1))
    with pytest.raises(ValidationError):
        setup_answers.load(tmp_path / "big.ini")
    with pytest.raises(ValidationError):
        setup_answers.load(tmp_path / "missing.ini")


def test_default_path_is_the_machine_folder_unless_told(monkeypatch, tmp_path):
    monkeypatch.delenv("OUTLET_POS_SETUP_ANSWERS", raising=False)
    assert setup_answers.default_path().name == "setup-answers.ini"
    assert "outlet-pos" in str(setup_answers.default_path())
    monkeypatch.setenv("OUTLET_POS_SETUP_ANSWERS", str(tmp_path / "x.ini"))
    assert setup_answers.default_path() == tmp_path / "x.ini"
