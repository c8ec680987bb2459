"""GUI tests: real SQLite databases, offscreen Qt, and no modal dialog ever blocking."""

from __future__ import annotations

import pytest

from tests.gui.records import answers  # noqa: F401 - the fixture, made available to every test


@pytest.fixture(autouse=True)
def no_modal_dialogs(answers):  # noqa: F811
    """Message boxes are only recorded (``dialogs.shown``); ``ask`` pops from ``answers``."""
    return answers


@pytest.fixture
def make_ctx(sqlite_engine):
    """What the app gives its windows after ``user`` (a seeded user) logged in, in English."""
    from core.config import LocalSettings
    from core.db import describe
    from core.services import settings
    from desktop.context import AppContext

    def make(user):
        return AppContext(engine=sqlite_engine, actor=user.actor,
                          local=LocalSettings(language="en"),
                          company=settings.get_company(sqlite_engine),
                          database=describe(str(sqlite_engine.url)))
    return make


@pytest.fixture
def workstation(server):
    """``workstation(user)``: a context logged in to the office server as ``user``, live
    (another workstation's changes arrive as they do in the app)."""
    from core.config import LocalSettings
    from desktop.context import AppContext
    from desktop.live import Link

    links = []

    def make(user: str) -> AppContext:
        conn = server.connect(user)
        ctx = AppContext(api=conn, actor=conn.actor, local=LocalSettings(language="en"),
                         company=conn.settings.get_company(), database=server.url)
        link = Link(conn, ctx.events)
        link.start()
        links.append(link)
        return ctx
    yield make
    for link in links:
        link.stop()


@pytest.fixture(autouse=True)
def collect_on_the_ui_thread(qapp):
    """As the app does: no cyclic garbage (a closed window's Qt objects) is collected on a
    pool thread."""
    from desktop import tasks

    tasks.collect_garbage_on_ui_thread(qapp)


@pytest.fixture(autouse=True)
def english_after_each_test(qapp):
    """A test that switches to zh-TW must not leave the next one in Chinese."""
    yield
    from desktop import i18n

    i18n.install("en")


@pytest.fixture
def server_certificate(tmp_path):
    """An office server's address as far as its TLS handshake: (url, fingerprint) of a
    listener on loopback that shows a certificate made as the server makes its own."""
    import socket
    import ssl
    import threading

    from core.server import tls

    cert, key, fingerprint = tls.ensure(tmp_path / "tls", [])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}", fingerprint
    stop.set()
    thread.join()
    listener.close()
