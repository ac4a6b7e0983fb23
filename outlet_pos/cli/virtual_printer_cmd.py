"""``outlet-pos virtual-printer``: a thermal printer on a TCP port, writing each job as a PNG.

For development, demos and training: point the outlet at ``net:127.0.0.1:PORT``
and every print lands in ``--out`` as ``job-NNNN.bin`` (the bytes) and
``job-NNNN.png`` (the paper). Runs until Ctrl-C (or SIGTERM), then exits 0.
"""

from __future__ import annotations

import argparse
import errno
import sys
import threading
from pathlib import Path

from ..domain.errors import ValidationError
from ..i18n import Msg, tr
from .common import EXIT_OK, stopped_by_signals


def run(port: int, out_dir: Path, host: str = "127.0.0.1", width_dots: int = 576) -> int:
    """Serve until interrupted, printing one line at start and one per job."""
    from ..printing.virtual.server import Job, VirtualPrinter

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise ValidationError(("out", Msg("cannot create the output directory: {path}",
                                          path=str(out)))) from None
    said = threading.Lock()  # jobs are announced from the connections' threads

    def announce(job: Job) -> None:
        with said:
            print(tr("job {n}: {size} bytes → {path}", n=str(job.number), size=job.size,
                     path=str(job.png_path or job.bin_path)), flush=True)

    vp = VirtualPrinter(out, host=host, port=port, width_dots=width_dots, on_job=announce)
    try:
        vp.start()
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise ValidationError(("port", Msg("port {port} is in use; choose another with "
                                               "--port", port=str(port)))) from None
        raise
    # SIGTERM (a service manager, Popen.terminate) ends it as cleanly as Ctrl-C.
    try:
        with stopped_by_signals():
            # The port as a string: numbers >= 10000 would get a thousands separator.
            print(tr("Virtual printer listening on {host}:{port}, writing jobs to {path}",
                     host=host, port=str(vp.port), path=str(out)), flush=True)
            vp.serve_forever()  # returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        vp.stop()
    print(tr("stopped"), file=sys.stderr, flush=True)
    return EXIT_OK


def port(text: str) -> int:
    """argparse type: a TCP port number (0 lets the system choose)."""
    n = int(text)
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError("must be 0..65535")
    return n


def cmd_virtual_printer(args: argparse.Namespace) -> int:
    return run(args.port, Path(args.out), args.host, args.width_dots)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("virtual-printer", parents=[common],
                       help="a virtual ESC/POS network printer that writes each job as PNG")
    p.add_argument("--port", type=port, default=9100, help="TCP port (default 9100; 0 = any)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--out", required=True, help="directory for job-NNNN.bin and job-NNNN.png")
    p.add_argument("--width-dots", type=int, default=576, choices=[384, 512, 576],
                   help="paper width: 576 (80 mm), 384 (58 mm), 512 (80 mm at 180 dpi)")
    p.set_defaults(func=cmd_virtual_printer)
