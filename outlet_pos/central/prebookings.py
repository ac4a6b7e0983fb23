"""The pre-booking routes (issue 21): the courier's app books, an outlet looks up and drops off.

- ``POST /v1/prebookings``: the app (an app client's bearer token, ``app_clients``) sends a
  booking and gets its code and signed QR (201).
- ``GET /v1/prebookings/{code}/qr.png``: the app, for a booking it made: the QR as a PNG.
- ``GET /v1/prebookings/{code}``: an outlet's device (signed, as the sync routes): the
  booking, its status and the waybill that used it; audited (personal data leaves).
- ``GET /v1/prebooking-keys``: public: the keys a counter checks QRs with offline.
- ``GET /v1/prebooking-conflicts``: an outlet's device: the second uses and unknown codes
  its outlet was part of (waybills and times only).

A device's signature is refused on the app's routes and an app's token on the outlet's
(they want a signature). Bodies are bounded by the app's ``RequestGuard`` like every route.
"""

# No ``from __future__ import annotations`` here, as in app.py: FastAPI reads the route's
# annotations at run time, and the device dependency is the app's (a local of create_app).

import base64
import io
import logging
from typing import Annotated, Any

import qrcode
from fastapi import Depends, FastAPI, Path, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ..protocol import wire
from ..protocol.prebooking import (
    CODE_LENGTH,
    PrebookingIssued,
    PrebookingLookup,
    PrebookingRequest,
    key_id_of,
)
from . import prebooking_store as store
from .app_clients import AppGate, Window
from .db import Clock
from .enrollment import DeviceRow
from .schemas import Problem
from .secrets_file import ServerSecrets

log = logging.getLogger("outlet_pos.central.prebookings")
CODE = r"^PB[0-9A-HJKMNP-TV-Z]{8}$"
# A counter looks a code up only when its QR will not scan: a device asking more often is
# guessing codes (each answer is a customer's data), so it is slowed to this
LOOKUPS_PER_MINUTE = 30
APP_SECURITY: list[dict[str, list[str]]] = [{"appToken": []}]
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (401, 403, 409, 413, 422)}


class PrebookingKey(BaseModel):
    key_id: str
    public_key: str  # base64 (standard, padded) of the raw 32-byte Ed25519 key


class PrebookingKeys(BaseModel):
    keys: list[PrebookingKey]


class ConflictSide(BaseModel):
    outlet: int
    waybill: str
    used_at: str | None


class PrebookingConflictOut(BaseModel):
    code: str
    reason: str  # used_twice | unknown_code
    first: ConflictSide | None  # the use the server kept; none for an unknown code
    second: ConflictSide
    at: str


class PrebookingConflicts(BaseModel):
    conflicts: list[PrebookingConflictOut]


def _unknown() -> JSONResponse:
    return JSONResponse({"code": "unknown_prebooking", "message": "no pre-booking with "
                         "this code"}, status_code=404)


def _gone() -> JSONResponse:
    return JSONResponse({"code": "prebooking_gone", "message": "this pre-booking's data "
                         "was removed at the end of its retention period"}, status_code=410)


def png_of(text: str) -> bytes:
    """The QR of ``text`` as a PNG (error correction M: it survives a smudged phone screen)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                       box_size=4)
    qr.add_data(text.encode("ascii"))
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image().save(out)
    return out.getvalue()


def install_prebookings(app: FastAPI, engine: Engine, secrets: ServerSecrets, clock: Clock,
                        device: Any) -> None:
    """Add the routes to ``app``; ``device`` is the app's signed-device dependency type
    (``Annotated[DeviceRow, Depends(...)]``)."""
    gate, lookups = AppGate(engine, clock), Window(LOOKUPS_PER_MINUTE)
    raw_key = secrets.prebooking_key.public_key().public_bytes_raw()
    keys = PrebookingKeys(keys=[PrebookingKey(key_id=key_id_of(raw_key),
                                              public_key=base64.b64encode(raw_key).decode())])

    async def app_client(request: Request) -> str:
        signed = bool(request.headers.get(wire.H_SIG) or request.headers.get(wire.H_DEVICE))
        return await run_in_threadpool(gate.authenticate,
                                       request.headers.get("authorization"), signed)

    Client = Annotated[str, Depends(app_client)]

    @app.post(wire.API + "/prebookings", status_code=201, response_model=PrebookingIssued,
              tags=["prebookings"], responses={**_ERRORS, 429: {"model": Problem}},
              openapi_extra={"security": APP_SECURITY})
    def create(client: Client, req: PrebookingRequest, response: Response) -> Any:
        try:
            booking, qr = store.issue(engine, secrets, clock, client, req)
        except store.TooLong:
            return JSONResponse({"code": "invalid", "message": "the booking is too long for "
                                 "a QR a counter's scanner reads; shorten the addresses or "
                                 "the description"}, status_code=422)
        response.headers["Cache-Control"] = "no-store"  # its QR carries the parties
        log.info("pre-booking issued for app client %s", client)  # no code, no contents
        return PrebookingIssued(code=booking.code, qr_text=qr, expires_at=booking.expires_at,
                                qr_png_url=f"{wire.API}/prebookings/{booking.code}/qr.png")

    @app.get(wire.API + "/prebookings/{code}/qr.png", tags=["prebookings"],
             response_class=Response, openapi_extra={"security": APP_SECURITY},
             responses={**_ERRORS, 404: {"model": Problem}, 429: {"model": Problem},
                        200: {"content": {"image/png": {}}}})
    def qr_png(client: Client, code: Annotated[str, Path(pattern=CODE)]) -> Any:
        try:
            text = store.qr_text(engine, secrets, client, code)
        except store.GoneError:
            return _gone()
        if text is None:  # another client's code reads exactly like an unknown one
            return _unknown()
        return Response(png_of(text), media_type="image/png",
                        headers={"Cache-Control": "no-store"})

    @app.get(wire.API + "/prebookings/{code}", response_model=PrebookingLookup,
             tags=["prebookings"], responses={**_ERRORS, 404: {"model": Problem},
                                              410: {"model": Problem},
                                              429: {"model": Problem}})
    def look_up(dev: device, code: Annotated[str, Path(pattern=CODE, min_length=CODE_LENGTH,
                                                       max_length=CODE_LENGTH)]) -> Any:
        dev_row: DeviceRow = dev
        lookups.admit(dev_row.id, "device")
        try:
            found = store.lookup(engine, secrets, clock, dev_row, code)
        except store.GoneError:
            return _gone()
        if found is None:
            return _unknown()
        log.info("pre-booking looked up by outlet %d (audited)", dev_row.outlet)
        return Response(found.model_dump_json(), media_type="application/json",
                        headers={"Cache-Control": "no-store"})

    @app.get(wire.API + "/prebooking-keys", response_model=PrebookingKeys,
             tags=["prebookings"], openapi_extra={"security": []})
    def prebooking_keys() -> Any:
        return keys

    @app.get(wire.API + "/prebooking-conflicts", response_model=PrebookingConflicts,
             tags=["prebookings"], responses=_ERRORS)
    def prebooking_conflicts(dev: device) -> Any:
        return {"conflicts": store.conflicts_for(engine, dev.outlet)}


__all__ = ["install_prebookings", "png_of"]
