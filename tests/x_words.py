"""The words and people of the X session (tests/x_scenario.py): the Indonesian a clerk sees
for a template (read from outlet_pos_id.ts, as the window's .qm is built from it), the Alt
keys of labels, the accessible names to find widgets by, the invented customers, and the
outlet they come to."""

from __future__ import annotations

import re
import string
import subprocess
from functools import cache
from pathlib import Path

from outlet_pos.i18n import TS_FILES
from outlet_pos.i18n.ts_file import finished, read_ts

from .x_driver import BIN, Driver, Screen

MANAGER, MANAGER_PW = "manajer", "demo-manajer-1"
CLERK, CLERK_PW = "kasir1", "demo-kasir-1"
DENOMINATIONS = (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100)
LOCK_NOW, SWITCH_USER, PRIVACY = "Kunci sekarang", "Ganti pengguna", "Layar terkunci"
WAYBILL = re.compile(r"\d[\d -]{14,22}\d")

# The people of the session (invented); every one of these must vanish under the lock.
SITI = {"phone": "0812 3456 7801", "name": "Siti Rahmawati", "street": "Jl. Dago No. 12",
        "postal": "40135"}
BUDI = {"phone": "0813 9876 5432", "name": "Budi Santoso", "street": "Jl. Sudirman Kav. 5",
        "postal": "12190"}
DEWI = {"phone": "0857 1122 3344", "name": "Dewi Lestari", "street": "Jl. Pemuda No. 7",
        "postal": "40115"}
AGUS = {"phone": "0878 5566 7788", "name": "Agus Pratama", "street": "Jl. Cihampelas 30",
        "postal": "40131"}
RINA = {"phone": "0812 9988 7766", "name": "Rina Wulandari", "street": "Jl. Asia Afrika 1",
        "postal": "40111"}
MARLINA = {"phone": "0813 1111 2222", "name": "Marlina Hutapea"}
PARTY_KEYS = {"Sender": {"phone": "alt+1", "name": "alt+3", "street": "alt+4",
                         "postal": "alt+5", "village": "alt+6"},
              "Recipient": {"phone": "alt+2", "name": "alt+7", "street": "alt+8",
                            "postal": "alt+9", "village": "alt+0"}}
WHAT = {"phone": "phone", "name": "name", "street": "street",
        "postal": "postal code or area", "village": "village"}


@cache
def _catalogue() -> dict[str, str]:
    return finished(read_ts(TS_FILES["id"]))


def t(template: str, **params: object) -> str:
    """The Indonesian a clerk sees for an English template (the template if untranslated)."""
    text = _catalogue().get(template, template)
    return text.format(**params) if params else text


def named(template: str) -> tuple[str, ...]:
    """To find a widget by its accessible name: the Indonesian one or, untranslated, the
    English (the English check reports that separately)."""
    return tuple(dict.fromkeys((t(template), template)))


def says(template: str, text: str) -> bool:
    """Whether ``text`` is this template's message (in Indonesian or, untranslated, English)
    with any values in its placeholders."""
    for form in named(template):
        parts = re.split(r"\{[^{}]*\}", form)
        if re.fullmatch(".+?".join(re.escape(p) for p in parts), text, re.DOTALL):
            return True
    return False


def field_name(role: str, what: str) -> str:
    """A party field's accessible name, as the page builds it ("Pengirim telepon")."""
    return t("{role} {what}", role=t(role), what=t(WHAT[what]))


def alt(template: str) -> str:
    """The Alt key of a label in Bahasa Indonesia: "&Cari" → alt+c."""
    m = re.search(r"&(\w)", t(template))
    if m is None:
        raise LookupError(f"no mnemonic in {t(template)!r} ({template!r})")
    return "alt+" + m.group(1).lower()


def rupiah(text: str) -> int | None:
    digits = re.sub(r"\D", "", text.split("Rp", 1)[-1]) if "Rp" in text else ""
    return int(digits) if digits else None


def find_any(screen: Screen, indonesian: str, english: str) -> dict | None:
    """A widget by its accessible name: as the brief names it, or as the catalogue does."""
    return screen.find(name=(indonesian, *named(english)))


def lock_keys() -> list[str]:
    """Every shortcut and mnemonic a page or tab has, in either language: all of them."""
    keys = ["ctrl+s", "ctrl+l", "F2", "F5", "F6", "F8", "F9", "Escape", "F12", "shift+F12"]
    keys += [f"alt+{c}" for c in "1234567890"]
    keys += [f"alt+{c}" for c in string.ascii_lowercase]
    return keys


def prepare_outlet(d: Driver, data: Path, paper: Path) -> subprocess.Popen:
    """A demo-like outlet made with the command line, printing to a virtual printer (whose
    process is returned: the caller stops it)."""
    d.cli("init", "--data-dir", str(data), "--outlet-number", "1201", "--terminal", "1",
          "--manager", MANAGER, "--outlet-name", "Outlet Coblong", "--password-stdin",
          stdin=MANAGER_PW + "\n")
    d.cli("user", "add", CLERK, "--role", "clerk", "--user", MANAGER, "--password-stdin",
          "--data-dir", str(data), stdin=f"{MANAGER_PW}\n{CLERK_PW}\n")
    printer = subprocess.Popen(
        [str(BIN / "outlet-pos"), "virtual-printer", "--port", "0", "--out", str(paper)],
        env=d.app_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert printer.stdout is not None
    line = printer.stdout.readline()
    port = re.search(r"127\.0\.0\.1:(\d+)", line)
    if port is None:
        printer.kill()
        raise RuntimeError(f"the virtual printer did not say its port: {line!r}")
    d.cli("printer", "use", f"net:127.0.0.1:{port.group(1)}", "--profile", "generic-80",
          "--user", MANAGER, "--password-stdin", "--data-dir", str(data),
          stdin=MANAGER_PW + "\n")
    return printer
