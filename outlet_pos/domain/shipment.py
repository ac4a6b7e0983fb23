"""A shipment order as the clerk enters it, and a booked shipment as stored.

``parse_order`` turns the JSON-like dict the CLI and the GUI produce into
validated domain objects, collecting every problem with a dotted field path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n import Msg
from .address import Address, RegionDirectory, resolve_address
from .dropoff import PrebookingUse
from .errors import ValidationError, collect
from .money import check_rupiah
from .parcel import Parcel
from .party import Party
from .text import clean_text
from .weighing import NOT_WEIGHED, Weighing, parse_weighing

PAYMENT_METHODS = ("cash", "qris", "transfer", "card")


@dataclass(frozen=True, slots=True)
class Payment:
    method: str
    tendered: int | None = None  # cash only
    reference: str | None = None  # non-cash: QRIS/transfer/card reference

    def change(self, total: int) -> int:
        return (self.tendered - total) if self.method == "cash" and self.tendered else 0


@dataclass(frozen=True, slots=True)
class ShipmentOrder:
    sender: Party
    recipient: Party
    parcel: Parcel
    service: str
    payment: Payment
    prebooking: PrebookingUse | None = None  # a drop-off (services/dropoff.py sets it)
    weighing: Weighing = NOT_WEIGHED  # scale, typed or typed over the scale (weighing.py)


@dataclass(frozen=True, slots=True)
class ShipmentRecord:
    """A booked shipment. Personal fields are None after retention destroyed them."""

    id: str
    waybill: str
    booked_at: datetime
    business_date: date
    clerk: str
    service: str
    origin_district: str
    dest_district: str
    weight_g: int
    volumetric_g: int
    chargeable_kg: int
    pieces: int
    declared_value: int
    insured: bool
    cod_amount: int
    total: int
    lines: tuple[tuple[str, str, int], ...]
    eta_date: date
    payment_method: str
    tendered: int | None
    payment_ref: str | None
    status: str
    void_reason: str | None
    sender: Party | None
    recipient: Party | None
    description: str | None
    dims_cm: tuple[int, int, int]
    packing: str
    tariff_version: str
    synced: bool = False
    weight_source: str = "typed"  # scale | typed | override (domain/weighing.py)
    scale_weight_g: int | None = None
    override_reason: str | None = None  # typed text, decrypted like the void reason


def parse_weight_g(value: object, field: str = "weight_kg") -> int:
    """Kilograms as typed ("1.31", "1,31", 1.31) → exact integer grams."""
    if isinstance(value, bool):
        raise ValidationError((field, Msg("must be a number of kilograms, e.g. 1.31")))
    text = str(value).strip().replace(",", ".") if value is not None else ""
    try:
        kg = Decimal(text)
    except InvalidOperation:
        raise ValidationError((field, Msg("must be a number of kilograms, e.g. 1.31"))) from None
    if not kg.is_finite():
        raise ValidationError((field, Msg("must be a number of kilograms, e.g. 1.31")))
    grams = kg * 1000
    if grams != grams.to_integral_value():
        raise ValidationError((field, Msg("has more precision than a gram; round it")))
    if grams <= 0:
        raise ValidationError((field, Msg("must be more than 0 kg")))
    if grams > 10**9:
        raise ValidationError((field, Msg("is far too heavy; check the scale")))
    return int(grams)


def parse_dims(value: object, field: str = "dims") -> tuple[int, int, int]:
    """``30x20x10`` (cm) → (30, 20, 10)."""
    parts = str(value or "").lower().replace("×", "x").split("x")
    try:
        dims = tuple(int(p.strip()) for p in parts)
    except ValueError:
        dims = ()
    if len(dims) != 3:
        raise ValidationError((field, Msg("must be length x width x height in cm, e.g. 30x20x10")))
    return dims


def parse_party(data: dict[str, Any], directory: RegionDirectory, *,
                loyalty: bool = False) -> Party:
    """A party of the order; ``loyalty``: the sender's, who may give a loyalty card."""
    problems: list[tuple[str, str]] = []
    address: Address | None = None
    addr = data.get("address")
    if not isinstance(addr, dict):
        problems.append(("address", Msg("is missing")))
    else:
        try:
            address = resolve_address(
                directory, street=addr.get("street"), postal_code=addr.get("postal_code"),
                village=addr.get("village", ""), district=addr.get("district", ""),
                city=addr.get("city", ""), province=addr.get("province", ""),
            )
        except ValidationError as e:
            problems += e.prefixed("address").problems
    try:
        party = Party.create(name=data.get("name"), phone=data.get("phone"),
                             address=address or _PLACEHOLDER, email=data.get("email"),
                             loyalty_card=data.get("loyalty_card") if loyalty else None)
    except ValidationError as e:
        problems += e.problems
    collect(problems)
    return party


