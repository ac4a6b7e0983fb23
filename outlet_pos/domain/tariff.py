"""The tariff engine: every price rule is data, every amount integer rupiah.

A ``TariffTable`` is what the central server serves (format documented in
resources/tariffs/README.md): per destination district and service, a price
per kilogram and an estimated delivery in working days; per service, the
volumetric divisor, minimum chargeable weight and rounding threshold; for the
whole table, insurance, COD and packing fees.

Chargeable weight = max(actual, volumetric), where volumetric grams =
ceil(L×W×H×pieces × 1000 / divisor). It becomes whole kilograms by the
rounding rule — a fraction up to the threshold (300 g) rounds down, above it
rounds up — and is at least the service's minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..i18n import Msg
from .calendar import WorkingCalendar, add_working_days
from .errors import ValidationError
from .parcel import PACKING_KINDS, Parcel

FORMAT = "outlet-pos-tariff"
_NO_TARIFF = Msg("has no tariff from this outlet; check the postal code or ask for a tariff "
                 "update")
FORMAT_VERSION = 1


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _ceil_to(amount: int, step: int) -> int:
    """Up to a multiple of ``step``: a percentage fee a till can pay in notes and coins."""
    return _ceil_div(amount, step) * step


@dataclass(frozen=True, slots=True)
class ServiceRule:
    code: str
    name: str
    volumetric_divisor: int
    min_chargeable_kg: int
    rounding_threshold_g: int


@dataclass(frozen=True, slots=True)
class Rate:
    price_per_kg: int
    eta_min_days: int
    eta_max_days: int


@dataclass(frozen=True, slots=True)
class QuoteLine:
    code: str  # freight | insurance | cod_fee | packing
    label: str
    amount: int


@dataclass(frozen=True, slots=True)
class Quote:
    service: str
    service_name: str
    actual_weight_g: int
    volumetric_weight_g: int
    chargeable_kg: int
    price_per_kg: int
    lines: tuple[QuoteLine, ...]
    total: int
    eta_min_days: int
    eta_max_days: int
    eta_date: date
    tariff_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service, "service_name": self.service_name,
            "actual_weight_g": self.actual_weight_g,
            "volumetric_weight_g": self.volumetric_weight_g,
            "chargeable_kg": self.chargeable_kg, "price_per_kg": self.price_per_kg,
            "lines": [{"code": ln.code, "label": ln.label, "amount": ln.amount}
                      for ln in self.lines],
            "total": self.total, "eta_min_days": self.eta_min_days,
            "eta_max_days": self.eta_max_days, "eta_date": self.eta_date.isoformat(),
            "tariff_version": self.tariff_version,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            service=d["service"], service_name=d["service_name"],
            actual_weight_g=d["actual_weight_g"], volumetric_weight_g=d["volumetric_weight_g"],
            chargeable_kg=d["chargeable_kg"], price_per_kg=d["price_per_kg"],
            lines=tuple(QuoteLine(x["code"], x["label"], x["amount"]) for x in d["lines"]),
            total=d["total"], eta_min_days=d["eta_min_days"], eta_max_days=d["eta_max_days"],
            eta_date=date.fromisoformat(d["eta_date"]), tariff_version=d["tariff_version"],
        )


@dataclass(frozen=True)
class TariffTable:
    version: str
    origin_district: str
    origin_name: str
    synthetic: bool
    notice: str
    services: dict[str, ServiceRule]
    rates: dict[str, dict[str, Rate]]
    insurance_rate_ppm: int
    insurance_admin_fee: int
    cod_rate_ppm: int
    cod_min_fee: int
    packing_fee_per_piece: dict[str, int]
    # Percentage fees (insurance premium, COD fee) are rounded up to this many rupiah,
    # so a day's cash can be counted in notes and coins (the smallest coin is Rp 100).
    # 1 for tables that do not say.
    money_step: int = 1

    def has_destination(self, district: str) -> bool:
        return district in self.rates

    def services_to(self, district: str) -> list[str]:
        offered = self.rates.get(district, {})
        return [code for code in self.services if code in offered]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TariffTable:
        """Build and check a table; ValueError names what is malformed."""
        try:
            if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
                raise ValueError(f"not an {FORMAT} v{FORMAT_VERSION} document")
            default_threshold = _int(data["rounding"]["threshold_g"], "rounding.threshold_g",
                                     0, 999)
            services: dict[str, ServiceRule] = {}
            for s in data["services"]:
                code = str(s["code"])
                services[code] = ServiceRule(
                    code=code, name=str(s["name"]),
                    volumetric_divisor=_int(s["volumetric_divisor"], f"{code}.divisor", 1, 10**6),
                    min_chargeable_kg=_int(s["min_chargeable_kg"], f"{code}.min", 1, 10**4),
                    rounding_threshold_g=_int(s.get("rounding_threshold_g", default_threshold),
                                              f"{code}.threshold", 0, 999),
                )
            rates: dict[str, dict[str, Rate]] = {}
            for district, by_service in data["rates"].items():
                row: dict[str, Rate] = {}
                for code, (price, lo, hi) in by_service.items():
                    if code not in services:
                        raise ValueError(f"rates[{district}] names unknown service {code}")
                    where = f"rates[{district}][{code}]"
                    row[code] = Rate(_int(price, where, 1, 10**8), _int(lo, where, 0, 365),
                                     _int(hi, where, 0, 365))
                    if row[code].eta_min_days > row[code].eta_max_days:
                        raise ValueError(f"{where}: eta min exceeds max")
                rates[district] = row
            packing = {k: _int(v, f"packing.{k}", 0, 10**8)
                       for k, v in data["packing"]["fee_per_piece"].items()}
            missing = set(PACKING_KINDS) - set(packing)
            if missing:
                raise ValueError(f"packing fees missing for {sorted(missing)}")
            return cls(
                version=str(data["version"]), origin_district=str(data["origin"]["district"]),
                origin_name=str(data["origin"]["name"]), synthetic=bool(data["synthetic"]),
                notice=str(data.get("notice", "")), services=services, rates=rates,
                insurance_rate_ppm=_int(data["insurance"]["rate_ppm"], "insurance.rate_ppm",
                                        0, 10**6),
                insurance_admin_fee=_int(data["insurance"]["admin_fee"], "insurance.admin_fee",
                                         0, 10**8),
                cod_rate_ppm=_int(data["cod"]["rate_ppm"], "cod.rate_ppm", 0, 10**6),
                cod_min_fee=_int(data["cod"]["min_fee"], "cod.min_fee", 0, 10**8),
                packing_fee_per_piece=packing,
                money_step=_int(data["rounding"].get("money_step", 1), "rounding.money_step",
                                1, 100_000),
            )
        except (KeyError, TypeError) as e:
            raise ValueError(f"malformed tariff: missing or wrong field {e}") from None

    def to_dict(self) -> dict[str, Any]:
        thresholds = {s.rounding_threshold_g for s in self.services.values()}
        default = min(thresholds) if thresholds else 300
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "version": self.version,
            "synthetic": self.synthetic, "notice": self.notice, "currency": "IDR",
            "origin": {"district": self.origin_district, "name": self.origin_name},
            "rounding": {"threshold_g": default, "money_step": self.money_step},
            "insurance": {"rate_ppm": self.insurance_rate_ppm,
                          "admin_fee": self.insurance_admin_fee},
            "cod": {"rate_ppm": self.cod_rate_ppm, "min_fee": self.cod_min_fee},
            "packing": {"fee_per_piece": dict(self.packing_fee_per_piece)},
            "services": [{"code": s.code, "name": s.name,
                          "volumetric_divisor": s.volumetric_divisor,
                          "min_chargeable_kg": s.min_chargeable_kg,
                          "rounding_threshold_g": s.rounding_threshold_g}
                         for s in self.services.values()],
            "rates": {d: {c: [r.price_per_kg, r.eta_min_days, r.eta_max_days]
                          for c, r in row.items()} for d, row in self.rates.items()},
        }


def _int(value: Any, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{where} must be a whole number in {lo}..{hi}")
    return value


def volumetric_grams(parcel: Parcel, divisor: int) -> int:
    return _ceil_div(parcel.volume_cm3 * 1000, divisor)


def chargeable_kg(weight_g: int, rule: ServiceRule) -> int:
    whole, fraction = divmod(weight_g, 1000)
    if fraction > rule.rounding_threshold_g:
        whole += 1
    return max(whole, rule.min_chargeable_kg)


def quote_service(table: TariffTable, parcel: Parcel, dest_district: str, service: str, *,
                  booked_on: date, calendar: WorkingCalendar) -> Quote:
    """The itemised price of ``service`` to ``dest_district``."""
    offered = table.rates.get(dest_district)
    if offered is None:
        raise ValidationError(("destination", _NO_TARIFF))
    rate = offered.get(service)
    if rate is None or service not in table.services:
        available = ", ".join(table.services_to(dest_district))
        raise ValidationError(("service", Msg("is not available to this destination; "
                                              "available: {available}", available=available)))
    rule = table.services[service]
    volumetric = volumetric_grams(parcel, rule.volumetric_divisor)
    kg = chargeable_kg(max(parcel.weight_g, volumetric), rule)
    lines = [QuoteLine("freight", f"Ongkos kirim {kg} kg × {rate.price_per_kg:,}"
                       .replace(",", "."), kg * rate.price_per_kg)]
    if parcel.insured:
        premium = _ceil_to(_ceil_div(parcel.declared_value * table.insurance_rate_ppm,
                                     1_000_000), table.money_step)
        lines.append(QuoteLine("insurance", "Asuransi", premium + table.insurance_admin_fee))
    if parcel.cod_amount > 0:
        fee = max(_ceil_to(_ceil_div(parcel.cod_amount * table.cod_rate_ppm, 1_000_000),
                           table.money_step), table.cod_min_fee)
        lines.append(QuoteLine("cod_fee", "Biaya COD", fee))
    packing = table.packing_fee_per_piece.get(parcel.packing, 0) * parcel.pieces
    if packing:
        lines.append(QuoteLine("packing", f"Packing ({parcel.packing})", packing))
    return Quote(
        service=service, service_name=rule.name, actual_weight_g=parcel.weight_g,
        volumetric_weight_g=volumetric, chargeable_kg=kg, price_per_kg=rate.price_per_kg,
        lines=tuple(lines), total=sum(ln.amount for ln in lines),
        eta_min_days=rate.eta_min_days, eta_max_days=rate.eta_max_days,
        eta_date=add_working_days(calendar, booked_on, rate.eta_max_days),
        tariff_version=table.version,
    )


def quote_all(table: TariffTable, parcel: Parcel, dest_district: str, *, booked_on: date,
              calendar: WorkingCalendar) -> list[Quote]:
    """A quote for every service offered to the destination, cheapest first."""
    if not table.has_destination(dest_district):
        raise ValidationError(("destination", _NO_TARIFF))
    quotes = [quote_service(table, parcel, dest_district, code, booked_on=booked_on,
                            calendar=calendar) for code in table.services_to(dest_district)]
    return sorted(quotes, key=lambda q: (q.total, q.eta_max_days))
