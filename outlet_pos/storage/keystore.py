"""Where the master key lives: the OS key store, or a file only the app's user can read.

The OS key store (Windows Credential Manager/DPAPI, macOS Keychain, Secret
Service) is reached through ``keyring``. Headless Linux and CI have none, so a
key file under ``<data dir>/keys`` with mode 0600 stands in. Keys are stored
by id (``master-<id>``) so a rotation can write the new key before the old one
is dropped, and a crash between the two loses nothing.
"""

from __future__ import annotations

import base64
import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import Protocol

from ..atomic_file import write_bytes
from ..domain.errors import ABOUT_KEYS, AppError
from ..i18n import Msg

SERVICE = "outlet-pos"


class KeyStoreError(AppError):
    """The key store cannot be reached or does not hold the key asked for (a fault, exit 1)."""

    about = ABOUT_KEYS


# What to do when the key store itself will not answer: the doctor's key check names why.
ASK_DOCTOR = Msg("run outlet-pos doctor: it checks the key store and says what to fix")


class KeyStore(Protocol):
    @property
    def description(self) -> str: ...  # where the keys are, for the doctor (no secret)

    def get(self, name: str) -> bytes | None: ...

    def put(self, name: str, secret: bytes) -> None: ...

    def delete(self, name: str) -> None: ...


class FileKeyStore:
    """One file per key, written atomically, readable by the owner only."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.description = Msg("key files in {directory}", directory=str(directory))

    def _path(self, name: str) -> Path:
        if not name.replace("-", "").isalnum():
            raise ValueError("bad key name")
        return self.directory / f"{name}.key"

    def get(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise KeyStoreError(Msg("cannot read the key file {path}: {error}", path=path,
                                    error=e.strerror), remedy=ASK_DOCTOR) from None
        if sys.platform != "win32" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyStoreError(
                Msg("the key file {path} is readable by other users; run: chmod 600 {path}",
                    path=path)
            )
        try:
            return base64.b64decode(raw.strip(), validate=True)
        except ValueError:
            raise KeyStoreError(Msg("the key file {path} is damaged; restore it from backup",
                                    path=path)) from None

    def put(self, name: str, secret: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.directory, 0o700)
        write_bytes(self._path(name), base64.b64encode(secret) + b"\n", permissions=0o600)

    def delete(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(name).unlink()


class KeyringKeyStore:
    """The OS key store via ``keyring``: one entry per key, service ``outlet-pos/<install>``."""

    def __init__(self, install_id: str) -> None:
        import keyring

        self._keyring = keyring
        self.service = f"{SERVICE}/{install_id}"
        self.description = Msg("the system key store ({backend})",
                               backend=keyring.get_keyring().__class__.__name__)

    def get(self, name: str) -> bytes | None:
        try:
            value = self._keyring.get_password(self.service, name)
        except Exception as e:  # keyring backends raise their own types
            raise KeyStoreError(
                Msg("the system key store did not answer: {error}", error=type(e).__name__),
                remedy=ASK_DOCTOR) from None
        return None if value is None else base64.b64decode(value)

    def put(self, name: str, secret: bytes) -> None:
        try:
            self._keyring.set_password(self.service, name, base64.b64encode(secret).decode())
        except Exception as e:
            raise KeyStoreError(
                Msg("cannot save to the system key store: {error}", error=type(e).__name__),
                remedy=ASK_DOCTOR) from None

    def delete(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self._keyring.delete_password(self.service, name)


class MemoryKeyStore:
    """A key store in memory: the keys a backup carries, while it is checked or restored."""

    description = "backup"

    def __init__(self, keys: dict[str, bytes]) -> None:
        self._keys = keys

    def get(self, name: str) -> bytes | None:
        return self._keys.get(name)

    def put(self, name: str, secret: bytes) -> None:
        self._keys[name] = secret

    def delete(self, name: str) -> None:
        self._keys.pop(name, None)


def system_keyring_usable() -> bool:
    """True when keyring has a real backend (not the 'fail' or 'null' ones)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and backend.priority > 0
    except Exception:
        return False


def resolve_kind(kind: str) -> str:
    """``auto`` becomes ``keyring`` when the OS has a key store, else ``file``."""
    if kind == "auto":
        return "keyring" if system_keyring_usable() else "file"
    if kind not in ("keyring", "file"):
        raise ValueError(f"unknown key store {kind!r}; use auto, keyring or file")
    return kind


def open_keystore(kind: str, data_dir: Path, install_id: str) -> KeyStore:
    """``kind`` is ``file``, ``keyring`` or ``auto`` (keyring when usable, else file)."""
    kind = resolve_kind(kind)
    if kind == "keyring":
        return KeyringKeyStore(install_id)
    if kind == "file":
        return FileKeyStore(data_dir / "keys")
    raise ValueError(f"unknown key store {kind!r}; use auto, keyring or file")
