"""Write a file so that a crash or an error leaves the old content or the new, never a part.

The one helper for every layer that writes files (storage, printing, reports, i18n, ui;
never domain or services, which do no I/O). The new content goes to a fresh hidden file
in the same folder (``.NAME.<random>.part``, opened with O_EXCL so a link planted under
that name is never followed), is flushed and fsynced, renamed over the target with
``os.replace`` and the folder is fsynced, so the rename itself survives a power cut.
An exception inside the ``with`` block removes the temporary file and leaves the target
as it was.

``permissions`` (e.g. 0o600) is the mode of the new file from its first byte, exactly
(the umask cannot widen or narrow it); None gives a new file the usual 0o666 less the
umask. ``durable=False`` skips the two fsyncs and keeps the atomic rename: only for files
nobody needs after a power cut (the test probe, the virtual printer's pages).
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

__all__ = ["atomic_binary", "atomic_text", "fsync_dir", "move_into_place", "write_bytes",
           "write_text"]


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable (a no-op on Windows, where a
    folder cannot be opened for fsync and NTFS journals the rename)."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_temp(path: Path, permissions: int | None) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
        try:
            fd = os.open(tmp, flags, 0o666 if permissions is None else permissions)
        except FileExistsError:  # 48 random bits taken: another writer's; draw again
            continue
        if permissions is not None and hasattr(os, "fchmod"):
            try:
                os.fchmod(fd, permissions)  # a umask of 0o277 would have cut 0o600 too
            except BaseException:
                os.close(fd)
                tmp.unlink(missing_ok=True)
                raise
        return fd, tmp


@contextlib.contextmanager
def atomic_binary(path: Path, *, permissions: int | None = None,
                  durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write; it replaces ``path`` when the block ends without error."""
    fd, tmp = _open_temp(path, permissions)
    try:
        with open(fd, "wb") as f:
            yield f
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_text(path: Path, *, permissions: int | None = None, encoding: str = "utf-8",
                newline: str | None = None, durable: bool = True) -> Iterator[TextIO]:
    """As ``atomic_binary``, for text (``newline=""`` writes line ends as given, for CSV)."""
    with atomic_binary(path, permissions=permissions, durable=durable) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline=newline)
        try:
            yield text
        finally:
            text.detach()  # flushes into ``raw``, which atomic_binary then syncs or drops


def write_bytes(path: Path, data: bytes, *, permissions: int | None = None,
                durable: bool = True) -> None:
    """Replace ``path``'s content with ``data``, atomically."""
    with atomic_binary(path, permissions=permissions, durable=durable) as f:
        f.write(data)


def write_text(path: Path, text: str, *, permissions: int | None = None,
               encoding: str = "utf-8", durable: bool = True) -> None:
    """Replace ``path``'s content with ``text``, atomically."""
    with atomic_text(path, permissions=permissions, encoding=encoding,
                     durable=durable) as f:
        f.write(text)


def move_into_place(src: Path, dest: Path) -> None:
    """Rename a file already written and fsynced (a restored database image) over
    ``dest``, durably: the rename is fsynced in ``dest``'s folder."""
    os.replace(src, dest)
    fsync_dir(dest.parent)
