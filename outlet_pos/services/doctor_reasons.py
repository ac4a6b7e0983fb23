"""What a fault's technical text means, in words a technician acts on: the sync client's
network errors and SQLite's reasons, for ``doctor``. An exception's class name never
reaches the screen; it goes to the log for support."""

from __future__ import annotations

import logging

from ..i18n import N_, Msg

log = logging.getLogger(__name__)

# What a network failure's exception class means to a technician (requests' classes,
# named in the sync client's "no connection to the server ({error})").
_NETWORK_REASONS = {
    "ConnectTimeout": N_("the server cannot be reached: it did not answer in time"),
    "ReadTimeout": N_("the server cannot be reached: it took too long to answer"),
    "Timeout": N_("the server cannot be reached: it did not answer in time"),
    "ProxyError": N_("the server cannot be reached: the proxy refused the connection"),
    "SSLError": N_("the secure connection to the server failed"),
    "TooManyRedirects": N_("the server address redirects; check the server address"),
}
NO_CONNECTION = "no connection to the server ({error})"  # the sync client's template


# SQLite's reasons (storage.diagnostics keeps its message when it names one of these).
_SQLITE_REASONS = (
    ("malformed", N_("its pages are damaged")),
    ("not a database", N_("it is not a database file, or its header is damaged")),
    ("unable to open", N_("it cannot be opened")),
    ("locked", N_("another program holds it")),
    ("busy", N_("another program holds it")),
)


def db_reason(text: str) -> Msg | str:
    """SQLite's English reason, or an exception class name, in words."""
    for known, words in _SQLITE_REASONS:
        if known in text:
            return Msg(words)
    if text.isidentifier():  # a class name (storage.diagnostics._sqlite_reason)
        log.error("doctor: the database cannot be read: %s", text)
        return Msg("SQLite cannot read it; the details are in the log")
    return text[:200]


def server_reason(message: str) -> Msg | str:
    """The sync client's message in words, without an exception class name."""
    if isinstance(message, Msg) and message.template == NO_CONNECTION:
        error = str(message.params.get("error", ""))
        return Msg(_NETWORK_REASONS.get(error, N_(
            "the server cannot be reached (no network, or the server is off)")))
    if not isinstance(message, Msg) and message.startswith("no connection to the server"):
        return Msg("the server cannot be reached (no network, or the server is off)")
    return message or Msg("the server cannot be reached (no network, or the server is off)")
