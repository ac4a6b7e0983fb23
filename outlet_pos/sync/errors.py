"""What can go wrong talking to the server, as the worker and the screens need to know it.

Kept apart from the HTTP client so the app can start without importing ``requests``.
"""

from __future__ import annotations

from ..domain.errors import AppError
from ..i18n import Msg

TRANSIENT, AUTH, TLS, INVALID, CONFIG = "transient", "auth", "tls", "invalid", "config"


NOT_ENROLLED = Msg("this terminal is not enrolled; run outlet-pos enroll")
AUTH_MESSAGES = {
    "revoked": Msg("this terminal was revoked at the server; enroll it again"),
    "clock_skew": Msg("this PC's clock is too far off the server's; set the date and time"),
    "unsigned": NOT_ENROLLED,
    "bad_code": Msg("the enrollment code is not valid; check it or ask for a new one"),
    "code_used": Msg("the enrollment code was already used; ask for a new one"),
    "code_expired": Msg("the enrollment code has expired; ask for a new one"),
}


class SyncError(AppError):
    """Talking to the server failed; ``kind`` tells the worker whether to retry."""

    def __init__(self, kind: str, message: str, *, code: str = "",
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.code, self.retry_after = kind, message, code, retry_after
