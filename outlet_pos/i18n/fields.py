"""Field keys as people read them: the label the screen shows for each field a service can
name in a ValidationError (``recipient.address.postal_code`` → "Kode pos penerima").

The counter window (``outlet_pos.ui.texts``) and the command line (``outlet_pos.cli.common``)
both print problems with these labels, never with a dotted internal key. A key that is not
here is shown as its message alone; tests/unit/test_field_labels.py walks every key the
domain and the services can produce and fails on one without a label.
"""

from __future__ import annotations

import re

from ..domain.money import format_rupiah
from . import N_, tr

_PARTY = {
    "": (N_("Sender"), N_("Recipient")),
    "name": (N_("Sender name"), N_("Recipient name")),
    "phone": (N_("Sender phone"), N_("Recipient phone")),
    "email": (N_("Sender e-mail"), N_("Recipient e-mail")),
    "address": (N_("Sender address"), N_("Recipient address")),
    "address.street": (N_("Sender street"), N_("Recipient street")),
    "address.postal_code": (N_("Sender postal code"), N_("Recipient postal code")),
    "address.village": (N_("Sender village"), N_("Recipient village")),
    "address.district": (N_("Sender district"), N_("Recipient district")),
    "address.city": (N_("Sender city or regency"), N_("Recipient city or regency")),
    "address.province": (N_("Sender province"), N_("Recipient province")),
}

FIELD_LABELS: dict[str, str] = {
    **{f"sender.{k}".rstrip("."): v[0] for k, v in _PARTY.items()},
    **{f"recipient.{k}".rstrip("."): v[1] for k, v in _PARTY.items()},
    # The sender's loyalty card (domain/loyalty.py) and its format (outlet-pos loyalty).
    "sender.loyalty_card": N_("Loyalty card no."),
    "loyalty_card": N_("Loyalty card no."),
    "pattern": N_("Card number pattern"),
    "length": N_("Card number length"),
    "prefix": N_("Card number prefix"),
    "luhn": N_("Card check digit"),
    # The shipment as a whole, its parcel and payment (New shipment page).
    "shipment": N_("Shipment"),
    "service": N_("Service"),
    "destination": N_("Destination"),
    "dest_postal_code": N_("Recipient postal code"),
    "parcel": N_("Parcel"),
    "parcel.weight_kg": N_("Weight (kg)"),
    "parcel.weight_g": N_("Weight (grams)"),
    "parcel.dims": N_("Size (cm)"),
    "parcel.length_cm": N_("Length (cm)"),
    "parcel.width_cm": N_("Width (cm)"),
    "parcel.height_cm": N_("Height (cm)"),
    "parcel.pieces": N_("Number of pieces"),
    "parcel.description": N_("Contents"),
    "parcel.declared_value": N_("Declared value"),
    "parcel.insured": N_("Insurance"),
    "parcel.cod_amount": N_("COD amount"),
    "parcel.packing": N_("Parcel packing"),
    "parcel.override_reason": N_("Reason for changing the weight"),
    "parcel.scale_weight_g": N_("Scale reading (grams)"),
    "parcel.weight_source": N_("Weight from"),
    "payment": N_("Payment"),
    "payment.method": N_("Payment method"),
    "payment.tendered": N_("Amount tendered"),
    "payment.reference": N_("Payment reference"),
    # The same fields where a form checks one part on its own (the prices table checks the
    # parcel, the customer search a phone number): the key has no section in front.
    "name": N_("Name"),
    "phone": N_("Phone number"),
    "email": N_("E-mail"),
    "address": N_("Address"),
    "street": N_("Street"),
    "postal_code": N_("Postal code"),
    "village": N_("Village"),
    "district": N_("District"),
    "city": N_("City or regency"),
    "province": N_("Province"),
    # Log-in, users, voids, closing the day, reports.
    "user": N_("User id"),
    "password": N_("Password"),
    "role": N_("Role"),
    "waybill": N_("Waybill no."),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "date": N_("Date"),
    "days": N_("Retention (days)"),
    "counted_cash": N_("Cash counted"),
    "amount": N_("Amount (Rp)"),
    "kind": N_("Kind"),
    "events": N_("Unsent events"),
    "confirm": N_("Confirmation"),
    "denominations": N_("Notes and coins counted"),
    # Shifts: the float opened with, the shift itself, the clerk a drawer is handed to.
    "float": N_("Opening float"),
    "shift": N_("Clerk's shift"),
    "to": N_("Next clerk's user id"),
    "copy": N_("Print copy"),
    "language": N_("Language"),
    # A customer's request (UU PDP): the field corrected, its new value, the reference.
    "field": N_("Field to correct"),
    "value": N_("New value"),
    "reference": N_("Request reference"),
    # Setup (first-run wizard and Settings), printer, sync enrolment.
    "outlet_number": N_("Outlet number"),
    "outlet_name": N_("Outlet name"),
    "terminal": N_("Terminal"),
    "manager": N_("Manager's user id"),
    "timezone": N_("Time zone"),
    "server": N_("Server address"),
    "enroll_code": N_("Enrollment code"),
    "provisioning_file": N_("Provisioning file"),
    "ca_bundle": N_("Server certificate (CA) file"),
    "connection": N_("Printer connection"),
    "profile": N_("Printer profile"),
    "page": N_("Paper size"),
    "path": N_("File"),
    "passphrase": N_("Backup passphrase"),
    "OUTLET_POS_RETENTION_DAYS": N_("Retention setting (OUTLET_POS_RETENTION_DAYS)"),
    "OUTLET_POS_SYNC_WARN_HOURS": N_("Sync warning setting (OUTLET_POS_SYNC_WARN_HOURS)"),
}

FIELD_LABELS.update({k.split(".", 1)[1]: v for k, v in list(FIELD_LABELS.items())
                     if k.startswith(("parcel.", "payment."))})

_BATCH = re.compile(r"shipments\[(\d+)\]\.(.+)")
_DENOMINATION = re.compile(r"denominations\.(\d+)")


def field_label(key: str) -> str | None:
    """The field's label as the screen shows it, translated; None for a key we do not know
    (the message is then shown without a field rather than with an internal name)."""
    if m := _BATCH.fullmatch(key):
        inner = field_label(m.group(2))
        return tr("Shipment {n}: {field}", n=str(int(m.group(1)) + 1),
                  field=inner) if inner else tr("Shipment {n}", n=str(int(m.group(1)) + 1))
    if m := _DENOMINATION.fullmatch(key):
        return tr("Count of {face}", face=format_rupiah(int(m.group(1))))
    label = FIELD_LABELS.get(key)
    return tr(label).replace("&&", "\0").replace("&", "").replace("\0", "&") if label else None


def problem_text(key: str, message: str) -> str:
    """One problem as a person reads it: "HP penerima: bukan nomor telepon yang valid"."""
    label = field_label(key)
    return f"{label}: {tr(message)}" if label else tr(message)
