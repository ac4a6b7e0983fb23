"""Child process for the kill test: books shipments in a loop, reporting each waybill.

A waybill is printed (and flushed) only after ``book`` returned, i.e. after
commit: exactly what a clerk would have seen on screen.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from outlet_pos.bootstrap import open_app
from outlet_pos.config import Settings


def main() -> None:
    data_dir, order_file = Path(sys.argv[1]), Path(sys.argv[2])
    order = json.loads(order_file.read_text())
    app = open_app(Settings(data_dir, keystore="file"))
    clerk = app.auth.login("kasir1", "rahasia-kasir")
    # Load region data and tariff before saying ready, so kills land among bookings.
    valid = app.booking.validate(order)
    app.booking.quote(valid.parcel, valid.recipient.address.district_code)
    print("ready", flush=True)
    while True:
        b = app.booking.book(clerk, order)
        print(b.waybill, flush=True)


if __name__ == "__main__":
    main()
