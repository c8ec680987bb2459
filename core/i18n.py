"""Translatable text in the core, without Qt.

The core never imports Qt, yet every message it shows a user must be
translatable.  Messages are marked with ``QT_TRANSLATE_NOOP(context, text)``:
the function returns ``text`` unchanged, and Qt's ``lupdate`` finds the call by
name and puts the string in ``resources/translations/roundsman_zh_TW.ts``.  The
desktop translates ``DomainError`` messages with ``QCoreApplication.translate``
under the same context; the headless CLI prints the English source.
"""

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
