"""Wiping an outlet's data from a PC: the keys first, then the files.

Destroying the master key (in the OS key store or the key file) is what makes the
database, its WAL and every daily backup unreadable at once — crypto-shredding; removing
the files afterwards only tidies up. Called with no connection open to the database.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from pathlib import Path

from ..domain.stored_settings import MASTER_KEY_ID
from .database import DB_NAME, INSTALL_NAME, InstallInfo
from .keys import forget_master
from .keystore import KeyStore, open_keystore


def master_ids(db_path: Path) -> list[str]:
    """Every master key id the database names (the current one and any a rotation left)."""
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as c:
        ids = {r[0] for r in c.execute("SELECT DISTINCT master_key_id FROM data_keys")}
        ids |= {r[0] for r in c.execute("SELECT value FROM meta WHERE key = ?",
                                         (MASTER_KEY_ID.key,))}
    return sorted(i for i in ids if i)


def wipe(data_dir: Path, store: KeyStore | None = None) -> list[str]:
    """Destroy the outlet's keys, then remove ``data_dir``; returns the key ids destroyed."""
    info = InstallInfo.read(data_dir)
    store = store or open_keystore(info.keystore, data_dir, info.install_id)
    ids = master_ids(data_dir / DB_NAME)
    for key_id in ids:
        forget_master(store, key_id)
    # The log file of this process lives in the folder: let go of it before removing it.
    root = logging.getLogger()
    for h in list(root.handlers):
        if isinstance(h, logging.FileHandler) and Path(h.baseFilename).is_relative_to(data_dir):
            root.removeHandler(h)
            h.close()
    (data_dir / INSTALL_NAME).unlink(missing_ok=True)  # first: no half-wiped outlet opens
    shutil.rmtree(data_dir)
    return ids
