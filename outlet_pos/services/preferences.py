"""The counter's settings after setup: the saved language and where this terminal syncs.

The first-run setup writes the language into the database's meta table
(``outlet-pos gui`` starts in it); the Settings page changes it here, role-gated
and audited like every other change of the counter's configuration.
"""

from __future__ import annotations

from ..domain.errors import ValidationError
from ..domain.roles import Action
from ..domain.stored_settings import LANGUAGE
from ..i18n import LANGUAGES, Msg
from .auth import UserSession
from .ports import UnitOfWorkFactory
from .refusals import require


def saved_language(uow_factory: UnitOfWorkFactory) -> str | None:
    with uow_factory() as uow:
        lang = LANGUAGE.read(uow.meta)
    return lang if lang in LANGUAGES else None


def save_language(uow_factory: UnitOfWorkFactory, session: UserSession, lang: str) -> None:
    """The language the counter window opens in from now on."""
    require(uow_factory, session, Action.CHANGE_SETTINGS)
    if lang not in LANGUAGES:
        raise ValidationError(("language", Msg("must be id or en")))
    with uow_factory(write=True) as uow:
        LANGUAGE.write(uow.meta, lang)
        uow.audit.append(session.username, "language_set", None, {"language": lang})
        uow.commit()


def enrolled_server(uow_factory: UnitOfWorkFactory) -> tuple[str, str] | None:
    """(server address, device id) this terminal is enrolled at, or None."""
    with uow_factory() as uow:
        cred = uow.device.get()
    return (cred.server, cred.device_id) if cred is not None else None


class Preferences:
    """The functions above, bound to one outlet's unit of work (``App.preferences``)."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def language(self) -> str | None:
        return saved_language(self._uow)

    def save_language(self, session: UserSession, lang: str) -> None:
        save_language(self._uow, session, lang)

    def enrolled_server(self) -> tuple[str, str] | None:
        return enrolled_server(self._uow)
