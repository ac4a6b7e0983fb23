"""The loyalty card's number format as the courier sets it, and the check of an order's card.

The format (``domain/loyalty.py`` ``CardFormat``) is kept in the ``loyalty_card_format``
setting; a manager or a technician sets it (``Action.CHANGE_SETTINGS``), audited with the
format's figures (no card number is in it). A booking checks the sender's card against it
(``BookingService.validate`` calls ``checked``): an order without a card costs nothing
more, one with a card one read of the setting.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.errors import ValidationError
from ..domain.loyalty import FIELD, CardFormat, normalize_card
from ..domain.roles import Action
from ..domain.shipment import ShipmentOrder
from ..domain.stored_settings import LOYALTY_FORMAT
from .auth import UserSession
from .ports import UnitOfWork, UnitOfWorkFactory
from .refusals import require

FORMAT_SET = "loyalty_format_set"  # the audit row's action


def card_format(uow: UnitOfWork) -> CardFormat:
    """The courier's format in force (the default until one is set)."""
    return CardFormat.from_dict(LOYALTY_FORMAT.read(uow.meta))


def checked(uow_factory: UnitOfWorkFactory, order: ShipmentOrder) -> ShipmentOrder:
    """The order with its sender's card checked against the courier's format; a
    ValidationError naming ``sender.loyalty_card`` when it does not fit."""
    card = order.sender.loyalty_card
    if card is None:
        return order
    with uow_factory() as uow:
        fmt = card_format(uow)
    try:
        clean = normalize_card(card, fmt)
    except ValidationError as e:
        raise e.prefixed("sender") from None
    if clean == card:
        return order
    return replace(order, sender=replace(order.sender, loyalty_card=clean))


class LoyaltyService:
    """The card's format: read by anyone who books, set by a manager or a technician."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def card_format(self) -> CardFormat:
        with self._uow() as uow:
            return card_format(uow)

    def set_format(self, session: UserSession, fmt: CardFormat) -> CardFormat:
        require(self._uow, session, Action.CHANGE_SETTINGS)
        with self._uow(write=True) as uow:
            LOYALTY_FORMAT.write(uow.meta, fmt.to_dict())
            uow.audit.append(session.username, FORMAT_SET, None, fmt.to_dict())
            uow.commit()
        return fmt

    def check(self, card: str) -> str | None:
        """One card number on its own (the counter's field, as the clerk leaves it)."""
        return normalize_card(card, self.card_format(), FIELD)
