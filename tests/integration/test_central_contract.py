"""Property tests of the central server against its own OpenAPI document (schemathesis).

Schemathesis generates requests for the ``/v1`` operations from the document FastAPI
publishes (valid and invalid data, plus its coverage cases) and sends them in process
through the ASGI transport, to a server on SQLite and on PostgreSQL (skipped without one):

* unsigned, every operation: only enrollment and health reach a handler, the rest must
  refuse with a documented 401 Problem;
* signed, every operation that needs a device: a ``requests`` auth hook signs each request
  as a provisioned device over the method, path+query and body bytes as sent, so generated
  batches, ``since`` values and waybills reach the real handlers (a 401/403/409 fails).

Checked: no 5xx (an exception escaping the app fails too), documented status code, content
type and response schema; signed, also that valid data is accepted and invalid refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pytest
import requests
import schemathesis
from fastapi import FastAPI
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import create_engine

from outlet_pos.central.app import create_app
from outlet_pos.central.app_clients import add_client
from outlet_pos.central.db import utc_now
from outlet_pos.central.enrollment import provision
from outlet_pos.central.limits import Limits
from outlet_pos.central.secrets_file import ServerSecrets
from outlet_pos.protocol import wire
from tests.central_server import CentralServer

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
SIGNED_CHECKS = [*CHECKS, positive_data_acceptance, negative_data_rejection]

# The document comes from an app on a database it never opens (the document does not depend
# on one); requests go to the fixture's app. schemathesis.pytest.from_fixture would be neater
# but fails on pytest 9 (it sets ``Function._nodeid``, which pytest no longer has).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(
    create_engine("sqlite://"), ServerSecrets(bytes(32), bytes(32))))
# Signature headers come from DeviceSigner, not generated security parameters. No shrinking
# keeps a failing run short; the failure still shows a curl command that reproduces it.
schema.config.generation.update(max_examples=25, deterministic=True, database="none",
                                no_shrink=True, with_security_parameters=False)


@dataclass
class Central:
    app: FastAPI
    device_id: str
    seed: bytes
    app_token: str  # the courier's app's credential (app_clients), not a device's


class DeviceSigner(requests.auth.AuthBase):
    """Signs the prepared request (the bytes requests will send) as ``sync.client`` does.

    The server verifies ``request.url.path``, which Starlette rebuilds from the ASGI scope:
    percent-decoded, ``?#\\`` escaped again, then through ``urlsplit`` (which drops tab, CR
    and LF). Mirror that so generated waybills with such characters still reach the handler.
    """

    def __init__(self, device_id: str, seed: bytes) -> None:
        self.device_id, self.seed = device_id, seed

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(r.url or "")
        decoded = unquote(url.path).replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
        path = urlsplit(f"http://testserver{decoded}").path
        body = r.body.encode() if isinstance(r.body, str) else (r.body or b"")
        r.headers.update(wire.sign_headers(
            self.seed, self.device_id, r.method or "GET",
            path + (f"?{url.query}" if url.query else ""), body, int(utc_now().timestamp())))
        return r


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def central_app(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Central]:
    url = request.getfixturevalue("pg_url_factory")("contract") \
        if request.param == "postgres" else None
    srv = CentralServer(tmp_path_factory.mktemp("contract"), url)  # never started: no socket
    srv.add_outlet(42, origin="32.73.02")  # the sample tariff's origin: tariffs answer 200
    srv.publish_sample_tariff()
    dev = provision(srv.engine, utc_now, 42, 1)
    # the enrollment rate limit would answer most generated enrollments with 429
    yield Central(create_app(srv.engine, srv.secrets, limits=Limits(enroll_attempts=10**6)),
                  dev["device_id"],
                  wire.unb64(dev["device_key"]),
                  add_client(srv.engine, utc_now, "kontrak-aplikasi"))
    srv.close()


@schema.parametrize()
def test_unsigned_requests(case: schemathesis.Case, central_app: Central) -> None:
    case.call_and_validate(checks=CHECKS, app=central_app.app)


APP_ROUTES = ["/v1/prebookings", "/v1/prebookings/{code}/qr.png"]  # the app's token


@schema.include(path=APP_ROUTES).parametrize()
def test_app_client_requests(case: schemathesis.Case, central_app: Central) -> None:
    response = case.call(app=central_app.app,
                         headers={"Authorization": f"Bearer {central_app.app_token}"})
    assert response.status_code not in (401, 403), response.text  # token refused
    case.validate_response(response, checks=CHECKS)


@schema.exclude(path=["/v1/health", "/v1/enroll", *APP_ROUTES]).parametrize()
def test_signed_requests(case: schemathesis.Case, central_app: Central) -> None:
    response = case.call(app=central_app.app,
                         auth=DeviceSigner(central_app.device_id, central_app.seed))
    assert response.status_code not in (401, 403, 409), response.text  # signature refused
    checks = SIGNED_CHECKS
    if case.path == "/v1/events":
        # The document shows each event body's fields, but a body that breaks them is that
        # event's `rejected` (with a reason), not a 422 of the whole batch (schemas.py):
        # negative data inside a body is answered 200 by design.
        checks = [c for c in SIGNED_CHECKS if c is not negative_data_rejection]
        if response.status_code == 200:
            assert all(r["reason"] for r in response.json()["results"]
                       if r["result"] == "rejected"), response.text
    case.validate_response(response, checks=checks)
