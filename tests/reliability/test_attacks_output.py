"""Attacks on the output paths, the way the outside review found them (issue 16, finding 6).

A clerk may run ``print WAYBILL --pdf FILE``; a manager ``report daily --pdf/--csv FILE``.
Before the fix each wrote ``FILE.part`` and renamed it over whatever FILE was:
``print WAYBILL --pdf <data dir>/outlet.db`` succeeded and the next command said the
database was damaged, and label PDFs came out 0644. Here the real ``outlet-pos`` commands
run on a real data directory and aim their output at the database, at other files in the
data directory (directly, through a symlinked file and through a symlinked folder), at a
folder, a named pipe, a symlink, a file that is not ours and a planted ``.part`` link. Each is
refused with exit 2 and a message naming the option, the database stays byte for byte the
same and opens, and nothing new appears in the data directory. What is written (a fresh
file, or over our own earlier output) is 0600.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.integration.test_cli import EXAMPLE, run
from tests.soak import soak_beyond

MANAGER_PW, CLERK_PW = "rahasia-manajer\n", "rahasia-kasir\n"
CLERK = ("--user", "kasir1", "--password-stdin")
MANAGER = ("--user", "manajer", "--password-stdin")

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks and devices as on POSIX")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    d = tmp_path_factory.mktemp("attack-out") / "data"
    assert run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
               "--password-stdin", stdin=MANAGER_PW).returncode == 0
    assert run(d, "user", "add", "kasir1", "--role", "clerk", *MANAGER,
               stdin=MANAGER_PW + CLERK_PW).returncode == 0
    p = run(d, "book", "--json", str(EXAMPLE), *CLERK, "--output", "json", stdin=CLERK_PW)
    assert p.returncode == 0, p.stderr
    return d, json.loads(p.stdout)[0]["waybill"]


@pytest.fixture
def outlet(template, tmp_path) -> tuple[Path, str]:
    """A copy of the booked outlet per test (no process has it open): an attack that gets
    through damages only its own copy."""
    d = tmp_path / "data"
    shutil.copytree(template[0], d, symlinks=True)
    return d, template[1]


def _digest(path: Path) -> str:
    # Read only while no outlet-pos process has the database open (each run has exited).
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows_but_doctors(db: Path) -> list[str]:
    """Every row of the database as SQL, but the doctor's kept summary (read only while no
    outlet-pos process has it open)."""
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as c:
        return [line for line in c.iterdump() if "doctor_last" not in line]


def _tree(d: Path) -> set[str]:
    return {str(p.relative_to(d)) for p in d.rglob("*") if "logs" not in p.parts}


def _refused(data: Path, option: str, args: tuple[str, ...], stdin: str,
             lang: str = "en") -> str:
    db = data / "outlet.db"
    before, files = _digest(db), _tree(data)
    p = run(data, *args, stdin=stdin, lang=lang)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert f"{option}:" in p.stderr, p.stderr
    assert _digest(db) == before
    assert _tree(data) == files, _tree(data) ^ files
    # The database still opens: the next command works.
    after = run(data, "shipments", "list", *CLERK, stdin=CLERK_PW)
    assert after.returncode == 0, after.stderr
    return p.stderr


def _targets(data: Path, tmp: Path) -> dict[str, Path]:
    """Every way a clerk was found (or could try) to aim an output at the wrong file."""
    tmp.mkdir(exist_ok=True)
    link_db, link_dir = tmp / "label.pdf", tmp / "folder-link"
    if not link_db.is_symlink():
        link_db.symlink_to(data / "outlet.db")
        link_dir.symlink_to(data, target_is_directory=True)
        (tmp / "elsewhere.pdf").write_bytes(b"%PDF-1.4 someone else's\n")
        (tmp / "to-elsewhere.pdf").symlink_to(tmp / "elsewhere.pdf")
        (tmp / "a-folder").mkdir()
        (tmp / "notes.txt").write_text("the outlet's own notes, not ours to replace\n")
        os.mkfifo(tmp / "pipe.pdf")
    return {
        "the live database": data / "outlet.db",
        "a new file in the data directory": data / "label.pdf",
        "a file in a folder of the data directory": data / "backups" / "label.pdf",
        "a symlink to the database": link_db,
        "a symlinked folder into the data directory": link_dir / "outlet.db",
        "a symlink to a file elsewhere": tmp / "to-elsewhere.pdf",
        "a folder": tmp / "a-folder",
        # A special file made here: never aim a test at a real device (as root, the old
        # code renamed its output over /dev/null).
        "a named pipe": tmp / "pipe.pdf",
        "a file that is not ours": tmp / "notes.txt",
    }


TARGETS = ("the live database", "a symlink to the database",
           "a symlinked folder into the data directory", "a file that is not ours",
           "a new file in the data directory", "a file in a folder of the data directory",
           "a symlink to a file elsewhere", "a folder", "a named pipe")
# make test aims each writer at the cases that stand for the rest; make soak at every one
TARGETS_QUICK = 4


@pytest.mark.parametrize("target", soak_beyond(TARGETS, TARGETS_QUICK))
def test_a_clerks_label_pdf_never_replaces_what_it_must_not(outlet, tmp_path, target, figures):
    figures.describe(f"print --pdf aimed at {target}: exit 2 naming --pdf, database intact")
    data, waybill = outlet
    path = _targets(data, tmp_path / "t")[target]
    # A file outside the data directory must be left as it was (the database is checked
    # by _refused before the next command writes to it).
    outside = path.is_file() and not path.resolve().is_relative_to(data.resolve())
    before = path.read_bytes() if outside else None
    _refused(data, "--pdf", ("print", waybill, "--pdf", str(path), *CLERK), CLERK_PW)
    figures.runs = figures.faults = 1
    if before is not None:
        assert path.read_bytes() == before
    assert path.is_symlink() == (target.startswith("a symlink to"))


@pytest.mark.parametrize("option", ["--pdf", "--csv"])
@pytest.mark.parametrize("target", soak_beyond(["the live database", "a symlinked folder into "
                                                "the data directory", "a named pipe",
                                                "a file that is not ours"], 2))
def test_a_managers_report_never_replaces_what_it_must_not(outlet, tmp_path, option, target,
                                                           figures):
    figures.describe(f"report daily {option} aimed at {target}: exit 2, database intact")
    data, _ = outlet
    path = _targets(data, tmp_path / "t")[target]
    _refused(data, option, ("report", "daily", option, str(path), *MANAGER), MANAGER_PW)
    figures.runs = figures.faults = 1


def test_the_clerk_reads_the_refusal_in_indonesian(outlet, figures):
    figures.describe("print --pdf onto the database, in Indonesian: the option and the reason")
    figures.runs = figures.faults = 1
    data, waybill = outlet
    err = _refused(data, "--pdf", ("print", waybill, "--pdf", str(data / "outlet.db"), *CLERK),
                   CLERK_PW, lang="id")
    assert "di dalam folder data" in err and "pilih folder lain" in err, err


def test_a_planted_part_link_is_not_followed(outlet, tmp_path, figures):
    figures.describe("FILE.part planted as a link to the database: the database is not "
                     "truncated, the PDF is written")
    figures.runs = figures.faults = 1
    data, waybill = outlet
    out = tmp_path / "label.pdf"
    (tmp_path / "label.pdf.part").symlink_to(data / "outlet.db")
    p = run(data, "print", waybill, "--pdf", str(out), *CLERK, stdin=CLERK_PW)
    assert p.returncode == 0, p.stderr
    # The print wrote its audit row, so the database changed; it must still be one.
    assert (data / "outlet.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert (tmp_path / "label.pdf.part").is_symlink()
    assert out.read_bytes().startswith(b"%PDF-")
    assert run(data, "shipments", "list", *CLERK, stdin=CLERK_PW).returncode == 0


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_output_is_private_and_our_own_output_may_be_replaced(outlet, tmp_path, figures):
    figures.describe("label PDF, daily PDF and CSV: 0600 under umask 022, written again over "
                     "our own earlier file")
    data, waybill = outlet
    label, report, csv = tmp_path / "label.pdf", tmp_path / "harian.pdf", tmp_path / "hari.csv"
    old = os.umask(0o022)
    try:
        for _ in range(2):  # the second time over the file the first wrote
            p = run(data, "print", waybill, "--copy", "label", "--pdf", str(label), *CLERK,
                    stdin=CLERK_PW)
            assert p.returncode == 0, p.stderr
            p = run(data, "report", "daily", "--pdf", str(report), "--csv", str(csv),
                    *MANAGER, stdin=MANAGER_PW)
            assert p.returncode == 0, p.stderr
            figures.runs += 1
    finally:
        os.umask(old)
    assert label.read_bytes().startswith(b"%PDF-") and report.read_bytes().startswith(b"%PDF-")
    assert csv.read_text(encoding="utf-8").startswith("waybill,")
    assert {_mode(label), _mode(report), _mode(csv)} == {0o600}
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name or p.name.startswith(".")]


def test_a_missing_folder_is_a_field_message_not_an_os_error(outlet, tmp_path, figures):
    figures.describe("print --pdf into a folder that does not exist: exit 2 naming --pdf")
    figures.runs = 1
    data, waybill = outlet
    p = run(data, "print", waybill, "--pdf", str(tmp_path / "tidak-ada" / "x.pdf"), *CLERK,
            stdin=CLERK_PW)
    assert p.returncode == 2 and "--pdf:" in p.stderr, p.stderr


@pytest.mark.parametrize("command", [("logs", "bundle"), ("backup",)])
@pytest.mark.parametrize("target", soak_beyond(["the live database", "a symlinked folder into "
                                                "the data directory", "a named pipe",
                                                "a file that is not ours"], 2))
def test_a_support_bundle_or_backup_never_replaces_what_it_must_not(outlet, tmp_path, command,
                                                                     target, figures):
    figures.describe(f"{' '.join(command)} --to {target} (no log-in needed): exit 2, "
                     "database intact")
    figures.runs = figures.faults = 1
    data, _ = outlet
    path = _targets(data, tmp_path / "t")[target]
    _refused(data, "--to", (*command, "--to", str(path)), "")


def test_a_bundle_and_a_backup_may_replace_their_own_earlier_file(outlet, tmp_path, figures):
    figures.describe("logs bundle and backup --to the same file twice: both succeed")
    data, _ = outlet
    for _ in range(2):
        for command, name in ((("logs", "bundle"), "support.zip"), (("backup",), "b.opbk")):
            p = run(data, *command, "--to", str(tmp_path / name))
            assert p.returncode == 0, p.stderr
            figures.runs += 1


def test_the_writers_signatures_are_the_files_own():
    from outlet_pos.reports.private_file import BACKUP_SIGNATURE
    from outlet_pos.storage.backup_file import MAGIC

    assert BACKUP_SIGNATURE == MAGIC


@pytest.mark.parametrize("where", ["outlet.db", "printed.bin"])
def test_a_file_printer_is_never_inside_the_data_directory(outlet, where, figures):
    figures.describe(f"printer use file:<data dir>/{where}: exit 2 naming the connection; "
                     "every print would have appended waybills to it")
    figures.runs = figures.faults = 1
    data, _ = outlet
    _refused(data, "connection", ("printer", "use", f"file:{data / where}", *MANAGER),
             MANAGER_PW)


def test_a_planted_part_link_does_not_turn_a_support_bundle_into_the_database(outlet, tmp_path,
                                                                                figures):
    figures.describe("logs bundle --to FILE with FILE.part planted as a link to the database "
                     "(a shared stick or /tmp): the database is not touched")
    figures.runs = figures.faults = 1
    data, _ = outlet
    (tmp_path / "support.zip.part").symlink_to(data / "outlet.db")
    before = _rows_but_doctors(data / "outlet.db")
    p = run(data, "logs", "bundle", "--to", str(tmp_path / "support.zip"))
    assert p.returncode == 0, p.stderr
    # The bundle runs doctor, which keeps its summary in the database (the fleet health
    # report sends it): every other row is as it was, and the file is still the database.
    assert (data / "outlet.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert _rows_but_doctors(data / "outlet.db") == before
    assert (tmp_path / "support.zip").read_bytes().startswith(b"PK\x03\x04")
    assert not (tmp_path / "support.zip").is_symlink() and _mode(tmp_path / "support.zip") == 0o600


def test_a_planted_part_link_does_not_turn_a_backup_into_the_database(outlet, tmp_path, figures):
    figures.describe("backup --to FILE with FILE.part planted as a link to the database: the "
                     "database is not touched, the backup is written 0600")
    figures.runs = figures.faults = 1
    data, _ = outlet
    (tmp_path / "b.opbk.part").symlink_to(data / "outlet.db")
    p = run(data, "backup", "--to", str(tmp_path / "b.opbk"))
    assert p.returncode == 0, p.stderr
    # The backup records itself in the database, so it changed; it must still be one.
    assert (data / "outlet.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert run(data, "shipments", "list", *CLERK, stdin=CLERK_PW).returncode == 0
    assert (tmp_path / "b.opbk").read_bytes().startswith(b"OPOSBAK1")
    assert not (tmp_path / "b.opbk").is_symlink() and _mode(tmp_path / "b.opbk") == 0o600
