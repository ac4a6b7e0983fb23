"""Time to produce each kind of print job, beside the time a 250 mm/s printer needs for it.

Target (printing issue): software ≤ 5 % of print time, so the printer, not the
program, is what the clerk waits for. A job's software time is everything
from the stored shipment to bytes ready for the wire: building the document,
layout, rendering (ESC/POS native or full raster, or PDF). Print time is the
paper length of the job at 250 mm/s (the PDF label: 150 mm).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from outlet_pos.bootstrap import init_outlet
from outlet_pos.config import Settings
from outlet_pos.domain.waybill_document import Copy, OutletLine, build_waybill
from outlet_pos.printing import canvas
from outlet_pos.printing.escpos_render import render_escpos
from outlet_pos.printing.layout import layout
from outlet_pos.printing.pdf import pdf_bytes
from outlet_pos.printing.profiles import get_profile

from .common import fresh_dir, summary

ROOT = Path(__file__).resolve().parents[1]
PRINTER_MM_S = 250
ROUNDS = 60


def _record():
    d = fresh_dir("printing")
    app = init_outlet(Settings(d / "data", keystore="file"), outlet_number=1, terminal=1,
                      manager="manajer", password="bench-manajer-1")
    boss = app.auth.login("manajer", "bench-manajer-1")
    order = json.loads((ROOT / "examples" / "shipment.json").read_text())
    order["parcel"]["cod_amount"] = 250000
    waybill = app.booking.book(boss, order).waybill
    rec = app.shipments.show(boss, waybill)
    o = app.outlet
    line = OutletLine(o.number, o.terminal, o.name, o.timezone)
    app.close()
    return rec, line


def _time(fn) -> list[float]:
    fn()  # warm: fonts, python-escpos import, reportlab font registration
    out = []
    for _ in range(ROUNDS):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def run() -> dict:
    rec, line = _record()
    results: dict[str, dict] = {}
    for profile_name in ("generic-58", "generic-80"):
        profile = get_profile(profile_name)
        for copy in (Copy.LABEL, Copy.RECEIPT):
            for raster in (False, True):
                def job(copy=copy, raster=raster, profile=profile):
                    return render_escpos(build_waybill(rec, line, copy), profile, raster)
                doc = build_waybill(rec, line, copy)
                length_mm = canvas.render_page(layout(doc, profile.columns_a),
                                               profile).height / profile.dpi * 25.4
                name = f"{profile_name} {copy.value} {'raster' if raster else 'native'}"
                results[name] = _row(_time(job), length_mm)
    for page, length_mm in (("label", 150.0), ("a6", 148.0)):
        def pdf(page=page):
            return pdf_bytes([build_waybill(rec, line, Copy.LABEL)], page)
        results[f"pdf {page}"] = _row(_time(pdf), length_mm)
    for name, r in results.items():
        print(f"  {name:32} {r['median_ms']:8.2f} ms  print {r['print_ms']:7.0f} ms  "
              f"{r['share_pct']:5.2f} %  ({r['paper_mm']:.0f} mm)")
    return results


def _row(samples: list[float], length_mm: float) -> dict:
    s = summary(samples)
    print_ms = length_mm / PRINTER_MM_S * 1000
    return {**s, "paper_mm": round(length_mm, 1), "print_ms": round(print_ms, 1),
            "share_pct": round(s["median_ms"] / print_ms * 100, 2)}
