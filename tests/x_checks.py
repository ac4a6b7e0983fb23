"""What a clerk must never read on an Indonesian screen: English catalogue text and internal
field keys; and what must never be readable while the counter is locked.

The English check uses the catalogue itself (outlet_pos_id.ts): a visible text is English
catalogue text when it is an English template whose Indonesian differs — the whole text
(mnemonics stripped, placeholders as wildcards), or for long templates a part of it. Short
words spelled the same in both languages, proper nouns, "QRIS", "Rp" and digits never count,
because their translation is the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from outlet_pos.i18n import TS_FILES
from outlet_pos.i18n.ts_file import read_ts

from .x_driver import Screen, strip_mnemonic

LONG = 18  # a template this long (and of 3+ words) is English inside a longer text too
# An internal key: lower-case words joined by dots before a colon ("sender.phone:").
# A host name ("kurir.co.id:") is not one.
DOTTED_KEY = re.compile(r"(?<![\w./:-])[a-z][a-z_]*(?:\.[a-z_]+)*"
                        r"\.(?!(?:id|com|net|org|local):)[a-z_]+:(?=\s|$)")
# Field keys the services use that a message must not start with ("waybill: ...").
BARE_KEYS = ("waybill", "password", "service", "sender", "recipient", "parcel", "payment",
             "tendered", "reference", "weight_kg", "dims", "cod_amount", "declared_value",
             "postal_code", "phone", "name", "street", "village", "user", "reason", "note")
BARE_KEY = re.compile(r"^(?:" + "|".join(BARE_KEYS) + r"):\s")


@dataclass(frozen=True)
class Template:
    source: str
    pattern: re.Pattern[str]
    long_part: str  # "" when too short to look for inside other text


def _norm(text: str) -> str:
    return " ".join(strip_mnemonic(text).replace("…", "...").split())


@cache
def english_templates() -> tuple[Template, ...]:
    out = []
    for entries in read_ts(TS_FILES["id"]).values():
        for e in entries:
            source, target = _norm(e.source), _norm(e.translation)
            if not source or not e.translation or source.casefold() == target.casefold():
                continue
            parts = re.split(r"\{[^{}]*\}", source)
            literal = "".join(parts)
            if len(re.sub(r"[^A-Za-z]", "", literal)) < 3:
                continue  # "{a} — {b}", "{n} kg": nothing English to see
            regex = ".+?".join(re.escape(p) for p in parts)
            longest = max(parts, key=len).strip()
            long_part = longest if len(longest) >= LONG and len(longest.split()) >= 3 else ""
            out.append(Template(e.source, re.compile(regex, re.DOTALL), long_part))
    return tuple(out)


def english_on_screen(screen: Screen) -> list[str]:
    """The visible texts that are English catalogue text, each with its template."""
    found = []
    for raw in set(screen.texts()):
        text = _norm(raw)
        for t in english_templates():
            if t.pattern.fullmatch(text) or (t.long_part and t.long_part in text):
                found.append(f"{raw!r} (template {t.source!r})")
                break
    return sorted(found)


def internal_keys_on_screen(screen: Screen) -> list[str]:
    found = set()
    for raw in screen.texts():
        for line in raw.splitlines():
            if DOTTED_KEY.search(line) or BARE_KEY.match(line.strip()):
                found.add(raw)
    return sorted(found)


def personal_on_screen(screen: Screen, secrets: list[str]) -> list[str]:
    """Which of ``secrets`` (names, phones, streets typed earlier) a person can read now."""
    def squash(s: str) -> str:
        return re.sub(r"[\s\-]", "", s).casefold()

    texts = [squash(t) for t in screen.texts()]
    return [s for s in secrets if any(squash(s) in t for t in texts)]


@dataclass
class Result:
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    screenshots: list[str] = field(default_factory=list)
    waybills: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rc: int | None = None
    print_jobs: int = 0
    stderr_tail: str = ""  # the window's last words, when something failed
