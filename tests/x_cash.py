"""The drawer-cash step of the scripted counter session (tests/x_scenario.py): F7, the
opening float typed as a clerk says it, then cash in with its reason, through the window
system at a person's pace; the dialog's totals must show both before it is closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .x_words import alt, named, t

if TYPE_CHECKING:
    from .x_scenario import Session

FLOAT, CASH_IN, REASON = "200.000", "50000", "tambahan uang kecil"


def drawer_cash(s: Session) -> None:
    d = s.d
    d.key("F7")
    d.wait_for(lambda sc: sc.find(name=named("Amount")), "the drawer cash dialog", 15)
    s.shot("drawer-cash")
    d.field(FLOAT)  # Enter saves
    totals = named("Cash totals")
    d.wait_for(lambda sc: "200.000" in ((sc.find(name=totals) or {}).get("text") or ""),
               "the float saved", 15)
    d.key(alt("&Kind"), "Down")
    d.key(alt("&Amount (Rp)"))
    d.field(CASH_IN, "Tab")
    d.field(REASON)
    screen = d.wait_for(lambda sc: (w := sc.find(name=totals)) and "50.000" in
                        (w.get("text") or "") and sc, "the cash in saved", 15)
    message = (screen.find(name=named("Cash message")) or {}).get("text") or ""
    if t("Saved: {kind} {amount}").split(":")[0] not in message:
        s.fail("drawer-cash", f"the dialog says {message!r} after saving")
    s.shot("drawer-cash-saved")
    d.key("Escape")
