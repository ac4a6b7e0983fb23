"""Translation of user-facing text outside Qt: Bahasa Indonesia by default, English second.

Code raises and prints English templates; presentation translates them:

    raise ValidationError(("password", Msg("must be at least {n} characters", n=8)))
    print(tr("{n} shipments on {day}", n=3, day=day))

A ``Msg`` is a ``str`` (its English text) that remembers its template and
parameters, so ``tr`` can look the template up in the catalogue and format the
translation with the same parameters. Pure: the catalogues are Python data.
(The Qt GUI uses Qt's own ``tr()`` and .ts files.)
"""

from __future__ import annotations

import os
from typing import Any

from .catalog_id import CATALOG as _ID

LANGUAGES = ("id", "en")
_CATALOGS: dict[str, dict[str, str]] = {"id": _ID, "en": {}}
_language: str | None = None


class Msg(str):
    """English text that can be translated later: keeps template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Msg:
        text = template.format(**_grouped(params, ",")) if params else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    global _language
    _language = lang


def get_language() -> str:
    """The chosen language; else ``OUTLET_POS_LANG``; else Indonesian."""
    if _language is not None:
        return _language
    env = os.environ.get("OUTLET_POS_LANG", "id")
    return env if env in LANGUAGES else "id"


def tr(text: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate a Msg, or an English template formatted with ``params``."""
    if isinstance(text, Msg):
        template, params = text.template, {**text.params, **params}
    else:
        template = text
    lang = lang or get_language()
    translated = _CATALOGS[lang].get(template, template)
    if not params:
        return translated
    # Parameters that are themselves Msg (units, role names) are translated too.
    params = {k: tr(v, lang) if isinstance(v, Msg) else v for k, v in params.items()}
    return translated.format(**_grouped(params, _THOUSANDS[lang]))


_THOUSANDS = {"id": ".", "en": ","}


def _grouped(params: dict[str, Any], sep: str) -> dict[str, Any]:
    """Large whole numbers with the language's thousands separator (1.000.000 / 1,000,000)."""
    return {k: f"{v:,}".replace(",", sep)
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10_000 else v
            for k, v in params.items()}
