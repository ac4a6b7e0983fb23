"""Writing an export that may hold personal data: private to this user from the first byte.

The file is made 0600 when created (not chmod-ed afterwards) and written under a
``.part`` name that is renamed into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def write_private(target: Path, write: Callable[[TextIO], int]) -> int:
    """Call ``write`` with the open text file; returns what it returns (rows written)."""
    part = target.with_name(target.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            n = write(out)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n
