"""How a user's role and state read, the same in ``outlet-pos user list`` and the Users
section of Settings."""

from __future__ import annotations

from ..i18n import Msg, tr
from .auth import UserInfo

ROLE_LABELS = {"clerk": Msg("Clerk"), "manager": Msg("Manager"),
               "technician": Msg("Technician")}


def state_text(u: UserInfo) -> str:
    if not u.intact:
        return tr("EDITED OUTSIDE THE APP: refused")
    states = [tr("disabled")] if u.disabled else []
    if u.locked_until:
        states.append(tr("locked until {until} UTC", until=f"{u.locked_until:%H:%M:%S}"))
    if u.must_change:
        states.append(tr("must change password"))
    return ", ".join(states) or tr("active")
