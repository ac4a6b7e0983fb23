"""``scale use|read|list``: the counter's weighing scale from the command line.

``use`` stores the scale through the same service as the counter window (a manager
or technician; audited); ``read`` weighs once, from the stored scale or the one named,
waiting up to ``--timeout`` seconds for a stable reading, and exits 1 when there is
none (a fault, or a reading still moving, over or under); ``list`` shows the profiles,
the serial ports and the USB HID scales this computer sees.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..bootstrap import App
from ..domain.errors import ValidationError
from ..domain.scale_readings import Reading, ScaleFault, status_words
from ..domain.waybill_document import format_kg
from ..i18n import Msg, tr
from .common import EXIT_FAIL, EXIT_OK, emit_json, login, with_app


def cmd_use(args: argparse.Namespace) -> int:
    def run(app: App) -> int:
        s = app.scale.configure(login(app, args), args.connection, args.profile)
        print(tr("This counter weighs on {connection} as {profile}. Try it: outlet-pos "
                 "scale read", connection=s.connection, profile=s.profile_name))
        return EXIT_OK

    return with_app(args, run)


def _say(reading: Reading | None, fault: ScaleFault | None, as_json: bool) -> int:
    if as_json:
        emit_json({"status": reading.status.value if reading else None,
                   "grams": reading.grams if reading else None,
                   "net": reading.net if reading else None,
                   "stable": bool(reading and reading.stable),
                   "fault": fault.kind.value if fault else None,
                   "detail": fault.detail if fault else None})
    elif fault is not None:
        print(tr(fault.message) + f" ({fault})", file=sys.stderr)
        print("  " + tr("What to do: {remedy}", remedy=tr(fault.remedy)), file=sys.stderr)
    elif reading is not None:
        words = tr(status_words(reading.status))
        if reading.grams is None:
            print(words, file=sys.stdout if reading.stable else sys.stderr)
        else:
            g = reading.grams  # the waybill's way of writing a weight: 1,5 kg
            weight = "-" + format_kg(-g) if g < 0 else format_kg(g)
            net = " " + tr("net") if reading.net else ""
            print(tr("{weight}{net}: {words}", weight=weight, net=net, words=words),
                  file=sys.stdout if reading.stable else sys.stderr)
    return EXIT_OK if reading is not None and reading.stable else EXIT_FAIL


def cmd_read(args: argparse.Namespace) -> int:
    from ..scales.connections import open_scale

    def weigh(scale: Any) -> int:
        try:
            reading = scale.weigh(args.timeout)
        except ScaleFault as f:
            return _say(None, f, args.json)
        finally:
            scale.close()
        return _say(reading, None, args.json)

    if args.connection:
        return weigh(open_scale(args.connection, args.profile))
    if args.profile:
        raise ValidationError(("profile", Msg("--profile goes with --connection")))

    def run(app: App) -> int:
        scale = app.scale.scale()
        if scale is None:
            raise ValidationError(("scale", Msg(
                "no scale is set up for this counter: outlet-pos scale use CONNECTION "
                "--profile NAME (or type the weight)")))
        return weigh(scale)

    return with_app(args, run)


def cmd_list(args: argparse.Namespace) -> int:
    from ..scales.hid_link import hid_scales
    from ..scales.profiles import all_profiles

    ports, port_problem = _serial_ports()
    hids, hid_problem = hid_scales()
    profiles = all_profiles()
    if args.json:
        emit_json({"profiles": {n: {"title": p.title, "protocol": p.protocol,
                                    "serial": _line(p.serial) or None}
                                for n, p in profiles.items()},
                   "serial_ports": ports, "serial_problem": port_problem,
                   "hid": [{"connection": h.connection, "product": h.product} for h in hids],
                   "hid_problem": hid_problem})
        return EXIT_OK
    print(tr("Scale profiles (--profile NAME):"))
    for name, p in profiles.items():
        print(f"  {name:14} {p.protocol:13} {_line(p.serial) or 'USB HID'}")
        print(f"  {'':14} {p.title}")
    print("\n" + tr("Serial ports (serial:DEV):"))
    for port in ports:
        print(f"  serial:{port['device']}  {port['description']}")
    if port_problem:
        print("  " + port_problem)
    elif not ports:
        print("  " + tr("none found"))
    print("\n" + tr("USB HID scales attached:"))
    for h in hids:
        print(f"  {h.connection}  {h.product}")
    if hid_problem:
        print("  " + hid_problem)
    elif not hids:
        print("  " + tr("none found"))
    return EXIT_OK


def _line(line: Any) -> str:
    return f"{line.baud} {line.bytesize}{line.parity}{line.stopbits}" if line else ""


def _serial_ports() -> tuple[list[dict[str, str]], str | None]:
    try:
        from serial.tools import list_ports

        return [{"device": p.device, "description": p.description or ""}
                for p in sorted(list_ports.comports(), key=lambda p: p.device)], None
    except (ImportError, OSError) as e:
        return [], f"pyserial: {type(e).__name__}"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             auth: argparse.ArgumentParser) -> None:
    sc = sub.add_parser("scale", help="the counter's weighing scale").add_subparsers(
        dest="scale_cmd", required=True)
    p = sc.add_parser("use", parents=[common, auth], help="choose this counter's scale")
    p.add_argument("connection", help="serial:DEV (e.g. serial:/dev/ttyUSB0, serial:COM3) "
                                      "or hid:VID:PID")
    p.add_argument("--profile", help="a profile from 'scale list' (a HID scale: by its id)")
    p.set_defaults(func=cmd_use)
    p = sc.add_parser("read", parents=[common], help="weigh once (exit 1 without a stable "
                                                     "reading)")
    p.add_argument("--connection", help="this scale instead of the counter's")
    p.add_argument("--profile", help="its profile (with --connection)")
    p.add_argument("--timeout", type=float, default=3.0,
                   help="seconds to wait for a stable reading (default 3)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_read)
    p = sc.add_parser("list", parents=[common], help="profiles, serial ports and HID scales")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
