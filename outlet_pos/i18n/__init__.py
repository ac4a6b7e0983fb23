"""Translation of user-facing text outside Qt: Bahasa Indonesia by default, English second.

Code raises and prints English templates; presentation translates them:

    raise ValidationError(("password", Msg("must be at least {n} characters", n=8)))
    print(tr("{n} shipments on {day}", n=3, day=day))

A ``Msg`` is a ``str`` (its English text) that remembers its template and
parameters, so ``tr`` can look the template up in the catalogue and format the
translation with the same parameters.

The translations live in the Qt Linguist file ``outlet_pos_id.ts`` beside this module.
Without Qt (the CLI) it is read directly; the GUI installs a lookup backed by the
compiled ``.qm`` in a ``QTranslator`` (``outlet_pos.ui.translation``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("id", "en")
TS_FILES = {"id": Path(__file__).with_name("outlet_pos_id.ts")}
_language: str | None = None
# (lang, template) -> translation or None; the GUI swaps in its QTranslator.
Lookup = Callable[[str, str], "str | None"]
_lookup: Lookup | None = None


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


def N_(text: str) -> str:
    """Marks a template for translation where it is defined and returns it unchanged;
    ``tr`` translates it where it is shown (the gettext convention)."""
    return text


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
    translated = (_lookup or catalog_lookup)(lang, template) or template
    if not params:
        return translated
    # Parameters that are themselves Msg (units, role names) are translated too.
    params = {k: tr(v, lang) if isinstance(v, Msg) else v for k, v in params.items()}
    return translated.format(**_grouped(params, _THOUSANDS[lang]))


_THOUSANDS = {"id": ".", "en": ","}


@cache
def catalog(lang: str) -> dict[str, str]:
    """{English template: translation} read from the language's .ts file."""
    if lang not in TS_FILES:
        return {}
    from .ts_file import finished, read_ts  # XML parsing only when first needed

    return finished(read_ts(TS_FILES[lang]))


def catalog_lookup(lang: str, template: str) -> str | None:
    return catalog(lang).get(template)


def use_lookup(lookup: Lookup | None) -> None:
    """Replace (or with None restore) the .ts lookup; the GUI's QTranslator uses this."""
    global _lookup
    _lookup = lookup


def _grouped(params: dict[str, Any], sep: str) -> dict[str, Any]:
    """Large whole numbers with the language's thousands separator (1.000.000 / 1,000,000)."""
    return {k: f"{v:,}".replace(",", sep)
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10_000 else v
            for k, v in params.items()}
