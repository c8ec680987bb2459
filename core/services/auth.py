"""Log-in, lockout and passwords (Argon2id).

The same message for an unknown user and a wrong password.  Failed tries are
counted in the database, so a lockout holds across workstations: after
``MAX_FAILURES`` failures in a row the account is locked for
``LOCK_MINUTES``.
"""

from __future__ import annotations

import math
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, case, or_, select, update

from core.db import unit_of_work
from core.errors import AccountLocked, AuthenticationFailed, DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import User, UserSession
from core.models.base import utcnow
from core.services import audit
from core.services.actor import Actor

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8

_hasher = PasswordHasher()  # Argon2id with the library's current recommended cost
_DUMMY_HASH: str | None = None  # made at the first failed log-in, not at start-up


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": DomainError(QT_TRANSLATE_NOOP(
            "core", "A password needs at least {n} characters."), n=MIN_PASSWORD)})


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_credentials(session, username: str, password: str) -> User:
    """Check a user name and password inside the caller's transaction.

    Counts the try on the user's row before checking it (and locks at the last allowed
    one), so parallel guesses cannot all be checked; a right password clears the count.
    Raises ``AuthenticationFailed`` or ``AccountLocked``.  Also used by the credit
    override dialog, where a manager types their own password.
    """
    global _DUMMY_HASH
    name = username.strip().lower()
    user = None
    if name.isprintable():  # a NUL or control character is no user's name
        user = session.scalars(select(User).where(User.username == name)).one_or_none()
    now = utcnow()
    if user is None or not user.active:
        _DUMMY_HASH = _DUMMY_HASH or _hasher.hash("not a real password")
        _verify(_DUMMY_HASH, password)  # same work, same time, same message
        raise AuthenticationFailed()
    # The try is counted before the password is checked, by one conditional UPDATE that
    # also sets the lock at the last allowed try.  It holds the user's row until commit, so
    # tries made at once queue here, on any workstation: at most MAX_FAILURES are checked.
    counted = session.execute(
        update(User).where(User.id == user.id,
                           or_(User.locked_until.is_(None), User.locked_until <= now))
        .values(failed_logins=User.failed_logins + 1,
                locked_until=case(
                    (User.failed_logins + 1 >= MAX_FAILURES, now + timedelta(minutes=LOCK_MINUTES)),
                    else_=User.locked_until))
        .execution_options(synchronize_session=False))
    if counted.rowcount == 0:
        locked_until = session.scalar(select(User.locked_until).where(User.id == user.id))
        raise AccountLocked(minutes=math.ceil((locked_until - now).total_seconds() / 60))
    if not _verify(user.password_hash, password):
        raise AuthenticationFailed()
    session.execute(update(User).where(User.id == user.id)
                    .values(failed_logins=0, locked_until=None)
                    .execution_options(synchronize_session=False))
    if _hasher.check_needs_rehash(user.password_hash):
        session.execute(update(User).where(User.id == user.id)
                        .values(password_hash=hash_password(password))
                        .execution_options(synchronize_session=False))
    return user


def revoke_sessions(session, user_id: int) -> None:
    """End every office-server session of a user, in the caller's transaction (a changed
    password, role or active flag)."""
    session.execute(update(UserSession).where(UserSession.user_id == user_id,
                                              UserSession.revoked_at.is_(None))
                    .values(revoked_at=utcnow()).execution_options(synchronize_session=False))


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username,
                 roles=frozenset(r.role for r in user.roles), full_name=user.full_name)


def login(engine: Engine, username: str, password: str) -> Actor:
    """Return the logged-in actor; a failed try is committed even though it raises."""
    failure: DomainError | None = None
    with unit_of_work(engine) as s:
        try:
            user = verify_credentials(s, username, password)
        except DomainError as exc:
            failure = exc  # keep the counted failure: commit, then raise
        else:
            return actor_of(user)
    raise failure


def change_password(engine: Engine, actor: Actor, *, old_password: str,
                    new_password: str) -> None:
    check_password_rules(new_password)
    failure: DomainError | None = None
    with unit_of_work(engine) as s:
        try:
            user = verify_credentials(s, actor.username, old_password)
        except DomainError as exc:
            failure = exc
        else:
            s.execute(update(User).where(User.id == user.id).values(
                password_hash=hash_password(new_password), password_changed_at=utcnow())
                .execution_options(synchronize_session=False))
            revoke_sessions(s, user.id)
            audit.record(s, actor, "user", user.username, "password_changed",
                         summary=user.full_name)
    if failure:
        raise failure
