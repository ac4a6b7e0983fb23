"""The waybill as a document: pure data blocks that every renderer draws the same way.

``build_waybill`` turns a booked shipment into the blocks of a courier waybill
(header, barcode, QR, routing, parties, weights, COD, prices, outlet, terms).
Renderers (ESC/POS, raster, PDF) never decide *what* is printed, only *how*.
Printed text is Bahasa Indonesia: the paper travels to hubs and recipients all
over Indonesia whatever language the clerk's screen is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from .loyalty import mask_card
from .money import format_rupiah
from .party import Party, mask_phone
from .shipment import ShipmentRecord
from .text import printable
from .waybill import format_waybill
from .words import payment_name

DEFAULT_COURIER = "KURIR OUTLET POS"


class Copy(StrEnum):
    LABEL = "label"  # stuck on the parcel: travels to the hub and the recipient
    RECEIPT = "receipt"  # handed to the sender
    OUTLET = "outlet"  # kept at the counter

    @property
    def heading(self) -> str:
        """The copy's name printed under the courier's (not ``title``: that is str's)."""
        return _COPY_TITLES[self]


_COPY_TITLES = {
    Copy.LABEL: "LABEL PAKET",
    Copy.RECEIPT: "TANDA TERIMA PENGIRIM",
    Copy.OUTLET: "ARSIP OUTLET",
}

# The screen's Indonesian words (outlet_pos_id.ts) for the same things, so a clerk reads the
# same word on paper as on the screen: "Cetak ulang", "batal", "Tunai".
REPRINT_MARK = "CETAK ULANG"
VOID_MARK = "BATAL"
PAPER_LANGUAGE = "id"


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph; wraps at the paper's columns (divided by ``wide``), never cut."""

    text: str
    bold: bool = False
    wide: bool = False  # double width
    tall: bool = False  # double height
    align: str = "left"  # left | center | right
    inverse: bool = False  # white on black

    def __post_init__(self) -> None:
        # A row stored before typed text was cleaned may hold a bidi override: never printed.
        object.__setattr__(self, "text", printable(self.text))


@dataclass(frozen=True, slots=True)
class Pair:
    """A label on the left and a value flush right (``Berat  1,31 kg``)."""

    label: str
    value: str
    bold: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", printable(self.label))
        object.__setattr__(self, "value", printable(self.value))


@dataclass(frozen=True, slots=True)
class Barcode:
    """CODE128 of a numeric string (code set C), human-readable text below."""

    data: str


@dataclass(frozen=True, slots=True)
class QR:
    data: str


@dataclass(frozen=True, slots=True)
class Rule:
    heavy: bool = False


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    pass


Block = Text | Pair | Barcode | QR | Rule | Feed | Cut


@dataclass(frozen=True, slots=True)
class Document:
    """What to print. ``key`` names the document in logs and file names (no personal data)."""

    key: str
    blocks: tuple[Block, ...]
    waybill: str | None = None
    copy: Copy | None = None
    open_drawer: bool = False  # a cash sale's receipt: pulse the drawer (if the printer has one)


@dataclass(frozen=True, slots=True)
class OutletLine:
    """The outlet facts printed on every copy."""

    number: int
    terminal: int
    name: str
    timezone: tzinfo
    courier: str = DEFAULT_COURIER


def format_kg(grams: int) -> str:
    """``1310`` → ``1,31 kg`` (Indonesian decimal comma, trailing zeros dropped)."""
    whole, rest = divmod(grams, 1000)
    if rest == 0:
        return f"{whole} kg"
    return f"{whole},{rest:03d}".rstrip("0") + " kg"


def local_time(at: datetime, tz: tzinfo) -> str:
    """``25-11-2026 09:00 WIB``: Indonesians read day-month-year; the zone is named."""
    local = at.astimezone(tz)
    return local.strftime("%d-%m-%Y %H:%M ") + (local.tzname() or "")


def routing_code(district_code: str) -> str:
    """A district code (``31.74.05``) as the big sorting code printed on the label."""
    return district_code.replace(".", "-")


def _party(title: str, p: Party | None, *, mask: bool) -> list[Block]:
    if p is None:
        return [Text(title, bold=True), Text("(data pribadi sudah dihapus sesuai retensi)")]
    blocks: list[Block] = [Text(title, bold=True), Text(p.name, bold=True),
                           Text(mask_phone(p.phone) if mask else p.phone)]
    blocks += [Text(line) for line in p.address.lines() if line]
    return blocks


def build_waybill(s: ShipmentRecord, outlet: OutletLine, copy: Copy = Copy.LABEL,
                  reprint: int = 0, dest_name: str | None = None) -> Document:
    """The blocks of one copy of a waybill. ``reprint`` > 0 marks it CETAK ULANG n (the
    words the screen uses for a reprint in Indonesian)."""
    void = s.status == "void"
    b: list[Block] = [
        Text(outlet.courier, bold=True, wide=True, tall=True, align="center"),
        Text(copy.heading, align="center"),
    ]
    if reprint:
        b.append(Text(f"{REPRINT_MARK} {reprint}", bold=True, align="center", inverse=True))
    if void:
        # A void waybill must never pass as valid: no barcode, a banner instead.
        b += [Text(VOID_MARK, bold=True, wide=True, tall=True, align="center",
                   inverse=True),
              Text("Resi ini tidak berlaku. Jangan kirim paket dengan resi ini.",
                   bold=True, align="center")]
        if s.void_reason:
            b.append(Text(f"Alasan: {s.void_reason}", align="center"))
    b.append(Rule())
    b += [Text("No. Resi", align="center")]
    if not void:
        b.append(Barcode(s.waybill))
    b += [Text(format_waybill(s.waybill), bold=True, tall=True, align="center"),
          Text(f"{s.service}  {routing_code(s.origin_district)} > "
               f"{routing_code(s.dest_district)}", bold=True, align="center"),
          Text(routing_code(s.dest_district), bold=True, wide=True, tall=True, align="center",
               inverse=True)]
    if dest_name:
        b.append(Text(f"Tujuan: {dest_name}", align="center"))
    b += [Text(local_time(s.booked_at, outlet.timezone), align="center"), Rule()]
    b += _party("PENGIRIM", s.sender, mask=False)
    if copy is Copy.RECEIPT and s.sender is not None and s.sender.loyalty_card:
        # the sender's copy only (a label travels through hubs), masked: domain/loyalty.py
        b.append(Pair("Kartu loyalitas", mask_card(s.sender.loyalty_card)))
    b.append(Rule())
    b += _party("PENERIMA", s.recipient, mask=copy is Copy.RECEIPT)
    b.append(Rule())
    b += [
        Pair("Berat aktual", format_kg(s.weight_g)),
        Pair("Berat volume", format_kg(s.volumetric_g)),
        Pair("Berat tertagih", f"{s.chargeable_kg} kg", bold=True),
        Pair("Koli", str(s.pieces)),
        Pair("Ukuran", "{}x{}x{} cm".format(*s.dims_cm)),
    ]
    if s.description is not None:
        b.append(Text(f"Isi: {s.description}"))
    b.append(Pair("Nilai barang", format_rupiah(s.declared_value)))
    b.append(Pair("Asuransi", "Ya" if s.insured else "Tidak"))
    if s.cod_amount:
        b += [Rule(heavy=True),
              Text("COD - BAYAR DI TEMPAT", bold=True, align="center", inverse=True),
              Text(format_rupiah(s.cod_amount), bold=True, wide=True, tall=True,
                   align="center"),
              Rule(heavy=True)]
    else:
        b.append(Rule())
    b += [Pair(label, format_rupiah(amount)) for _code, label, amount in s.lines]
    b.append(Pair("TOTAL", format_rupiah(s.total), bold=True))
    b.append(Pair("Bayar", payment_name(s.payment_method, PAPER_LANGUAGE)))
    if s.payment_method == "cash" and s.tendered:
        b += [Pair("Tunai", format_rupiah(s.tendered)),
              Pair("Kembali", format_rupiah(s.tendered - s.total))]
    elif s.payment_ref:
        b.append(Pair("Ref.", s.payment_ref))
    b += [Pair("Estimasi tiba", s.eta_date.strftime("%d-%m-%Y")), Rule(),
          Text(f"Outlet {outlet.number:05d} {outlet.name}"),
          Text(f"Terminal {outlet.terminal:02d}  Petugas: {s.clerk}")]
    if not void:
        b += [Feed(), QR(s.waybill)]
    b += [Text("Pengiriman tunduk pada syarat & ketentuan kurir. Simpan resi ini; lacak "
               "dengan nomor resi.", align="center"),
          Feed(2), Cut()]
    return Document(key=f"{s.waybill}-{copy.value}", blocks=tuple(b), waybill=s.waybill,
                    copy=copy)


#: A number that can never be a real waybill (outlet 0), so a scanned test page is harmless.
TEST_NUMBER = "0000000000000000"
CODE_PAGE_LINE = "Kode halaman: ÀÉÜ àéü ñ £ ½ - Rp 15.000"


def build_test_page(outlet: OutletLine, connection: str, profile: str,
                    at: datetime | None = None) -> Document:
    """What ``printer test`` prints: styles, a barcode, a QR and a code-page line."""
    b: list[Block] = [
        Text(outlet.courier, bold=True, wide=True, tall=True, align="center"),
        Text("UJI PRINTER / PRINTER TEST", bold=True, align="center", inverse=True),
        Rule(),
        Pair("Outlet", f"{outlet.number:05d}-{outlet.terminal:02d}"),
        Pair("Profil", profile),
        Text(f"Sambungan: {connection}"),
    ]
    if at is not None:
        b.append(Text(local_time(at, outlet.timezone)))
    b += [Rule(), Text("Normal  ", align="left"), Text("Tebal / Bold", bold=True),
          Text("LEBAR", wide=True), Text("TINGGI", tall=True), Text(CODE_PAGE_LINE), Rule(),
          Text("CODE128:", align="center"), Barcode(TEST_NUMBER),
          Text(format_waybill(TEST_NUMBER), align="center"), Text("QR:", align="center"),
          QR(TEST_NUMBER), Rule(heavy=True),
          Text("Jika barcode dan QR terbaca oleh pemindai dan semua huruf tercetak, "
               "printer siap dipakai.", align="center"),
          Feed(2), Cut()]
    return Document(key="test-page", blocks=tuple(b))
