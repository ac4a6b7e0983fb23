"""The scripted counter session: a morning at the counter, through the window system.

A demo-like outlet is made with the command line (``init``, ``user add``, a virtual printer,
``printer use``); then the real ``outlet-pos gui`` is driven with xdotool at a person's pace:
log in, book a new sender, a repeat sender and a COD parcel, void one, lock, send every
shortcut and mnemonic under the lock, unlock as another user, switch language and back,
close the day. Each step leaves a screenshot of the whole screen.

``Session`` records what it saw (tests/x_run.py runs it): ``failures`` (a crash, a
traceback, an empty services table before F9, an internal key or English catalogue text on
an Indonesian screen, personal data or an effect under the lock) and ``notes`` (what a clerk
would trip over that the issue's other parts fix: focus lost, a form wiped). A step that
needs a feature not there yet fails with a message naming it and the session goes on where
it can.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

from .x_checks import Result, english_on_screen, internal_keys_on_screen, personal_on_screen
from .x_driver import Driver, Screen, strip_mnemonic, wait_until
from .x_words import (
    AGUS,
    BUDI,
    CLERK,
    CLERK_PW,
    DENOMINATIONS,
    DEWI,
    LOCK_NOW,
    MANAGER,
    MANAGER_PW,
    MARLINA,
    PARTY_KEYS,
    PRIVACY,
    RINA,
    SITI,
    WAYBILL,
    alt,
    field_name,
    find_any,
    lock_keys,
    named,
    rupiah,
    says,
    t,
)


class Session:
    def __init__(self, driver: Driver, data: Path, paper: Path) -> None:
        self.d, self.data, self.paper = driver, data, paper
        self.r = Result()
        self.secrets: list[str] = []

    # -- what every look checks ------------------------------------------------------------
    def look(self, step: str) -> Screen:
        screen = self.d.look()
        if screen.language == "id":
            for text in english_on_screen(screen):
                self.fail(step, f"English catalogue text on an Indonesian screen: {text}")
        for text in internal_keys_on_screen(screen):
            self.fail(step, f"an internal field key on screen: {text!r}")
        return screen

    def fail(self, step: str, what: str) -> None:
        line = f"{step}: {what}"
        if line not in self.r.failures:
            self.r.failures.append(line)

    def note(self, step: str, what: str) -> None:
        self.r.notes.append(f"{step}: {what}")

    def shot(self, name: str) -> Screen:
        screen = self.look(name)
        self.d.shot(name)
        return screen

    def press(self, step: str, name: str) -> None:
        """A dialog's button, found by its accessible name, clicked as a manager does."""
        button = self.d.look().find(name=named(name))
        if button is None:
            raise TimeoutError(f"no {t(name)!r} button")
        self.d.click(button)

    def focus_name(self, screen: Screen) -> str:
        focus = screen.data.get("focus") or {}
        return focus.get("name") or focus.get("cls") or "(nothing)"

    # -- steps ----------------------------------------------------------------------------
    def log_in(self) -> None:
        d = self.d
        d.start_gui(self.data)
        wait_until(lambda: d.look().windows, 60, "the log-in window")
        d.wait_for(lambda s: s.find(name=named("User id")) is not None, "the user id field")
        self.shot("login")
        d.field(CLERK)
        d.field(CLERK_PW, "Return")
        d.wait_for(lambda s: s.find(name=named("Services and prices")), "the main window", 60)
        screen = self.shot("main-window")
        if self.focus_name(screen) != field_name("Sender", "phone"):
            self.note("log-in", f"the cursor is in {self.focus_name(screen)!r} after log-in")

    def goto(self, step: str, name: str, key: str) -> None:
        """Where the cursor should be now; a person who sees it elsewhere presses the
        field's Alt key (and the session notes it: a key the clerk should not need)."""
        try:
            self.d.wait_for(lambda s: self.focus_name(s) == name, f"the cursor in {name}", 3)
        except TimeoutError:
            self.note(step, f"the cursor is in {self.focus_name(self.d.look())!r}, not in "
                            f"{name!r}: pressed {key}")
            self.d.key(key)

    def party(self, step: str, role: str, who: dict[str, str], known: bool = False) -> None:
        """Phone, Enter; a new customer: name, street, postal code (the village follows)."""
        d, keys = self.d, PARTY_KEYS[role]
        self.secrets += [who["name"], who["phone"], "+62" + who["phone"].replace(" ", "")[1:]]
        if "street" in who:
            self.secrets.append(who["street"])
        self.goto(step, field_name(role, "phone"), keys["phone"])
        d.field(who["phone"])
        if known:
            return
        for key in ("name", "street", "postal"):
            self.goto(step, field_name(role, key), keys[key])
            d.field(who[key])
        if self.focus_name(d.look()) == field_name(role, "village"):
            d.key("Return")  # the village the postal code chose
            d.pause()

    def parcel(self, step: str, weight: str, size: str, contents: str, cod: str = "") -> None:
        d = self.d
        self.goto(step, t("Weight in kg"), alt("&Weight (kg)"))
        d.field(weight)
        self.goto(step, t("Dimensions in cm"), alt("&Size (cm)"))
        d.field(size)
        d.pause(0.4, 1.0)  # the clerk looks at the prices before typing the contents
        self.goto(step, t("Goods description"), alt("&Contents"))
        d.field(contents, None)
        if cod:
            d.key(alt("C&OD"))
            d.field(cod, None)
        d.key("Return")  # to the services
        d.pause()

    def wait_prices(self) -> Screen:
        return self.d.wait_for(lambda s: (s.find(name=named("Services and prices")) or {})
                               .get("rows", 0) > 0 and s, "prices in the services table", 8)

    def pay_and_book(self, step: str, weight: str) -> None:
        d = self.d
        try:
            prices = self.wait_prices()
        except TimeoutError:
            self.fail(step, "the services table is empty before F9")
            # The clerk's way out (issue 15, point 1): retype the weight's last digit.
            d.key(alt("&Weight (kg)"), "End", "BackSpace")
            d.field(weight[-1], None)
            try:
                prices = self.wait_prices()
                self.note(step, "prices came only after retyping the weight")
            except TimeoutError:
                prices = self.look(step)
        table = prices.find(name=named("Services and prices")) or {}
        chosen = (table.get("selected") or [0])[0]
        header = table.get("header", [])
        column = next((i for i, h in enumerate(header) if h in named("Total")), 1)
        total = rupiah(table["cells"][chosen][column]) if table.get("rows") else None
        d.key("Return")  # to the amount tendered
        self.goto(step, t("Amount tendered"), alt("&Tendered"))
        if total:
            d.field(str(math.ceil((total + 1) / 10000) * 10000), None)
        self.shot(f"{step}-before-F9")
        d.key("F9")
        d.pause(0.3, 0.6)
        def done(s: Screen) -> str | None:
            """A waybill number (16 digits) not seen before: this booking's."""
            for text in s.texts():
                for m in WAYBILL.finditer(text):
                    digits = re.sub(r"\D", "", m.group())
                    if len(digits) == 16 and digits not in self.r.waybills:
                        return digits
            return None

        try:
            waybill = d.wait_for(done, "the waybill number after F9", 20)
            self.r.waybills.append(waybill)
        except TimeoutError:
            self.fail(step, "no waybill number shown within 20 s of F9")
            self.shot(f"{step}-refused")
            d.key("F2")  # start over: the next customer must not type into this form
            d.pause()
            return
        try:  # the paper comes out of the printer
            d.wait_for(lambda s: t("Printing…") not in s.texts(), "the print to finish", 15)
        except TimeoutError:
            self.note(step, "still 'printing' 15 s after F9")
        self.shot(f"{step}-booked")
        d.key("Return")  # the change screen (when there is one): next customer
        d.pause()

    def bookings(self) -> None:
        self.party("new-sender", "Sender", SITI)
        self.party("new-sender", "Recipient", BUDI)
        self.parcel("new-sender", "1,3", "30x20x10", "Baju batik")
        self.pay_and_book("new-sender", "1,3")
        self.party("repeat-sender", "Sender", SITI, known=True)
        self.party("repeat-sender", "Recipient", DEWI)
        self.parcel("repeat-sender", "0,8", "20x15x10", "Buku")
        self.pay_and_book("repeat-sender", "0,8")
        self.party("cod", "Sender", AGUS)
        self.party("cod", "Recipient", RINA)
        self.parcel("cod", "2", "25x20x15", "Sepatu", cod="250000")
        self.pay_and_book("cod", "2")

    def void(self) -> None:
        d = self.d
        if len(self.r.waybills) < 2:
            self.fail("void", "no second shipment to void")
            return
        waybill = self.r.waybills[1]
        d.key(alt("Today's s&hipments"))
        d.pause()
        d.key(alt("&Find"))
        d.field(waybill)
        d.wait_for(lambda s: (s.find(name=named("Today's shipments")) or {}).get("rows") == 1,
                   "the one shipment found by its waybill")
        d.key("F8")
        d.wait_for(lambda s: s.find(name=named("Reason")), "the void's authorisation")
        self.shot("void-authorise")
        d.field(MANAGER, "Tab")
        d.field(MANAGER_PW, "Tab")
        d.field("salah timbang berat", None)
        self.press("void", "Authorise")
        d.wait_for(lambda s: any(says("{waybill} is void; a reprint will say VOID", x)
                                 for x in s.texts()), "the void to be confirmed")
        self.shot("voided")

    def lock_and_unlock(self) -> None:
        d = self.d
        d.key(alt("&New shipment"))
        d.pause()
        self.goto("lock", field_name("Sender", "phone"), "alt+1")
        d.field(MARLINA["phone"])
        self.goto("lock", field_name("Sender", "name"), "alt+3")
        d.field(MARLINA["name"], None)  # half a form: the customer steps away
        self.secrets += [MARLINA["name"], MARLINA["phone"]]
        screen = d.look()
        if not personal_on_screen(screen, [MARLINA["name"]]):
            self.fail("lock", "the name typed before locking is not on screen: the lock "
                              "check would prove nothing")
        button = find_any(screen, LOCK_NOW, "Lock now")
        if button is None:
            self.fail("lock", f"no {LOCK_NOW!r} button (feature not landed yet)")
            return
        d.click(button)
        try:
            d.wait_for(lambda s: find_any(s, PRIVACY, "Locked screen"), "the privacy screen", 10)
        except TimeoutError:
            self.fail("lock", f"no {PRIVACY!r} after {LOCK_NOW!r}")
        before = self.shot("locked")
        self.check_locked("locked", before)
        jobs = len(list(self.paper.glob("job-*.bin")))
        for key in lock_keys():
            d.key(key, pause=False)
            time.sleep(d.rng.uniform(0.05, 0.12))
        after = self.shot("locked-after-every-key")
        self.check_locked("locked, after every key", after)
        if after.language != before.language:
            self.fail("locked", "Ctrl+L switched the language under the lock")
        if after.data["tabs"] != before.data["tabs"]:
            self.fail("locked", "a key changed the page under the lock")
        if sorted(after.titles()) != sorted(before.titles()):
            self.fail("locked", f"windows changed under the lock: {before.titles()} → "
                                f"{after.titles()}")
        self.unlock_as_manager()  # seconds later: a print the keys started has come out
        if len(list(self.paper.glob("job-*.bin"))) != jobs:
            self.fail("locked", "a key under the lock printed (F9 booked or F6 reprinted)")

    def check_locked(self, step: str, screen: Screen) -> None:
        seen = personal_on_screen(screen, self.secrets)
        if seen:
            # Say how many, not which: this message ends up in test logs.
            self.fail(step, f"personal data visible while locked: {len(seen)} of the "
                            "names, phones and streets typed earlier")
        if screen.find(name=named("Services and prices")) is not None:
            self.fail(step, "the New shipment page is visible while locked")

    def unlock_as_manager(self) -> None:
        d = self.d
        login = d.look().find(name=named("User id"))
        if login is None:
            self.fail("unlock", "no user id field on the locked screen")
            return
        if not login.get("focus"):
            self.note("unlock", "the user id field of the lock has no focus; clicked it")
            d.click(login)
        d.key("ctrl+a")
        d.field(MANAGER)
        d.field(MANAGER_PW)
        d.wait_for(lambda s: s.find(name=named("Services and prices")), "the unlocked window")
        screen = self.shot("unlocked-as-manager")
        name = screen.find(name=t("{role} {what}", role=t("Sender"), what=t("name")))
        if name is not None and name.get("text") != MARLINA["name"]:
            self.note("unlock", "another user unlocked: the half-filled form was cleared")
        if not any("manajer" in x for x in screen.texts()):
            self.fail("unlock", "the window does not say the manager is now the user")

    def languages(self) -> None:
        """Ctrl+L to English and back, with a phone half typed: it stays, and so does the
        cursor (the phone belongs to an invented customer, like every value here)."""
        d, phone = self.d, field_name("Sender", "phone")
        d.key("Escape")  # the customer left: clear the form
        self.goto("Ctrl+L", phone, "alt+1")
        d.type("0813 5555")
        d.pause()
        d.key("ctrl+l")
        d.wait_for(lambda s: s.language == "en", "English after Ctrl+L")
        d.pause(0.6, 1.0)
        screen = self.shot("english")
        kept = [w.get("text") for w in screen.widgets() if w.get("focus")]
        if kept != ["0813 5555"]:
            self.note("Ctrl+L", f"after the switch the cursor is in {self.focus_name(screen)!r}"
                                f" holding {kept!r}, not in the phone typed before")
        d.key("ctrl+l")
        d.wait_for(lambda s: s.language == "id", "Bahasa Indonesia after Ctrl+L")
        d.pause(0.6, 1.0)
        self.shot("indonesian-again")
        d.key("Escape")

    def close_day(self) -> None:
        d = self.d
        d.key(alt("Da&y review"))
        d.pause(1.0, 1.5)
        d.key(alt("&Close day…"))
        expected = d.wait_for(
            lambda s: rupiah((s.find(name=named("Cash expected")) or {}).get("text", "")),
            "the cash expected", 20)
        counts, left = {}, expected
        for face in DENOMINATIONS:
            counts[face], left = divmod(left, face)
        for i, face in enumerate(DENOMINATIONS):
            if counts[face]:
                d.key(f"alt+{'1234567890'[i]}", "ctrl+a")
                d.field(str(counts[face]), None)
        self.shot("close-day-count")
        self.press("close-day", "Close the day")

        def confirmation(s: Screen) -> dict | str | None:
            """The day closed ("done"), or the confirmation in front: its closing button."""
            if s.find(name=named("Finish")) is not None:
                return "done"
            front = next((w for w in s.windows if w["active"]), {"widgets": []})
            return next((w for w in front["widgets"] if w["cls"] == "QPushButton" and
                         strip_mnemonic(w.get("text") or "") in
                         (*named("Close the day"), t("&Yes"), "Ya")), None)

        confirm = d.wait_for(confirmation, "a confirmation or the day closed", 15)
        if confirm != "done":
            self.shot("close-day-confirm")
            key = re.search(r"&(\w)", confirm.get("text") or "")
            if key:  # its own Alt key: the clerk's hands stay on the keyboard
                d.key("alt+" + key.group(1).lower())
                try:
                    d.wait_for(lambda s: s.find(name=named("Finish")), "the day closed", 8)
                except TimeoutError:
                    # Seen about one run in five under load: the key reached the count
                    # dialog behind, before the window manager gave the new box the focus.
                    # A clerk would look and click; the session notes it and does so.
                    again = d.wait_for(confirmation, "the confirmation still there", 5)
                    if again != "done":
                        self.note("close-day", "the confirmation's Alt key did nothing "
                                  "the first time; clicked its button")
                        d.click(again)
            else:
                d.click(confirm)
        d.wait_for(lambda s: s.find(name=named("Finish")), "the day to be closed", 30)
        self.shot("day-closed")
        self.press("close-day", "Finish")
        d.pause()
        self.shot("day-review-after-closing")
