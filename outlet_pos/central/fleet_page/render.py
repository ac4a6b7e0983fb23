"""The fleet page's HTML: the log-in form and the table of terminals, nothing else.

Plain HTML and one style sheet (``static/fleet.css``): no script, no inline style, so
the Content-Security-Policy forbids both. Every value is escaped. Text goes through
``tr`` (Indonesian by default, ``OUTLET_POS_LANG=en`` for English), the same catalogue
as the terminal's. Nothing personal is shown: outlet and terminal numbers, versions,
counts, check names and fault codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...i18n import N_, get_language, tr
from ...protocol.health import version_key
from ..fleet import TerminalHealth

PROBLEM_LABELS = {
    "silent": N_("No contact in {hours} h"),
    "parked": N_("Parked events"),
    "doctor": N_("Doctor checks failing"),
    "old_version": N_("Old version"),
    "faults": N_("Faults"),
}
# the columns a heading link sorts by; numbers sort as numbers, a missing value first
SORTS = ("outlet", "version", "seen", "queue", "oldest", "parked")
MAX_ROWS = 1000


@dataclass(frozen=True)
class View:
    """What the operator asked for: every terminal or only those with problems, the order,
    and the minimum version (empty: none)."""

    show_all: bool = False
    sort: str = "outlet"
    desc: bool = False
    min_version: str = ""
    silent_hours: int = 24

    def query(self, **changes: object) -> str:
        fields = {"all": "1" if self.show_all else "", "sort": self.sort,
                  "desc": "1" if self.desc else "", "min": self.min_version}
        fields.update({k: str(v) for k, v in changes.items()})
        return "?" + urlencode({k: v for k, v in fields.items() if v and
                                not (k == "sort" and v == "outlet")})


def page(title: str, body: str) -> str:
    lang = get_language()
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f'<title>{escape(title)}</title>'
            '<link rel="icon" href="/fleet/static/fleet.svg" type="image/svg+xml">'
            '<link rel="stylesheet" href="/fleet/static/fleet.css"></head>'
            f'<body>{body}</body></html>\n')


def login_page(csrf: str, message: str | None = None) -> str:
    note = f'<p class="error" role="alert">{escape(message)}</p>' if message else ""
    body = (
        '<main class="login"><h1>' + escape(tr("Outlet POS fleet")) + '</h1>'
        + '<p class="hint">' + escape(tr("For the courier's IT operators. Log in with "
                                         "your operator account.")) + '</p>' + note
        + '<form method="post" action="/fleet/login" autocomplete="off">'
        + f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        + '<label for="name">' + escape(tr("Operator name")) + '</label>'
        + '<input id="name" name="name" required maxlength="32" autocapitalize="none" '
          'spellcheck="false" autofocus>'
        + '<label for="password">' + escape(tr("Password")) + '</label>'
        + '<input id="password" name="password" type="password" required maxlength="1024">'
        + '<button type="submit">' + escape(tr("Log in")) + '</button></form></main>')
    return page(tr("Outlet POS fleet — log in"), body)


def _n(value: int) -> str:
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if get_language() == "id" else grouped


def _local(at: datetime, zone: str) -> str:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("Asia/Jakarta")
    local = at.astimezone(tz)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def age(seconds: float) -> str:
    """A duration as an operator reads it at a glance: 45 s, 12 min, 5 h, 3 d."""
    s = int(max(0, seconds))
    if s < 60:
        return tr("{n} s", n=s)
    if s < 3600:
        return tr("{n} min", n=s // 60)
    if s < 172_800:
        return tr("{n} h", n=s // 3600)
    return tr("{n} d", n=s // 86_400)


def _sort_key(t: TerminalHealth, sort: str) -> tuple[object, ...]:
    number = (int(t.outlet) if t.outlet.isdigit() else 0, t.outlet,
              int(t.terminal) if t.terminal.isdigit() else 0)
    value: object = {
        "outlet": number,
        "version": version_key(t.app_version),
        "seen": t.last_seen or datetime.min.replace(tzinfo=UTC),
        "queue": t.queue_depth,
        "oldest": t.oldest_queued_s or 0,
        "parked": t.parked,
    }[sort]
    return (value, number)


def ordered(rows: Sequence[TerminalHealth], view: View) -> list[TerminalHealth]:
    return sorted(rows, key=lambda t: _sort_key(t, view.sort), reverse=view.desc)


def _heading(label: str, key: str | None, view: View, numeric: bool = False) -> str:
    cls = ' class="num"' if numeric else ""
    if key is None:
        return f"<th scope=\"col\"{cls}>{escape(label)}</th>"
    current = view.sort == key
    desc = not view.desc if current else key in ("queue", "oldest", "parked")
    mark = (" ▼" if view.desc else " ▲") if current else ""
    sort_attr = f' aria-sort="{"descending" if view.desc else "ascending"}"' if current else ""
    href = escape(view.query(sort=key, desc="1" if desc else ""))
    return (f'<th scope="col"{cls}{sort_attr}><a href="{href}">{escape(label)}{mark}</a>'
            "</th>")


def _problem_badges(t: TerminalHealth, view: View) -> str:
    return " ".join(f'<span class="badge {escape(p)}">'
                    f"{escape(tr(PROBLEM_LABELS[p], hours=view.silent_hours))}</span>"
                    for p in t.problems if p in PROBLEM_LABELS)


def _row(t: TerminalHealth, now: datetime, view: View) -> str:
    seen = ('<span title="' + escape(_local(t.last_seen, t.timezone)) + '">'
            + escape(tr("{age} ago", age=age((now - t.last_seen).total_seconds())))
            + "</span>") if t.last_seen else escape(tr("never"))
    oldest = escape(age(t.oldest_queued_s)) if t.oldest_queued_s is not None else "–"
    cells = [
        f'<td class="num">{escape(t.outlet)}</td>',
        f'<td class="num">{escape(t.terminal)}</td>',
        f"<td>{escape(t.app_version or '–')}</td>",
        f"<td>{seen}</td>",
        f'<td class="num">{_n(t.queue_depth)}</td>',
        f'<td class="num">{oldest}</td>',
        f'<td class="num">{_n(t.parked)}</td>',
        f"<td><code>{escape(', '.join(t.doctor_failing)) or '–'}</code></td>",
        f"<td><code>{escape(', '.join(t.faults)) or '–'}</code></td>",
        f"<td>{_problem_badges(t, view) or escape(tr('Healthy'))}</td>",
    ]
    cls = ' class="bad"' if t.problems else ""
    return f"<tr{cls}>" + "".join(cells) + "</tr>"


def totals(rows: Sequence[TerminalHealth]) -> dict[str, int]:
    out = {"terminals": len(rows), "ok": sum(1 for t in rows if not t.problems)}
    out.update({p: sum(1 for t in rows if p in t.problems) for p in PROBLEM_LABELS})
    return out


def fleet_page(rows: Sequence[TerminalHealth], now: datetime, view: View, operator: str,
               logout_csrf: str, error: str | None = None) -> str:
    """``rows``: every active terminal; the table shows those with a problem unless
    ``view.show_all``, the totals count them all."""
    counts = totals(rows)
    shown = ordered([t for t in rows if view.show_all or t.problems], view)
    cards = [("terminals", tr("Terminals")), ("ok", tr("Healthy"))] + [
        (p, tr(label, hours=view.silent_hours)) for p, label in PROBLEM_LABELS.items()]
    summary = "".join(f'<div class="card {escape(k)}"><span class="n">{_n(counts[k])}</span>'
                      f'<span class="l">{escape(label)}</span></div>' for k, label in cards)
    toggle = (view.query(all="") if view.show_all else view.query(all="1"))
    toggle_text = tr("Show only terminals with problems") if view.show_all else tr(
        "Show all terminals")
    header = (
        '<header><h1>' + escape(tr("Outlet POS fleet")) + '</h1>'
        + '<span class="as">' + escape(tr("Logged in as {operator}", operator=operator))
        + " · " + escape(tr("as of {time}", time=_local(now, "Asia/Jakarta"))) + '</span>'
        + '<form method="post" action="/fleet/logout" class="logout">'
        + f'<input type="hidden" name="csrf" value="{escape(logout_csrf)}">'
        + '<button type="submit">' + escape(tr("Log out")) + '</button></form></header>')
    controls = (
        '<nav class="controls">'
        + f'<a class="toggle" href="{escape(toggle)}">{escape(toggle_text)}</a>'
        + '<form method="get" action="/fleet" class="minver">'
        + ('<input type="hidden" name="all" value="1">' if view.show_all else "")
        + f'<input type="hidden" name="sort" value="{escape(view.sort)}">'
        + ('<input type="hidden" name="desc" value="1">' if view.desc else "")
        + '<label for="min">' + escape(tr("Minimum version")) + '</label>'
        + f'<input id="min" name="min" value="{escape(view.min_version)}" maxlength="40" '
          'placeholder="0.2.0">'
        + '<button type="submit">' + escape(tr("Apply")) + '</button></form></nav>')
    note = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    heads = (_heading(tr("Outlet"), "outlet", view, True) + _heading(tr("Terminal"), None, view)
             + _heading(tr("Version"), "version", view)
             + _heading(tr("Last seen"), "seen", view)
             + _heading(tr("Queue"), "queue", view, True)
             + _heading(tr("Oldest queued"), "oldest", view, True)
             + _heading(tr("Parked"), "parked", view, True)
             + _heading(tr("Doctor failing"), None, view) + _heading(tr("Faults"), None, view)
             + _heading(tr("Problems"), None, view))
    caption = (tr("{n} of {total} terminals, all", n=len(shown), total=counts["terminals"])
               if view.show_all else
               tr("{n} of {total} terminals, with problems", n=len(shown),
                  total=counts["terminals"]))
    if len(shown) > MAX_ROWS:  # a fleet's worth of rows is megabytes: the top of the order
        caption += " · " + tr("the first {n} shown; sort by another column to see others",
                              n=MAX_ROWS)
    body_rows = "".join(_row(t, now, view) for t in shown[:MAX_ROWS]) or (
        f'<tr><td colspan="10" class="empty">{escape(tr("No terminal has a problem."))}'
        "</td></tr>")
    table = (f'<table><caption>{escape(caption)}</caption><thead><tr>{heads}</tr></thead>'
             f"<tbody>{body_rows}</tbody></table>")
    return page(tr("Outlet POS fleet"), header + f'<main><section class="summary">{summary}'
                f"</section>{controls}{note}{table}</main>")
