"""``outlet-pos virtual-printer``: a thermal printer on a TCP port, writing each job as PNG."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from .common import EXIT_OK


def cmd_virtual_printer(args: argparse.Namespace) -> int:
    from ..printing.virtual.server import VirtualPrinter

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ValidationError(("out", Msg("cannot create the output directory: {path}",
                                          path=str(out)))) from None
    vp = VirtualPrinter(out, host=args.host, port=args.port, width_dots=args.width_dots)
    try:
        vp.start()
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise ValidationError(("port", Msg("port {port} is in use; choose another with "
                                               "--port", port=args.port))) from None
        raise
    print(tr("Virtual printer listening on {host}:{port}, writing jobs to {path}",
             host=args.host, port=vp.port, path=out), flush=True)
    announced = 0
    try:
        while True:
            jobs = vp.wait_for_jobs(announced + 1, timeout=0.5)
            for job in jobs[announced:]:
                print(tr("job {n}: {size} bytes → {path}", n=job.number, size=job.size,
                         path=job.png_path), flush=True)
            announced = len(jobs)
    except KeyboardInterrupt:
        print(tr("stopped"), file=sys.stderr)
    finally:
        vp.stop()
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("virtual-printer", parents=[common],
                       help="a virtual ESC/POS network printer that writes each job as PNG")
    p.add_argument("--port", type=int, default=9100)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--out", default="printed", help="directory for job-NNNN.bin/.png")
    p.add_argument("--width-dots", type=int, default=576, choices=[384, 512, 576],
                   help="paper width: 384 (58 mm), 576 (80 mm), 512 (80 mm at 180 dpi)")
    p.set_defaults(func=cmd_virtual_printer)
