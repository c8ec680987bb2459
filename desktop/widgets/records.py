"""Record forms: labelled fields with their own error lines, keys, and the save-failure path.

Every window that edits a versioned record (customers, products, ...) builds
its form from ``RecordForm`` and routes a failed save through ``save_failed``:

* a ``ValidationError`` puts each field's translated message, in red, under
  that field, and keeps everything typed;
* a ``StaleRecord`` asks whether to reload the newer version; saying No keeps
  the typed input in the form;
* anything else goes to the app's one error path.

Keys: Enter in a field saves (not in a multi-line field, where Enter is a new
line and Tab leaves), Esc leaves the form (the window decides where to).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.errors import StaleRecord, ValidationError
from desktop import dialogs, errors
from desktop.widgets.formkit import ERROR_STYLE

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MNEMONIC = re.compile(r"\s*[(（]&[^)）][)）]")  # a translation's mnemonic: "電話(&P)"


class RecordForm(QWidget):
    """A form layout whose rows carry an error line under the field."""

    save_requested = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QFormLayout(self)
        self.grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.grid.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.grid.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.general = QLabel(self)  # errors that belong to no field on this form
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.setWordWrap(True)
        self.general.hide()
        self.grid.addRow(self.general)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._errors: dict[str, QLabel] = {}
        self._boxes: dict[str, QWidget] = {}

    def add_field(self, name: str, label: str, widget: QWidget,
                  beside: QWidget | None = None) -> QWidget:
        """Add a labelled row (``label`` may hold a ``&`` mnemonic); returns ``widget``.

        ``beside`` is shown to the right of the field (a unit, a hint).
        """
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if beside is None:
            column.addWidget(widget)
        else:
            line = QWidget(box)
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            row.addWidget(beside)
            column.addWidget(line)
        column.addWidget(error)
        self.grid.addRow(caption, box)
        if self.fields:
            QWidget.setTabOrder(list(self.fields.values())[-1], widget)
        self.fields[name] = widget
        self.labels[name] = caption
        self._errors[name] = error
        self._boxes[name] = box
        widget.installEventFilter(self)
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
        return widget

    def set_field_visible(self, name: str, visible: bool) -> None:
        self.grid.setRowVisible(self._boxes[name], visible)

    def caption(self, name: str) -> str:
        """The field's label as shown, without its mnemonic (for history lists): "&Phone:"
        gives "Phone:", and zh-TW's "電話(&P)：" gives "電話：", not "電話(P)："."""
        return _MNEMONIC.sub("", self.labels[name].text()).replace("&", "")

    # --- errors ---
    def show_errors(self, exc: ValidationError) -> None:
        """Each field's message under it; the first bad field gets the focus."""
        self.clear_errors()
        for name, error in exc.field_errors.items():
            if name in self._errors:
                self._errors[name].setText(errors.message(error))
                self._errors[name].show()
                self.labels[name].setStyleSheet(ERROR_STYLE)
        general = [errors.message(e) for n, e in exc.field_errors.items() if n not in self._errors]
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
        first = next((w for n, w in self.fields.items() if n in exc.field_errors), None)
        if first is not None and first.isEnabled():
            first.setFocus()

    def error_text(self, name: str) -> str:
        """The message under a field ('' when it has none)."""
        return self._errors[name].text()

    def clear_errors(self) -> None:
        for name, label in self._errors.items():
            label.clear()
            label.hide()
            self.labels[name].setStyleSheet("")
        self.general.clear()
        self.general.hide()

    # --- read-only ---
    def set_read_only(self, read_only: bool) -> None:
        """Text stays selectable in read-only text fields; other fields are disabled."""
        for widget in self.fields.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)

    # --- keys ---
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and not (
                isinstance(watched, QComboBox) and watched.view().isVisible()):
            if event.key() == Qt.Key.Key_Escape:
                self.leave_requested.emit()
                return True
            if event.key() in _ENTER and not isinstance(watched, QPlainTextEdit):
                self.save_requested.emit()
                return True
        return super().eventFilter(watched, event)


def save_failed(parent: QWidget, form: RecordForm, exc: BaseException, details: str, *,
                stale_question: str, reload: Callable[[], None]) -> None:
    """The one way a failed save is shown; never clears what the user typed."""
    if isinstance(exc, ValidationError) and exc.field_errors:
        form.show_errors(exc)
        return
    form.clear_errors()
    if isinstance(exc, StaleRecord):
        if dialogs.ask(parent, QCoreApplication.translate("records", "Changed elsewhere"),
                       stale_question):
            reload()
        return
    errors.show(parent, exc, details)


def shortcut(keys, window: QWidget, slot: Callable[[], None]) -> QShortcut:
    """A key that works anywhere inside ``window`` (and not in the other open windows)."""
    key = QShortcut(QKeySequence(keys), window, slot)
    key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return key
