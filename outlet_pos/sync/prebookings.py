"""Pre-bookings on the sync side: the server's QR keys, a code looked up, the conflicts.

The worker calls ``cycle`` on each pass (after the outbox drained, so the server has seen
this outlet's drop-offs): the public keys that sign pre-booking QRs at most once an hour
(``GET /v1/prebooking-keys``, public), the second-use conflicts of this outlet every
pass (``GET /v1/prebooking-conflicts``, signed). ``lookup`` asks for one code the clerk
typed (``GET /v1/prebookings/{code}``, signed; the server audits it: it answers personal
data). A server without pre-bookings (404 on these routes) is left alone: nothing here
may stop the outbox from draining.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..domain.dropoff import ConflictSide, PrebookingConflict
from ..i18n import Msg
from ..protocol import wire
from ..protocol.prebooking import CODE_LENGTH, PrebookingLookup, key_id_of
from ..services.ports import Clock, UnitOfWorkFactory
from .errors import TRANSIENT, SyncError

if TYPE_CHECKING:
    from .client import SyncClient

log = logging.getLogger(__name__)
KEYS_EVERY = timedelta(hours=1)
KEYS_PATH = f"{wire.API}/prebooking-keys"
CONFLICTS_PATH = f"{wire.API}/prebooking-conflicts"
LOOKUP_PATH = f"{wire.API}/prebookings/{{code}}"
MAX_KEYS = 16  # a server rotating its key lists a few; more is not an answer to keep


class PrebookingSync:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock,
                 client: Callable[[], SyncClient]) -> None:
        self._uow, self._clock, self._client = uow, clock, client
        self._keys_at: datetime | None = None  # fetched by this process (else: as stored)

    def cycle(self) -> None:
        """One sync pass's share: keys when due, then the conflicts."""
        now = self._clock()
        if self._keys_at is None:
            with self._uow() as uow:
                self._keys_at = uow.prebookings.keys_fetched_at()
        if self._keys_at is None or now - self._keys_at >= KEYS_EVERY:
            self.refresh_keys()
        self.fetch_conflicts()

    def refresh_keys(self) -> int:
        """Store the server's pre-booking keys; how many it listed (0: none, or a server
        without pre-bookings)."""
        r = self._client()._send("GET", KEYS_PATH, signed=False)  # the one HTTP path
        now = self._clock()
        if r.status_code == 404:
            r.close()
            self._keys_at = now  # asked again in an hour, not every pass
            return 0
        keys = _keys(self._client()._json(r))
        with self._uow(write=True) as uow:
            uow.prebookings.set_keys(keys, now)
            uow.commit()
        self._keys_at = now
        return len(keys)

    def fetch_conflicts(self) -> int:
        """Keep the conflicts the server reports for this outlet; how many were new."""
        r = self._client()._send("GET", CONFLICTS_PATH)
        if r.status_code == 404:
            r.close()
            return 0
        conflicts = _conflicts(self._client()._json(r))
        with self._uow(write=True) as uow:
            new = uow.prebookings.put_conflicts(conflicts, self._clock())
            uow.commit()
        if new:
            log.info("%d new pre-booking conflict(s) from the server", new)
        return new

    def lookup(self, code: str) -> PrebookingLookup | None:
        """The server's booking of ``code`` (already normalized), None when unknown."""
        if len(code) != CODE_LENGTH or not code.isalnum():
            raise ValueError("not a normalized pre-booking code")
        client = self._client()
        r = client._send("GET", LOOKUP_PATH.format(code=code))
        if r.status_code == 404:
            r.close()
            return None
        got = client._json(r)
        try:
            return PrebookingLookup.model_validate(got)
        except ValidationError:
            raise SyncError(TRANSIENT, Msg("the server's pre-booking answer could not be "
                                           "read; try again")) from None


def _unreadable(what: str) -> SyncError:
    return SyncError(TRANSIENT, Msg("the server's pre-booking keys could not be read; will "
                                    "retry") if what == "keys" else
                     Msg("the server's pre-booking conflicts could not be read; will retry"))


def _keys(got: Any) -> dict[str, bytes]:
    """The key list as sent, each key checked against its id (a key that does not hash to
    its id is not kept: it would never match a QR's id anyway)."""
    items = got.get("keys") if isinstance(got, dict) else None
    if not isinstance(items, list) or len(items) > MAX_KEYS:
        raise _unreadable("keys")
    keys: dict[str, bytes] = {}
    for item in items:
        try:
            text = str(item["public_key"]).replace("-", "+").replace("_", "/")
            raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise _unreadable("keys") from None
        if len(raw) == 32 and key_id_of(raw) == item.get("key_id"):
            keys[item["key_id"]] = raw
        else:
            log.error("a pre-booking key from the server does not match its id; not kept")
    return keys


def _side(d: Any) -> ConflictSide:
    return ConflictSide(int(d["outlet"]), str(d["waybill"])[:16],
                        None if d.get("used_at") is None else str(d["used_at"])[:40])


def _conflicts(got: Any) -> list[PrebookingConflict]:
    items = got.get("conflicts") if isinstance(got, dict) else got
    if not isinstance(items, list):
        raise _unreadable("conflicts")
    out: list[PrebookingConflict] = []
    try:
        for c in items:
            first = c.get("first")
            out.append(PrebookingConflict(
                code=str(c["code"])[:CODE_LENGTH],
                reason=str(c.get("reason") or "used_twice")[:20],
                first=_side(first) if isinstance(first, dict) and first.get("waybill") else None,
                second=_side(c["second"]), at=str(c["at"])[:40]))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _unreadable("conflicts") from None
    return out


__all__ = ["KEYS_EVERY", "PrebookingSync"]
