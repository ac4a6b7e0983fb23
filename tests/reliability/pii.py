"""Canary personal data and the detectors that look for it (bytes on disk, text in logs).

The canaries are distinctive made-up values booked through the real services and
CLI; finding any of them, in any encoding or case, anywhere it should not be,
is a leak. ``pii_in_text`` adds regexes for Indonesian phone numbers and the
names the test data generators use, for text the canaries cannot cover
(e.g. validation errors on random orders).
"""

from __future__ import annotations

import copy
import multiprocessing
import re
import zlib
from collections.abc import Iterable
from pathlib import Path

from tests.shipment_factory import NAMES

SENDER_NAME = "Kanari Vyrqz Pranoto"
RECIPIENT_NAME = "Zenobia Qwixl Hartono"
SENDER_PHONE = "081277665544"
RECIPIENT_PHONE = "0857-1122-3344"
SENDER_STREET = "Jl. Xylofon Qzrtv No. 91"
RECIPIENT_STREET = "Gang Jwqpf Blok Kz7 No. 3"
EMAIL = "vyrqz.kanari@contoh.co.id"
RECIPIENT_EMAIL = "zenobia.qwixl@contoh.co.id"
DESCRIPTION = "Jamu Qwixlqz Botol"
LOYALTY_CARD = "7351 9086 4208 64"  # the sender's loyalty card (the default format: digits)

# What is looked for: the rarest tokens (a whole name is found through each of them too),
# the national significant number of each phone (inside 08…, +62…, 62… alike).
TOKENS = ("Vyrqz", "Qwixl", "Zenobia", "Xylofon", "Qzrtv", "Jwqpf", "vyrqz.kanari", "zenobia.qwixl",
          "Qwixlqz", "81277665544", "85711223344", "8127766 5544", "0857-1122",
          "73519086420864")


# Free text a person types beside the customer's data (issue 16, findings 3 and 4): each
# carries a token of its own, so a hit names the field that leaked.
VOID_REASON = "Pelanggan Kwzrvoid batal kirim"
REQUESTED_BY = "Kasir Pqxreqby shift pagi"
PAYMENT_REF = "QRIS-Jxvpayref-7781"
CLOSING_NOTE = "Selisih Zvqnote uang receh"
REOPEN_REASON = "Salah hitung Wqxreopen kas"
EXPORT_REASON = "Permintaan Polres Yqzexport No. 9/XII"
TRACKING_NOTE = "Diterima oleh Bqxtrack (tetangga)"  # a courier's note, cached from the server
FREE_TEXT = {"void reason": VOID_REASON, "requested by": REQUESTED_BY,
             "payment reference": PAYMENT_REF, "closing note": CLOSING_NOTE,
             "reopen reason": REOPEN_REASON, "export reason": EXPORT_REASON,
             "tracking note": TRACKING_NOTE}
FREE_TEXT_TOKENS = ("Kwzrvoid", "Pqxreqby", "Jxvpayref", "Zvqnote", "Wqxreopen", "Yqzexport",
                    "Bqxtrack")


def canary_order(order: dict, *, swap: bool = False) -> dict:
    """``order`` (examples/shipment.json) with every personal field set to a canary."""
    o = copy.deepcopy(order)
    s, r = o["sender"], o["recipient"]
    s.update(name=SENDER_NAME, phone=SENDER_PHONE, email=EMAIL)
    r.update(name=RECIPIENT_NAME, phone=RECIPIENT_PHONE, email=RECIPIENT_EMAIL)
    s["address"]["street"], r["address"]["street"] = SENDER_STREET, RECIPIENT_STREET
    s["loyalty_card"] = LOYALTY_CARD
    o["parcel"]["description"] = DESCRIPTION
    if swap:
        o["sender"], o["recipient"] = r, s
        o["sender"]["address"], o["recipient"]["address"] = s["address"], r["address"]
    return o


def _needles(tokens: Iterable[str] = TOKENS) -> list[bytes]:
    out: list[bytes] = []
    for t in tokens:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            out.append(t.lower().encode(enc))
    return out


