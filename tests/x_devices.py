"""The counter session's devices: the virtual scale the outlet weighs on, and a scanned waybill.

``start_scale`` runs ``outlet-pos virtual-scale`` (the 8217 protocol on a pseudo-terminal)
and makes it the outlet's scale with ``outlet-pos scale use``, before the window opens;
its standard input takes the control lines (``weight 1.450``, ``motion on``) a person at a
real scale would cause by putting a parcel down. ``weigh_and_scan`` is the session's step:
on New shipment, F4 while the parcel still moves (the page says so, no weight), F4 again
once it lies still (the weight field fills itself), F2 to start over; then a waybill
scanned at a scanner's pace (xdotool, 4 ms a key, Enter) from the empty form opens it on
Today.
"""

from __future__ import annotations

import re
import subprocess
import time
from typing import Any

from .x_driver import BIN, Driver, Screen
from .x_words import MANAGER, MANAGER_PW, alt, named, says, t

SCALE_PROTOCOL = "mettler-8217"


def start_scale(d: Driver, data: Any) -> subprocess.Popen:
    """The virtual scale's process (the caller ends it), already the outlet's scale."""
    scale = subprocess.Popen(
        [str(BIN / "outlet-pos"), "virtual-scale", "--protocol", SCALE_PROTOCOL,
         "--weight", "0kg"], env=d.app_env(), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert scale.stdout is not None
    line = scale.stdout.readline()
    path = re.search(r"(/dev/\S+?):? ", line + " ")
    if path is None:
        scale.kill()
        raise RuntimeError(f"the virtual scale did not say its device: {line!r}")
    d.cli("scale", "use", f"serial:{path.group(1)}", "--profile", SCALE_PROTOCOL,
          "--user", MANAGER, "--password-stdin", "--data-dir", str(data),
          stdin=MANAGER_PW + "\n")
    return scale


def _control(scale: subprocess.Popen, line: str) -> None:
    assert scale.stdin is not None
    scale.stdin.write(line + "\n")
    scale.stdin.flush()
    time.sleep(0.2)  # the scale takes the line on its own thread


def _weight_text(s: Screen) -> str:
    return ((s.find(name=named("Weight in kg")) or {}).get("text") or "").strip()


def _said(s: Screen) -> str:
    return ((s.find(name=named("What the scale says")) or {}).get("text") or "").strip()


def weigh_and_scan(session: Any, scale: subprocess.Popen) -> None:
    d: Driver = session.d
    step = "scale"
    d.key(alt("&New shipment"))
    d.pause()
    d.key("F2")  # an empty form for the next customer
    d.pause()
    _control(scale, "weight 1.450")
    _control(scale, "motion on")  # the parcel just put down
    d.key("F4")
    moving = t("the scale is still moving: wait until the parcel lies still")
    try:
        d.wait_for(lambda s: moving in _said(s) and s, "the scale's words for a moving parcel",
                   8)
    except TimeoutError:
        session.fail(step, f"F4 on a moving parcel did not say so (said {_said(d.look())!r})")
    screen = session.shot("scale-moving")
    if _weight_text(screen):
        session.fail(step, f"a moving parcel's weight was taken: {_weight_text(screen)!r}")
    _control(scale, "motion off")
    d.pause(0.5, 1.0)  # the clerk waits for the display to settle, then weighs again
    d.key("F4")
    try:
        d.wait_for(lambda s: _weight_text(s).replace(",", ".").rstrip("0") == "1.45",
                   "the weight field to fill itself from the scale", 8)
    except TimeoutError:
        session.fail(step, f"F4 on a still parcel did not fill the weight (field "
                           f"{_weight_text(d.look())!r}, said {_said(d.look())!r})")
    session.shot("scale-weighed")
    d.key("F2")  # this parcel was only weighed: the next customer
    d.pause()
    scan(session)


def scan(session: Any) -> None:
    """The first booking's waybill, at a scanner's pace into whatever has the focus."""
    d: Driver = session.d
    step = "scan"
    if not session.r.waybills:
        session.fail(step, "no waybill to scan")
        return
    waybill = session.r.waybills[0]
    d._xdotool("type", "--delay", "4", "--", waybill)  # a wedge scanner: a burst
    d._xdotool("key", "Return")

    def opened(s: Screen) -> bool:
        table = s.find(name=named("Today's shipments")) or {}
        scanned = any(says("Scanned waybill {waybill}", x) for x in s.texts())
        return scanned and table.get("rows") == 1

    try:
        d.wait_for(opened, "the scanned waybill on Today", 10)
    except TimeoutError:
        session.fail(step, "a scanned waybill did not open on Today")
    session.shot("scanned-waybill")