_PLACEHOLDER = Address("", "", "", "", "", "", "", "")


_NOT_YET_KNOWN = "(contents not yet typed)"  # passes the check, then removed


def parse_parcel(data: dict[str, Any], *, for_quote: bool = False) -> Parcel:
    """Validate a parcel; ``for_quote`` does not need the contents (the price does not
    depend on them: a clerk sees prices before typing them). Booking always needs them."""
    problems: list[tuple[str, str]] = []
    description = data.get("description")
    untyped = for_quote and not (isinstance(description, str) and description.strip())
    weight: object = data.get("weight_g")
    if weight is None and "weight_kg" in data:
        try:
            weight = parse_weight_g(data["weight_kg"])
        except ValidationError as e:
            problems += e.problems
            weight = 1
    dims: dict[str, object] = {k: data.get(k) for k in ("length_cm", "width_cm", "height_cm")}
    if "dims" in data:
        try:
            dims = dict(zip(("length_cm", "width_cm", "height_cm"), parse_dims(data["dims"]),
                            strict=True))
        except ValidationError as e:
            problems += e.problems
            dims = {"length_cm": 1, "width_cm": 1, "height_cm": 1}
    try:
        parcel = Parcel.create(
            weight_g=weight, description=_NOT_YET_KNOWN if untyped else description,
            pieces=data.get("pieces", 1), declared_value=data.get("declared_value", 0),
            insured=data.get("insured", False), cod_amount=data.get("cod_amount", 0),
            packing=data.get("packing", "none"), **dims,
        )
    except ValidationError as e:
        # Name the field the user actually typed.
        typed_kg = "weight_g" not in data and "weight_kg" in data
        problems += [("weight_kg" if f == "weight_g" and typed_kg else f, m)
                     for f, m in e.problems]
    collect(problems)
    return replace(parcel, description="") if untyped else parcel


def parse_payment(data: dict[str, Any]) -> Payment:
    method = data.get("method", "cash")
    if method not in PAYMENT_METHODS:
        raise ValidationError(("method", Msg("must be one of: {choices}",
                                                choices=", ".join(PAYMENT_METHODS))))
    if method == "cash":
        tendered = data.get("tendered")
        return Payment("cash", None if tendered is None else check_rupiah("tendered", tendered))
    ref = clean_text("reference", data.get("reference"), max_len=64)
    return Payment(method, None, ref)


def parse_order(data: object, directory: RegionDirectory) -> ShipmentOrder:
    """Validate a whole order; every problem is reported, each with its field path."""
    problems: list[tuple[str, str]] = []
    results: dict[str, Any] = {}
    if not isinstance(data, dict):
        raise ValidationError(
            ("shipment", Msg("must be a JSON object; see examples/shipment.json")))
    for name, fn in (
        ("sender", lambda d: parse_party(d, directory, loyalty=True)),
        ("recipient", lambda d: parse_party(d, directory)),
        ("parcel", parse_parcel),
        ("payment", parse_payment),
    ):
        section = data.get(name)
        if section is None and name == "payment":
            section = {}  # cash, exact amount
        if not isinstance(section, dict):
            problems.append((name, Msg("is missing; see examples/shipment.json")))
            continue
        try:
            results[name] = fn(section)
        except ValidationError as e:
            problems += e.prefixed(name).problems
    service = data.get("service")
    if not isinstance(service, str) or not service.strip():
        problems.append(("service", Msg("is required, e.g. REG")))
    weighing = NOT_WEIGHED
    try:
        parcel = results.get("parcel")
        weighing = parse_weighing(data.get("parcel"), parcel.weight_g if parcel else None)
    except ValidationError as e:
        problems += e.prefixed("parcel").problems
    collect(problems)
    return ShipmentOrder(
        sender=results["sender"], recipient=results["recipient"], parcel=results["parcel"],
        service=str(service).strip().upper(), payment=results["payment"], weighing=weighing,
    )
