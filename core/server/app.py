"""The office server's HTTP API (ASGI, Starlette): the core's registry, over HTTPS.

- ``POST /api/login`` {username, password, api_version, client}: a session token;
  a client of another API version is refused with the version to install.
- ``POST /api/logout``; ``POST /api/call/{operation}``: the operation's arguments,
  encoded by ``core.api.codec``; the reply holds its result and the change set it
  committed.  The ``Actor`` comes from the session (``Authorization: Bearer TOKEN``);
  a client never sends its roles.
- ``POST /api/jobs/{operation}``: a long operation (one that reports progress or can be
  stopped) started as a job (``core.server.jobs``); ``POST /api/jobs/{id}/wait``
  {after}: its status as soon as it moves past version ``after`` (a long poll, held by
  no thread); ``POST /api/jobs/{id}/cancel``; ``POST /api/jobs``: the user's running jobs.
- ``GET /api/events``: Server-Sent Events, one change set a message, from every
  operation committed by this server process or, on PostgreSQL, by any other one
  serving the database (LISTEN/NOTIFY).

Operations run in a bounded thread pool beside the event loop (the core stays
synchronous); event streams are asynchronous and hold no pool thread.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import msgspec
import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from core import changes
from core.api import codec, registry
from core.errors import (AccountLocked, AuthenticationFailed, DomainError, NotFound,
                         PermissionDenied, SessionEnded)
from core.i18n import QT_TRANSLATE_NOOP
from core.server.fanout import Fanout
from core.server.jobs import Jobs, takes_job
from core.services import sessions

log = logging.getLogger("roundsman.server")
HEARTBEAT_SECONDS = 15.0
WAIT_SECONDS = 0.5  # a job's long poll: the starter checks its Cancel between two
JSON = "application/json"


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    username: str
    password: str
    api_version: str
    client: str = ""


class LoginReply(msgspec.Struct):
    token: str
    user_id: int
    username: str
    full_name: str
    roles: list[str]
    api_version: str


class Unexpected(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "The server could not complete the request; the details are in its log.")


_STATUS = {SessionEnded: 401, AuthenticationFailed: 401, AccountLocked: 401,
           PermissionDenied: 403, NotFound: 404}


def _error(exc: DomainError) -> Response:
    status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
    return Response(codec.encode_error(exc), status_code=status, media_type=JSON)


class Hub:
    """Every open event stream's queue; change sets are handed in from any thread."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False

    def close(self) -> None:  # on the loop: the server is shutting down
        """End every open stream: streams never finish by themselves, and a graceful
        shutdown waits for what is running."""
        self.closed = True
        for queue in self.queues:
            queue.put_nowait(None)

    def publish(self, change: changes.Changes) -> None:  # any thread
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._put, change)

    def _put(self, change: changes.Changes) -> None:
        for queue in self.queues:
            queue.put_nowait(change)


