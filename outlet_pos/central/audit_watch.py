"""What the server concludes from the audit heads an outlet reports: rolled back, rewritten.

Each batch carries the outlet's audit-chain head and the link the server last
acknowledged as the outlet reads it now (``sync_repo.audit_head``). The server keeps
one link per device, the highest it has seen (``audit_heads``; it answered the batch
that named it, so that is the link the outlet acknowledges). A head behind it means the
outlet's database went back — most often a restored older backup (issue 16: the restore
is audited in the restored database, but the rows after the backup are gone); that link
named again with another hash means the log was rewritten, or cut and grown again past
that row. The
alert is kept on the device until an operator looks (``devices list`` shows it
first); a later alert is added to it, never put in its place.
"""

from __future__ import annotations

ROLLED_BACK = "ROLLED BACK"
REWRITTEN = "REWRITTEN"


def went_back(last: int, seq: int) -> str:
    return (f"{ROLLED_BACK}: audit chain went back from row {last} to {seq} (a restored "
            "older backup, or a copied database)")


def rewritten(seq: int) -> str:
    return (f"{REWRITTEN}: audit row {seq} now has another hash (or is gone): the outlet's "
            "audit log was rewritten, or went back and grew again")


def merged(before: str | None, alerts: list[str]) -> str:
    """The device's alert text: what it said before, then the new alerts not yet in it."""
    parts = [p for p in (before or "").split("; ") if p]
    for a in alerts:
        if a not in parts:
            parts.append(a)
    return "; ".join(parts)


def flag(alert: str | None) -> str:
    """The mark ``devices list`` puts on a device's line ("" when nothing is wrong). A row
    with another hash cannot tell a rewrite from a restore that grew past the row the
    server had: both are named."""
    if not alert:
        return ""
    marks = [{ROLLED_BACK: ROLLED_BACK, REWRITTEN: f"{ROLLED_BACK} OR {REWRITTEN}"}[m]
             for m in (ROLLED_BACK, REWRITTEN) if m in alert]
    return f"  [{' + '.join(marks) or 'ALERT'}]"
