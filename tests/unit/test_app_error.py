"""AppError: every error a user can meet carries a message, a remedy and whose fault it is."""

from __future__ import annotations

from outlet_pos.domain.errors import (
    EXIT_FAULT,
    EXIT_USER,
    AppError,
    DomainError,
    ValidationError,
)
from outlet_pos.i18n import Msg


def test_domain_errors_are_app_errors_and_the_users_to_fix() -> None:
    e = DomainError(Msg("waybill {number} is not here", number="X1"))
    assert isinstance(e, AppError)
    assert e.exit_code == EXIT_USER
    assert e.message == "waybill X1 is not here"
    assert e.message.template == "waybill {number} is not here"  # type: ignore[attr-defined]
    assert isinstance(ValidationError(("phone", Msg("is required"))), AppError)


def test_an_app_error_is_a_fault_unless_said_otherwise_and_keeps_its_remedy() -> None:
    e = AppError(Msg("the key store is locked"), remedy=Msg("unlock it, then try again"))
    assert e.exit_code == EXIT_FAULT
    assert str(e) == "the key store is locked"
    assert e.remedy == "unlock it, then try again"


def test_a_subclass_default_remedy_applies_unless_the_raise_site_gives_one() -> None:
    class Broken(AppError):
        default_remedy = Msg("run outlet-pos doctor")

    assert Broken(Msg("broken")).remedy == "run outlet-pos doctor"
    assert Broken(Msg("broken"), remedy=Msg("call support")).remedy == "call support"
    assert AppError(Msg("plain")).remedy == ""
