"""The HTTP API (``/v1``): enrollment, signed uploads, downloads. No state in the process.

Every route but enrollment and health takes a request signed by an enrolled
device (see ``protocol.wire``). Errors are ``{"code", "message"}`` with 401/403 for
credentials, 404 for a waybill that is not the asking outlet's, 409 for replays,
413 for a body over the limits (``limits``), 422 for malformed bodies, 429 for too
many enrollment attempts and 503 when a batch raced another instance or too
many bodies are being read at once (retry).
"""


import logging
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from .. import __version__
from ..protocol import wire
from . import reference
from .admission import Admission, AdmissionLimits
from .checks import INT_MAX
from .db import Clock, utc_now
from .enrollment import Authenticator, AuthError, DeviceRow, enroll
from .fleet import HealthRecorder
from .fleet_page import install_fleet_page
from .ingest import Ingest
from .limits import EVENTS_PATH, Limits, RequestGuard
from .metrics import install as install_metrics
from .outlet_day import install_outlet_day
from .prebookings import install_prebookings
from .readiness import install as install_readiness
from .schemas import (
    VERSION_PATTERN,
    Batch,
    BatchResponse,
    ConfigResponse,
    EnrollRequest,
    EnrollResponse,
    Problem,
    ServicePointsResponse,
    TariffResponse,
    TrackingResponse,
)
from .secrets_file import ServerSecrets
from .upload import EventsPath, Upload

log = logging.getLogger("outlet_pos.central")
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem}, 403: {"model": Problem}, 409: {"model": Problem},
    413: {"model": Problem}, 422: {"model": Problem}}
WAYBILL = r"^[0-9]{6,16}$"


class TimeHeaders:
    """ASGI middleware: the server's time on every answer, and the device's clock skew once
    its signature was checked. Plain ASGI: Starlette's BaseHTTPMiddleware costs a task group
    and a memory stream per request."""

    def __init__(self, app: Any, server_time: Callable[[], int]) -> None:
        self.app, self._time = app, server_time

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def stamped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers[wire.H_SERVER_TIME] = str(self._time())
                skew = scope.get("state", {}).get("skew")
                if skew is not None:
                    headers[wire.H_SKEW] = str(skew)
            await send(message)

        await self.app(scope, receive, stamped)


