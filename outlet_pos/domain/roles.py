"""Roles and what each may do: the single permission matrix the services consult."""

from __future__ import annotations

from enum import StrEnum

from ..i18n import Msg
from .errors import DomainError


class Role(StrEnum):
    CLERK = "clerk"
    MANAGER = "manager"
    TECHNICIAN = "technician"


class Action(StrEnum):
    QUOTE = "quote"
    BOOK = "book"
    LIST_SHIPMENTS = "list_shipments"  # figures only, no personal data
    VIEW_PERSONAL = "view_personal"  # names, phones, addresses of a shipment
    FIND_CUSTOMER = "find_customer"
    VOID = "void"
    ADD_USER = "add_user"
    LIST_USERS = "list_users"  # user ids, roles and states: no password, no personal data
    DISABLE_USER = "disable_user"  # and enable again
    RESET_PASSWORD = "reset_password"  # noqa: S105 - a temporary one, changed at next log-in
    UNLOCK_USER = "unlock_user"  # lift a lock-out before it ends
    ROTATE_KEYS = "rotate_keys"
    PORTABLE_BACKUP = "portable_backup"  # data and keys leave the PC: a manager's decision
    VERIFY_AUDIT = "verify_audit"
    RUN_RETENTION = "run_retention"
    EXPORT_PERSONAL = "export_personal"
    PRINT = "print"  # a waybill's first print, and retrying a failed print
    REPRINT = "reprint"  # another copy of a waybill already printed (marked REPRINT n)
    CONFIGURE_PRINTER = "configure_printer"
    TEST_PRINTER = "test_printer"
    ENROLL_DEVICE = "enroll_device"  # give this terminal its credential for the server
    CLOSE_DAY = "close_day"
    REOPEN_DAY = "reopen_day"  # undo a closing, with a reason
    RESTORE = "restore"  # replace the database with a backup; confirm a restored outlet
    REVIEW_DAY = "review_day"  # the day's figures, by clerk, and the daily report
    CHANGE_SETTINGS = "change_settings"  # the counter's settings after setup (language...)
    MOVE_CASH = "move_cash"  # the opening float, cash in and out of the drawer, with a reason
    CARRY_OVER_DAY = "carry_over_day"  # open the next day with this one not yet closed
    RETIRE_PC = "retire_pc"  # wipe the outlet's data and keys from a PC leaving the outlet
    # A customer's requests under UU PDP (services/customer_requests.py): find and copy
    # (their data, a PDF), correct a party of a shipment on its way, erase where no hold
    CUSTOMER_COPY = "customer_copy"
    CUSTOMER_CORRECT = "customer_correct"
    CUSTOMER_ERASE = "customer_erase"
    OPEN_SHIFT = "open_shift"  # take the drawer with a float (or from the clerk before)
    CLOSE_SHIFT = "close_shift"  # count the drawer at a shift's end, or hand it over
    SHIFT_REPORT = "shift_report"  # a shift's X report and the day's shifts: figures only


_C, _M, _T = Role.CLERK, Role.MANAGER, Role.TECHNICIAN
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.QUOTE: frozenset({_C, _M}),
    Action.BOOK: frozenset({_C, _M}),
    Action.LIST_SHIPMENTS: frozenset({_C, _M, _T}),
    Action.VIEW_PERSONAL: frozenset({_C, _M}),
    Action.FIND_CUSTOMER: frozenset({_C, _M}),
    Action.VOID: frozenset({_M}),
    Action.ADD_USER: frozenset({_M}),
    # A technician sees who exists (to find a locked or tampered record), changes nobody.
    Action.LIST_USERS: frozenset({_M, _T}),
    Action.DISABLE_USER: frozenset({_M}),
    Action.RESET_PASSWORD: frozenset({_M}),
    Action.UNLOCK_USER: frozenset({_M}),
    Action.ROTATE_KEYS: frozenset({_M, _T}),
    # Technicians restore, but may not view personal data, so they may not take it home either.
    Action.PORTABLE_BACKUP: frozenset({_M}),
    Action.VERIFY_AUDIT: frozenset({_M, _T}),
    Action.RUN_RETENTION: frozenset({_M, _T}),
    Action.EXPORT_PERSONAL: frozenset({_M}),
    Action.PRINT: frozenset({_C, _M}),
    Action.REPRINT: frozenset({_C, _M}),
    Action.CONFIGURE_PRINTER: frozenset({_M, _T}),
    Action.TEST_PRINTER: frozenset({_C, _M, _T}),
    Action.ENROLL_DEVICE: frozenset({_M, _T}),
    Action.CLOSE_DAY: frozenset({_M}),
    Action.REOPEN_DAY: frozenset({_M, _T}),
    Action.RESTORE: frozenset({_M, _T}),
    Action.REVIEW_DAY: frozenset({_M}),
    Action.CHANGE_SETTINGS: frozenset({_M, _T}),
    Action.MOVE_CASH: frozenset({_C, _M}),
    Action.CARRY_OVER_DAY: frozenset({_M}),
    Action.RETIRE_PC: frozenset({_M, _T}),
    # A manager answers a customer's request, with its reference; a clerk sends them to one.
    Action.CUSTOMER_COPY: frozenset({_M}),
    Action.CUSTOMER_CORRECT: frozenset({_M}),
    Action.CUSTOMER_ERASE: frozenset({_M}),
    # The clerks who keep the drawer open and count their shifts; a technician keeps none.
    Action.OPEN_SHIFT: frozenset({_C, _M}),
    Action.CLOSE_SHIFT: frozenset({_C, _M}),
    Action.SHIFT_REPORT: frozenset({_C, _M}),
}


class NotAllowed(DomainError):
    def __init__(self, role: Role, action: Action) -> None:
        super().__init__(Msg("the {role} role may not {action}; ask a user with the right role",
                             role=role.value, action=action.value.replace("_", " ")))
        self.role = role
        self.action = action


def allowed(role: Role, action: Action) -> bool:
    return role in PERMISSIONS[action]


def require(role: Role, action: Action) -> None:
    if not allowed(role, action):
        raise NotAllowed(role, action)
