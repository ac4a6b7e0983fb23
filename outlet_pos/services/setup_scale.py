"""Set-up's scale step: the scale named, or the first one found when the technician asks.

``--scale auto`` (and the wizard's Find scales) probes this PC through the
``ScalePorts.detect`` port (bootstrap wires ``scales.detect.detect_scales``: USB HID
scales on usage page 0x8D, then the serial ports asked with each profile's command);
it runs only when asked, never at every start, since probing sends bytes down every
serial port. The choice is stored through ``ScaleService.configure`` (audited) like
``outlet-pos scale use``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..domain.errors import AppError
from ..domain.roles import NotAllowed
from ..i18n import Msg
from .auth import UserSession
from .scale import ScaleService

Problems = list[tuple[str, str]]


class ScaleFinding(Protocol):
    """One scale found (``scales.detect.FoundScale``)."""

    @property
    def connection(self) -> str: ...
    @property
    def profile(self) -> str: ...


@dataclass(frozen=True)
class ScalePorts:
    detect: Callable[[], tuple[Sequence[ScaleFinding], Sequence[str]]]
    problems: Callable[[str, str | None], Problems]  # a connection string and profile checked


@dataclass(frozen=True)
class ScaleStep:
    ok: bool
    message: Msg
    remedy: Msg | None = None


def check_scale(ports: ScalePorts, connection: str | None, profile: str | None) -> Problems:
    """The scale's connection string and profile (``auto`` is checked when it runs)."""
    if not connection or connection == "auto":
        return []
    return [(f"scale_{field}" if field in ("connection", "profile") else field, why)
            for field, why in ports.problems(connection, profile)]


def scale_step(service: ScaleService, session: UserSession, ports: ScalePorts,
               connection: str, profile: str | None) -> ScaleStep:
    """Store the scale (or the first found for ``auto``); a failure is reported, not raised."""
    if connection == "auto":
        found, problems = ports.detect()
        if not found:
            why = f" ({'; '.join(problems)})" if problems else ""
            return ScaleStep(False, Msg("no scale was found{why}", why=why), Msg(
                "plug the scale in and switch it on, then try again; or name it: --scale "
                "serial:DEV --scale-profile NAME (see outlet-pos scale list); the weight can "
                "be typed meanwhile"))
        connection, profile = found[0].connection, profile or found[0].profile
    try:
        device = service.configure(session, connection, profile)
    except NotAllowed:
        raise  # who may set a scale up is not a fault of the scale
    except AppError as e:
        return ScaleStep(False, Msg("the scale was not set up: {why}", why=e.message), Msg(
            "choose it later: outlet-pos scale use CONNECTION --profile NAME"))
    return ScaleStep(True, Msg("scale {connection} as {profile}", connection=device.connection,
                               profile=device.profile_name))
