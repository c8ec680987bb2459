"""A workstation's connection to the office server (desktop and roundsman-admin).

HTTPS only, and the server is known by its certificate: either the SHA-256 fingerprint
pinned on the first connect (as SSH pins a host key), checked on every reply, or a
company CA's file.  An operation is called by its registry name with its keyword
arguments; a refusal comes back as the core's own DomainError, so it is shown in this
workstation's language.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import msgspec

from core.api import codec, registry
from core.api.proxy import Api
from core.changes import Changes
from core.errors import DomainError
from core.i18n import QT_TRANSLATE_NOOP
from core.server import tls
from core.server.jobs import PROGRESS, STOP, Status, takes_job
from core.services.actor import Actor


SILENCE = 40.0  # seconds of silence after which the event stream is taken as lost (the
# server sends a heartbeat every 15)


class Untrusted(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "The server at {url} showed the certificate {fingerprint}, not the one this "
        "workstation trusts ({pinned}). Do not log in: ask the administrator.")


class Unreachable(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "The server {url} cannot be reached ({error}).")


def _peer(response: httpx.Response) -> str | None:
    """The certificate the reply came with (None once its connection is closed)."""
    ssl_object = response.extensions["network_stream"].get_extra_info("ssl_object")
    return tls.fingerprint_of(ssl_object.getpeercert(True)) if ssl_object else None


class Connection(Api):
    def __init__(self, url: str, *, fingerprint: str | None = None,
                 ca_file: str | None = None, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise DomainError(QT_TRANSLATE_NOOP(
                "core", "The server's address is https://HOST:PORT, e.g. "
                "https://office-server:8443."))
        self.url = url.rstrip("/")
        self.address = (parts.hostname, parts.port or 443)
        self.pinned = tls.normalise_fingerprint(fingerprint) if fingerprint else None
        self.ca_file, self.timeout = ca_file, timeout
        self._http: httpx.Client | None = None
        self.token: str | None = None
        self.actor: Actor | None = None
        self.retry_for = 120.0  # seconds a request with a request key is tried again
        self.reachable: Callable[[bool], None] | None = None  # told on every change
        self._was_reachable = True

    @property
    def http(self) -> httpx.Client:
        """The HTTPS client, made at first use: with a pin, the pinned certificate is the
        only one trusted, so a connection to any other fails in its handshake, before a
        password is sent."""
        if self._http is None:
            if self.ca_file:
                context = ssl.create_default_context(cafile=self.ca_file)
            else:
                pem = self._certificate()
                if self.pinned is None or tls.fingerprint_of(
                        ssl.PEM_cert_to_DER_cert(pem)) != self.pinned:
                    raise Untrusted(url=self.url, fingerprint=tls.fingerprint_of(
                        ssl.PEM_cert_to_DER_cert(pem)), pinned=self.pinned or "—")
                context = ssl.create_default_context(cadata=pem)
                context.check_hostname = False  # the pin names the server, not its name
            self._http = httpx.Client(base_url=self.url, verify=context, timeout=self.timeout)
        return self._http

    def _certificate(self) -> str:
        try:
            return ssl.get_server_certificate(self.address, timeout=self.timeout)
        except OSError as exc:
            self._reached(False)
            raise Unreachable(url=self.url, error=str(exc) or type(exc).__name__) from None

    # --- transport ------------------------------------------------------------------------
    def _post(self, path: str, body: bytes) -> httpx.Response:
        headers = {"content-type": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        try:
            response = self.http.post(path, content=body, headers=headers)
        except httpx.TransportError as exc:
            self._reached(False)
            raise Unreachable(url=self.url, error=str(exc) or type(exc).__name__) from None
        self._reached(True)
        self._check(response)  # (handshake's check; kept as a second lock)
        if response.status_code >= 400:
            raise codec.decode_error(response.content)
        return response

    def _reached(self, reachable: bool) -> None:
        if reachable != self._was_reachable:
            self._was_reachable = reachable
            if self.reachable is not None:
                self.reachable(reachable)

    def _check(self, response: httpx.Response) -> None:
        peer = _peer(response) if self.pinned is not None else None
        if peer is not None and peer != self.pinned:
            raise Untrusted(url=self.url, fingerprint=peer, pinned=self.pinned)

    def fingerprint(self) -> str:
        """The certificate the server shows (to show and pin on the first connect)."""
        return tls.fingerprint_of(ssl.PEM_cert_to_DER_cert(self._certificate()))

    # --- the API --------------------------------------------------------------------------
    def login(self, username: str, password: str, *, client: str = "") -> Actor:
        reply = msgspec.json.decode(self._post("/api/login", msgspec.json.encode({
            "username": username, "password": password, "api_version": registry.API_VERSION,
            "client": client})).content)
        self.token = reply["token"]
        self.actor = Actor(user_id=reply["user_id"], username=reply["username"],
                           roles=frozenset(reply["roles"]), full_name=reply["full_name"])
        return self.actor

    def logout(self) -> None:
        if self.token:
            self._post("/api/logout", b"{}")
            self.token = None

    def call_with_changes(self, name: str, /, **arguments: Any) -> tuple[Any, Changes]:
        """Call an operation.  One that carries a request key is sent again while the
        server cannot be reached (for ``retry_for`` seconds): the key makes a request the
        server did complete before it went away complete once."""
        operation = registry.get(name)
        body = codec.encode_arguments(operation, arguments)
        if takes_job(operation):
            return self._job(operation, body, arguments)
        retry = bool(arguments.get("request_key"))
        response = self._retrying(lambda: self._post(f"/api/call/{name}", body), retry)
        return codec.decode_reply(operation, response.content)

    def _retrying(self, send: Callable[[], httpx.Response], retry: bool) -> httpx.Response:
        give_up = time.monotonic() + self.retry_for
        while True:
            try:
                return send()
            except Unreachable:
                if not retry or time.monotonic() >= give_up:
                    raise
                time.sleep(1.0)

    def _job(self, operation: registry.Operation, body: bytes,
             arguments: dict[str, Any]) -> tuple[Any, Changes]:
        """A long operation as a server job (``core.server.jobs``): its steps are handed to
        the ``progress`` callable as the server reports them, and a ``cancelled`` (or
        ``should_stop``) callable that answers True cancels it; the reply is the call's."""
        status = msgspec.json.decode(
            self._post(f"/api/jobs/{operation.name}", body).content, type=Status)
        return self._follow(operation, status, arguments)

    def running_job(self, name: str, /) -> str | None:
        """The job of this user's that runs the operation ``name`` on the server now
        (started from this workstation or another, before a window was closed)."""
        jobs = msgspec.json.decode(self._post("/api/jobs", b"{}").content, type=list[Status])
        return next((j.job for j in jobs if j.operation == name), None)

    def follow(self, name: str, job: str, /, **callbacks: Any) -> Any:
        """Wait for the job ``job`` (running ``name``) as ``call`` waits for one it
        started: its progress to ``progress``, Cancel from ``cancelled``; its result."""
        status = Status(job=job, operation=name, version=0)
        return self._follow(registry.get(name), status, callbacks)[0]

    def _follow(self, operation: registry.Operation, status: Status,
                arguments: dict[str, Any]) -> tuple[Any, Changes]:
        progress = next((arguments[n] for n in PROGRESS if callable(arguments.get(n))), None)
        stop = next((arguments[n] for n in STOP if callable(arguments.get(n))), None)
        cancelling = False
        while status.state == "running":
            if stop is not None and not cancelling and stop():
                self._post(f"/api/jobs/{status.job}/cancel", b"{}")
                cancelling = True
            after = msgspec.json.encode({"after": status.version})
            status = msgspec.json.decode(self._retrying(
                lambda: self._post(f"/api/jobs/{status.job}/wait", after), True).content,
                type=Status)
            if status.progress and progress is not None:
                progress(*(int(p) if float(p).is_integer() else p for p in status.progress))
        if status.state == "failed":
            raise codec.decode_error(status.reply)
        return codec.decode_reply(operation, status.reply)

    def call(self, name: str, /, **arguments: Any) -> Any:
        return self.call_with_changes(name, **arguments)[0]

    def events(self, opened: Callable[[], None] | None = None) -> Iterator[Changes]:
        """Every change set the server pushes, as it arrives (blocks between them; a
        server silent for ``SILENCE`` seconds is gone: Unreachable).  ``opened`` is called
        once the server has accepted the stream."""
        headers = {"authorization": f"Bearer {self.token}"}
        timeout = httpx.Timeout(self.timeout, read=SILENCE)
        try:
            yield from self._stream(headers, timeout, opened)
        except httpx.TransportError as exc:
            self._reached(False)
            raise Unreachable(url=self.url, error=str(exc) or type(exc).__name__) from None

    def _stream(self, headers, timeout, opened) -> Iterator[Changes]:
        with self.http.stream("GET", "/api/events", headers=headers,
                              timeout=timeout) as response:
            self._check(response)
            if response.status_code >= 400:
                raise codec.decode_error(response.read())
            self._reached(True)
            if opened is not None:
                opened()
            for line in response.iter_lines():
                if line.startswith("data: "):
                    yield codec.decode_changes(line[6:].encode())

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
