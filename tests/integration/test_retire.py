"""Retiring a PC: refused while anything is unsent, nothing changed without --confirm,
and with it the keys destroyed before the data folder goes (a copy of the folder taken
before is unreadable without the key)."""

from __future__ import annotations

import shutil

import pytest

from outlet_pos.bootstrap import init_outlet, open_app
from outlet_pos.config import Settings
from outlet_pos.storage.keystore import KeyStoreError
from outlet_pos.storage.wipe import wipe
from tests.integration.test_cli import run
from tests.shipment_factory import book_random

PW = "rahasia-manajer\n"
AUTH = ("--user", "manajer", "--password-stdin")


def _outlet(tmp_path):
    d = tmp_path / "data"
    p = run(d, "init", "--outlet-number", "7", "--terminal", "1", "--manager", "manajer",
            "--password-stdin", stdin=PW)
    assert p.returncode == 0, p.stderr
    return d


def test_unsent_bookings_stop_the_wipe(tmp_path):
    d = _outlet(tmp_path)
    settings = Settings(d, keystore="file")
    app = open_app(settings)
    try:
        book_random(app, app.auth.login("manajer", PW.strip()), 2, seed=1)
    finally:
        app.close()
    p = run(d, "retire", "--confirm", *AUTH, stdin=PW)
    assert p.returncode == 2 and "sync --once" in p.stderr, p.stderr
    assert (d / "outlet.db").exists()


def test_without_confirm_nothing_changes_and_with_it_the_keys_go_first(tmp_path):
    d = _outlet(tmp_path)
    p = run(d, "retire", *AUTH, stdin=PW)
    assert p.returncode == 2 and "--confirm" in p.stderr and (d / "outlet.db").exists()
    copy = tmp_path / "copy"
    shutil.copytree(d, copy, ignore=shutil.ignore_patterns("keys"))  # a thief's copy
    p = run(d, "retire", "--confirm", *AUTH, stdin=PW)
    assert p.returncode == 0 and "1 key(s) destroyed" in p.stdout, p.stderr
    assert not d.exists()
    (copy / "keys").mkdir()  # the key files were inside the folder: gone with it
    with pytest.raises(KeyStoreError):
        open_app(Settings(copy, keystore="file")).close()


def test_a_clerk_may_not_retire_the_pc(tmp_path):
    d = _outlet(tmp_path)
    p = run(d, "user", "add", "kasir1", "--role", "clerk", *AUTH,
            stdin=PW + "rahasia-kasir-01\n")
    assert p.returncode == 0, p.stderr
    p = run(d, "retire", "--confirm", "--user", "kasir1", "--password-stdin",
            stdin="rahasia-kasir-01\n")
    assert p.returncode != 0 and (d / "outlet.db").exists()


class _Store:
    """An OS key store stand-in: what wipe asks it to forget."""

    description = "test store"

    def __init__(self, real) -> None:
        self.real, self.deleted = real, []

    def get(self, name):
        return self.real.get(name)

    def put(self, name, secret):
        self.real.put(name, secret)

    def delete(self, name):
        self.deleted.append(name)
        self.real.delete(name)


def test_wipe_forgets_every_master_key_a_rotation_left(tmp_path, clock):
    settings = Settings(tmp_path / "data", keystore="file")
    app = init_outlet(settings, outlet_number=9, terminal=1, manager="manajer",
                      password=PW.strip(), clock=clock)
    app.admin.rotate_keys(app.auth.login("manajer", PW.strip()))
    store = app.db.store
    app.close()
    spy = _Store(store)
    destroyed = wipe(settings.data_dir, spy)
    assert len(destroyed) >= 1 and spy.deleted == [f"master-{i}" for i in destroyed]
    assert not settings.data_dir.exists()
