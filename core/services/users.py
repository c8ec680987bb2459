"""User administration (admin role): create, roles, password reset, deactivate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from core.db import unit_of_work
from core.errors import DomainError, NotFound, StaleRecord, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.models import User, UserRole
from core.models.users import ROLES
from core.services import audit
from core.services.actor import Actor
from core.text import one_line
from core.services.auth import check_password_rules, hash_password, revoke_sessions

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    roles: tuple[str, ...]
    active: bool
    locked_until: datetime | None
    failed_logins: int
    version: int


def _view(u: User) -> UserView:
    return UserView(u.id, u.username, u.full_name, tuple(r.role for r in u.roles), u.active,
                    u.locked_until, u.failed_logins, u.version)


def _check_roles(roles) -> tuple[str, ...]:
    roles = tuple(sorted(set(roles)))
    bad = [r for r in roles if r not in ROLES]
    if bad:
        raise ValidationError({"roles": DomainError(QT_TRANSLATE_NOOP(
            "core", "Unknown role “{role}”. Roles are: {roles}."),
            role=bad[0], roles=", ".join(ROLES))})
    if not roles:
        raise ValidationError({"roles": DomainError(QT_TRANSLATE_NOOP(
            "core", "Give the user at least one role."))})
    return roles


def list_users(engine: Engine) -> list[UserView]:
    with unit_of_work(engine, write=False) as s:
        return [_view(u) for u in s.scalars(select(User).order_by(User.username))]


def create_user(engine: Engine, actor: Actor, *, username: str, password: str,
                roles, full_name: str = "") -> UserView:
    actor.require("admin")
    name = one_line(username).lower()
    errors = {}
    if not _NAME.match(name):
        errors["username"] = DomainError(QT_TRANSLATE_NOOP(
            "core", "A user name has 2 to 60 letters, digits, dots, dashes or underscores."))
    try:
        check_password_rules(password)
    except ValidationError as exc:
        errors.update(exc.field_errors)
    try:
        roles = _check_roles(roles)
    except ValidationError as exc:
        errors.update(exc.field_errors)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(engine) as s:
        if s.scalar(select(User.id).where(User.username == name)) is not None:
            raise ValidationError({"username": DomainError(QT_TRANSLATE_NOOP(
                "core", "The user name “{name}” is taken."), name=name)})
        user = User(username=name, full_name=one_line(full_name),
                    password_hash=hash_password(password),
                    roles=[UserRole(role=r) for r in roles])
        s.add(user)
        s.flush()
        audit.record(s, actor, "user", name, "created",
                     {"roles": [None, list(roles)], "full_name": [None, user.full_name]},
                     summary=user.full_name)
        return _view(user)


def _load(s: Session, user_id: int, version: int | None) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFound()
    if version is not None and user.version != version:
        raise StaleRecord()
    return user


def update_user(engine: Engine, actor: Actor, *, user_id: int, version: int,
                roles, full_name: str, active: bool) -> UserView:
    actor.require("admin")
    roles = _check_roles(roles)
    try:
        with unit_of_work(engine) as s:
            user = _load(s, user_id, version)
            old = {"roles": [r.role for r in user.roles], "full_name": user.full_name,
                   "active": user.active}
            if user.id == actor.user_id and ("admin" not in roles or not active):
                raise ValidationError({"roles": DomainError(QT_TRANSLATE_NOOP(
                    "core", "You cannot remove your own administrator role or deactivate "
                    "yourself; ask another administrator."))})
            user.full_name = one_line(full_name)
            user.active = active
            if set(old["roles"]) != set(roles):
                user.roles = [UserRole(role=r) for r in roles]
            changes = audit.diff(old, {"roles": list(roles), "full_name": user.full_name,
                                       "active": active})
            if changes:
                flag_modified(user, "active")  # bump the version even for a roles-only change
                s.flush()
                if set(old["roles"]) != set(roles) or old["active"] != active:
                    revoke_sessions(s, user.id)
                audit.record(s, actor, "user", user.username, "updated", changes,
                             summary=user.full_name)
            return _view(user)
    except StaleDataError:
        raise StaleRecord() from None


def reset_password(engine: Engine, actor: Actor, *, user_id: int, new_password: str) -> None:
    actor.require("admin")
    check_password_rules(new_password)
    with unit_of_work(engine) as s:
        user = _load(s, user_id, None)
        # Not a human edit of the record: no version bump (an open edit form stays valid).
        s.execute(update(User).where(User.id == user.id).values(
            password_hash=hash_password(new_password), failed_logins=0, locked_until=None)
            .execution_options(synchronize_session=False))
        revoke_sessions(s, user.id)
        audit.record(s, actor, "user", user.username, "password_reset",
                     summary=user.full_name)
