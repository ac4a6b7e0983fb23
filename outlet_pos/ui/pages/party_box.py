"""One party of a shipment (sender or recipient): phone first, a known customer fills the
rest; the address completes to village, district, city and province from a postal code
or from the first letters of a village or district (a pop-up list; arrows and Enter).
The chosen place is written out in full under the village box (wrapped, never cut off).
The sender's box has one field more, the loyalty card number (Alt+V, Alt+L in English),
filled from the repeat customer's latest card; the booking checks it against the
courier's format (services/loyalty.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
)

from ...bootstrap import App
from ...domain.address import Village
from ...domain.loyalty import group_card
from ...domain.records import CustomerMatch
from ...i18n import N_, tr
from ...services.auth import UserSession
from ..background import run_in_background
from ..scanner import KEEPS_SCANS
from .new_shipment_fields import hint

# Alt+L; in Indonesian "No. kartu loyalitas (&V)", Alt+V: every letter of those words is
# another key of the page or a tab's (the way Qt's own CJK catalogues mark a key)
LOYALTY_KEY = N_("&Loyalty card no.")


class PartyBox(QGroupBox):
    """``found`` says whether the phone matched a known customer (who filled the box)."""

    found = Signal(bool)

    def __init__(self, app: App, title: str, role: str, keys: dict[str, str]) -> None:
        super().__init__(title)
        self.app, self.role = app, role
        self.session: UserSession | None = None
        self._matches: list[CustomerMatch] = []
        self.phone = QLineEdit()
        self.known = QComboBox()  # several customers on one phone: choose
        self.name = QLineEdit()
        self.street = QLineEdit()
        self.postal = QLineEdit()  # a postal code, or letters of a village or district
        self.postal.setMaxLength(60)
        hint(self.postal, tr("e.g. 40135 or Coblong"))
        self._areas: dict[str, Village] = {}
        self.areas = QStringListModel(self)
        self.completer = QCompleter(self.areas, self)
        # The directory already chose the matches; the completer only shows them.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.postal.setCompleter(self.completer)
        self.completer.activated.connect(self._area_chosen)
        self.village = QComboBox()
        # The box stays as wide as the column; its list and the line under it show all.
        self.village.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.village.setMinimumContentsLength(16)
        self.place = QLabel()
        self.place.setWordWrap(True)
        self.place.setAccessibleName(tr("{role} place", role=title))
        self.village.currentIndexChanged.connect(lambda _i: self._show_place())
        form = QFormLayout(self)
        for label, widget, what in (
                (keys["phone"], self.phone, "phone"), (keys["known"], self.known, "known"),
                (keys["name"], self.name, "name"), (keys["street"], self.street, "street"),
                (keys["postal"], self.postal, "postal code or area"),
                (keys["village"], self.village, "village")):
            form.addRow(tr(label), widget)
            widget.setAccessibleName(tr("{role} {what}", role=title, what=tr(what)))
        form.addRow("", self.place)
        self.loyalty = QLineEdit()  # the sender's only; hidden in the recipient's box
        self.loyalty.setMaxLength(40)  # the number, with the spaces and dashes printed on it
        self.loyalty.setProperty(KEEPS_SCANS, True)  # a card's barcode is the card's number
        hint(self.loyalty, tr("optional, e.g. 8800 1234 5678 9012"))
        if role == "sender":
            form.addRow(tr(LOYALTY_KEY), self.loyalty)
            self.loyalty.setAccessibleName(tr("{role} {what}", role=title,
                                              what=tr("loyalty card no.")))
        else:
            self.loyalty.hide()
        self.known.setEnabled(False)
        self.postal.textEdited.connect(self._postal_changed)
        self.known.activated.connect(self._use_match)

    # -- look-ups, off the GUI thread ---------------------------------------------------
    def look_up(self) -> None:
        phone = self.phone.text().strip()
        if not phone or self.session is None:
            self.found.emit(False)
            return
        session = self.session
        run_in_background(self, lambda: self.app.shipments.find_customer(session, phone),
                          self._got_matches, lambda _e: self.found.emit(False))

    def _got_matches(self, matches: list[CustomerMatch]) -> None:
        self._matches = matches
        self.known.clear()
        for m in matches:
            self.known.addItem(f"{m.party.name} — {m.party.address.street}, "
                               f"{m.party.address.village}")
        self.known.setEnabled(len(matches) > 1)
        if matches:
            self._use_match(0)
        self.found.emit(bool(matches))

    def _use_match(self, i: int) -> None:
        p = self._matches[i].party
        self.name.setText(p.name)
        self.street.setText(p.address.street)
        self.postal.setText(p.address.postal_code)
        self._fill_villages(p.address.postal_code, p.address.village_code)
        if self.role == "sender" and not self.loyalty.isModified():
            # the chosen customer's card (or none), never over one the clerk typed
            self.loyalty.setText(group_card(p.loyalty_card) if p.loyalty_card else "")

    def _postal_changed(self, text: str) -> None:
        text = text.strip()
        if len(text) == 5 and text.isdigit():
            self._fill_villages(text, None)
            return
        self.village.clear()
        if text.isdigit() or not text:
            return
        # A microsecond bisection over an index warmed at window start: fine on this thread.
        found = self.app.directory.search(text, limit=30)
        self._areas = {f"{v.name}, {v.district}, {v.city} — {v.postal_code}": v for v in found}
        self.areas.setStringList(list(self._areas))
        if found:
            self.completer.complete()

    def _area_chosen(self, label: str) -> None:
        v = self._areas.get(label)
        if v is None:
            return
        # QLineEdit put the label in the field first; the field keeps the postal code.
        self.postal.setText(v.postal_code)
        self._fill_villages(v.postal_code, v.code)
        self.village.setFocus()

    def _fill_villages(self, postal: str, select_code: str | None) -> None:
        villages: list[Village] = self.app.directory.villages_with_postal_code(postal)
        self.village.clear()
        for v in villages:
            self.village.addItem(f"{v.name}, {v.district}, {v.city}, {v.province}", v.code)
        if select_code:
            self.village.setCurrentIndex(max(0, self.village.findData(select_code)))
        view = self.village.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 32 if villages else 0)

    def _show_place(self) -> None:
        v = self.village_obj()
        self.place.setText(f"{v.name}, {v.district}, {v.city}, {v.province} {v.postal_code}"
                           if v is not None else "")

    # -- the order --------------------------------------------------------------------
    def village_obj(self) -> Village | None:
        code = self.village.currentData()
        return self.app.directory.village(code) if code else None

    def to_dict(self) -> dict[str, Any]:
        v = self.village_obj()
        address = {"street": self.street.text().strip(), "postal_code": self.postal.text()}
        if v is not None:
            address.update(village=v.name, district=v.district, city=v.city,
                           province=v.province)
        party: dict[str, Any] = {"name": self.name.text().strip(),
                                 "phone": self.phone.text().strip(), "address": address}
        if self.role == "sender" and self.loyalty.text().strip():
            party["loyalty_card"] = self.loyalty.text()
        return party

    def clear(self) -> None:
        for w in (self.phone, self.name, self.street, self.postal, self.loyalty):
            w.clear()
        self.village.clear()
        self.known.clear()
        self.known.setEnabled(False)
        self._matches = []

    def widget_for(self, field: str) -> Any:
        """The input a validation error about ``field`` belongs to."""
        if "loyalty" in field:
            return self.loyalty
        if "phone" in field:
            return self.phone
        if "name" in field:
            return self.name
        if "postal" in field:
            return self.postal
        if "village" in field or "district" in field:
            return self.village
        return self.street
