"""The rows a report file is written from, built by the reports service from the day's data.

``ExportRow`` is one shipment of a CSV or XLSX export (with its personal data, kept out
of ``repr``; the writers mask it), ``VoidInfo`` its void; ``ClosingInfo`` and ``CashRow``
are the day's closing and drawer movements as the daily PDF shows them. Plain data: the
service fills them and the writers in ``reports/`` lay them out, neither importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .records import ShipmentSummary
from .shifts import ShiftsTotal


@dataclass(frozen=True)
class VoidInfo:
    """Why a shipment was voided, who asked, who authorised it (user ids) and when."""

    reason: str | None  # None once retention destroyed it
    requested_by: str | None
    authorised_by: str | None
    at: datetime | None


@dataclass(frozen=True)
class ExportRow:
    """A day-list row with the shipment's personal data (``None`` once retention ran).

    The personal fields stay out of ``repr`` so a row in a log or a traceback shows none.
    """

    summary: ShipmentSummary
    district_name: str | None = None  # the directory's name of summary.dest_district
    payment_ref: str | None = None  # the QRIS/transfer/card reference; None for cash
    void: VoidInfo | None = field(default=None, repr=False)  # reasons are typed text
    sender_name: str | None = field(default=None, repr=False)
    sender_phone: str | None = field(default=None, repr=False)
    recipient_name: str | None = field(default=None, repr=False)
    recipient_phone: str | None = field(default=None, repr=False)
    recipient_address: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ClosingInfo:
    """The day's end-of-day closing as the report shows it (rupiah as int)."""

    sequence: int
    cash_expected: int
    cash_counted: int
    difference: int  # counted − expected: negative means cash is missing
    note: str | None
    closed_by: str  # the manager's user name
    closed_at: datetime
    denominations: dict[int, int] = field(default_factory=dict)  # face: count
    float: int = 0
    cash_sales: int = 0
    cash_in: int = 0
    cash_out: int = 0
    movements: tuple[CashRow, ...] = ()
    voids: tuple[tuple[str, int], ...] = ()  # waybill, total
    shifts: ShiftsTotal | None = None  # the day's shifts, when the terminal keeps them


@dataclass(frozen=True)
class CashRow:
    """One movement of the drawer's cash outside sales, as the report lists it."""

    at: datetime  # local time
    kind: str  # float | in | out
    amount: int
    by: str
    reason: str | None
