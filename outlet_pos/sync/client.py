"""The HTTP client of the sync API (requests): TLS verified, every call timed out.

Plain HTTP is allowed only to a loopback address (development, the demo). Every
failure becomes a ``SyncError`` whose ``kind`` tells the worker what to do:
``transient`` (retry with backoff), ``auth`` (credential refused: stop and say
enroll again), ``tls`` (certificate not trusted), ``invalid`` (the server
refused the body itself), ``config`` (a wrong address).

No redirect is ever followed: a signed request carries the device's credential and a
fresh nonce, and a redirect (301 to 308, HTTPS to plain HTTP included) would hand both to
an address nobody configured, which could then replay them at the real server. A
redirect is a ``config`` error that names where it pointed. For the same reason a
plain-HTTP request to this computer ignores proxy settings from the environment.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import requests

from ..i18n import Msg
from ..protocol import wire
from ..protocol.outlet_day import PATH as OUTLET_DAY
from ..protocol.outlet_day import OutletDay
from .errors import (
    AUTH,
    AUTH_MESSAGES,
    CONFIG,
    INVALID,
    NOT_ENROLLED,
    TLS,
    TRANSIENT,
    SyncError,
)

log = logging.getLogger(__name__)
# Connect, read (seconds). The read timeout covers the server's answer to the worst batch it
# admits: at most --max-wait (10 s) in its waiting room, then the batch itself (1,000 events,
# 4 MiB gzipped, the server's limits: 0.4 s of server CPU, 0.8 s on a loaded 2-core machine,
# a few seconds with every slot taken), so an admitted batch is answered well inside 30 s;
# one the server cannot take is answered 503 with Retry-After at once (central/admission.py).
TIMEOUT = (5.0, 30.0)


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; plain http only to loopback."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SyncError(CONFIG, Msg("server must be an address like "
                                    "https://pusat.example.co.id"))
    if parts.scheme == "http":
        try:
            loopback = ipaddress.ip_address(parts.hostname).is_loopback
        except ValueError:
            loopback = parts.hostname == "localhost"
        if not loopback:
            raise SyncError(CONFIG, Msg("plain http is allowed only to this computer "
                                        "(127.0.0.1); use https"))
    return url.strip().rstrip("/")


class _NoRedirects(requests.Session):
    """A session that sees no redirect target: it cannot follow one even if a call forgot
    ``allow_redirects=False`` (which every call passes)."""

    def get_redirect_target(self, resp: requests.Response) -> None:
        return None


class SyncClient:
    """One server, one device credential (or none, for enrollment)."""

    def __init__(self, server: str, *, ca_bundle: str | None = None,
                 device_id: str | None = None, seed: bytes | None = None,
                 timeout: tuple[float, float] = TIMEOUT,
                 clock: Callable[[], float] = time.time) -> None:
        self.base = check_server_url(server)
        self._device_id, self._seed = device_id, seed
        self._timeout, self._clock = timeout, clock
        self._session = _NoRedirects()
        if urlsplit(self.base).scheme == "http":
            # Plain HTTP is only for this computer: an HTTP_PROXY from the environment
            # would carry the signed request off it in clear.
            self._session.trust_env = False
        # Passed on every request: a session-level path loses to REQUESTS_CA_BUNDLE
        # (requests issue #3829). Never False.
        self._verify: str | bool = ca_bundle or True
        self._session.headers["User-Agent"] = "outlet-pos-sync"
        self.offset = 0  # seconds to add to our clock to match the server's
        self.reports_health = True  # False once the server refused the health field
        self.last_skew: int | None = None

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------ transport
    def _send(self, method: str, path: str, *, query: dict[str, Any] | None = None,
              body: bytes = b"", headers: dict[str, str] | None = None,
              signed: bool = True) -> requests.Response:
        path_query = path + (f"?{urlencode(query)}" if query else "")
        for attempt in (1, 2):
            h = dict(headers or {})
            if signed:
                if not (self._device_id and self._seed):
                    raise SyncError(AUTH, NOT_ENROLLED)
                h.update(wire.sign_headers(self._seed, self._device_id, method, path_query,
                                           body, int(self._clock()) + self.offset))
            try:
                r = self._session.request(method, self.base + path_query, data=body or None,
                                          headers=h, timeout=self._timeout,
                                          verify=self._verify, allow_redirects=False)
            except requests.exceptions.SSLError as e:
                raise SyncError(TLS, Msg("the server's certificate is not trusted ({why}); "
                                         "check the CA bundle", why=_short(e))) from None
            except requests.exceptions.RequestException as e:
                raise SyncError(TRANSIENT, Msg("no connection to the server ({error})",
                                               error=type(e).__name__)) from None
            self._note_time(r)
            if 300 <= r.status_code < 400:  # 3xx: never followed, never accepted
                r.close()
                raise SyncError(CONFIG, Msg(
                    "the server answered with a redirect to {location}: refused; check the "
                    "server address", location=_where(r.headers.get("Location"), self.base)))
            if r.status_code == 401 and _code(r) == "clock_skew" and attempt == 1:
                continue  # the offset is corrected now; sign again once
            return r
        return r

    def _note_time(self, r: requests.Response) -> None:
        server = r.headers.get(wire.H_SERVER_TIME)
        if server and server.lstrip("-").isdecimal():
            self.last_skew = int(self._clock()) - int(server)
            # Sign with the server's time only while our clock is well off; once the PC's
            # clock is set right again, our own time is used again.
            self.offset = -self.last_skew if abs(self.last_skew) > wire.MAX_SKEW_S // 2 else 0

    def _json(self, r: requests.Response) -> Any:
        if r.status_code >= 500 or r.status_code in (408, 409, 429):
            retry = r.headers.get("Retry-After")
            raise SyncError(TRANSIENT, Msg("the server answered {status}; will retry",
                                           status=str(r.status_code)), code=_code(r),
                            retry_after=float(retry) if retry and retry.isdecimal() else None)
        if r.status_code in (401, 403):
            raise SyncError(AUTH, AUTH_MESSAGES.get(_code(r), Msg(
                "the server refused this terminal's credential; enroll it again")), code=_code(r))
        if r.status_code == 404:
            raise SyncError(CONFIG, Msg("the server has no sync API at this address; check "
                                        "the server address"))
        if r.status_code >= 400:
            raise SyncError(INVALID, _message(r), code=_code(r))
        try:
            return r.json()
        except (ValueError, RecursionError, requests.exceptions.RequestException):
            # RecursionError: an answer nested too deep to parse is as unusable as a cut one.
            raise SyncError(TRANSIENT, Msg("the server's answer was cut off; will retry")) from None

    # ------------------------------------------------------------ API
    def health(self) -> dict[str, Any]:
        return self._json(self._send("GET", f"{wire.API}/health", signed=False))

    def health_response(self) -> requests.Response:
        """The raw unsigned health answer (doctor reads its status and clock headers)."""
        return self._send("GET", f"{wire.API}/health", signed=False)

    def enroll(self, code: str, terminal: int, public_key: str,
               origin_district: str | None, **checks: Any) -> dict[str, Any]:
        """``checks``: outlet, replaces, replaces_signature (see the server's EnrollRequest)."""
        body = json.dumps({"code": code, "terminal": terminal, "public_key": public_key,
                           "origin_district": origin_district, **checks}).encode()
        return self._json(self._send("POST", f"{wire.API}/enroll", body=body, signed=False,
                                     headers={"Content-Type": "application/json"}))

    def upload(self, events: list[dict[str, Any]], audit_head: dict[str, Any] | None,
               health: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        batch = {"events": events, "audit_head": audit_head}
        if health is not None and self.reports_health:
            batch["health"] = health
        body = wire.encode_batch(batch)
        r = self._send("POST", f"{wire.API}/events", body=body, headers={
            "Content-Type": "application/json", "Content-Encoding": "gzip"})
        if "health" in batch and r.status_code == 422 and _message(r).startswith("health"):
            # A server older than health reports refuses the field: this batch goes again
            # without it, and no later one carries it (its events must not be parked).
            self.reports_health = False
            return self.upload(events, audit_head)
        results = self._json(r).get("results")
        if not isinstance(results, list) or len(results) != len(events):
            raise SyncError(TRANSIENT, Msg("the server's answer does not cover the batch"))
        return results

    def tariffs(self, since: str | None) -> dict[str, Any] | None:
        r = self._send("GET", f"{wire.API}/tariffs", query={"since": since} if since else None)
        return None if r.status_code == 204 else self._json(r)

    def service_points(self, since: int) -> dict[str, Any]:
        return self._json(self._send("GET", f"{wire.API}/service-points",
                                     query={"since": since}))

    def config(self) -> dict[str, Any]:
        return self._json(self._send("GET", f"{wire.API}/config"))

    def tracking(self, waybill: str) -> list[dict[str, Any]]:
        return self._json(self._send("GET", f"{wire.API}/tracking/{waybill}"))["history"]

    def outlet_day(self, day: date) -> OutletDay:
        """The figures of this device's outlet on ``day``, per terminal (figures only)."""
        got = self._json(self._send("GET", wire.API + OUTLET_DAY,
                                    query={"date": day.isoformat()}))
        try:
            return OutletDay.model_validate(got)
        except ValueError:  # pydantic's ValidationError: an answer this client cannot read
            raise SyncError(TRANSIENT, Msg("the server's outlet figures could not be read; "
                                           "will retry")) from None


def _code(r: requests.Response) -> str:
    try:
        return str(r.json().get("code", ""))
    except (ValueError, AttributeError):
        return ""


def _message(r: requests.Response) -> str:
    try:
        return str(r.json().get("message") or r.status_code)
    except (ValueError, AttributeError):
        return f"server answered {r.status_code}"


def _where(location: str | None, base: str) -> str:
    """Where a redirect pointed, as scheme://host/path: no query, fragment or user info."""
    if not location:
        return "?"
    parts = urlsplit(requests.compat.urljoin(base + "/", location.strip()))
    host = parts.hostname or ""
    if parts.port:
        host = f"[{host}]:{parts.port}" if ":" in host else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))[:200]


def _short(e: Exception) -> str:
    text = str(e)
    return "certificate verify failed" if "CERTIFICATE_VERIFY_FAILED" in text else \
        type(e).__name__
