"""The process the crash test kills: books shipments and syncs, reporting each waybill.

Started once as a *zygote* that imports everything (a cold Python start with
SQLAlchemy, cryptography and requests takes seconds), then forks one worker per
kill. Protocol on standard input/output, one line each::

    parent -> zygote   go SEED        fork a worker
    zygote -> parent   forked PID
    worker -> parent   ready PID      logged in, about to book
    worker -> parent   booked PID W   ``book`` returned waybill W (after its commit)
    worker -> parent   synced PID N   a sync pass sent N events
    parent -> zygote   reap PID       (after SIGKILL) wait for the worker
    zygote -> parent   dead PID SIG   every line of the worker was written before this

A waybill is written only after ``book`` returned, i.e. after commit: exactly
what a clerk would have seen on screen. Workers write with one ``os.write`` per
line so lines of the worker and the zygote never interleave.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from outlet_pos.bootstrap import open_app
from outlet_pos.config import Settings


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def worker(data_dir: Path, order: dict, seed: int) -> None:
    rng = random.Random(seed)
    pid = os.getpid()
    app = open_app(Settings(data_dir, keystore="file"))
    clerk = app.auth.login("kasir1", "rahasia-kasir")
    valid = app.booking.validate(order)  # region data and tariff before "ready"
    app.booking.quote(valid.parcel, valid.recipient.address.district_code)
    sync_every = rng.choice((1, 2, 3, 5))
    say(f"ready {pid}")
    n = 0
    while True:
        b = app.booking.book(clerk, order)
        say(f"booked {pid} {b.waybill}")
        n += 1
        if n % sync_every == 0:
            report = app.sync.sync_once(reference=False)
            say(f"synced {pid} {report.applied + report.duplicates}"
                f"{' error' if report.error else ''}")


def main() -> None:
    data_dir, order_file = Path(sys.argv[1]), Path(sys.argv[2])
    order = json.loads(order_file.read_text())
    # One full start before forking: every lazy import and module-level cache (region
    # data, tariff, Alembic, requests) is loaded once. The app is closed again, so no
    # SQLite connection crosses a fork.
    warm = open_app(Settings(data_dir, keystore="file"))
    valid = warm.booking.validate(order)
    warm.booking.quote(valid.parcel, valid.recipient.address.district_code)
    import outlet_pos.sync.client  # noqa: F401  (requests, loaded by the first sync)

    warm.close()
    say("zygote")
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    worker(data_dir, order, int(arg))
                finally:
                    os._exit(3)
            say(f"forked {pid}")
        elif cmd == "reap":
            _, status = os.waitpid(int(arg), 0)
            say(f"dead {arg} {os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1}")
        elif cmd == "quit":
            break


if __name__ == "__main__":
    main()
