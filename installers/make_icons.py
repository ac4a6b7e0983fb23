"""Draw Outlet POS's icon (a parcel with a waybill barcode) with Pillow, so no image editor or
SVG renderer is needed at build time.

    python installers/make_icons.py OUT_DIR    → OUT_DIR/outlet-pos-256.png, -48.png, .ico
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

RED, BROWN, LIGHT, INK = (200, 30, 45), (196, 140, 80), (236, 200, 150), (30, 30, 30)


def draw(size: int = 256) -> Image.Image:
    s = size / 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=40 * s, fill=RED)
    d.rectangle([48 * s, 70 * s, 208 * s, 206 * s], fill=BROWN)        # the parcel
    d.polygon([(48 * s, 70 * s), (80 * s, 44 * s), (240 * s - 32 * s, 44 * s),
               (208 * s, 70 * s)], fill=LIGHT)                            # its lid
    d.rectangle([116 * s, 44 * s, 140 * s, 206 * s], fill=LIGHT)        # tape
    d.rectangle([64 * s, 120 * s, 192 * s, 190 * s], fill=(255, 255, 255))  # the waybill
    x = 72
    for i, w in enumerate((4, 2, 6, 2, 4, 8, 2, 4, 2, 6, 4, 2, 6, 2, 4, 2, 6)):
        if i % 2 == 0:
            d.rectangle([x * s, 128 * s, max(x * s, (x + w) * s - 1), 172 * s], fill=INK)
        x += w + 1
    d.rectangle([72 * s, 178 * s, 184 * s, 182 * s], fill=INK)
    return img


def main(out: str) -> None:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    big.save(out_dir / "outlet-pos-256.png")
    draw(48).save(out_dir / "outlet-pos-48.png")
    big.save(out_dir / "outlet-pos.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/icons")
