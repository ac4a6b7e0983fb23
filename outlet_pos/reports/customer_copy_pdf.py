"""A customer's copy of their data (UU PDP, the right of access) as an A4 PDF.

Every shipment of theirs at this outlet with every field stored about it: the figures,
their own party in full, the corrections (with the old value while it is kept), the
tracking seen, and the holds that keep their data. The other party of a shipment is
another person: shown masked, as the manager's lists mask. Same look as the daily report
(``pdf_report``: its fonts, tables and numbered pages); every label goes through ``tr``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from ..domain import customer_requests as rules
from ..domain.customer_requests import HOLD_WORDS, CustomerCopy, CustomerShipment
from ..domain.loyalty import mask_card
from ..domain.money import format_rupiah
from ..domain.party import Party, mask_name, mask_phone
from ..domain.words import payment_name
from ..i18n import get_language, tr
from ..printing.fonts import BOLD, REGULAR, register_fonts
from .pdf_report import MARGIN, WIDTH, _body, _heading, _numbered_canvas, _table

MASK = "•••"


def render_customer_copy(copy: CustomerCopy, out: Path, lang: str | None = None) -> None:
    """Write the copy to ``out`` through the checked private writer (0600)."""
    from .private_file import write_private_binary

    lang = lang or get_language()
    register_fonts()
    write_private_binary(Path(out), lambda f: _build(f, copy, lang))


def _build(out: BinaryIO, c: CustomerCopy, lang: str) -> None:
    title = tr("Copy of a customer's data", lang)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 8 * mm, bottomMargin=MARGIN + 4 * mm,
                            title=f"{title} — {c.outlet_label}", author="Outlet POS",
                            initialFontName=REGULAR)
    stamp = tr("Generated {at}", lang, at=c.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip())
    canvas = _numbered_canvas(c.outlet_label, c.generated_at.date().isoformat(), stamp, lang)
    doc.build(_story(c, title, lang), canvasmaker=canvas)


def _p(text: str) -> Paragraph:
    return Paragraph(escape(text), _body())


def _lines(lines: list[str]) -> Paragraph:
    return Paragraph("<br/>".join(escape(line) for line in lines), _body())


def _sub(text: str) -> Paragraph:
    return Paragraph(escape(text), ParagraphStyle("h3", fontName=BOLD, fontSize=10, leading=14,
                                                  spaceBefore=2 * mm, keepWithNext=1))


def _story(c: CustomerCopy, title: str, lang: str) -> list[Flowable]:
    h1 = ParagraphStyle("h1", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4 * mm)
    story: list[Flowable] = [
        Paragraph(escape(title), h1),
        _p(tr("Every shipment at this outlet whose sender or recipient has the phone "
              "number {phone}, and everything stored about it. Request reference: {ref}.",
              lang, phone=c.phone, ref=c.reference)),
        _p(tr("The figures (amounts, weights, dates) are kept {years} years for the tax "
              "office; names, addresses and phones are removed on request once no legal "
              "hold applies. The other party of each shipment is shown masked.", lang,
              years=rules.TAX_RECORD_YEARS)),
    ]
    if not c.shipments:
        story.append(_p(tr("No shipment with this phone number is stored here.", lang)))
    for s in c.shipments:
        story += _shipment(s, lang)
    return story


def _party(p: Party | None, mine: bool, lang: str) -> list[list[Any]]:
    if p is None:
        return [[tr("Personal data", lang), tr("erased", lang)]]
    # the sender's loyalty card is stored about them too (domain/loyalty.py)
    card = [[tr("Loyalty card no.", lang), p.loyalty_card if mine else
             mask_card(p.loyalty_card)]] if p.loyalty_card else []
    if mine:
        return [[tr("Name", lang), _p(p.name)], [tr("Phone", lang), p.phone],
                [tr("E-mail", lang), p.email or "—"],
                [tr("Address", lang), _lines(p.address.lines())], *card]
    return [[tr("Name", lang), mask_name(p.name)], [tr("Phone", lang), mask_phone(p.phone)],
            [tr("E-mail", lang), MASK if p.email else "—"],
            [tr("Address", lang), _p(p.address.city)], *card]


def _shipment(s: CustomerShipment, lang: str) -> list[Flowable]:
    r = s.record
    kg = f"{r.weight_g / 1000:.2f} kg"
    rows: list[list[Any]] = [
        [tr("Booked at", lang), r.booked_at.strftime("%Y-%m-%d %H:%M %Z").strip()],
        [tr("Service", lang), r.service],
        [tr("Status", lang), tr(r.status, lang)],
        [tr("From district", lang), r.origin_district],
        [tr("To district", lang), r.dest_district],
        [tr("Weight", lang), kg],
        [tr("Dimensions", lang), "×".join(str(d) for d in r.dims_cm) + " cm"],
        [tr("Goods", lang), _p(r.description or "—")],
        [tr("Declared value", lang), format_rupiah(r.declared_value)],
        [tr("Cash on delivery", lang), format_rupiah(r.cod_amount)],
        [tr("Total", lang), format_rupiah(r.total)],
        [tr("Payment", lang), payment_name(r.payment_method, lang)],
        [tr("Payment reference", lang), _p(r.payment_ref or "—")],
        [tr("Void reason", lang), _p(r.void_reason or "—")],
        [tr("Arrives by", lang), r.eta_date.isoformat()],
        [tr("Figures kept until", lang), rules.figures_kept_until(r.business_date).isoformat()],
        [tr("Kept because", lang), _p("; ".join(tr(HOLD_WORDS[h], lang) for h in s.holds)
                                      or tr("no hold: may be erased on request", lang))],
    ]
    out: list[Flowable] = [_heading(tr("Waybill {waybill}", lang, waybill=r.waybill)),
                           _table(rows, (WIDTH * 0.3, WIDTH * 0.7), header=False,
                                  right_from=2)]
    for who, label, party in (("sender", tr("Sender", lang), r.sender),
                              ("recipient", tr("Recipient", lang), r.recipient)):
        out += [_sub(label), _table(_party(party, who in s.roles, lang),
                                  (WIDTH * 0.3, WIDTH * 0.7), header=False, right_from=2)]
    if s.corrections:
        rows = [[tr("Field", lang), tr("Old value", lang), tr("Corrected", lang),
                 tr("Removed on", lang)]]
        # an old value of the other party's field is that person's data: masked too
        rows += [[c.field, _p((c.old_value or "—") if c.field.split(".")[0] in s.roles
                              else MASK), c.corrected_at.date().isoformat(),
                  c.expires_at.date().isoformat()] for c in s.corrections]
        out += [_sub(tr("Corrections", lang)),
                _table(rows, (WIDTH * 0.2, WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.2),
                       header=True, right_from=4)]
    if s.tracking:
        rows = [[tr("Time", lang), tr("Status", lang), tr("Place", lang), tr("Note", lang)]]
        rows += [[t.at[:16], t.status, t.location or "", _p(t.note or "")]
                 for t in s.tracking]
        out += [_sub(tr("Tracking", lang)),
                _table(rows, (WIDTH * 0.22, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.38),
                       header=True, right_from=4)]
    return out
