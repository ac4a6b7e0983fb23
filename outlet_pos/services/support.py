"""The support bundle: the log files, the doctor's findings and version facts in one zip.

Never the database, never keys, never backups. The logs hold no personal data
by construction (tests scan them); as a second line of defence, anything shaped
like an Indonesian phone number or an e-mail address is masked on the way in.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

_PHONE = re.compile(r"(?<![\w.])(?:\+?62|0)8[\d\- ]{7,14}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
LOG_GLOB = "outlet-pos.log*"


def scrub(text: str) -> str:
    return _EMAIL.sub("<email>", _PHONE.sub("<phone>", text))


def log_files(log_dir: Path) -> list[Path]:
    return sorted(p for p in log_dir.glob(LOG_GLOB) if p.is_file()) if log_dir.is_dir() else []


def write_bundle(out: BinaryIO, log_dir: Path, doctor: list[dict[str, Any]],
                 versions: dict[str, str], created_at: datetime) -> None:
    """Write the zip to ``out``: the caller opens it through the checked private writer
    (0600, a fresh temp file, never over anything but an earlier bundle)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in log_files(log_dir):
            text = path.read_text(encoding="utf-8", errors="replace")
            z.writestr(f"logs/{path.name}", scrub(text))
        z.writestr("doctor.json", json.dumps(doctor, ensure_ascii=False, indent=2))
        z.writestr("versions.json", json.dumps(
            {**versions, "bundle_created_at": created_at.isoformat()}, indent=2))
