"""AppError: every error a user can meet carries a message, a remedy and whose fault it is."""

from __future__ import annotations

import logging

import pytest

from outlet_pos.domain.errors import (
    EXIT_FAULT,
    EXIT_USER,
    AppError,
    DomainError,
    ValidationError,
)
from outlet_pos.i18n import Msg, set_language
from outlet_pos.i18n.errors import describe, log_details
from outlet_pos.storage.crypto import TamperedData
from outlet_pos.storage.faults import StorageFault
from outlet_pos.storage.keystore import FileKeyStore, KeyStoreError
from tests.reliability.pii import RECIPIENT_NAME, SENDER_NAME, SENDER_PHONE, pii_in_text


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


# ------------------------------------------------------------------ the one formatter


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("id")


def test_an_app_error_reads_the_same_on_the_screen_and_the_terminal(english) -> None:
    told = describe(TamperedData(Msg("the master key does not open this database's keys "
                                     "(wrong key or damaged key table)")))
    assert told.exit_code == EXIT_FAULT
    assert told.message.startswith("the master key does not open")
    assert told.remedy == "nothing was changed; run 'outlet-pos audit verify' and call support"
    assert told.screen_text().splitlines() == told.terminal_lines() == [
        told.message, f"What to do: {told.remedy}"]


def test_the_remedy_is_translated_with_the_message() -> None:
    set_language("id")
    told = describe(TamperedData(Msg("the master key does not open this database's keys "
                                     "(wrong key or damaged key table)")))
    assert "audit verify" in told.remedy and "nothing was changed" not in told.remedy
    assert told.remedy_line().startswith("Yang harus dilakukan: ")


def test_exit_codes_follow_whose_fault_it_is(english) -> None:
    assert describe(DomainError(Msg("log in as a manager to add users"))).exit_code == EXIT_USER
    assert describe(StorageFault("disk_full", Msg("the disk is full"))).exit_code == EXIT_FAULT
    assert describe(KeyStoreError(Msg("no key"))).exit_code == EXIT_FAULT
    assert describe(KeyboardInterrupt()).exit_code == EXIT_FAULT
    assert describe(ValueError("x")).exit_code == EXIT_FAULT


def test_a_validation_error_names_each_field_by_its_label(english) -> None:
    told = describe(ValidationError([("recipient.phone", Msg("is required")),
                                     ("no.such.key", Msg("is required"))]))
    assert told.exit_code == EXIT_USER and told.remedy == ""
    assert told.screen_text() == "Recipient phone: is required\nis required"
    assert told.terminal_lines() == ["Recipient phone - recipient.phone: is required",
                                     "no.such.key: is required"]


def test_an_unexpected_error_shows_only_its_type_and_logs_no_text(english, caplog) -> None:
    e = RuntimeError(f"could not parse {SENDER_NAME} {SENDER_PHONE}")
    try:
        raise e
    except RuntimeError:
        with caplog.at_level(logging.ERROR):
            log_details(e, logging.getLogger("test"))
    told = describe(e)
    assert told.message == "unexpected error (RuntimeError); details are in the log"
    assert told.remedy == ""
    seen = told.screen_text() + "\n".join(told.terminal_lines()) + caplog.text
    assert "RuntimeError" in caplog.text and "test_app_error.py" in caplog.text
    assert pii_in_text(seen) == [] and SENDER_NAME not in seen


def test_an_os_error_says_what_the_system_said_about_which_file(english) -> None:
    told = describe(FileNotFoundError(2, "No such file or directory", "/tmp/x.json"))
    assert told.message == "No such file or directory: /tmp/x.json"


def test_a_key_file_that_cannot_be_read_says_to_run_the_doctor(tmp_path, english) -> None:
    store = FileKeyStore(tmp_path)
    store._path("master-1").mkdir(parents=True)  # there, but not a file it can read
    with pytest.raises(KeyStoreError) as e:
        store.get("master-1")
    told = describe(e.value)
    assert told.message.startswith("cannot read the key file")
    assert told.terminal_lines()[-1] == ("What to do: run outlet-pos doctor: it checks the "
                                         "key store and says what to fix")


def test_a_fault_logs_our_template_but_not_text_from_elsewhere(caplog) -> None:
    log = logging.getLogger("test")
    with caplog.at_level(logging.ERROR):
        log_details(TamperedData(Msg("the master key does not open this database's keys "
                                     "(wrong key or damaged key table)")), log)
        log_details(AppError(f"the server said: {RECIPIENT_NAME} is not valid"), log)
        log_details(DomainError(Msg("log in as a manager to add users")), log)  # user's own
    assert "TamperedData: the master key does not open" in caplog.text
    assert "AppError: (text not logged)" in caplog.text
    assert RECIPIENT_NAME not in caplog.text and "manager" not in caplog.text


def test_each_start_up_fault_says_what_it_is_about() -> None:
    from outlet_pos.domain.errors import (
        ABOUT_DAMAGED,
        ABOUT_KEYS,
        ABOUT_LOCKED,
        ABOUT_MISSING,
        ABOUT_SCHEMA,
    )
    from outlet_pos.storage.database import NotInitialised
    from outlet_pos.storage.schema import SchemaTooNew

    assert TamperedData(Msg("x")).about == KeyStoreError(Msg("x")).about == ABOUT_KEYS
    assert SchemaTooNew(Msg("x")).about == ABOUT_SCHEMA
    assert NotInitialised(Msg("x")).about == ABOUT_MISSING
    assert StorageFault("locked", Msg("x")).about == ABOUT_LOCKED
    assert StorageFault("corrupt", Msg("x")).about == ABOUT_DAMAGED
    assert StorageFault("disk_full", Msg("x")).about == AppError(Msg("x")).about == ""