NEEDLES = _needles()
FREE_TEXT_NEEDLES = _needles(FREE_TEXT_TOKENS)


def _gzip_members(data: bytes) -> Iterable[bytes]:
    """Whatever decompresses from gzip/zlib streams inside ``data`` (a leak may be packed)."""
    for magic, wbits in ((b"\x1f\x8b\x08", 31), (b"\x78\x9c", 15), (b"\x78\x01", 15),
                         (b"\x78\xda", 15)):
        start = 0
        while (i := data.find(magic, start)) >= 0:
            start = i + 1
            try:
                out = zlib.decompressobj(wbits).decompress(data[i:], 1 << 24)
            except zlib.error:
                continue
            if out:
                yield out


def hits_in_bytes(data: bytes, needles: Iterable[bytes] = NEEDLES) -> list[str]:
    """Canary tokens found in raw bytes: UTF-8, UTF-16 LE/BE, any case, also inside
    gzip/zlib streams."""
    found = []
    wanted = list(needles)
    for blob in (data, *_gzip_members(data)):
        low = blob.lower()
        found += [n.decode("latin-1") for n in wanted if n in low]
    return sorted(set(found))


def scan_tree(*roots: Path, needles: Iterable[bytes] = NEEDLES) -> tuple[list[str], int, int]:
    """(hits as "file: token", files scanned, bytes scanned) under every root.
    ``needles``: FREE_TEXT_NEEDLES looks for the typed free text instead of the customer."""
    wanted = list(needles)
    hits: list[str] = []
    files = size = 0
    for root in roots:
        if not root.exists():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and not p.is_symlink():
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                files += 1
                size += len(data)
                hits += [f"{p}: {h!r}" for h in hits_in_bytes(data, wanted)]
    return hits, files, size


def scan_tree_in_child(*roots: Path, needles: Iterable[bytes] = NEEDLES
                       ) -> tuple[list[str], int, int]:
    """``scan_tree`` in a fresh process, for a data directory whose database this process
    holds open: closing a descriptor of a file drops every POSIX lock this process has on
    it (SQLite's locks included), so reading the live database here would let the next
    program delete its WAL under our connection."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(scan_tree, roots, {"needles": list(needles)})


# Indonesian mobile and landline numbers as people write them (08…, +62…, 62…, with
# separators), not glued to other digits (a 16-digit waybill is not a phone).
PHONE_RE = re.compile(
    r"(?<![\d])(?:\+62|62|\(?0)[\s\-.]?8\d{1,3}\)?[\s\-.]?\d{3,4}[\s\-.]?\d{2,5}(?![\d])")
# Names of the example order and of tests/shipment_factory.py, as written (capitalised);
# "Made" is left out: it is an English word too.
_NAME_WORDS = sorted({w for n in (*NAMES, "Budi Santoso", "Siti Nurhaliza") for w in n.split()
                      if len(w) >= 4 and w != "Made"}, key=len, reverse=True)
NAME_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _NAME_WORDS)) + r")\b")
CANARY_RE = re.compile("|".join(re.escape(t) for t in TOKENS), re.IGNORECASE)


# The app's own format hints ("type it as 0812 3456 7890") are examples, not a customer.
EXAMPLES = ("0812 3456 7890",)


def pii_in_text(text: str, extra_names: Iterable[str] = ()) -> list[str]:
    """Personal data found in a log line or an error message."""
    for example in EXAMPLES:
        text = text.replace(example, "<example>")
    found = [m.group(0) for m in CANARY_RE.finditer(text)]
    found += [m.group(0) for m in PHONE_RE.finditer(text)]
    found += [m.group(0) for m in NAME_RE.finditer(text)]
    found += [n for n in extra_names if n and n.lower() in text.lower()]
    return found


def soak() -> bool:
    """Long mode: the one switch of tests/reliability/conftest.py (OUTLET_POS_SOAK=1)."""
    from tests.reliability.conftest import SOAK

    return SOAK
