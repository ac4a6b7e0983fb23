"""Is the central server reachable over a trusted connection, and how far off is our clock?

Used by ``doctor``: one unsigned ``GET /v1/health`` with short timeouts, through
the same client (and so the same certificate checks) as sync itself. The
server's clock comes from its ``X-Server-Time`` header, else the HTTP ``Date``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

from ..domain.doctor_facts import ServerFacts
from .client import SyncClient
from .errors import SyncError

PROBE_TIMEOUT = (3.0, 5.0)


def probe_server(url: str, ca_pem: str | None,
                 clock: Callable[[], float] = time.time) -> ServerFacts:
    ca_file = None
    try:
        if ca_pem:
            fd, ca_file = tempfile.mkstemp(suffix=".pem")
            with os.fdopen(fd, "w") as f:
                f.write(ca_pem)
        client = SyncClient(url, ca_bundle=ca_file, timeout=PROBE_TIMEOUT, clock=clock)
        try:
            response = client.health_response()
        finally:
            client.close()
    except SyncError as e:
        return ServerFacts(ok=False, kind=e.kind, message=e.message)  # a Msg: doctor words it
    finally:
        if ca_file:
            with contextlib.suppress(OSError):
                os.unlink(ca_file)
    skew = client.last_skew
    if skew is None and response.headers.get("Date"):
        with contextlib.suppress(TypeError, ValueError):
            skew = int(clock() - parsedate_to_datetime(response.headers["Date"]).timestamp())
    if response.status_code >= 400:
        return ServerFacts(ok=False, kind="config", skew_s=skew,
                           message=f"health answered {response.status_code}")
    return ServerFacts(ok=True, skew_s=skew)
