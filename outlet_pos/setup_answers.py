"""The technician's setup answers, left by the Windows installer for the counter's own account.

An installer runs elevated, often under an administrator's account that is not the
clerks' one. Setting the outlet up there would put the database in that profile and the
master key in that account's Credential Manager, where the clerk's window can reach
neither. So the installer only writes the answers it was given (outlet, terminal, first
manager, server, enrollment code, printer...) to ``setup-answers.ini`` in the machine's
configuration folder (``C:\\ProgramData\\OutletPOS\\outlet-pos``); the first start of Outlet
POS under the counter's account fills the first-run wizard from it (``outlet-pos setup
--answers`` does the same without questions), and the file is removed once the outlet
exists, because it holds a one-time enrollment code. The manager's password is never in
it: the manager types it at the counter.
"""

from __future__ import annotations

import configparser
import contextlib
import os
from pathlib import Path
from typing import Any

from platformdirs import site_config_dir

from .domain.errors import ValidationError
from .i18n import Msg

FILE_NAME = "setup-answers.ini"
SECTION = "setup"
MAX_BYTES = 64 * 1024

_INT_FIELDS = ("outlet_number", "terminal")
_TEXT_FIELDS = ("manager", "outlet_name", "timezone", "server", "enroll_code", "ca_bundle",
                "provisioning_file", "printer", "profile", "language", "scale",
                "scale_profile")
_BOOL_FIELDS = ("test_print",)


def default_path() -> Path:
    """``OUTLET_POS_SETUP_ANSWERS``, else the machine-wide configuration folder."""
    chosen = os.environ.get("OUTLET_POS_SETUP_ANSWERS")
    if chosen:
        return Path(chosen)
    return Path(site_config_dir("outlet-pos", "OutletPOS")) / FILE_NAME


def load(path: Path) -> dict[str, Any]:
    """The answers as ``SetupRequest`` field values (only those given).

    A mistake names the file's key, so the technician can mend the file or the switch.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationError(("answers", Msg("the file {path} is too large", path=path)))
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(("answers", Msg("no file {path}", path=path))) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ValidationError(("answers", Msg("cannot read {path}: {error}", path=path,
                                              error=getattr(e, "strerror", None) or
                                              type(e).__name__))) from None
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=path.name)
    except configparser.Error:
        raise ValidationError(("answers", Msg("{path} is not an answers file ([setup] "
                                              "followed by name = value lines)",
                                              path=path))) from None
    if not parser.has_section(SECTION):
        raise ValidationError(("answers", Msg("{path} has no [setup] section", path=path)))
    out: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []  # (field, Msg)
    for key, raw in parser.items(SECTION):
        value = raw.strip()
        if key in _INT_FIELDS:
            if not value.isdecimal():
                problems.append((key, Msg("must be a whole number")))
            else:
                out[key] = int(value)
        elif key in _TEXT_FIELDS:
            if value:
                out[key] = value
        elif key in _BOOL_FIELDS:
            if value.lower() not in ("yes", "no", "1", "0", "true", "false", ""):
                problems.append((key, Msg("must be yes or no")))
            else:
                out[key] = value.lower() in ("yes", "1", "true")
        elif key == "data_dir":
            continue  # the installer passes it to the shortcuts as --data-dir
        else:
            problems.append((key, Msg("is not a setup answer")))
    if problems:
        raise ValidationError(problems)
    return out


def remove(path: Path) -> bool:
    """Delete the answers once used (it holds a one-time code). False when it could not be."""
    with contextlib.suppress(FileNotFoundError):
        try:
            path.unlink()
        except OSError:
            return False
    return True
