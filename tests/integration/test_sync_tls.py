"""TLS: the client verifies the server's certificate always; a custom CA is configurable."""

from __future__ import annotations

from pathlib import Path

import pytest
import trustme

from outlet_pos.sync.client import SyncClient, SyncError
from tests.central_server import CentralServer
from tests.sync_fixtures import enroll


@pytest.fixture
def tls_server(tmp_path):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file, ca_file = (tmp_path / n for n in ("cert.pem", "key.pem", "ca.pem"))
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    for blob in cert.cert_chain_pems[1:]:
        blob.write_to_path(str(cert_file), append=True)
    cert.private_key_pem.write_to_path(str(key_file))
    ca.cert_pem.write_to_path(str(ca_file))
    srv = CentralServer(tmp_path / "central", tls=(str(cert_file), str(key_file))).start()
    yield srv, str(ca_file)
    srv.close()


def test_client_trusts_the_configured_ca_and_refuses_an_unknown_one(app, tls_server, tmp_path):
    srv, ca_file = tls_server
    assert srv.url.startswith("https://")
    with pytest.raises(SyncError) as e:
        SyncClient(srv.url).health()  # the system's CAs do not know this server
    assert e.value.kind == "tls"
    other = trustme.CA()
    other.cert_pem.write_to_path(str(tmp_path / "other.pem"))
    with pytest.raises(SyncError) as e:
        SyncClient(srv.url, ca_bundle=str(tmp_path / "other.pem")).health()
    assert e.value.kind == "tls"
    assert SyncClient(srv.url, ca_bundle=ca_file).health()["status"] == "ok"


def test_enrolled_outlet_syncs_over_tls_with_its_ca(app, tls_server):
    from tests.shipment_factory import book_random

    srv, ca_file = tls_server
    boss = app.auth.login("manajer", "rahasia-manajer")
    enroll(app, srv, boss, ca=ca_file)
    book_random(app, boss, 5)
    report = app.sync.sync_once()
    assert report.error is None and report.applied == 5
    assert (app.settings.data_dir / "server-ca.pem").read_text() == Path(ca_file).read_text()


def test_sync_reports_an_untrusted_certificate_and_keeps_the_queue(app, tls_server):
    from tests.shipment_factory import book_random

    srv, ca_file = tls_server
    boss = app.auth.login("manajer", "rahasia-manajer")
    enroll(app, srv, boss, ca=ca_file)
    with app.db.uow(write=True) as uow:  # the CA on record is replaced by a stranger's
        uow.meta.set("sync_ca_pem", trustme.CA().cert_pem.bytes().decode())
        uow.commit()
    book_random(app, boss, 2)
    report = app.sync.sync_once()
    assert report.error is not None and report.error.kind == "tls"
    assert app.sync.status().queue_depth == 2
    assert "not trusted" in app.sync.status().last_error
