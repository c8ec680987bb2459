"""Who is acting: permissions are checked here in the core, not only in the GUI."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import PermissionDenied
from core.i18n import QT_TRANSLATE_NOOP

ROLE_NAMES = {
    "clerk": QT_TRANSLATE_NOOP("core", "Clerk"),
    "dispatcher": QT_TRANSLATE_NOOP("core", "Dispatcher"),
    "manager": QT_TRANSLATE_NOOP("core", "Manager"),
    "admin": QT_TRANSLATE_NOOP("core", "Administrator"),
}
# A manager may do what a clerk does; an admin what everybody does.
IMPLIES = {
    "admin": {"admin", "manager", "clerk", "dispatcher"},
    "manager": {"manager", "clerk"},
    "clerk": {"clerk"},
    "dispatcher": {"dispatcher"},
}


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    roles: frozenset[str]
    full_name: str = ""

    def can(self, role: str) -> bool:
        return any(role in IMPLIES.get(r, {r}) for r in self.roles)

    def require(self, role: str) -> None:
        if not self.can(role):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "core", "This needs the {role} role, which {user} does not have."),
                role=ROLE_NAMES.get(role, role), user=self.username)


# The headless administration tool acts with every role; it is run by whoever
# may open the database, which is the real boundary for it.
SYSTEM = Actor(user_id=None, username="roundsman-admin", roles=frozenset({"admin"}))
