"""``outlet-pos demo``: a guided tour of the core on a demo outlet, for ``make run``.

It sets up a demo outlet (once), then quotes, books, looks up and verifies,
narrating each step and the command that does the same thing by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..bootstrap import App, database_files, has_database, init_outlet, open_app
from ..config import Settings
from ..domain.money import format_rupiah
from ..domain.shipment import parse_parcel
from ..domain.waybill import format_waybill
from ..domain.waybill_document import Copy
from ..domain.words import tracking_name
from ..i18n import N_, get_language, tr
from .common import EXIT_OK
from .demo_central import PORT as CENTRAL_PORT
from .demo_central import central_server, ensure_enrolled
from .demo_scale import PROTOCOLS as SCALE_PROTOCOLS
from .demo_scale import demo_scale

COPY_NAMES = {"label": N_("the label"), "receipt": N_("the receipt"),
              "outlet": N_("the outlet's copy")}
DEMO_MANAGER = ("manajer", "demo-manajer-1")
DEMO_CLERK = ("kasir1", "demo-kasir-1")


def demo_order() -> dict[str, Any]:
    """The example order shipped as examples/shipment.json (and inside the package)."""
    raw = resources.files("outlet_pos.resources").joinpath("examples/shipment.json").read_text(
        encoding="utf-8")
    return json.loads(raw)


def _step(n: int, text: str, cmd: str = "") -> None:
    print(f"\n[{n}] {text}")
    if cmd:
        print(f"    $ {cmd}")


def cmd_demo(args: argparse.Namespace) -> int:
    settings = Settings.load(args.data_dir or Path(".demo"))
    d = f"--data-dir {settings.data_dir}"
    print(tr("Outlet POS — guided demo of the core (the counter window comes later)."))
    if not has_database(settings):
        _step(1, tr("Setting up demo outlet 1, terminal 1, with a manager and a clerk"),
              f"outlet-pos init {d} --outlet-number 1 --terminal 1 --manager manajer")
        app = init_outlet(settings, outlet_number=1, terminal=1, manager=DEMO_MANAGER[0],
                          password=DEMO_MANAGER[1], outlet_name="Outlet Demo Coblong")
        boss = app.auth.login(*DEMO_MANAGER)
        app.auth.add_user(boss, DEMO_CLERK[0], "clerk", DEMO_CLERK[1])
    else:
        _step(1, tr("Re-using the demo outlet in {path}", path=settings.data_dir))
        app = open_app(settings)
    try:
        with _virtual_printer(app, settings.data_dir / "printed") as paper, \
                demo_scale(app, DEMO_MANAGER, parse_parcel(demo_order()["parcel"]).weight_g,
                           args.scale_protocol), \
                central_server(settings.data_dir / "central") as url:
            print("    " + tr("local central server: {url}", url=url))
            port = urlsplit(url).port
            if port != CENTRAL_PORT:
                print("    " + tr("(port {wanted} is taken on this PC, so it uses port {port})",
                                  wanted=str(CENTRAL_PORT), port=str(port)))
            ensure_enrolled(app, app.auth.login(*DEMO_MANAGER), settings.data_dir / "central",
                            url)
            _tour(app, d, paper)
            _sync(app, d)
            _goodbye(app)
            if not args.no_window:
                _window(app, d)
    finally:
        app.close()
    return EXIT_OK


def _has_screen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") == "offscreen":
        return False
    return sys.platform in ("win32", "darwin") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _window(app: App, d: str) -> None:
    """The counter window on the demo outlet, with the virtual printer and the server."""
    if not _has_screen():
        print("\n" + tr("No screen here, so the counter window stays closed. On a desktop: "
                         "outlet-pos gui {d}", d=d))
        return
    print("\n" + tr("Opening the counter window (log in as kasir1 / {password})…",
                     password=DEMO_CLERK[1]))
    from ..logging_setup import enable_crash_trace
    from ..ui.run import run_gui

    enable_crash_trace(app.settings.data_dir)  # as `outlet-pos gui` does: a crash leaves a trace
    run_gui(app)


def _goodbye(app: App) -> None:
    print("\n" + tr("Data lives in {path}. Demo users: manajer / {manager}, kasir1 / {clerk}. "
                    "Run `make run` again to book another.", path=app.settings.data_dir,
                    manager=DEMO_MANAGER[1], clerk=DEMO_CLERK[1]))


def _sync(app: App, d: str) -> None:
    _step(10, tr("Sync with the central server (here a local one on this PC)"),
          f"outlet-pos sync {d} --once")
    report = app.sync.sync_once(reference=True)
    if report.error:
        print("    " + tr("not sent: {error}", error=tr(report.error.message)))
        return
    print("    " + tr("sent {n} events; nothing waits ({left} left)", n=report.applied,
                      left=report.remaining))
    last = app.shipments.list_day(app.auth.login(*DEMO_CLERK), app.today())
    if last:
        number = last[-1].waybill
        history, _, _ = app.sync.track(number)
        _step(11, tr("Tracking of {waybill} from the server", waybill=format_waybill(number)),
              f"outlet-pos track {d} {number}")
        for h in history:
            at = datetime.fromisoformat(h["at"]).astimezone(app.outlet.timezone)
            print(f"    {at:%Y-%m-%d %H:%M}  {tracking_name(h['status'])}  "
                  f"{h.get('location') or ''}")


@contextmanager
def _virtual_printer(app: App, out: Path) -> Iterator[Path]:
    """The demo outlet prints to a virtual printer: real ESC/POS bytes, a PNG per job."""
    from ..printing.virtual.server import VirtualPrinter

    try:
        vp = VirtualPrinter(out, port=9100)
        vp.start()
    except OSError:  # 9100 taken (a real print server?): any free port will do
        vp = VirtualPrinter(out, port=0)
        vp.start()
    if vp.port != 9100:
        print("    " + tr("(port 9100 is taken on this PC, so the virtual printer listens on "
                          "port {port})", port=str(vp.port)))
    try:
        boss = app.auth.login(*DEMO_MANAGER)
        app.printing.configure(boss, f"net:127.0.0.1:{vp.port}", "generic-80")
        yield out
    finally:
        vp.stop()


def _kg(grams: int) -> str:
    """``1310`` → ``1,31`` in Indonesian (a decimal comma), ``1.31`` in English."""
    text = f"{grams / 1000:g}"
    return text.replace(".", ",") if get_language() == "id" else text


def _tour(app: App, d: str, paper: Path) -> None:
    order = demo_order()
    parcel = parse_parcel(order["parcel"])
    dest = app.booking.destination_district(order["recipient"]["address"]["postal_code"])
    _step(2, tr("Quote: {kg} kg, 30x20x10 cm, insured, to {place}",
                kg=_kg(parcel.weight_g), place=app.directory.district_name(dest)),
          f"outlet-pos quote {d} --dest-postal-code 12190 --weight 1.31 --dims 30x20x10 "
          "--declared-value 500000")
    for q in app.booking.quote(parcel, dest):
        lines = ", ".join(f"{ln.label} {format_rupiah(ln.amount)}" for ln in q.lines)
        print(f"    {q.service:4} {format_rupiah(q.total):>12}  "
              + tr("by {date}", date=q.eta_date.isoformat()) + f"  ({lines})")

    clerk = app.auth.login(*DEMO_CLERK)
    earlier = app.cash.unclosed_day(clerk)
    if earlier is not None:  # the demo of an earlier day was never closed
        print("    " + tr("{day} was never closed; the demo's manager carries it over "
                          "(outlet-pos cash carry-over {day} --reason ... --user manajer)",
                          day=earlier.isoformat()))
        app.cash.carry_over(app.auth.login(*DEMO_MANAGER), earlier, "demo: hari sebelumnya")
    _step(3, tr("Book examples/shipment.json as clerk '{user}'", user=clerk.username),
          f"outlet-pos book {d} --json examples/shipment.json --user kasir1")
    booking = app.booking.book(clerk, order, print_copies=["label", "receipt"])
    print("    " + tr("waybill {waybill}: {total}, change {change}, arrives by {date}",
                      waybill=format_waybill(booking.waybill),
                      total=format_rupiah(booking.total), change=format_rupiah(booking.change),
                      date=booking.quote.eta_date.isoformat()))
    print("    " + tr("stored, encrypted and queued for the server in one durable transaction"))

    _step(4, tr("Print the label and the receipt on the virtual thermal printer"),
          f"outlet-pos print {d} {booking.waybill} --user kasir1")
    for o in app.printing.run_pending():
        copy = tr(COPY_NAMES[o.copy]) if o.copy in COPY_NAMES else o.copy
        if o.ok:
            print("    " + tr("{copy}: printed", copy=copy))
        else:
            print("    " + tr("{copy}: NOT printed ({reason})", copy=copy,
                              reason=tr(o.message or "")))
    pngs = sorted(paper.glob("job-*.png"))
    if pngs:
        print("    " + tr("the paper as the printer printed it: {path}", path=pngs[-1]))
    pdf = paper / f"{booking.waybill}-label.pdf"
    app.printing.export_pdf(clerk, booking.waybill, [Copy.LABEL], pdf, "label")
    print("    " + tr("and as a 100x150 mm PDF label: {path}", path=pdf))

    _step(5, tr("Show it (personal data: the view is written to the audit log)"),
          f"outlet-pos shipments show {d} {booking.waybill} --user kasir1")
    s = app.shipments.show(clerk, booking.waybill)
    assert s.recipient is not None
    print(f"    → {s.recipient.name}, {', '.join(s.recipient.address.lines())}")

    _step(6, tr("A repeat customer is found by phone"),
          f"outlet-pos customer find {d} 081398765432 --user kasir1")
    for m in app.shipments.find_customer(clerk, order["recipient"]["phone"]):
        print(f"    {m.party.name} ({tr(m.as_role)}, {m.times}×)")

    today: date = app.today()
    rows = app.shipments.list_day(clerk, today)
    # A manager counts what will travel and what was paid for: a voided parcel is neither.
    kept = [r for r in rows if r.status != "void"]
    voided = len(rows) - len(kept)
    _step(7, tr("Today's list: {n} shipments, {total}", n=len(kept),
                total=format_rupiah(sum(r.total for r in kept)))
          + (" " + tr("(and {n} voided, not counted)", n=voided) if voided else ""),
          f"outlet-pos shipments list {d} --user kasir1")

    boss = app.auth.login(*DEMO_MANAGER)
    report = app.admin.verify_audit(boss)
    _step(8, tr("Audit chain: {state}, {rows} rows",
                state=tr("intact") if report.ok else tr("BROKEN"), rows=report.rows),
          f"outlet-pos audit verify {d} --user manajer")

    hits = count_in_files(database_files(app.settings), order["recipient"]["name"])
    _step(9, tr("The recipient's name appears {n} times in the database file and its WAL "
                "(it is encrypted)", n=hits))


# Reads the files in a child process: a plain open() and close() of a live database file in
# this process would drop the POSIX locks SQLite holds on it, and the next program to close
# the database would then delete the WAL under this process's connection.
_COUNT = """
import sys
needle = sys.stdin.buffer.read()
n = 0
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            n += f.read().count(needle)
    except FileNotFoundError:
        pass
print(n)
"""


def count_in_files(paths: list[Path], text: str) -> int:
    """How often ``text`` occurs in the raw bytes of ``paths``, counted by a child process
    (the text goes on its standard input, never on a command line)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", _COUNT, *map(str, paths)], input=text.encode(),
        capture_output=True, check=True, timeout=120)
    return int(done.stdout)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="guided demo on a demo outlet (.demo/)")
    p.add_argument("--no-window", action="store_true",
                   help="only the narrated tour; do not open the counter window")
    p.add_argument("--scale-protocol", choices=SCALE_PROTOCOLS, default="stream",
                   help="the protocol the demo's virtual scale speaks (default stream)")
    p.set_defaults(func=cmd_demo)
