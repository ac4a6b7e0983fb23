"""The day's shipments as CSV for the manager: one row per shipment, personal data masked.

Masked (the default) is what a manager needs to follow up a shipment with a customer at
the counter without holding their data: names as initials (``B*** S***``), phones as
``+62812*****890``, and the recipient's address not at all. The address column is
written as ``***`` because the street and village are what identify a household; the
destination district, which is what a manager groups or follows up by, is already in
``dest_district``. Unmasked writes every value in full; who may ask for it, and the
audit of it, are the caller's business (an export needs a manager and a written reason).

A value that retention has destroyed (``None``) is an empty cell in both modes.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and tab or CR
before one) as a formula, so such a text cell gets a leading apostrophe. Phone columns
are the exception, and only for a value that is a phone number: ``+`` then digits (or the
mask's asterisks). Such a cell cannot call a function or reference another cell, so it is
harmless, and an apostrophe would make the number wrong for anyone who copies it.
Quoting the cell would not help: CSV quotes are syntax, spreadsheets still evaluate the
value. Any other value in a phone column is guarded like every other cell.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from ..domain.party import mask_name, mask_phone
from ..services.ports import ShipmentSummary

SUMMARY_COLUMNS = ("waybill", "booked_at", "clerk", "service", "dest_district", "weight_g",
                   "chargeable_kg", "pieces", "cod_amount", "total", "payment_method",
                   "status", "synced")
PERSONAL_COLUMNS = ("sender_name", "sender_phone", "recipient_name", "recipient_phone",
                    "recipient_address")
#: The header row; the keys are stable, scripts read them.
COLUMNS = SUMMARY_COLUMNS + PERSONAL_COLUMNS
PHONE_COLUMNS = frozenset({"sender_phone", "recipient_phone"})
ADDRESS_MASK = "***"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"\+[0-9*]{4,20}")


@dataclass(frozen=True)
class ExportRow:
    """A day-list row with the shipment's personal data (``None`` once retention ran).

    The personal fields stay out of ``repr`` so a row in a log or a traceback shows none.
    """

    summary: ShipmentSummary
    sender_name: str | None = field(default=None, repr=False)
    sender_phone: str | None = field(default=None, repr=False)
    recipient_name: str | None = field(default=None, repr=False)
    recipient_phone: str | None = field(default=None, repr=False)
    recipient_address: str | None = field(default=None, repr=False)


def write_day_csv(rows: Iterable[ExportRow], out: TextIO, *, masked: bool = True) -> int:
    """Write the header and one line per row to ``out``; return the number of rows.

    Open ``out`` with ``newline=""`` (the csv module writes its own CRLF line ends) and
    ``encoding="utf-8-sig"`` if the file is meant for Excel, which otherwise reads UTF-8
    names as mojibake.
    """
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(_cells(row, masked))
        n += 1
    return n


def _cells(row: ExportRow, masked: bool) -> list[object]:
    s = row.summary
    values: dict[str, object] = {
        "waybill": s.waybill, "booked_at": s.booked_at.isoformat(), "clerk": s.clerk,
        "service": s.service, "dest_district": s.dest_district, "weight_g": s.weight_g,
        "chargeable_kg": s.chargeable_kg, "pieces": s.pieces, "cod_amount": s.cod_amount,
        "total": s.total, "payment_method": s.payment_method, "status": s.status,
        "synced": "true" if s.synced else "false",
    }
    for col in PERSONAL_COLUMNS:
        value = getattr(row, col)
        values[col] = "" if value is None else _mask(col, value) if masked else value
    return [_guard(col, values[col]) for col in COLUMNS]


def _mask(column: str, value: str) -> str:
    if column in PHONE_COLUMNS:
        return mask_phone(value)
    if column == "recipient_address":
        return ADDRESS_MASK
    return mask_name(value)


def _guard(column: str, value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made text with an apostrophe."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value  # numbers are ours, not typed by anyone
    if column in PHONE_COLUMNS and _PHONE.fullmatch(value):
        return value
    return "'" + value
