"""Shipments as CSV for the manager and the accountant: one row per shipment, in the
outlet's local time (``booked_at`` with its offset, and ``date`` and ``time`` as the screen
shows them), the destination district's code and name, the payment reference, and each
void's reason, who asked for it, who authorised it and when. Personal data is masked.

Masked (the default) is what a manager needs to follow up a shipment with a customer at
the counter without holding their data: names as initials (``B*** S***``), phones as
``+62812*****890``, and the recipient's address not at all. The address column is
written as ``***`` because the street and village are what identify a household; the
destination district, which is what a manager groups or follows up by, is already in
``dest_district``. Unmasked writes every value in full; who may ask for it, and the
audit of it, are the caller's business (an export needs a manager and a written reason).

A value that retention has destroyed (``None``) is an empty cell in both modes. Masked,
a void reason keeps its words but not a phone number typed into it (a manager may write
"customer +62812... changed their mind"); staff user ids and payment references are not
personal data and are written as they are.

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
from datetime import tzinfo
from typing import TextIO

from ..domain.party import mask_name, mask_phone
from ..domain.report_rows import ExportRow

# waybill and booked_at stay first: private_file.CSV_SIGNATURE recognises our own file.
SUMMARY_COLUMNS = ("waybill", "booked_at", "date", "time", "clerk", "service", "dest_district",
                   "dest_district_name", "weight_g", "chargeable_kg", "pieces", "cod_amount",
                   "total", "payment_method", "payment_ref", "status", "void_reason",
                   "void_requested_by", "void_authorised_by", "voided_at", "synced")
PERSONAL_COLUMNS = ("sender_name", "sender_phone", "recipient_name", "recipient_phone",
                    "recipient_address")
#: The header row; the keys are stable, scripts read them.
COLUMNS = SUMMARY_COLUMNS + PERSONAL_COLUMNS
PHONE_COLUMNS = frozenset({"sender_phone", "recipient_phone"})
ADDRESS_MASK = "***"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"\+[0-9*]{4,20}")
# A mobile number inside free text (+62 8.., 62 8.. or 08.., maybe grouped); a waybill
# number never starts so (its outlet number is zero-padded, "00042...").
_PHONE_IN_TEXT = re.compile(r"(?:\+62|\b62|\b0)[\s.-]?8(?:[\s.-]?\d){7,11}\b")


def write_day_csv(rows: Iterable[ExportRow], out: TextIO, *, masked: bool = True,
                  tz: tzinfo | None = None) -> int:
    """Write the header and one line per row to ``out``; return the number of rows.

    Times are written in ``tz``, the outlet's zone (None: as stored, for callers that
    have already converted them).

    Open ``out`` with ``newline=""`` (the csv module writes its own CRLF line ends) and
    ``encoding="utf-8-sig"`` if the file is meant for Excel, which otherwise reads UTF-8
    names as mojibake.
    """
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(_cells(row, masked, tz))
        n += 1
    return n


def _cells(row: ExportRow, masked: bool, tz: tzinfo | None) -> list[object]:
    s, v = row.summary, row.void
    at = s.booked_at.astimezone(tz) if tz is not None else s.booked_at
    values: dict[str, object] = {
        "waybill": s.waybill, "booked_at": at.isoformat(), "date": at.date().isoformat(),
        "time": at.strftime("%H:%M"), "clerk": s.clerk, "service": s.service,
        "dest_district": s.dest_district, "dest_district_name": row.district_name or "",
        "weight_g": s.weight_g, "chargeable_kg": s.chargeable_kg, "pieces": s.pieces,
        "cod_amount": s.cod_amount, "total": s.total, "payment_method": s.payment_method,
        "payment_ref": row.payment_ref or "", "status": s.status,
        "void_reason": "" if v is None or v.reason is None
        else mask_free_text(v.reason) if masked else v.reason,
        "void_requested_by": (v.requested_by or "") if v else "",
        "void_authorised_by": (v.authorised_by or "") if v else "",
        "voided_at": "" if v is None or v.at is None
        else (v.at.astimezone(tz) if tz is not None else v.at).isoformat(),
        "synced": "true" if s.synced else "false",
    }
    for col in PERSONAL_COLUMNS:
        value = getattr(row, col)
        values[col] = "" if value is None else _mask(col, value) if masked else value
    return [_guard(col, values[col]) for col in COLUMNS]


def mask_free_text(text: str) -> str:
    """Typed text with every phone number in it masked as the phone columns are."""
    def one(m: re.Match[str]) -> str:
        digits = "".join(c for c in m.group(0) if c.isdigit())
        return mask_phone("+62" + digits.removeprefix("62").removeprefix("0"))
    return _PHONE_IN_TEXT.sub(one, text)


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
