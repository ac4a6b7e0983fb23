"""The tariff in force is checked in services (``services.tariffs``), storage only reads it:
the bundled tariff until the server sends one, a signed stored tariff once it has, and a
stored tariff edited at rest refused with a message and the command that fixes it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from outlet_pos.domain.stored_settings import SYNC_TARIFF_KEY
from outlet_pos.protocol import wire
from outlet_pos.refdata.tariffs import load_sample_tariff
from outlet_pos.services.tariffs import TariffTampered

SEED = bytes(range(32))  # the test's stand-in for the server's tariff signing key
AT = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def _store(app, body: dict, signature: str) -> None:
    with app.db.uow(write=True) as uow:
        uow.meta.set(SYNC_TARIFF_KEY.key, wire.public_key_of(SEED))
        uow.reference.set("tariff", str(body["version"]), body, signature, AT)
        uow.commit()


def _table(version: str) -> dict:
    return {**load_sample_tariff().to_dict(), "version": version}


def test_the_bundled_tariff_is_in_force_until_the_server_sends_one(app):
    assert app.booking.tariff_version() == load_sample_tariff().version


def test_a_signed_stored_tariff_is_in_force(app):
    body = _table("2026-12-TEST")
    _store(app, body, wire.sign_tariff(SEED, body))
    assert app.booking.tariff_version() == "2026-12-TEST"


def test_a_stored_tariff_edited_at_rest_is_refused_with_its_remedy(app):
    signed = _table("2026-12-EDIT")
    signature = wire.sign_tariff(SEED, signed)
    edited = {**signed, "currency_note": "edited in SQL"}  # same version, other bytes
    _store(app, edited, signature)
    with pytest.raises(TariffTampered) as e:
        app.booking.tariff_version()
    assert "signature" in e.value.message
    assert "outlet-pos tariffs update" in e.value.remedy


def test_a_stored_tariff_without_the_servers_key_is_refused(app):
    body = _table("2026-12-NOKEY")
    with app.db.uow(write=True) as uow:
        uow.reference.set("tariff", body["version"], body, wire.sign_tariff(SEED, body),
                          AT)
        uow.commit()
    with pytest.raises(TariffTampered):
        app.booking.tariff_version()
