"""The portable backup's scrypt: current guidance for new files, bounded parameters when read."""

from __future__ import annotations

import base64

import pytest

from outlet_pos.services.backup import BackupError
from outlet_pos.storage.backup_kdf import SCRYPT, checked_kdf, new_kdf

SALT = base64.b64encode(b"0123456789abcdef").decode()


def _header(**kdf) -> dict:
    return {"mode": "passphrase", "kdf": {"name": "scrypt", "n": 2**17, "r": 8, "p": 1,
                                          "salt": SALT, **kdf}}


def test_new_backups_follow_owasp_guidance():
    kdf, salt = new_kdf()
    assert SCRYPT == {"n": 2**17, "r": 8, "p": 1}
    assert (kdf["n"], kdf["r"], kdf["p"]) == (2**17, 8, 1) and len(salt) == 16
    assert checked_kdf({"kdf": kdf}, "x.opbk")[0] == salt
    assert new_kdf()[1] != salt


@pytest.mark.parametrize("n", [2**15, 2**16, 2**17, 2**18])
def test_the_accepted_range_includes_the_earlier_backups(n):
    assert checked_kdf(_header(n=n), "x.opbk")[1:] == (n, 8, 1)


@pytest.mark.parametrize("kdf", [
    {"n": 2**22}, {"n": 2**14}, {"n": 2**17 - 1}, {"n": 0}, {"n": -(2**17)}, {"n": 2.0**17},
    {"n": "131072"}, {"n": None}, {"r": 0}, {"r": 17}, {"p": 0}, {"p": 5}, {"p": True},
    {"n": 2**18, "r": 16},  # 512 MiB
    {"n": 2**17, "r": 8, "p": 4},  # four times the work of the largest N
    {"name": "argon2"},
])
def test_parameters_outside_the_bounds_are_refused_naming_the_file(kdf):
    with pytest.raises(BackupError, match=r"edited\.opbk"):
        checked_kdf(_header(**kdf), "edited.opbk")


@pytest.mark.parametrize("salt", ["", "***", "YQ==", base64.b64encode(b"x" * 65).decode(), 42])
def test_a_salt_that_is_not_one_is_refused(salt):
    with pytest.raises(BackupError, match="salt"):
        checked_kdf(_header(salt=salt), "x.opbk")


@pytest.mark.parametrize("header", [{}, {"kdf": None}, {"kdf": [2**17, 8, 1]}])
def test_a_missing_kdf_is_refused(header):
    with pytest.raises(BackupError, match="key derivation"):
        checked_kdf(header, "x.opbk")
