"""Finding scales on this PC, and the doctor's one bounded read of the configured scale.

``detect_scales`` is what set-up and the wizard offer when the technician asks (never
at every start: probing a port sends bytes down it): the USB HID scales attached
(usage page 0x8D, or a USB id a profile knows), then every serial port probed with
each serial profile's weigh command under a short timeout. A serial port answers a
profile when its reply decodes as that protocol; a streaming scale answers unasked.
A port that another program holds, or that says nothing, is simply not offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..domain.scale_readings import Reading, ScaleFault
from .connections import open_scale
from .hid_link import hid_scales
from .profiles import ScaleProfile, all_profiles
from .serial_link import SerialScale

PROBE_TIMEOUT = 0.6  # seconds per port and profile: a polled scale answers in < 0.1 s


@dataclass(frozen=True, slots=True)
class FoundScale:
    connection: str
    profile: str
    seen_as: str  # the product's name or the port's description, for the technician
    reading: Reading | None = None  # what it said when probed (serial); None for HID

    @property
    def label(self) -> str:
        return f"{self.connection} ({self.profile}) {self.seen_as}".strip()


def serial_ports() -> tuple[list[tuple[str, str]], str | None]:
    """(device, description) of the serial ports seen, and a problem instead of a crash."""
    try:
        from serial.tools import list_ports

        return [(p.device, p.description or "") for p in
                sorted(list_ports.comports(), key=lambda p: p.device)], None
    except (ImportError, OSError) as e:
        return [], f"pyserial: {type(e).__name__}"


def serial_profiles() -> list[ScaleProfile]:
    # Streaming first: it answers without a command, so a probe sends nothing down the line.
    return sorted((p for p in all_profiles().values() if p.serial is not None),
                  key=lambda p: (p.protocol != "stream", p.name))


def probe_port(device: str, profiles: Iterable[ScaleProfile],
               timeout: float = PROBE_TIMEOUT) -> FoundScale | None:
    """The first profile whose protocol the port answers in, or None."""
    for profile in profiles:
        scale = SerialScale(device, profile)
        try:
            reading = scale.read(timeout)
        except ScaleFault as f:
            if f.kind.value in ("unplugged", "permission"):
                return None  # the port itself is not usable: no other profile will be
            continue
        finally:
            scale.close()
        return FoundScale(f"serial:{device}", profile.name, "", reading)
    return None


def detect_scales(extra_ports: Sequence[str] = (),
                  ports: Callable[[], tuple[list[tuple[str, str]], str | None]] = serial_ports,
                  timeout: float = PROBE_TIMEOUT) -> tuple[list[FoundScale], list[str]]:
    """Scales found (HID first) and the problems met (no hidapi, no pyserial).

    ``extra_ports``: devices list_ports does not show (a pseudo-terminal: the virtual
    scale), probed the same way.
    """
    found: list[FoundScale] = []
    problems: list[str] = []
    hids, hid_problem = hid_scales()
    if hid_problem:
        problems.append(hid_problem)
    for h in hids:
        found.append(FoundScale(h.connection, open_scale(h.connection).profile_name,
                                h.product))
    seen, port_problem = ports()
    if port_problem:
        problems.append(port_problem)
    candidates = list(seen) + [(d, "") for d in extra_ports if d not in {s for s, _ in seen}]
    profiles = serial_profiles()
    for device, description in candidates:
        hit = probe_port(device, profiles, timeout)
        if hit is not None:
            found.append(FoundScale(hit.connection, hit.profile, description, hit.reading))
    return found, problems


def probe_scale(connection: str, profile: str | None, timeout: float) -> Reading:
    """One read of the configured scale within ``timeout`` (the doctor): a reading, stable
    or not, or ScaleFault / ValidationError (a stored name no longer valid)."""
    scale = open_scale(connection, profile)
    try:
        return scale.read(timeout)
    finally:
        scale.close()
