"""Turning service errors into the text a clerk reads, in the chosen language.

The words are the command line's (``outlet_pos.i18n.errors``): the error's message,
then what to do. Problems of a ValidationError are named by the field's label as the
screen shows it (``outlet_pos.i18n.fields``), never by the service's internal key; an
unexpected error shows only its kind, and its details go to the log.
"""

from __future__ import annotations

import logging

from ..i18n.errors import describe, log_details

log = logging.getLogger(__name__)


def error_text(e: BaseException) -> str:
    log_details(e, log)
    return describe(e).screen_text()