class Server(uvicorn.Server):
    """uvicorn's, stopping in a moment rather than in its 5 seconds' grace: it ends the
    event streams first (they never end by themselves), and drops the connections it
    closes (a workstation's idle one, kept for reuse, never answers a TLS goodbye)."""

    def __init__(self, hub: Hub, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.hub = hub

    async def shutdown(self, sockets=None) -> None:
        self.hub.close()
        dropping = asyncio.create_task(self._drop_closing())
        try:
            await super().shutdown(sockets)
        finally:
            dropping.cancel()

    async def _drop_closing(self) -> None:
        while True:
            await asyncio.sleep(0.2)
            for connection in list(self.server_state.connections):
                transport = getattr(connection, "transport", None)
                if transport is not None and transport.is_closing() \
                        and not transport.get_write_buffer_size():  # all of it sent
                    transport.abort()


class JobWait(msgspec.Struct, forbid_unknown_fields=True):
    after: int = 0


def build(engine: Engine, *, threads: int = 16) -> Starlette:
    limiter = anyio.CapacityLimiter(threads)
    hub = Hub()

    def unexpected(name: str) -> DomainError:
        log.exception("operation %s failed", name)
        return Unexpected()

    jobs = Jobs(engine, unexpected)

    async def in_pool(fn, *args):
        return await anyio.to_thread.run_sync(fn, *args, limiter=limiter)

    async def actor_of(request: Request):
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise SessionEnded()
        return token, await in_pool(sessions.actor_for, engine, token)

    async def login(request: Request) -> Response:
        try:
            asked = msgspec.json.decode(await request.body(), type=LoginRequest)
        except msgspec.DecodeError:
            return _error(DomainError(QT_TRANSLATE_NOOP(
                "core", "The log-in request is not one this server understands.")))
        try:
            registry.check_version(asked.api_version)
            token, actor = await in_pool(lambda: sessions.open_session(
                engine, asked.username, asked.password, client=asked.client))
        except DomainError as exc:
            return _error(exc)
        return Response(msgspec.json.encode(LoginReply(
            token=token, user_id=actor.user_id, username=actor.username, full_name=actor.full_name,
            roles=sorted(actor.roles), api_version=registry.API_VERSION)), media_type=JSON)

    async def logout(request: Request) -> Response:
        try:
            token, _actor = await actor_of(request)
        except DomainError as exc:
            return _error(exc)
        await in_pool(sessions.close_session, engine, token)
        return Response(b"{}", media_type=JSON)

    async def checked(request: Request):
        """The operation named in the path, its caller and its arguments: refused before
        anything of the request is read when the caller's roles do not allow it."""
        _token, actor = await actor_of(request)
        operation = registry.get(request.path_params["operation"])
        if operation.role:
            actor.require(operation.role)
        return operation, actor, codec.decode_arguments(operation, await request.body())

    async def call(request: Request) -> Response:
        name = request.path_params["operation"]
        try:
            operation, actor, arguments = await checked(request)
        except DomainError as exc:
            return _error(exc)

        def work():
            with changes.collect() as got:
                result = operation.call(engine, actor, arguments)
            return codec.encode_reply(operation, result, got.value)

        try:
            return Response(await in_pool(work), media_type=JSON)
        except DomainError as exc:
            return _error(exc)
        except Exception:  # noqa: BLE001 - logged here, a plain message to the client
            return _error(unexpected(name))

    async def start_job(request: Request) -> Response:
        try:
            operation, actor, arguments = await checked(request)
            if not takes_job(operation):
                raise registry.UnknownOperation(name=f"jobs/{operation.name}")
        except DomainError as exc:
            return _error(exc)
        job = jobs.start(operation, actor, arguments)
        return Response(msgspec.json.encode(job.status()), media_type=JSON)

    async def wait_job(request: Request) -> Response:
        try:
            _token, actor = await actor_of(request)
            after = msgspec.json.decode(await request.body() or b"{}", type=JobWait).after
            job = jobs.get(request.path_params["job"], actor)
        except msgspec.DecodeError as exc:
            return _error(codec.BadRequest(detail=str(exc)))
        except DomainError as exc:
            return _error(exc)
        give_up = asyncio.get_running_loop().time() + WAIT_SECONDS
        while job.version <= after and asyncio.get_running_loop().time() < give_up:
            await asyncio.sleep(0.02)
        return Response(msgspec.json.encode(job.status()), media_type=JSON)

    async def cancel_job(request: Request) -> Response:
        try:
            _token, actor = await actor_of(request)
            jobs.cancel(request.path_params["job"], actor)
        except DomainError as exc:
            return _error(exc)
        return Response(b"{}", media_type=JSON)

    async def my_jobs(request: Request) -> Response:
        try:
            _token, actor = await actor_of(request)
        except DomainError as exc:
            return _error(exc)
        return Response(msgspec.json.encode(jobs.of(actor)), media_type=JSON)

    async def events(request: Request) -> Response:
        try:
            token, _actor = await actor_of(request)
        except DomainError as exc:
            return _error(exc)
        queue: asyncio.Queue = asyncio.Queue()
        hub.queues.add(queue)

        async def ended() -> bool:
            try:
                await in_pool(lambda: sessions.actor_for(engine, token, use=False))
            except SessionEnded:
                return True
            return False

        async def stream() -> AsyncIterator[bytes]:
            try:
                yield b": connected\n\n"
                while not hub.closed:
                    try:
                        change = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                    except asyncio.TimeoutError:
                        change = False  # quiet: a heartbeat
                    if change is None:  # the server is shutting down
                        return
                    # A session ended (logged out, idle, revoked) ends its stream: seen at a
                    # heartbeat, and at once when users changed (a revocation is such a change).
                    if (change is False or change.touches("users")) and await ended():
                        return
                    yield b": heartbeat\n\n" if change is False else \
                        b"data: " + codec.encode_changes(change) + b"\n\n"
            finally:
                hub.queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    @asynccontextmanager
    async def lifespan(_app):
        hub.loop = asyncio.get_running_loop()
        fanout = Fanout(engine, hub.publish) if engine.dialect.name == "postgresql" else None

        def committed(change: changes.Changes) -> None:  # on the committing thread
            hub.publish(change)
            if fanout is not None:
                fanout.send(change)

        unsubscribe = changes.subscribe(committed)
        try:
            yield
        finally:
            unsubscribe()
            if fanout is not None:
                fanout.close()

    asgi = Starlette(routes=[
        Route("/api/login", login, methods=["POST"]),
        Route("/api/logout", logout, methods=["POST"]),
        Route("/api/call/{operation}", call, methods=["POST"]),
        Route("/api/jobs", my_jobs, methods=["POST"]),
        Route("/api/jobs/{operation}", start_job, methods=["POST"]),
        Route("/api/jobs/{job}/wait", wait_job, methods=["POST"]),
        Route("/api/jobs/{job}/cancel", cancel_job, methods=["POST"]),
        Route("/api/events", events, methods=["GET"]),
    ], lifespan=lifespan)
    asgi.state.hub = hub
    return asgi
