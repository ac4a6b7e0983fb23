"""``python -m benchmarks [name ...]``: run the benchmarks and print their figures.

With no name, every benchmark but the long ones (``LONG``: ``fleet`` starts a whole
deployment and replays 450,000 events, minutes of both cores); ``all`` runs those too
(``make bench``). Results are also written to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from . import (
    bench_backup,
    bench_booking,
    bench_counter,
    bench_devices,
    bench_fleet,
    bench_lookup,
    bench_printing,
    bench_report,
    bench_startup,
    bench_sync,
)

ALL = {"booking": bench_booking.run, "lookup": bench_lookup.run,
       "printing": bench_printing.run, "sync": bench_sync.run, "startup": bench_startup.run,
       "report": bench_report.run, "backup": bench_backup.run, "counter": bench_counter.run,
       "fleet": bench_fleet.run}
LONG = {"fleet"}
ALL["scan"] = bench_devices.run_scan  # a scan to the waybill opened
ALL["scale"] = bench_devices.run_scale  # the scale's reading to the weight field shown


def main(argv: list[str]) -> int:
    names = list(ALL) if argv == ["all"] else argv or [n for n in ALL if n not in LONG]
    results = {"machine": platform.platform(), "python": platform.python_version(),
               "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    for name in names:
        print(f"== {name}", flush=True)
        results[name] = ALL[name]()
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"\nwritten to {out / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
