"""Typed settings and where they come from: flag, then environment, then defaults.

The data directory is ``--data-dir``, else ``OUTLET_POS_HOME``, else the
platform's per-user data directory (platformdirs), e.g.
``%LOCALAPPDATA%\\OutletPOS\\outlet-pos`` on Windows, ``~/.local/share/outlet-pos`` on Linux.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from .domain.errors import ValidationError
from .i18n import Msg

APP_NAME = "outlet-pos"
APP_AUTHOR = "OutletPOS"
TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    keystore: str = "auto"  # auto | keyring | file
    retention_days: int = 90
    stale_hours: int = 24  # warn when an event has waited longer than this to be sent

    @classmethod
    def load(cls, data_dir: str | os.PathLike[str] | None = None) -> Settings:
        chosen = data_dir or os.environ.get("OUTLET_POS_HOME") or user_data_dir(
            APP_NAME, APP_AUTHOR)
        keystore = os.environ.get("OUTLET_POS_KEYSTORE", "auto")
        raw = os.environ.get("OUTLET_POS_RETENTION_DAYS", "90")
        if not raw.strip().isdecimal() or not 1 <= int(raw) <= 3650:
            raise ValidationError(("OUTLET_POS_RETENTION_DAYS",
                                   Msg("must be between {lo} and {hi} {unit}", lo=1, hi=3650,
                                       unit=Msg("days"))))
        retention = int(raw)
        stale = os.environ.get("OUTLET_POS_SYNC_WARN_HOURS", "24")
        if not stale.strip().isdecimal() or not 1 <= int(stale) <= 24 * 30:
            raise ValidationError(("OUTLET_POS_SYNC_WARN_HOURS",
                                   Msg("must be between {lo} and {hi} {unit}", lo=1, hi=720,
                                       unit=Msg("hours"))))
        return cls(Path(chosen).expanduser().resolve(), keystore, retention, int(stale))


def zone_name(value: str) -> str:
    """``WIB``/``WITA``/``WIT`` or an IANA name → the IANA name."""
    return TIMEZONES.get(value.upper(), value)
