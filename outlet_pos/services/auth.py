"""Log-in with growing lock-out, the password rules, and the users' life cycle.

After ``LOCK_AFTER`` failures in a row an account locks for 30 s, doubling
with each further failure up to an hour. Failures decay: once ``DECAY`` has
passed since the last failure (or the end of its lock) the count starts again,
so one typo an hour never adds up to a lock-out. Unknown user ids get the same
answers, the same lock-out and the same Argon2 work as real ones, so user ids
cannot be probed: their failure counts are kept under a keyed digest of the id.

A manager adds, disables and enables users, resets a password (the user must choose
a new one at the next log-in: ``login`` raises PasswordChangeRequired until
``change_password``) and lifts a lock-out. A user record whose seal (storage's HMAC
over role, hash, lock-out and flags) does not match was edited outside the app: its
log-in and every change to it are refused, and audited.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from ..domain.errors import DomainError, ValidationError
from ..domain.records import UserRow
from ..domain.roles import Action, Role
from ..domain.stored_settings import AUTH_UNKNOWN_FAILURES, AUTH_UNKNOWN_SALT
from ..i18n import Msg
from .ports import Clock, PasswordHasher, UnitOfWork, UnitOfWorkFactory
from .refusals import require

LOCK_AFTER = 5
BASE_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(hours=1)
DECAY = timedelta(minutes=15)
MIN_PASSWORD = 10
MAX_PROBES = 500  # unknown ids whose failures are remembered; the oldest are forgotten first
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


class UserRecordTampered(DomainError):
    def __init__(self, username: str) -> None:
        self.username = username
        super().__init__(Msg("the record of user {user} was changed outside Outlet POS (its "
                             "role, lock-out or state does not match its seal): refused. Keep "
                             "this database as evidence and call support", user=username))


class PasswordChangeRequired(DomainError):
    """The password was right, but a manager reset it: no session until it is changed."""

    def __init__(self, username: str) -> None:
        self.username = username
        super().__init__(Msg("a manager reset this password: choose a new one first "
                             "(outlet-pos user passwd --user {user})", user=username))


@dataclass(frozen=True)
class UserInfo:
    """One line of the users list: no password hash, nothing personal."""

    username: str
    role: Role | None  # None when the stored role is not one we know (an edited record)
    disabled: bool
    must_change: bool
    locked_until: datetime | None  # set only while the lock lasts
    intact: bool


def lock_duration(failures: int) -> timedelta | None:
    if failures < LOCK_AFTER:
        return None
    return min(BASE_LOCK * (1 << (failures - LOCK_AFTER)), MAX_LOCK)  # doubles per failure


def check_username(name: object) -> str:
    if not isinstance(name, str) or not _USERNAME.match(name):
        raise ValidationError(
            ("user", Msg("must be 3-32 characters: lower-case letters, digits, . _ -")))
    return name


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of zxcvbn's list (MIT), lower-cased."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def check_password(password: object, username: object = None) -> str:
    """The rules for a NEW password; existing hashes keep working until they change."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValidationError(("password", Msg("must be at least {n} characters", n=MIN_PASSWORD)))
    if len(password) > 1024:
        raise ValidationError(("password", Msg("must be at most {n} characters", n=1024)))
    if not password.strip() or len(set(password)) == 1:
        raise ValidationError(("password",
                               Msg("must not be one character repeated or only spaces")))
    if isinstance(username, str) and username and _built_on(password, username):
        raise ValidationError(("password", Msg("must not be built from the user id")))
    if password.casefold() in common_passwords():
        raise ValidationError(("password", Msg("is one of the most common passwords; "
                                               "choose a less guessable one")))
    return password


def _built_on(password: str, username: str) -> bool:
    """The user id, alone or padded with a few digits or signs."""
    rest = password.casefold().replace(username.casefold(), "")
    if rest == password.casefold():
        return False
    core = "".join(ch for ch in rest if ch.isalnum())
    return len(core) < 4 or core.isdigit()


def _decayed(failures: int, last: datetime | None, now: datetime) -> int:
    """The failures that still count: none once DECAY has passed since the last one."""
    if last is None or now - last >= DECAY:
        return 0
    return failures


