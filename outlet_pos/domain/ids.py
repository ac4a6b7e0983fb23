"""Random identifiers (UUID version 4, as text) for the rows a booking makes.

``str(uuid.uuid4())`` goes through ``UUID``'s constructor, a measurable part of a booking
that makes two (benchmarks/README.md); this writes the same form from the same 122 random
bits directly.
"""

from __future__ import annotations

import os


def new_id() -> str:
    """A fresh random UUID (version 4, RFC 4122 variant), lower-case with hyphens."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # variant 10xx
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
