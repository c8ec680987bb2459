"""The unsaved-changes guard every editing window shares.

A form remembers what it held when it was last loaded or saved (``clean()``, which
takes the window's ``snapshot()`` of its fields); it holds unsaved input while the
snapshot differs (``dirty()``).  Before anything would replace that input (another
record chosen, a new form, Esc) the window calls ``confirm()``: True when nothing
would be lost, else the one question "Discard changes?" asked through
``desktop.dialogs`` (the seam tests replace) - No keeps the form as typed.

    self.unsaved = Unsaved(self, self._snapshot)
    self.dirty = self.unsaved.dirty
    ...
    def _show(self, record): ...; self.unsaved.clean()
    def new_record(self):
        if self.unsaved.confirm(): ...
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop import dialogs

_NOTHING = object()  # before the first clean(): nothing loaded, so nothing typed to lose


class Unsaved:
    """Whether a form holds input that is not saved, and the question before it is lost.

    ``snapshot()`` gives the form's values as a comparable value (a tuple, a frozen
    dataclass); ``parent`` is the window the question is asked over.
    """

    def __init__(self, parent: QWidget, snapshot: Callable[[], object]) -> None:
        self.parent = parent
        self.snapshot = snapshot
        self.loaded: object = _NOTHING

    def clean(self) -> None:
        """The form now holds what is saved (just loaded, saved, or its input discarded)."""
        self.loaded = self.snapshot()

    def dirty(self) -> bool:
        """Whether the form holds input that is not saved."""
        return self.loaded is not _NOTHING and self.snapshot() != self.loaded

    def confirm(self) -> bool:
        """True when the form may show something else: nothing would be lost, or the user
        agreed to discard it (asked through ``desktop.dialogs``)."""
        if not self.dirty():
            return True
        return dialogs.ask(self.parent,
                           QCoreApplication.translate("records", "Discard changes?"),
                           QCoreApplication.translate(
                               "records", "The form has changes that are not saved. Discard them?"))
