"""The read-only fleet page for the courier's operators: ``/fleet`` on the central server.

``install_fleet_page`` adds the routes (kept out of the OpenAPI document: they are no part
of the sync contract). ``GET /fleet`` needs an operator session (``operators.Logins``),
else it redirects to ``/fleet/login``. The log-in and log-out forms carry a CSRF token:
an HMAC, under a key every instance derives from the shared secrets file, of a random
cookie (log-in) or of the session (log-out), so any process checks any form. Cookies are
HttpOnly, SameSite=Strict, Path=/fleet, and Secure when the request came over TLS (behind
the load balancer: ``X-Forwarded-Proto: https`` from an address uvicorn trusts).

Every answer carries a Content-Security-Policy that allows no script and no inline style,
and is never cached. Database and Argon2 work runs in the thread pool, not on the loop.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets as pysecrets
import threading
from collections.abc import Callable
from datetime import datetime
from importlib import resources
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ...i18n import tr
from ...protocol.health import VERSION
from .. import fleet
from ..db import Clock
from ..operators import MAX_PASSWORD, Logins, Policy, SessionRow, page_key
from ..secrets_file import ServerSecrets
from . import render

SESSION_COOKIE, LOGIN_COOKIE = "fleet_session", "fleet_login"
PATH = "/fleet"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store", "Cross-Origin-Opener-Policy": "same-origin"}
STATIC = {"fleet.css": "text/css", "fleet.svg": "image/svg+xml"}
_VERSION = re.compile(VERSION)
Status = Callable[..., list[fleet.TerminalHealth]]


def _tls(request: Request) -> bool:
    return request.url.scheme == "https"


def _secured(response: Response, request: Request) -> Response:
    response.headers.update(HEADERS)
    if _tls(request):
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


def _cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path=PATH, httponly=True,
                        samesite="strict", secure=_tls(request))


def _forget(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(name, path=PATH, httponly=True, samesite="strict",
                           secure=_tls(request))


def _address(request: Request) -> str:
    return request.client.host if request.client else "?"


def _form(body: bytes) -> dict[str, str] | None:
    """The fields of an urlencoded form, the first value of each; None when it is none."""
    try:
        parsed = parse_qs(body.decode("utf-8"), max_num_fields=8, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in parsed.items()}


def _view(request: Request) -> render.View:
    q = request.query_params
    sort = q.get("sort", "outlet")
    wanted = q.get("min", "").strip()
    return render.View(show_all=q.get("all") == "1",
                       sort=sort if sort in render.SORTS else "outlet",
                       desc=q.get("desc") == "1", min_version=wanted[:40])


def install_fleet_page(app: FastAPI, engine: Engine, secrets: ServerSecrets, clock: Clock,
                       *, policy: Policy | None = None, status: Status | None = None,
                       login_slots: int = 2) -> Logins:
    """Adds ``/fleet``, ``/fleet/login``, ``/fleet/logout`` and the style sheet to ``app``.
    ``status`` is ``fleet.fleet_status`` unless a test gives another; the ``Logins`` is
    returned for tests and tools. At most ``login_slots`` log-ins are checked at once."""
    logins = Logins(engine, secrets, clock, policy)
    fleet_status: Status = status or fleet.fleet_status
    csrf_key = page_key(secrets, "csrf")
    static = {name: (resources.files(__package__).joinpath(f"static/{name}").read_bytes(), kind)
              for name, kind in STATIC.items()}  # package data, read once
    login_age = 3600
    # Each Argon2 check holds 64 MiB and a core for a moment, in the thread pool the sync
    # API shares: a flood of log-ins from many addresses must not take them all.
    slots = threading.BoundedSemaphore(login_slots) if login_slots else None

    def csrf_for(purpose: str, value: str) -> str:
        return hmac.new(csrf_key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def csrf_ok(given: str | None, purpose: str, value: str | None) -> bool:
        return bool(given and value) and hmac.compare_digest(
            str(given), csrf_for(purpose, str(value)))

    def login_form(request: Request, status_code: int = 200, message: str | None = None,
                   headers: dict[str, str] | None = None) -> Response:
        nonce = pysecrets.token_urlsafe(24)
        response = HTMLResponse(render.login_page(csrf_for("login", nonce), message),
                                status_code=status_code, headers=headers)
        _cookie(response, request, LOGIN_COOKIE, nonce, login_age)
        return _secured(response, request)

    def to_login(request: Request) -> Response:
        response = RedirectResponse(f"{PATH}/login", status_code=303)
        # Only a cookie the browser sent is cleared: a request from another site comes
        # without the strict cookie, and clearing it then would let any site log the
        # operator out.
        if SESSION_COOKIE in request.cookies:
            _forget(response, request, SESSION_COOKIE)
        return _secured(response, request)

    @app.get(PATH + "/static/{name}", include_in_schema=False)
    def static_file(request: Request, name: str) -> Response:
        if name not in static:
            return _secured(Response(status_code=404), request)
        body, kind = static[name]
        response = _secured(Response(body, media_type=kind), request)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @app.get(f"{PATH}/login", include_in_schema=False)
    def login_get(request: Request) -> Response:
        if logins.session(request.cookies.get(SESSION_COOKIE)) is not None:
            return _secured(RedirectResponse(PATH, status_code=303), request)
        return login_form(request)

    @app.post(f"{PATH}/login", include_in_schema=False)
    async def login_post(request: Request) -> Response:
        fields = _form(await request.body())
        if fields is None or not csrf_ok(fields.get("csrf"), "login",
                                         request.cookies.get(LOGIN_COOKIE)):
            return login_form(request, 403, tr("This form has expired; please log in again."))
        name, password = fields.get("name", "").strip()[:64], fields.get("password", "")
        if not name or not password:
            return login_form(request, 401, tr("Wrong operator name or password."))
        if len(password) > MAX_PASSWORD:
            password = ""  # counted as a wrong password below, with no Argon2 on a megabyte
        if slots is None or not slots.acquire(blocking=False):
            return login_form(request, 503, tr("The server is busy; try again in a moment."),
                              headers={"Retry-After": "1"})
        try:
            result = await run_in_threadpool(logins.log_in, name, password, _address(request))
        finally:
            slots.release()
        if result.retry_after_s is not None:
            minutes = max(1, (result.retry_after_s + 59) // 60)
            return login_form(request, 429, tr("Too many failed log-ins. Try again in "
                                               "{n} minutes.", n=minutes),
                              headers={"Retry-After": str(result.retry_after_s)})
        if result.token is None:
            return login_form(request, 401, tr("Wrong operator name or password."))
        response = RedirectResponse(PATH, status_code=303)
        _cookie(response, request, SESSION_COOKIE, result.token,
                int(logins.policy.session_max.total_seconds()))
        _forget(response, request, LOGIN_COOKIE)
        return _secured(response, request)

    @app.post(f"{PATH}/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        fields = _form(await request.body()) or {}
        session = await run_in_threadpool(logins.session, request.cookies.get(SESSION_COOKIE))
        if session is None:
            return to_login(request)
        if not csrf_ok(fields.get("csrf"), "session", session.token_hash):
            return _secured(HTMLResponse(render.page(tr("Outlet POS fleet"), "<main><p>"
                            + tr("This form has expired; please log in again.")
                            + "</p></main>"), status_code=403), request)
        await run_in_threadpool(logins.log_out, session, _address(request))
        return to_login(request)

    @app.get(PATH, include_in_schema=False)
    def fleet_get(request: Request) -> Response:
        session = logins.session(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return to_login(request)
        return _secured(HTMLResponse(page_for(session, _view(request))), request)

    def page_for(session: SessionRow, view: render.View) -> str:
        error = None
        if view.min_version and not _VERSION.match(view.min_version):
            error = tr("A minimum version looks like 0.2.0; it is ignored.")
        now: datetime = clock()
        rows = fleet_status(engine, now, only_problems=False,
                            min_version=None if error else view.min_version or None)
        return render.fleet_page(rows, now, view, session.operator,
                                 csrf_for("session", session.token_hash), error)

    return logins


__all__ = ["install_fleet_page"]
