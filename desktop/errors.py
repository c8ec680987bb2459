"""One error path: domain errors in the user's language, anything else logged.

A ``DomainError`` is shown as its translated message.  A stale record says
"changed elsewhere — reload?".  Anything else is a bug: a short message with
the details to copy, and a line in the log file.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.errors import DomainError
from desktop import dialogs

log = logging.getLogger("roundsman")


def translate_core(text: str) -> str:
    return QCoreApplication.translate("core", text)


def message(exc: DomainError) -> str:
    return exc.message(translate_core)


def show(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    if isinstance(exc, DomainError):
        dialogs.warn(parent, QCoreApplication.translate("errors", "Cannot do that"), message(exc))
        return
    log.error("unexpected error: %s\n%s", exc, details)
    dialogs.warn(parent, QCoreApplication.translate("errors", "Something went wrong"),
                 QCoreApplication.translate(
                     "errors", "Roundsman hit an unexpected error. Nothing you typed was "
                     "cleared. The details below can be copied for support."),
                 details or repr(exc))


def install_excepthook() -> None:
    def hook(kind, value, tb):
        import traceback

        show(None, value, "".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
