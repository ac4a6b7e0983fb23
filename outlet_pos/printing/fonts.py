"""The bundled DejaVu fonts, registered with reportlab once, for every PDF we write.

Names and addresses may be in any script, so waybill PDFs (``printing.pdf``) and the
manager's daily report (``reports.pdf_report``) both set text in these. Reports use
printing, never the other way round: this module is where they meet.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "OutletPOS-DejaVuSans", "OutletPOS-DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        ref = resources.files("outlet_pos.resources").joinpath("fonts", file)
        with resources.as_file(ref) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
