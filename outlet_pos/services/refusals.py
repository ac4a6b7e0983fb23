"""The permission check the services make at their entry points, with a trace of each refusal.

``domain.roles.require`` only raises. A clerk trying a manager's export again and
again is what a manager (or an investigation under UU PDP) needs to see, so a
refusal here also appends an audit row: who (the user id), what (the action) and
the role they held, never the arguments of the call (a phone, a waybill, a
reason are what the person typed). The row is written in its own short
transaction before the refusal is raised, because the caller's transaction, if
any, is rolled back by the exception.
"""

from __future__ import annotations

import logging
from typing import Protocol

from ..domain import roles
from ..domain.roles import Action, NotAllowed, Role
from .ports import UnitOfWorkFactory

log = logging.getLogger(__name__)
REFUSED = "refused"  # the audit row's action; its subject is the action that was refused


class Actor(Protocol):
    @property
    def username(self) -> str: ...
    @property
    def role(self) -> Role: ...


def record(uow_factory: UnitOfWorkFactory, actor: Actor, refusal: NotAllowed) -> None:
    """Append the audit row of ``refusal``. A database that cannot take it (read-only,
    busy) never turns the refusal into another error: it is logged, without data."""
    try:
        with uow_factory(write=True) as uow:
            uow.audit.append(actor.username, REFUSED, refusal.action.value,
                             {"role": refusal.role.value})
            uow.commit()
    except Exception as e:  # whatever the store raises, the refusal must reach the caller
        log.warning("refused %s for role %s not audited (%s)", refusal.action.value,
                    refusal.role.value, type(e).__name__)


def require(uow_factory: UnitOfWorkFactory | None, actor: Actor, action: Action) -> None:
    """``roles.require`` for a service that holds a unit of work: a refusal is audited
    (a service built without one, as in some tests, only refuses)."""
    try:
        roles.require(actor.role, action)
    except NotAllowed as refusal:
        if uow_factory is not None:
            record(uow_factory, actor, refusal)
        raise
