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


@pytest.fixture(autouse=True)
def english_after_each_test(qapp):
    """A test that switches to zh-TW must not leave the next one in Chinese."""
    yield
    from desktop import i18n

    i18n.install("en")
