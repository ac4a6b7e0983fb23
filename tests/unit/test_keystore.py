"""The file key store: private, atomic, and loud when something is wrong."""

from __future__ import annotations

import os
import sys

import pytest

from outlet_pos.storage.keystore import FileKeyStore, KeyStoreError, resolve_kind


def test_put_get_delete(tmp_path):
    ks = FileKeyStore(tmp_path / "keys")
    assert ks.get("master-ab12") is None
    ks.put("master-ab12", b"\x00" * 32)
    assert ks.get("master-ab12") == b"\x00" * 32
    if sys.platform != "win32":
        assert (tmp_path / "keys" / "master-ab12.key").stat().st_mode & 0o077 == 0
        assert (tmp_path / "keys").stat().st_mode & 0o077 == 0
    ks.delete("master-ab12")
    assert ks.get("master-ab12") is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_readable_by_others_is_refused_with_the_fix(tmp_path):
    ks = FileKeyStore(tmp_path)
    ks.put("master-1", b"k" * 32)
    os.chmod(tmp_path / "master-1.key", 0o644)
    with pytest.raises(KeyStoreError, match="chmod 600"):
        ks.get("master-1")


def test_damaged_file(tmp_path):
    ks = FileKeyStore(tmp_path)
    (tmp_path / "master-1.key").write_text("%%% not base64 %%%")
    os.chmod(tmp_path / "master-1.key", 0o600)
    with pytest.raises(KeyStoreError, match="damaged"):
        ks.get("master-1")


def test_bad_names_and_kinds(tmp_path):
    with pytest.raises(ValueError):
        FileKeyStore(tmp_path).get("../etc/passwd")
    with pytest.raises(ValueError):
        resolve_kind("vault")
    assert resolve_kind("file") == "file"
