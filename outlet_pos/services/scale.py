"""The counter's scale: which one it is (stored, role-gated, audited) and reading it.

Takes a port (``ScaleFactory``: connection string and profile name to a device) and
never a driver: bootstrap plugs in ``outlet_pos.scales``. Reading goes to the device
with a bounded timeout and must be called off the GUI thread; a reading or fault
comes back as the domain's ``Reading`` / ``ScaleFault``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..domain.roles import Action
from ..domain.scale_readings import Reading
from ..domain.stored_settings import SCALE_CONNECTION, SCALE_PROFILE
from .auth import UserSession
from .ports import UnitOfWorkFactory
from .refusals import require


class ScaleDevice(Protocol):
    """A configured scale; ``weigh`` gives a stable reading within the timeout if one comes."""

    @property
    def connection(self) -> str: ...
    @property
    def profile_name(self) -> str: ...

    def weigh(self, timeout: float | None = None) -> Reading: ...
    def close(self) -> None: ...


ScaleFactory = Callable[[str, str | None], ScaleDevice]  # (connection, profile) → device


class ScaleService:
    def __init__(self, uow: UnitOfWorkFactory, scales: ScaleFactory) -> None:
        self._uow = uow
        self._scales = scales

    def configure(self, session: UserSession, connection: str,
                  profile: str | None) -> ScaleDevice:
        """Choose this counter's scale (manager, technician); the factory checks both names."""
        require(self._uow, session, Action.CHANGE_SETTINGS)
        device = self._scales(connection, profile)
        with self._uow(write=True) as uow:
            SCALE_CONNECTION.write(uow.meta, device.connection)
            SCALE_PROFILE.write(uow.meta, device.profile_name)
            uow.audit.append(session.username, "scale_configured", None,
                             {"connection": device.connection, "profile": device.profile_name})
            uow.commit()
        return device

    def setting(self) -> tuple[str, str | None] | None:
        """(connection, profile) of this counter's scale, or None when it has none."""
        with self._uow() as uow:
            connection, profile = SCALE_CONNECTION.read(uow.meta), SCALE_PROFILE.read(uow.meta)
        return (connection, profile) if connection else None

    def scale(self) -> ScaleDevice | None:
        """The configured scale (nothing opened yet), or None: typing the weight is the way."""
        chosen = self.setting()
        return self._scales(*chosen) if chosen else None
