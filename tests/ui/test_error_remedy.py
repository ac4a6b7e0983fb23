"""A stored tariff edited at rest (issue 19): the clerk at the New shipment page and the
technician at the command line read the same message and the same remedy, in Indonesian.

Before one error type and one formatter, the CLI named the command to run while the
page said only "unexpected error (TamperedData)".

The tariff is signed as the server signs it, stored as the sync worker stores it, then
one rate is changed in the database file's row (as an SQL tool would): the signature no
longer holds. The counter is opened afresh on that data directory, as at the start of a day.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from outlet_pos.bootstrap import App, open_app
from outlet_pos.cli.main import main
from outlet_pos.i18n import set_language, tr
from outlet_pos.protocol import wire
from outlet_pos.refdata.tariffs import load_sample_tariff
from outlet_pos.ui.pages.new_shipment import NewShipmentPage

SEED = bytes(range(32))  # the test's stand-in for the server's tariff signing key
VERSION = "2026-12-EDITED"
DESTINATION = "40115"


def _store_signed_then_edit_one_rate(app: App) -> None:
    table = {**load_sample_tariff().to_dict(), "version": VERSION}
    signature = wire.sign_tariff(SEED, table)
    assert wire.tariff_is_signed(wire.public_key_of(SEED), table, signature)
    edited = json.loads(json.dumps(table))
    district = next(iter(edited["rates"]))
    next(iter(edited["rates"][district].values()))[0] = 1  # one rupiah per kg
    assert not wire.tariff_is_signed(wire.public_key_of(SEED), edited, signature)
    with app.db.uow(write=True) as uow:
        uow.conn.execute(text("insert or replace into meta (key, value) "
                              "values ('sync_tariff_key', :key)"),
                         {"key": wire.public_key_of(SEED)})
        uow.conn.execute(text(
            "insert or replace into reference_data (kind, version, body, signature, "
            "updated_at) values ('tariff', :version, :body, :signature, :at)"),
            {"version": VERSION, "signature": signature, "at": "2026-11-25T02:00:00+00:00",
             "body": gzip.compress(json.dumps(edited).encode())})
        uow.commit()


@pytest.fixture
def edited_outlet(app: App, settings, clock) -> Iterator[App]:
    """The outlet with its stored tariff edited at rest, opened afresh."""
    set_language("id")
    _store_signed_then_edit_one_rate(app)
    fresh = open_app(settings, clock)
    yield fresh
    fresh.close()


def _cli_quote(settings, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    rc = main(["quote", "--data-dir", str(settings.data_dir), "--dest-postal-code",
               DESTINATION, "--weight", "1.3", "--dims", "30x20x10"])
    err = capsys.readouterr().err
    return rc, [line.removeprefix("outlet-pos: ") for line in err.splitlines()]


def test_the_page_and_the_command_line_say_the_same_message_and_remedy(
        edited_outlet, clerk, settings, capsys, qtbot):
    rc, said = _cli_quote(settings, capsys)
    assert rc == 1
    assert len(said) == 2 and said[1].startswith("Yang harus dilakukan: ")
    assert "outlet-pos tariffs update" in said[1]
    assert "tanda tangan" in said[0]  # Indonesian, not the English template

    page = NewShipmentPage(edited_outlet, clerk)
    qtbot.addWidget(page)
    page.recipient.postal.setText(DESTINATION)
    page.recipient._fill_villages(DESTINATION, None)
    page.weight.setText("1,3")
    page.dims.setText("30x20x10")
    expected = tr("No price: {reason}", reason="\n".join(said))
    qtbot.waitUntil(lambda: page.services_hint() == expected, timeout=5_000)
    assert "TamperedData" not in page.services_hint()
    assert "unexpected" not in page.services_hint() and "tak terduga" not in expected
