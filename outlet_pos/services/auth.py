"""Log-in with growing lock-out, and user management.

After ``LOCK_AFTER`` failures in a row an account locks for 30 s, doubling
with each further failure up to an hour. Unknown users and wrong passwords get
the same answer so user ids cannot be probed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain.errors import DomainError, ValidationError
from ..domain.roles import Action, Role, require
from ..i18n import Msg
from .ports import Clock, PasswordHasher, UnitOfWorkFactory

LOCK_AFTER = 5
BASE_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(hours=1)
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")


@dataclass(frozen=True)
class UserSession:
    user_id: int
    username: str
    role: Role


class LoginFailed(DomainError):
    def __init__(self) -> None:
        super().__init__(Msg("wrong user id or password"))


class LockedOut(DomainError):
    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(Msg("too many wrong passwords: this user is locked until {until} UTC; "
                             "wait, or ask a manager", until=f"{until:%H:%M:%S}"))


def lock_duration(failures: int) -> timedelta | None:
    if failures < LOCK_AFTER:
        return None
    return min(BASE_LOCK * (2 ** (failures - LOCK_AFTER)), MAX_LOCK)


def check_username(name: object) -> str:
    if not isinstance(name, str) or not _USERNAME.match(name):
        raise ValidationError(
            ("user", Msg("must be 3-32 characters: lower-case letters, digits, . _ -")))
    return name


def check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError(("password", Msg("must be at least {n} characters", n=MIN_PASSWORD)))
    if len(password) > 1024:
        raise ValidationError(("password", Msg("must be at most {n} characters", n=1024)))
    return password


class AuthService:
    def __init__(self, uow: UnitOfWorkFactory, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock
        self._dummy_hash: str | None = None

    def login(self, username: str, password: str) -> UserSession:
        now = self._clock()
        with self._uow(write=True) as uow:
            user = uow.users.get(username)
            if user is None or user.disabled:
                # Spend the same time as a real check, so unknown ids don't answer faster.
                if self._dummy_hash is None:
                    self._dummy_hash = self._hasher.hash("not-a-password")
                self._hasher.verify(password, self._dummy_hash)
                uow.audit.append(None, "login_failed", None, {"reason": "unknown_user"})
                uow.commit()
                raise LoginFailed()
            if user.locked_until and user.locked_until > now:
                uow.audit.append(user.username, "login_refused_locked")
                uow.commit()
                raise LockedOut(user.locked_until)
            if not self._hasher.verify(password, user.password_hash):
                failures = user.failed_count + 1
                lock = lock_duration(failures)
                until = now + lock if lock else None
                uow.users.set_failures(user.id, failures, until)
                uow.audit.append(user.username, "login_failed",
                                 details={"failures": failures, "locked": bool(lock)})
                uow.commit()
                if until:
                    raise LockedOut(until)
                raise LoginFailed()
            if user.failed_count:
                uow.users.set_failures(user.id, 0, None)
            uow.audit.append(user.username, "login")
            uow.commit()
            return UserSession(user.id, user.username, Role(user.role))

    def add_user(self, session: UserSession | None, username: str, role: str,
                 password: str) -> None:
        """Add a user. ``session`` may be None only while the database has no users."""
        username = check_username(username)
        try:
            role_ = Role(role)
        except ValueError:
            raise ValidationError(("role", Msg("must be clerk, manager or technician"))) from None
        check_password(password)
        encoded = self._hasher.hash(password)
        with self._uow(write=True) as uow:
            if session is None:
                if uow.users.count():
                    raise DomainError(Msg("log in as a manager to add users"))
            else:
                require(session.role, Action.ADD_USER)
            if uow.users.get(username) is not None:
                raise ValidationError(("user", Msg("already exists; choose another user id")))
            uow.users.add(username, role_.value, encoded, self._clock())
            uow.audit.append(session.username if session else None, "user_added", username,
                             {"role": role_.value})
            uow.commit()
