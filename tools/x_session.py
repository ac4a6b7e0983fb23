"""Run the scripted counter session under Xvfb with openbox (tests/x_scenario.py) and keep
its screenshots, e.g. for the README:

    python tools/x_session.py --out docs/images/x-session

Needs Xvfb, openbox, xdotool and ImageMagick (sh tools/ensure_xsession.sh installs them).
Prints what failed and what a clerk would trip over; exits 1 when something failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.x_driver import missing_programs  # noqa: E402
from tests.x_run import run_session  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "x-session",
                        help="directory for the screenshots (default build/x-session)")
    parser.add_argument("--seed", type=int, default=15, help="the typing pace's random seed")
    args = parser.parse_args()
    missing = missing_programs()
    if missing:
        print(f"x_session: missing {', '.join(missing)}; run: sh tools/ensure_xsession.sh")
        return 1
    with tempfile.TemporaryDirectory(prefix="x-session-") as work:
        result = run_session(args.out, Path(work), seed=args.seed)
    report = ROOT / "build" / "x-session-report.json"
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(result.__dict__, indent=1,
                                                     ensure_ascii=False), encoding="utf-8")
    print(f"{len(result.screenshots)} screenshots in {args.out} (report: {report}), "
          f"{result.seconds:.0f} s, "
          f"{len(result.waybills)} bookings, {result.print_jobs} print jobs, rc {result.rc}")
    for line in result.notes:
        print("note:", line)
    for line in result.failures:
        print("FAILED:", line)
    if result.stderr_tail:
        print("the window's stderr, last lines:\n" + result.stderr_tail)
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
