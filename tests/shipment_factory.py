"""Random but valid shipments for print tests: long Indonesian addresses, COD, insurance."""

from __future__ import annotations

import random

from outlet_pos.domain.errors import ValidationError

WORDS = ("Jalan", "Gang", "Perumahan", "Griya", "Permai", "Indah", "Blok", "RT", "RW",
         "Kavling", "Komplek", "Ruko", "Lantai", "Nomor", "Simpang", "Lorong", "Dusun",
         "Kampung", "Pesantren", "Pasar", "Raya", "Utama", "Baru", "Lama", "Sejahtera")
NAMES = ("Siti", "Budi", "Nurhaliza", "Santoso", "Ahmad", "Dewi", "Wahyuningsih", "I Gede",
         "Putu", "Made", "Ni Luh", "Muhammad", "Rizky", "Pratama", "Sri", "Rahayu",
         "Fransiskus", "Xaverius", "Hutapea", "Simanjuntak", "Christina", "Natalia")


def _street(rng: random.Random) -> str:
    n = rng.choice((3, 8, 30))
    words = [rng.choice(WORDS) if i % 3 else str(rng.randint(1, 999)) for i in range(n)]
    return " ".join(words)[:200]


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(NAMES) for _ in range(rng.choice((2, 3, 14))))[:100]


def _phone(rng: random.Random) -> str:
    return f"08{rng.choice((11, 12, 13, 21, 52, 56, 57, 77, 78, 81, 95))}" \
           f"{rng.randint(10**7, 10**8 - 1)}"


def random_order(app, rng: random.Random, postal_codes: list[str]) -> dict:
    pc = rng.choice(postal_codes)
    village = rng.choice(app.directory.villages_with_postal_code(pc))
    cod = rng.choice((0, 0, rng.randint(1, 5000) * 1000))
    value = rng.choice((0, rng.randint(1, 20000) * 1000))
    return {
        "sender": {"name": _name(rng), "phone": _phone(rng),
                   "address": {"street": _street(rng), "postal_code": "40135",
                               "village": "Dago"}},
        "recipient": {"name": _name(rng), "phone": _phone(rng),
                      "address": {"street": _street(rng), "postal_code": pc,
                                  "village": village.name, "district": village.district}},
        "parcel": {"weight_g": rng.randint(100, 30000),
                   "dims": f"{rng.randint(5, 80)}x{rng.randint(5, 60)}x{rng.randint(1, 50)}",
                   "pieces": rng.randint(1, 5), "description": _street(rng)[:60],
                   "declared_value": value, "insured": bool(value) and rng.random() < 0.7,
                   "cod_amount": cod, "packing": rng.choice(("none", "bubble", "wood"))},
        "service": "REG",
        "payment": rng.choice(({"method": "cash"}, {"method": "qris", "reference": "QR123"})),
    }


def book_random(app, session, n: int, seed: int = 3) -> list[str]:
    """Book ``n`` random shipments; returns their waybill numbers."""
    rng = random.Random(seed)
    codes = sorted(app.directory._postal_index())
    out: list[str] = []
    while len(out) < n:
        try:
            out.append(app.booking.book(session, random_order(app, rng, codes)).waybill)
        except ValidationError:
            continue  # e.g. a village name shared inside one district; draw again
    return out
