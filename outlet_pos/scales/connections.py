"""Scale connection strings and the one way to open a scale: ``open_scale``.

``serial:DEV[@BAUD]`` (the profile's line settings, its speed overridable) or
``hid:VID:PID``. Whatever opens, it is a ``Scale``: ``read(timeout) -> Reading``
or a ``ScaleFault`` within the timeout; ``close()``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from ..domain.errors import ValidationError
from ..domain.scale_readings import Reading
from ..i18n import Msg
from .hid_link import HidScale
from .profiles import ScaleProfile, get_profile, profiles_for_hid
from .serial_link import SerialScale

KINDS = ("serial", "hid")


class Scale(Protocol):
    profile: ScaleProfile

    @property
    def connection(self) -> str: ...
    @property
    def profile_name(self) -> str: ...

    def read(self, timeout: float | None = None) -> Reading: ...
    def weigh(self, timeout: float | None = None, poll: float = 0.1) -> Reading: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ScaleSpec:
    kind: str
    target: str  # the device path, or VID:PID in hex
    baud: int | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}" + (f"@{self.baud}" if self.baud else "")


def parse(text: str) -> ScaleSpec:
    """Check a connection string (errors name the fix)."""
    kind, sep, rest = (text or "").strip().partition(":")
    kind = kind.lower()
    if not sep or kind not in KINDS or not rest:
        raise ValidationError(("connection", Msg(
            "must look like serial:DEV (e.g. serial:/dev/ttyUSB0, serial:COM3) or hid:VID:PID")))
    if kind == "hid":
        try:
            vid, pid = (int(p, 16) for p in rest.split(":"))
        except ValueError:
            raise ValidationError(("connection", Msg(
                "hid needs vendor and product id in hex, e.g. hid:0922:8003"))) from None
        if not (0 <= vid <= 0xFFFF and 0 <= pid <= 0xFFFF):
            raise ValidationError(("connection", Msg(
                "hid needs vendor and product id in hex, e.g. hid:0922:8003")))
        return ScaleSpec("hid", f"{vid:04x}:{pid:04x}")
    dev, _, baud = rest.partition("@")
    if not dev or (baud and not baud.isdecimal()):
        raise ValidationError(("connection", Msg(
            "serial speed must be a number, e.g. serial:/dev/ttyUSB0@9600")))
    return ScaleSpec("serial", dev, int(baud) if baud else None)


def choose_profile(spec: ScaleSpec, name: str | None) -> ScaleProfile:
    """The named profile, or for a HID scale the one that knows its id (else hid-pos)."""
    if name:
        profile = get_profile(name)
    elif spec.kind == "hid":
        vid, pid = (int(p, 16) for p in spec.target.split(":"))
        profile = (profiles_for_hid(vid, pid) or [get_profile("hid-pos")])[0]
    else:
        raise ValidationError(("profile", Msg(
            "a serial scale needs its profile: --profile NAME (see outlet-pos scale list)")))
    if (spec.kind == "hid") != (profile.protocol == "hid-pos"):
        raise ValidationError(("profile", Msg(
            "profile {name} does not fit a {kind} connection", name=profile.name,
            kind=spec.kind)))
    return profile


def open_scale(connection: str, profile: str | None = None) -> Scale:
    """A Scale for the connection string; nothing is opened until the first read."""
    spec = parse(connection)
    chosen = choose_profile(spec, profile)
    if spec.kind == "hid":
        vid, pid = (int(p, 16) for p in spec.target.split(":"))
        return HidScale(vid, pid, chosen)
    line = chosen.serial
    if spec.baud and line is not None:
        line = replace(line, baud=spec.baud)
    return SerialScale(spec.target, chosen, line)
