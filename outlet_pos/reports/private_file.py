"""Writing an export that may hold personal data: private to this user from the first byte,
and outside the data directory.

The file is made 0600 when created (not chmod-ed afterwards) and written under a
``.part`` name that is renamed into place, so a failed export leaves no half file.
Exports never go inside the data directory (backups copy it and retention empties
it): ``exports_dir`` is where they go unless a person chooses another folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from platformdirs import user_documents_dir

from ..domain.errors import ValidationError
from ..i18n import Msg

T = TypeVar("T")
EXPORTS_ENV = "OUTLET_POS_EXPORTS"


def write_private(target: Path, write: Callable[[TextIO], int]) -> int:
    """Call ``write`` with the open text file; returns what it returns (rows written)."""
    return _write(target, lambda fd: _text(fd, write))


def write_private_binary(target: Path, write: Callable[[BinaryIO], T]) -> T:
    """As ``write_private``, for a binary file (a PDF)."""
    return _write(target, lambda fd: _binary(fd, write))


def _text(fd: int, write: Callable[[TextIO], int]) -> int:
    with open(fd, "w", encoding="utf-8", newline="") as out:
        return write(out)


def _binary(fd: int, write: Callable[[BinaryIO], T]) -> T:
    with open(fd, "wb") as out:
        return write(out)


def _write(target: Path, body: Callable[[int], T]) -> T:
    part = target.with_name(target.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        result = body(fd)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return result


def refuse_inside(path: Path, data_dir: Path) -> Path:
    """``path`` resolved, or a ValidationError when it lies inside the data directory."""
    resolved, data = path.expanduser().resolve(), data_dir.expanduser().resolve()
    if resolved == data or resolved.is_relative_to(data):
        raise ValidationError(("path", Msg(
            "exports are never written inside the data directory {dir}; choose another "
            "folder", dir=str(data))))
    return resolved


def exports_dir(data_dir: Path, create: bool = True) -> Path:
    """``OUTLET_POS_EXPORTS``, else the user's Documents/Outlet POS; created 0700 unless
    ``create`` is False (a save dialog only suggests it)."""
    chosen = os.environ.get(EXPORTS_ENV) or str(Path(user_documents_dir()) / "Outlet POS")
    path = refuse_inside(Path(chosen), data_dir)
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
