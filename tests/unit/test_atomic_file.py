"""The one atomic-write helper: fsync of file and folder, nothing partial, exact modes."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from outlet_pos import atomic_file
from outlet_pos.atomic_file import (
    atomic_binary,
    atomic_text,
    move_into_place,
    write_bytes,
    write_text,
)

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and fsync")


class Boom(Exception):
    pass


@pytest.fixture
def calls(monkeypatch):
    """Every fsync (as the inode it reached) and replace, in order."""
    seen: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        seen.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(src, dst) -> None:
        seen.append(("replace", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    monkeypatch.setattr(atomic_file.os, "replace", replace)
    return seen


def test_content_replaces_the_old(tmp_path):
    target = tmp_path / "install.json"
    target.write_text("old")
    write_text(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert os.listdir(tmp_path) == ["install.json"]


@posix_only
def test_the_file_is_fsynced_before_the_rename_and_the_folder_after(tmp_path, calls):
    target = tmp_path / "k.key"
    write_bytes(target, b"secret")
    folder = tmp_path.stat().st_ino
    assert calls == [("fsync", target.stat().st_ino), ("replace", "k.key"), ("fsync", folder)]


@posix_only
def test_text_and_move_into_place_fsync_too(tmp_path, calls):
    with atomic_text(tmp_path / "a.csv", newline="") as f:
        f.write("a,b\r\n")
    assert (tmp_path / "a.csv").read_bytes() == b"a,b\r\n"
    assert [c[0] for c in calls] == ["fsync", "replace", "fsync"]
    calls.clear()
    (tmp_path / "image.tmp").write_bytes(b"db")
    move_into_place(tmp_path / "image.tmp", tmp_path / "outlet.db")
    assert calls == [("replace", "outlet.db"), ("fsync", tmp_path.stat().st_ino)]
    assert (tmp_path / "outlet.db").read_bytes() == b"db"


def test_not_durable_skips_only_the_fsyncs(tmp_path, calls):
    write_text(tmp_path / "probe.json", "{}", durable=False)
    assert calls == [("replace", "probe.json")]


@pytest.mark.parametrize("writer", ["binary", "text"])
def test_an_error_while_writing_keeps_the_old_content_and_no_temporary_file(tmp_path, writer):
    target = tmp_path / "backup.opbak"
    target.write_bytes(b"the old backup")
    with pytest.raises(Boom):
        if writer == "binary":
            with atomic_binary(target, permissions=0o600) as f:
                f.write(b"half of the new")
                raise Boom
        else:
            with atomic_text(target) as f:
                f.write("half of the new")
                raise Boom
    assert target.read_bytes() == b"the old backup"
    assert os.listdir(tmp_path) == ["backup.opbak"]


def test_a_failed_rename_keeps_the_old_content_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "job.bin"
    target.write_bytes(b"old")

    def fail(src, dst) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["job.bin"]


def test_a_new_file_gets_no_partial_name_on_error(tmp_path):
    with pytest.raises(Boom), atomic_binary(tmp_path / "new.pdf"):
        raise Boom
    assert os.listdir(tmp_path) == []


@posix_only
def test_permissions_are_exact_from_the_first_byte(tmp_path):
    old = os.umask(0o277)  # would cut 0o600 to 0o400 and 0o640 to 0o400
    try:
        seen = []
        with atomic_binary(tmp_path / "k.key", permissions=0o600) as f:
            seen.append(stat.S_IMODE(os.fstat(f.fileno()).st_mode))
        write_bytes(tmp_path / "shared", b"x", permissions=0o640)
    finally:
        os.umask(old)
    assert seen == [0o600]
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o640


@posix_only
def test_a_wider_old_file_is_replaced_by_a_private_one_and_default_follows_umask(tmp_path):
    target = tmp_path / "snapshot.json"
    target.write_text("{}")
    target.chmod(0o666)
    write_text(target, "{}", permissions=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "install.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "install.json").stat().st_mode) == 0o644


@posix_only
def test_a_link_planted_under_the_temporary_name_is_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "elsewhere"
    victim.write_text("untouched")
    draws = iter(["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    monkeypatch.setattr(atomic_file.secrets, "token_hex", lambda n: next(draws))
    (tmp_path / ".out.csv.aaaaaaaaaaaa.part").symlink_to(victim)
    write_text(tmp_path / "out.csv", "ours")
    assert victim.read_text() == "untouched"
    assert (tmp_path / "out.csv").read_text() == "ours"
    assert not (tmp_path / ".out.csv.bbbbbbbbbbbb.part").exists()


def test_domain_and_services_never_write_files_through_it():
    pkg = Path(atomic_file.__file__).parent
    users = [str(p.relative_to(pkg)) for layer in ("domain", "services")
             for p in (pkg / layer).rglob("*.py") if "atomic_file" in p.read_text()]
    assert users == []
