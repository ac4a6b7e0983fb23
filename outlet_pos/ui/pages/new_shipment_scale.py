"""The counter's scale on the New shipment page: F4 (or the button) weighs the parcel.

Everything that touches the scale or the database runs off the GUI thread
(run_in_background): whether a scale is configured, opening it and one bounded read
(``WEIGH_TIMEOUT``). A stable reading fills the weight field; in motion, over capacity,
unplugged or no answer is said beside the field in the clerk's words, and typing goes on
working: a scale that is not there never holds a booking up (the weight is then typed).
One read at a time; a press while one is out does nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from ...bootstrap import App
from ...domain.scale_readings import Reading, ScaleFault, ScaleFaultKind, status_words
from ...i18n import tr
from ...services.scale import ScaleDevice
from ..background import run_in_background
from ..texts import error_text
from .new_shipment_fields import ParcelBox

log = logging.getLogger(__name__)
WEIGH_KEY = Qt.Key.Key_F4  # free on every page; F9 books, F2 starts anew
WEIGH_TIMEOUT = 2.0  # seconds a parcel may take to settle before the scale's words show
_LOST = (ScaleFaultKind.UNPLUGGED, ScaleFaultKind.NO_ANSWER, ScaleFaultKind.PERMISSION)


class ScaleControl(QObject):
    """Reads ``app.scale`` for ``box`` on ``page``; ``weighed`` tells a test or a caller
    that an answer (a reading or a fault) has been shown."""

    weighed = Signal(object)  # the Reading or the ScaleFault

    def __init__(self, page: QWidget, app: App, box: ParcelBox) -> None:
        super().__init__(page)
        self._page, self._app, self._box = page, app, box
        self._device: ScaleDevice | None = None
        self._busy = False
        self.configured: bool | None = None  # None until the setting has been read
        box.weigh.clicked.connect(self.weigh)
        QShortcut(QKeySequence(WEIGH_KEY), page, activated=self.weigh)
        # Enter on a weight typed over the reading goes to the reason first. The filter
        # installed last runs first, and the page installs its own Enter filter after
        # making this: so this one goes on once the page is built.
        QTimer.singleShot(0, self, lambda: box.weight.installEventFilter(self))
        self._show_configured(None)
        self.refresh()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        box = self._box
        if watched is box.weight and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not box.reason.isHidden() and not box.reason.text().strip():
            box.reason.setFocus()
            return True
        return False

    def refresh(self) -> None:
        """Read again whether this counter has a scale (the setting is in the database)."""
        run_in_background(self._page, self._app.scale.setting,
                          lambda chosen: self._show_configured(chosen is not None),
                          lambda _e: self._show_configured(False))

    def _show_configured(self, configured: bool | None) -> None:
        self.configured = configured
        button = self._box.weigh
        button.setEnabled(bool(configured) and not self._busy)
        button.setToolTip(tr("Weigh the parcel on the scale (F4)") if configured else
                          tr("No scale is set up on this counter: type the weight. "
                             "A technician sets one up with outlet-pos scale use."))

    def weigh(self) -> None:
        box = self._box
        if self._busy or not self.configured or not box.isEnabled() \
                or not box.isVisibleTo(self._page):
            return  # one read at a time; not while booking, on the change screen or unset
        self._busy = True
        self._box.weigh.setEnabled(False)
        self._box.say(tr("Weighing…"))
        device, app = self._device, self._app

        def read() -> tuple[ScaleDevice, Reading] | None:
            scale = device or app.scale.scale()  # None: the scale was removed meanwhile
            return None if scale is None else (scale, scale.weigh(WEIGH_TIMEOUT))

        run_in_background(self._page, read, self._done, self._failed)

    def _done(self, answer: tuple[ScaleDevice, Reading] | None) -> None:
        self._busy = False
        if answer is None:
            self._device = None
            self._show_configured(False)
            self._box.say("")
            return
        self._device, reading = answer
        self._show_configured(True)
        if reading.stable:
            assert reading.grams is not None
            self._box.show_reading(reading.grams)
        else:
            self._box.show_scale_words(tr(status_words(reading.status)))
        self.weighed.emit(reading)

    def _failed(self, e: Exception) -> None:
        self._busy = False
        self._show_configured(self.configured)
        lost = not isinstance(e, ScaleFault) or e.kind in _LOST
        if lost and self._device is not None:
            self._close_later(self._device)  # opened afresh on the next press
            self._device = None
        if isinstance(e, ScaleFault):
            log.info("scale: %s", e)  # kind and a few bytes of the scale's frame only
            why = tr(e.message)
        else:
            why = error_text(e)  # logs the type and the traceback, never the text
        self._box.show_scale_words(tr("{why}: type the weight, or weigh again", why=why),
                                   lost=lost)
        self.weighed.emit(e)

    def _close_later(self, device: ScaleDevice) -> None:
        run_in_background(self._page, device.close, _ignore, _ignore)

    def close(self) -> None:
        """Let the port go (the page is going away)."""
        if self._device is not None:
            self._close_later(self._device)
            self._device = None


def _ignore(_value: Any) -> None:
    return None