class AuthService:
    def __init__(self, uow: UnitOfWorkFactory, hasher: PasswordHasher, clock: Clock) -> None:
        self._uow = uow
        self._hasher = hasher
        self._clock = clock
        self._dummy_hash: str | None = None

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            # A hasher that can make a dummy without hashing saves the first unknown id
            # from taking twice as long as a real one (one hash, then one verify).
            make = getattr(self._hasher, "dummy_hash", None)
            self._dummy_hash = make() if make else self._hasher.hash(os.urandom(16).hex())
        return self._dummy_hash

    def _seal_legacy(self, uow: UnitOfWork) -> None:
        sealed = uow.users.seal_legacy()
        if sealed:
            uow.audit.append(None, "users_sealed", None, {"users": sealed})

    def _authenticate(self, uow: UnitOfWork, username: str, password: str,
                      now: datetime) -> UserRow:
        """The user if ``password`` is theirs; otherwise audit, commit and raise."""
        self._seal_legacy(uow)
        user = uow.users.get(username)
        if user is not None and not user.intact:
            self._hasher.verify(password, self._dummy())
            uow.audit.append(username, "login_refused_tampered", username)
            uow.commit()
            raise UserRecordTampered(username)
        if user is None or user.disabled:
            self._unknown(uow, username, password, now)
        assert user is not None
        # The lock's end doubles as the time of the last failure (lock 0 below LOCK_AFTER),
        # so decay needs no new column.
        if user.locked_until and user.locked_until > now:
            self._hasher.verify(password, self._dummy())  # same work as any other answer
            uow.audit.append(user.username, "login_refused_locked")
            uow.commit()
            raise LockedOut(user.locked_until)
        if not self._hasher.verify(password, user.password_hash):
            failures = _decayed(user.failed_count, user.locked_until, now) + 1
            until = now + (lock_duration(failures) or timedelta(0))
            uow.users.set_failures(user.id, failures, until)
            uow.audit.append(user.username, "login_failed",
                             details={"failures": failures, "locked": until > now})
            uow.commit()
            if until > now:
                raise LockedOut(until)
            raise LoginFailed()
        if user.failed_count or user.locked_until:
            uow.users.set_failures(user.id, 0, None)
        return user

    def login(self, username: str, password: str) -> UserSession:
        """A session; PasswordChangeRequired (after a right password) while a reset stands."""
        with self._uow(write=True) as uow:
            user = self._authenticate(uow, username, password, self._clock())
            if user.must_change:
                uow.audit.append(user.username, "login_must_change")
                uow.commit()
                raise PasswordChangeRequired(user.username)
            uow.audit.append(user.username, "login")
            uow.commit()
            return UserSession(user.id, user.username, Role(user.role))

    def change_password(self, username: str, old: str, new: str) -> UserSession:
        """Any user's own change (the old password proves who it is); logs them in."""
        check_password(new, username)
        if new == old:
            raise ValidationError(("password", Msg("must differ from the old one")))
        encoded = self._hasher.hash(new)
        with self._uow(write=True) as uow:
            user = self._authenticate(uow, username, old, self._clock())
            uow.users.set_password(user.id, encoded, must_change=False)
            uow.audit.append(user.username, "password_changed", user.username)
            uow.audit.append(user.username, "login")
            uow.commit()
            return UserSession(user.id, user.username, Role(user.role))

    def _unknown(self, uow: UnitOfWork, username: str, password: str, now: datetime) -> NoReturn:
        """Answer an unknown or disabled id exactly as a real one with a wrong password."""
        self._hasher.verify(password, self._dummy())
        salt = AUTH_UNKNOWN_SALT.read(uow.meta)
        if salt is None:
            salt = os.urandom(16).hex()
            AUTH_UNKNOWN_SALT.write(uow.meta, salt)
        # Keyed, so the ids people mistype are not kept in clear or as a plain hash.
        key = hmac.new(bytes.fromhex(salt), username.encode(), hashlib.sha256).hexdigest()[:32]
        probes: dict[str, list[object]] = AUTH_UNKNOWN_FAILURES.read(uow.meta) or {}
        count, last = probes.get(key, (0, None))
        until_before = datetime.fromisoformat(str(last)) if last else None
        if until_before and until_before > now:
            uow.audit.append(None, "login_refused_locked", None, {"reason": "unknown_user"})
            uow.commit()
            raise LockedOut(until_before)
        failures = _decayed(int(str(count)), until_before, now) + 1
        until = now + (lock_duration(failures) or timedelta(0))
        probes.pop(key, None)
        probes[key] = [failures, until.isoformat()]
        for old in list(probes)[:-MAX_PROBES]:
            del probes[old]
        AUTH_UNKNOWN_FAILURES.write(uow.meta, probes)
        uow.audit.append(None, "login_failed", None, {"reason": "unknown_user"})
        uow.commit()
        if until > now:
            raise LockedOut(until)
        raise LoginFailed()

    def add_user(self, session: UserSession | None, username: str, role: str,
                 password: str) -> None:
        """Add a user. ``session`` may be None only while the database has no users."""
        if session is not None:
            require(self._uow, session, Action.ADD_USER)
        username = check_username(username)
        try:
            role_ = Role(role)
        except ValueError:
            raise ValidationError(("role", Msg("must be clerk, manager or technician"))) from None
        check_password(password, username)
        encoded = self._hasher.hash(password)
        with self._uow(write=True) as uow:
            if session is None and uow.users.count():
                raise DomainError(Msg("log in as a manager to add users"))
            if uow.users.get(username) is not None:
                raise ValidationError(("user", Msg("already exists; choose another user id")))
            uow.users.add(username, role_.value, encoded, self._clock())
            uow.audit.append(session.username if session else None, "user_added", username,
                             {"role": role_.value})
            uow.commit()

    def list_users(self, session: UserSession) -> list[UserInfo]:
        require(self._uow, session, Action.LIST_USERS)
        now = self._clock()
        with self._uow() as uow:
            rows = uow.users.all()
        return [UserInfo(r.username, Role(r.role) if r.role in set(Role) else None, r.disabled,
                         r.must_change,
                         r.locked_until if r.locked_until and r.locked_until > now else None,
                         r.intact) for r in rows]

    def _manage(self, session: UserSession, action: Action, username: str, what: str,
                change: Callable[[UnitOfWork, UserRow], None], *, not_self: bool = True) -> None:
        """One manager's change to another user, audited as ``what``."""
        require(self._uow, session, action)
        if not_self and username == session.username:
            raise ValidationError(("user", Msg("is you: a manager cannot do this to their own "
                                               "user; ask another manager")))
        with self._uow(write=True) as uow:
            self._seal_legacy(uow)
            me = uow.users.get(session.username)
            if me is None or me.disabled or not me.intact or me.role != session.role.value:
                # A session outlives its log-in: a manager disabled meanwhile changes nobody.
                raise DomainError(Msg("your user is no longer active as {role}; log in again",
                                      role=session.role.value))
            user = uow.users.get(username)
            if user is None:
                raise ValidationError(("user", Msg("no such user")))
            if not user.intact:  # a change would seal the edit as if the app had made it
                uow.audit.append(session.username, "user_change_refused_tampered", username,
                                 {"change": what})
                uow.commit()
                raise UserRecordTampered(username)
            change(uow, user)
            uow.audit.append(session.username, what, username)
            uow.commit()

    def disable_user(self, session: UserSession, username: str) -> None:
        """The user can no longer log in (answered as an unknown id); their history stays."""
        self._manage(session, Action.DISABLE_USER, username, "user_disabled",
                     lambda uow, u: uow.users.set_disabled(u.id, True))

    def enable_user(self, session: UserSession, username: str) -> None:
        self._manage(session, Action.DISABLE_USER, username, "user_enabled",
                     lambda uow, u: uow.users.set_disabled(u.id, False))

    def reset_password(self, session: UserSession, username: str, temporary: str) -> None:
        """A temporary password the manager hands over; the user must change it to log in."""
        require(self._uow, session, Action.RESET_PASSWORD)
        check_password(temporary, username)
        encoded = self._hasher.hash(temporary)
        self._manage(session, Action.RESET_PASSWORD, username, "password_reset",
                     lambda uow, u: uow.users.set_password(u.id, encoded, must_change=True))

    def unlock_user(self, session: UserSession, username: str) -> None:
        self._manage(session, Action.UNLOCK_USER, username, "user_unlocked",
                     lambda uow, u: uow.users.set_failures(u.id, 0, None), not_self=False)
