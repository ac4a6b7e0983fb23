"""The words for codes a person reads: payment methods, shipment states, tracking statuses,
kinds of service point.

One vocabulary for every screen (Today's shipments, Day review, Track), the paper
(waybill, Z report) and the reports, so a clerk reads the same word everywhere and
never a stored code such as ``cash`` or ``IN_TRANSIT``. The English names are the
catalogue's templates (``N_``); ``tr`` gives the language shown.

Two words are kept apart on purpose: *synced* (the central server has the record:
"tersinkron ke pusat") and *delivered* (the recipient has the parcel: "diterima").
"""

from __future__ import annotations

from ..i18n import N_, tr

PAYMENT_METHODS = {"cash": N_("Cash"), "qris": "QRIS", "transfer": N_("Bank transfer"),
                   "card": N_("Debit/credit card"), "debit": N_("Debit card")}
SHIPMENT_STATUSES = {"booked": N_("booked"), "void": N_("void")}
SERVICE_POINT_KINDS = {"outlet": N_("outlet"), "drop_point": N_("drop point (agent)")}
# The central server's tracking codes (central.reference.TRACKING_CODES).
TRACKING_STATUSES = {
    "BOOKED": N_("received at the outlet"), "PICKED_UP": N_("picked up"),
    "IN_TRANSIT": N_("on the way"), "AT_HUB": N_("at the sorting hub"),
    "OUT_FOR_DELIVERY": N_("out for delivery"), "DELIVERED": N_("delivered"),
    "FAILED_DELIVERY": N_("delivery failed"), "RETURNED": N_("returned to the sender"),
    "VOIDED": N_("cancelled at the outlet"),
}


def _unknown(code: str) -> str:
    """A code no version of ours knows yet reads as words, not as ``SOME_CODE``."""
    return code.replace("_", " ").lower()


def payment_name(method: str, lang: str | None = None) -> str:
    return tr(PAYMENT_METHODS[method], lang) if method in PAYMENT_METHODS else _unknown(method)


def status_name(status: str, lang: str | None = None) -> str:
    return tr(SHIPMENT_STATUSES[status], lang) if status in SHIPMENT_STATUSES \
        else _unknown(status)


def service_point_kind(kind: str, lang: str | None = None) -> str:
    return tr(SERVICE_POINT_KINDS[kind], lang) if kind in SERVICE_POINT_KINDS \
        else _unknown(kind)


def tracking_name(code: str, lang: str | None = None) -> str:
    return tr(TRACKING_STATUSES[code], lang) if code in TRACKING_STATUSES else _unknown(code)
