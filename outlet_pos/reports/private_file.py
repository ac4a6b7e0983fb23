"""The one checked writer for every output file that may hold personal data (label PDFs,
the daily PDF, the CSV export): private from the first byte, never in the data directory,
never over a file that is not our own earlier output.

Before anything is written the target is checked (``check_output``): its folder must
exist; the path, with every symlink resolved, must not lie inside the data directory
(backups copy it, retention empties it, and the live database is there); and an existing
file is replaced only when it is a regular file (not a folder, device, pipe or symlink)
that starts like what we write (``%PDF-`` for a PDF, our header row for the CSV). A
refusal is a ValidationError naming the option ("--pdf: ..."), so the command line exits
2. The file is written through ``outlet_pos.atomic_file`` with mode 0600 (a fresh hidden
O_EXCL name in the same folder, so a planted ``FILE.part`` link is never followed;
fsynced), checked again and renamed into place, so a failed export leaves no half file.
``exports_dir`` is where exports go unless a person chooses another folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from platformdirs import user_documents_dir

from ..atomic_file import atomic_binary, atomic_text
from ..domain.errors import ValidationError
from ..i18n import Msg
from .csv_export import COLUMNS

T = TypeVar("T")
EXPORTS_ENV = "OUTLET_POS_EXPORTS"
PDF_SIGNATURE = b"%PDF-"
CSV_SIGNATURE = f"{COLUMNS[0]},{COLUMNS[1]},".encode()  # what write_day_csv starts with
ZIP_SIGNATURE = b"PK\x03\x04"  # the support bundle
BACKUP_SIGNATURE = b"OPOSBAK1"  # storage.backup_file.MAGIC (reports may not import storage)
_KIND = {PDF_SIGNATURE: "PDF", CSV_SIGNATURE: "CSV", ZIP_SIGNATURE: "ZIP",
         BACKUP_SIGNATURE: "backup"}


def write_private(target: Path, write: Callable[[TextIO], int], *,
                  data_dir: Path | None = None, option: str = "path",
                  signature: bytes = CSV_SIGNATURE) -> int:
    """Call ``write`` with the open text file; returns what it returns (rows written)."""
    target = check_output(target, data_dir, option, signature)
    with atomic_text(target, permissions=0o600, newline="") as out:
        result = write(out)
        _check_existing(target, option, signature)  # again: it may have changed meanwhile
    return result


def write_private_binary(target: Path, write: Callable[[BinaryIO], T], *,
                         data_dir: Path | None = None, option: str = "path",
                         signature: bytes = PDF_SIGNATURE) -> T:
    """As ``write_private``, for a binary file (a PDF)."""
    target = check_output(target, data_dir, option, signature)
    with atomic_binary(target, permissions=0o600) as out:
        result = write(out)
        _check_existing(target, option, signature)  # again: it may have changed meanwhile
    return result


def check_output(path: Path, data_dir: Path | None, option: str = "path",
                 signature: bytes = PDF_SIGNATURE) -> Path:
    """``path`` with its folder resolved, once it is a place we may write an output to;
    else a ValidationError naming ``option``. ``data_dir`` None skips only that check."""
    path = Path(os.path.abspath(path.expanduser()))
    try:
        folder = path.parent.resolve(strict=True)
    except (OSError, RuntimeError):
        folder = None
    if folder is None or not folder.is_dir():
        raise ValidationError((option, Msg(
            "the folder for this file does not exist; create it or choose another")))
    target = folder / path.name
    if data_dir is not None:
        data = data_dir.expanduser().resolve()
        if any(_inside(p, data) for p in (target, target.resolve())):
            raise ValidationError((option, Msg(
                "the file would be inside the data directory {dir}; output files are never "
                "written there: choose another folder", dir=str(data))))
    _check_existing(target, option, signature)
    return target


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _check_existing(target: Path, option: str, signature: bytes) -> None:
    """Nothing there, or a regular file that starts with ``signature`` (our own output)."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError((option, Msg(
            "the name is taken by something that is not a regular file (a folder, a link or "
            "a device); choose a new file name")))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(target, flags)
    except FileNotFoundError:
        return
    with open(fd, "rb") as f:
        regular = stat.S_ISREG(os.fstat(f.fileno()).st_mode)
        start = f.read(len(signature)) if regular else b""
    if start != signature:
        raise ValidationError((option, Msg(
            "a file of that name exists and is not a {kind} written by Outlet POS; choose "
            "another name", kind=_KIND.get(signature, "file"))))


def refuse_inside(path: Path, data_dir: Path, option: str = "path") -> Path:
    """``path`` resolved, or a ValidationError when it lies inside the data directory."""
    resolved, data = path.expanduser().resolve(), data_dir.expanduser().resolve()
    if _inside(resolved, data):
        raise ValidationError((option, Msg(
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
