"""The GUI's language: Qt's ``QTranslator`` loaded with the compiled ``.qm``.

``make`` builds ``outlet_pos_id.qm`` from the committed ``outlet_pos_id.ts`` with
``pyside6-lrelease``. Installing it translates our text (through the lookup handed to
``outlet_pos.i18n``) and Qt's standard dialog buttons (context ``QPlatformTheme``,
for which Qt ships no Indonesian); the default QLocale follows the language, for Qt's
month and day names (the calendar popup of a date field). Where the ``.qm`` is missing or
older than the ``.ts`` (an edited source tree not yet rebuilt), the ``.ts`` is read
instead and a warning logged, so the window is never left half in English.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..i18n import TS_FILES, catalog_lookup, get_language, set_language, use_lookup
from ..i18n.ts_file import CONTEXT

log = logging.getLogger(__name__)


def qm_file(lang: str) -> Path | None:
    ts = TS_FILES.get(lang)
    return ts.with_suffix(".qm") if ts else None


def _fresh(qm: Path) -> bool:
    ts = qm.with_suffix(".ts")
    return qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime)


class Translations:
    """Owns the installed translator; ``apply`` switches language at runtime."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self._qm_data = b""
        self.from_qm = False

    def apply(self, lang: str | None = None) -> None:
        lang = lang or get_language()
        set_language(lang)
        # Qt's own month and day names (the calendar popup of a date field) come from the
        # default locale, not from a .qm: Indonesian ones for an Indonesian window.
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
                           if lang == "id" else QLocale(QLocale.Language.English,
                                                        QLocale.Country.UnitedKingdom))
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        use_lookup(None)
        self.from_qm = False
        qm = qm_file(lang)
        if qm is None:  # English: the source text
            return
        translator = QTranslator(self._app)
        # From a copy in memory, kept as long as the translator: loaded by name, Qt maps the
        # file, and a .qm rewritten in place under a running window (make translations, an
        # update) turned every later text English or crashed translate() with SIGSEGV.
        self._qm_data = qm.read_bytes() if _fresh(qm) else b""
        if not (self._qm_data and translator.load(self._qm_data)):
            log.warning("translation %s missing or older than its .ts; reading the .ts "
                        "(run: make translations)", qm.name)
            return
        self._app.installTranslator(translator)
        self._translator, self.from_qm = translator, True

        def lookup(want: str, template: str) -> str | None:
            if want == lang:
                return translator.translate(CONTEXT, template) or None
            return catalog_lookup(want, template)

        use_lookup(lookup)


_current: Translations | None = None


def translations(app: QCoreApplication) -> Translations:
    """The application's one Translations, made on first use."""
    global _current
    if _current is None or _current._app is not app:
        _current = Translations(app)
    return _current