def create_app(engine: Engine, secrets: ServerSecrets, clock: Clock = utc_now,
               limits: Limits | None = None,
               admission_limits: AdmissionLimits | None = None) -> FastAPI:
    app = FastAPI(title="Outlet POS central server", version=__version__,
                  description="The sync contract between outlet terminals and the courier's "
                  "central server. Requests after enrollment are signed per device.")
    ingest, gate = Ingest(engine, secrets, clock), Authenticator(engine, clock)
    fleet_health = HealthRecorder(engine, clock)
    app.router.on_shutdown.append(fleet_health.flush)  # reports taken, before the process ends
    limits = limits or Limits()
    admission = app.state.admission = Admission(admission_limits)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # a whole tariff is ~300 kB of JSON

    def server_time() -> int:
        return int(clock().timestamp())

    events = Upload(engine, gate, ingest, fleet_health, limits, admission, server_time)

    @app.exception_handler(AuthError)
    async def _auth_error(_req: Request, e: AuthError) -> JSONResponse:
        status = 409 if e.code == "replay" else e.status
        return JSONResponse({"code": e.code, "message": e.message}, status_code=status,
                            headers={wire.H_SERVER_TIME: str(server_time())})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, e: StarletteHTTPException) -> JSONResponse:
        # e.g. a body that is not UTF-8: same Problem shape as every other refusal
        status = 422 if e.status_code == 400 else e.status_code
        code = {422: "invalid", 413: "too_large"}.get(status, f"http_{status}")
        return JSONResponse({"code": code,
                             "message": str(e.detail)}, status_code=status,
                            headers=getattr(e, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _gone(_req: Request, _e: ClientDisconnect) -> Response:
        # An outlet killed or cut off mid-upload: routine, and it retries the batch with
        # the same event ids. Nobody reads this answer; the log gets a line, not a trace.
        log.info("client disconnected before its request body arrived")
        return JSONResponse({"code": "client_gone", "message": "request body incomplete"},
                            status_code=400)

    @app.exception_handler(DBAPIError)
    async def _database_lost(_req: Request, e: DBAPIError) -> JSONResponse:
        # The pool does not ping (db.py): a connection the database dropped fails here once
        # and SQLAlchemy renews the pool; the outlet retries. Any other database error is
        # a 500 as before. The message names no statement and no value.
        if not e.connection_invalidated:
            raise e
        log.warning("database connection lost; the pool is renewed (%s)", type(e.orig).__name__)
        return JSONResponse({"code": "unavailable", "message": "the database connection was "
                             "lost; retry"}, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, e: RequestValidationError) -> JSONResponse:
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse({"code": "invalid", "message": f"{where}: {first.get('msg', '')}"},
                            status_code=422)

    def path_of(request: Request) -> str:
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")

    async def device(request: Request) -> DeviceRow:
        await events.known_device(request.headers)
        body = await request.body()
        dev, skew = await run_in_threadpool(gate.authenticate, request.headers,
                                            request.method, path_of(request), body)
        request.state.skew = skew
        return dev

    Device = Annotated[DeviceRow, Depends(device)]
    app.add_middleware(TimeHeaders, server_time=server_time)

    @app.get("/v1/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "server_time": server_time()}

    install_readiness(app, engine)  # GET /v1/ready: database, schema, not draining

    @app.post("/v1/enroll", response_model=EnrollResponse, tags=["devices"],
              responses={**_ERRORS, 429: {"model": Problem}})
    def enroll_device(req: EnrollRequest) -> dict[str, Any]:
        out = enroll(engine, clock, req.code, req.terminal, req.public_key, req.origin_district,
                     outlet=req.outlet, replaces=req.replaces,
                     replaces_signature=req.replaces_signature)
        return {**out, "tariff_public_key": secrets.tariff_public_key,
                "server_time": server_time()}

    @app.post("/v1/events", response_model=BatchResponse, tags=["sync"],
              responses={**_ERRORS, 503: {"model": Problem}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}}})
    async def upload(request: Request) -> Response:
        # The contract's entry only: EventsPath (upload.py) answers every POST /v1/events
        # before routing, so a request reaching this is a wiring fault, loudly.
        raise RuntimeError("POST /v1/events is answered by upload.EventsPath")

    @app.get("/v1/tariffs", response_model=TariffResponse, tags=["reference"],
             response_model_exclude_none=True,
             responses={**_ERRORS, 204: {"description": "the outlet's version is the newest"}})
    def tariffs(dev: Device, since: Annotated[str | None, Query(pattern=VERSION_PATTERN)] = None
                ) -> Any:
        out = reference.tariff_for(engine, dev, since)
        return Response(status_code=204) if out is None else out

    @app.get("/v1/service-points", response_model=ServicePointsResponse, tags=["reference"],
             responses=_ERRORS)
    def service_points(dev: Device, since: Annotated[int, Query(ge=0, le=INT_MAX)] = 0) -> Any:
        return reference.service_points_since(engine, since)

    @app.get("/v1/config", response_model=ConfigResponse, tags=["reference"],
             responses=_ERRORS)
    def config(dev: Device) -> Any:
        return reference.outlet_config(engine, dev)

    @app.get("/v1/tracking/{waybill}", response_model=TrackingResponse, tags=["reference"],
             responses={**_ERRORS, 404: {"model": Problem}})
    def track(dev: Device, waybill: Annotated[str, Path(pattern=WAYBILL)]) -> Any:
        history = reference.tracking(engine, waybill, dev.outlet, secrets)
        if history is None:  # another outlet's waybill reads exactly like an unknown one
            return JSONResponse({"code": "unknown_waybill", "message": "no shipment with "
                                 "this waybill number at this outlet"}, status_code=404)
        return {"waybill": waybill, "history": history}

    install_outlet_day(app, engine, clock, Device)
    install_prebookings(app, engine, secrets, clock, Device)  # the app's and the counters'

    # Just inside the guard: the fleet's route skips routing and the app's middlewares.
    upload_route = next(r for r in app.routes if getattr(r, "path", None) == EVENTS_PATH)
    app.add_middleware(EventsPath, upload=events, route=upload_route, server_time=server_time)
    # Outermost, so no route, handler or middleware sees a body before its size is known.
    app.add_middleware(RequestGuard, limits=limits, server_time=server_time)
    install_fleet_page(app, engine, secrets, clock)  # /fleet: the operators' read-only page
    # Outside even the guard: what it refuses is counted and logged too (reads no body).
    install_metrics(app, admission)

    # Batch is read by hand (it may be gzip); add it so the contract shows it.
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema["components"]["schemas"]["Batch"] = Batch.model_json_schema(
            ref_template="#/components/schemas/{model}")
        for name, sub in schema["components"]["schemas"]["Batch"].pop("$defs", {}).items():
            schema["components"]["schemas"].setdefault(name, sub)
        schema["components"]["securitySchemes"] = {"deviceSignature": {
            "type": "apiKey", "in": "header", "name": wire.H_SIG,
            "description": wire.SIGNING_DOC}, "appToken": {
            "type": "http", "scheme": "bearer",
            "description": "an app client's token (outlet-pos-central app-clients add)"}}
        for path, ops in schema["paths"].items():
            if path not in ("/v1/health", "/v1/ready", "/v1/enroll"):
                for op in ops.values():
                    op.setdefault("security", [{"deviceSignature": []}])
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
