"""What an enrolment exchange gives this terminal, as data.

The exchange (``sync.enroll``: an enrolment code over HTTPS, or a provisioning file)
returns it, the enrolment service (``services.enrolment``) keeps and audits it; neither
imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import DeviceCredential


@dataclass(frozen=True)
class Enrolled:
    """What an exchange gave: the credential, the terminal to number waybills in (None:
    keep ours) and the devices the server revoked because this PC took their terminal."""

    credential: DeviceCredential
    terminal: int | None = None
    replaced: tuple[str, ...] = ()

    @property
    def device_id(self) -> str:
        return self.credential.device_id
