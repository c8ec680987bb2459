"""The core's operations as Python functions, the same in both ways of running.

``api.customers.search(query="王")`` calls the registry's ``customers.search``: in
process on the engine as the logged-in actor (``Local``: one workstation, embedded), or
through the office server (``core.server.client.Connection``).  A caller never knows
which: arguments are keywords (the wire's names), results the core's own types, a
refusal the core's own ``DomainError``.
"""

from __future__ import annotations

import abc
import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from core import changes
from core.api import registry
from core.changes import Changes
from core.services.actor import Actor


class Api(abc.ABC):
    """``api.GROUP.OPERATION(**arguments)`` is ``api.call("GROUP.OPERATION", **arguments)``."""

    @abc.abstractmethod
    def call(self, name: str, /, **arguments: Any) -> Any:
        """Run the registry's operation ``name`` with ``arguments``; its result."""

    def running_job(self, name: str, /) -> str | None:
        """A long operation ``name`` of this user's still running where the core runs, to
        ``follow`` (a window opened again finds its run).  In process there is none to find:
        the window that started a run lives as long as the app."""
        return None

    def follow(self, name: str, job: str, /, **callbacks: Any) -> Any:
        """Follow the running ``job`` to its end (its result).  In process no job runs
        apart from the window that started it, so there is none to follow."""
        raise LookupError(f"no running {name} job {job} in this process")

    def __getattr__(self, group: str) -> _Group:
        if group.startswith("_"):
            raise AttributeError(group)
        return _Group(self, group)


class _Group:
    __slots__ = ("api", "group")

    def __init__(self, api: Api, group: str) -> None:
        self.api, self.group = api, group

    def __getattr__(self, operation: str) -> Callable[..., Any]:
        name = f"{self.group}.{operation}"
        registry.get(name)  # a name the registry does not have fails here, at the call
        return functools.partial(self.api.call, name)


class Local(Api):
    """The core in this process: each operation runs as ``actor`` on ``engine``, and what it
    committed is handed to ``changed`` (the desktop's event router)."""

    def __init__(self, engine: Engine, actor: Actor,
                 changed: Callable[[Changes], None] | None = None) -> None:
        self.engine, self.actor, self.changed = engine, actor, changed

    def call(self, name: str, /, **arguments: Any) -> Any:
        operation = registry.get(name)
        with changes.collect() as got:
            try:
                return operation.call(self.engine, self.actor, arguments)
            finally:  # a run stopped half-way committed what it committed
                if got.parts and self.changed is not None:
                    self.changed(got.value)
