"""Sessions on the office server: a log-in gives an opaque random token.

Only the token's SHA-256 is stored.  The server builds the ``Actor`` from the session on
every request, from the user's roles as they are now; a client never sends its roles.  A
session ends after the company's idle time without use, at log-out, and when the user's
password, roles or active flag change (``auth.revoke_sessions`` in that change's
transaction).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import Engine, select, update

from core.db import unit_of_work
from core.errors import SessionEnded
from core.models import Setting, User, UserRole, UserSession
from core.models.base import utcnow
from core.services import auth
from core.services.settings import CompanySettings
from core.services.actor import Actor

SEEN_EVERY = timedelta(minutes=1)  # last use is written at most this often


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(engine: Engine, username: str, password: str, *, client: str = ""
                 ) -> tuple[str, Actor]:
    """Log in: the token (given to the client once) and the actor."""
    actor = auth.login(engine, username, password)
    token = secrets.token_urlsafe(32)
    with unit_of_work(engine) as s:
        s.add(UserSession(token_hash=_hash(token), user_id=actor.user_id, client=client[:120]))
    return token, actor


def actor_for(engine: Engine, token: str, *, use: bool = True) -> Actor:
    """The actor of a live session; SessionEnded for any token that is not one.

    Asked on every request, so three plain reads on one connection (no ORM, no isolation
    to set); the last use is written apart, at most once a minute.  ``use=False`` only
    checks (an open event stream is no use: it does not keep a session alive)."""
    now, hashed = utcnow(), _hash(token)
    with engine.connect() as conn:
        found = conn.execute(
            select(UserSession.revoked_at, UserSession.last_seen_at, User.id, User.username,
                   User.full_name, User.active)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == hashed)).one_or_none()
        if found is None:
            raise SessionEnded()
        idle = conn.scalar(select(Setting.value).where(Setting.key == "session_idle_minutes"))
        roles = conn.scalars(select(UserRole.role).where(UserRole.user_id == found.id)).all()
    idle = timedelta(minutes=int(idle or CompanySettings.session_idle_minutes))
    seen = found.last_seen_at
    if found.revoked_at is not None or not found.active or now - seen > idle:
        raise SessionEnded()
    if use and now - seen > SEEN_EVERY:
        with unit_of_work(engine) as s:
            s.execute(update(UserSession).where(UserSession.token_hash == hashed,
                                                UserSession.last_seen_at < now)
                      .values(last_seen_at=now))
    return Actor(user_id=found.id, username=found.username, roles=frozenset(roles),
                 full_name=found.full_name)


def close_session(engine: Engine, token: str) -> None:
    with unit_of_work(engine) as s:
        s.execute(update(UserSession).where(UserSession.token_hash == _hash(token),
                                            UserSession.revoked_at.is_(None))
                  .values(revoked_at=utcnow()))

