"""How the whole outlet's day reads, the same in the Day review's "Outlet by terminal" tab
and in ``outlet-pos outlet-day``: each terminal's freshness ("data until 14.05, 2 h ago"),
its closing, and where the other terminals' figures come from, on the outlet's clock."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from ..i18n import tr
from .outlet_day import OutletDayView, TerminalPart

NONE = "–"  # a figure not known


def clock_text(at: datetime, tz: tzinfo) -> str:
    """``14.05`` (``14:05`` in English) on the outlet's clock."""
    local = at.astimezone(tz)
    return tr("{hour}:{minute}", hour=f"{local.hour:02d}", minute=f"{local.minute:02d}")


def ago_text(at: datetime, now: datetime) -> str:
    """``2 h ago``: how long before ``now``, in whole minutes, hours or days."""
    minutes = max(0, int((now - at) / timedelta(minutes=1)))
    if minutes < 1:
        return tr("just now")
    if minutes < 60:
        return tr("{n} min ago", n=minutes)
    if minutes < 24 * 60:
        return tr("{n} h ago", n=minutes // 60)
    return tr("{n} d ago", n=minutes // (24 * 60))


def moment_text(at: datetime, now: datetime, tz: tzinfo) -> str:
    """``14.05, 2 h ago``; a moment of another day also names its date."""
    when = clock_text(at, tz)
    if at.astimezone(tz).date() != now.astimezone(tz).date():
        when = f"{at.astimezone(tz):%d-%m} {when}"
    return tr("{time}, {ago}", time=when, ago=ago_text(at, now))


def freshness_text(part: TerminalPart, now: datetime, tz: tzinfo) -> str:
    if part.this_terminal:
        return tr("live (this terminal)")
    if part.known and part.data_until is not None:
        return tr("data until {moment}", moment=moment_text(part.data_until, now, tz))
    if part.last_seen is not None:
        return tr("no data of this day yet; last contact {moment}",
                  moment=moment_text(part.last_seen, now, tz))
    return tr("no data of this day yet; never heard from")


def closing_text(part: TerminalPart) -> str:
    """The day's closing as far as it is known: open, closed (its number) or –."""
    if not part.known:
        return NONE
    if part.closed:
        return tr("closed (no. {n})", n=part.closing_sequence or "?")
    return tr("open")


def terminal_name(part: TerminalPart) -> str:
    return tr("Terminal {n} (this one)", n=part.terminal) if part.this_terminal else \
        tr("Terminal {n}", n=part.terminal)


def source_text(view: OutletDayView, asking: bool, tz: tzinfo) -> str:
    """Where the other terminals' figures come from and how old they are."""
    if view.live and view.fetched_at is not None:
        return tr("The other terminals' figures as the central server has them now "
                  "({time}).", time=clock_text(view.fetched_at, tz))
    lines = []
    if view.problem:
        lines.append(tr("The central server cannot be asked now: {why}",
                        why=tr(view.problem)))
    elif asking:
        lines.append(tr("Asking the central server…"))
    if view.fetched_at is not None:
        lines.append(tr("The other terminals' figures were fetched at {moment}: they may "
                        "be out of date.", moment=moment_text(view.fetched_at, view.now,
                                                              tz)))
    else:
        lines.append(tr("No figures of the other terminals yet for this day."))
    return " ".join(lines)
