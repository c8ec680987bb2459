"""A progress bar and a Cancel button that follow a long task (billing run, order
generation), in the window's own layout and words.

    self.task = TaskProgress(panel, cancel_text=self.tr("Cancel"),
                             cancel_tip=self.tr("Stop after …"),
                             steps=lambda done, total: self.tr("{done} of {total}")...)
    layout.addWidget(self.task.bar); buttons.addWidget(self.task.cancel_button)
    progress = self.task.start()                 # busy bar, Cancel shown
    tasks.run(self, lambda: api.x.run(..., **progress.hooks()),
              on_success=..., on_error=...)      # then self.task.finish(text) or .fail()

The window passes its own translated texts, so their translation context stays the
window's.  ``cancelling`` tells the window that Cancel was pressed (the task stops at
its next check of ``cancelled()``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QWidget

from desktop.tasks import Progress


class TaskProgress(QObject):
    cancelling = Signal()

    def __init__(self, parent: QWidget, *, cancel_text: str, cancel_tip: str = "",
                 steps: Callable[[int, int], str] | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(parent)
        self.bar.setTextVisible(True)
        self.bar.hide()
        self.cancel_button = QPushButton(cancel_text, parent)
        if cancel_tip:
            self.cancel_button.setToolTip(cancel_tip)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self._steps = steps
        self.progress: Progress | None = None  # the task followed now

    @property
    def running(self) -> bool:
        return self.progress is not None

    def start(self) -> Progress:
        """Follow a new task: a busy bar until its first step, Cancel shown."""
        progress = self.progress = Progress(self)
        progress.moved.connect(lambda done, total: self._moved(progress, done, total))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        return progress

    def cancel(self) -> bool:
        """Ask the task to stop; False when none runs."""
        if self.progress is None or self.progress.cancelled():
            return self.progress is not None
        self.progress.cancel()
        self.cancel_button.setEnabled(False)
        self.cancelling.emit()
        return True

    def finish(self, text: str) -> None:
        """The task ended: a full bar reading ``text``, Cancel gone."""
        self._stop()
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.bar.setFormat(text)

    def fail(self) -> None:
        """The task failed: bar and Cancel gone (the window shows the error)."""
        self._stop()
        self.bar.hide()

    def _stop(self) -> None:
        self.progress = None
        self.cancel_button.hide()

    def _moved(self, progress: Progress, done: int, total: int) -> None:
        if progress is not self.progress:  # a task no longer followed
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if self._steps is not None:
            self.bar.setFormat(self._steps(done, total))
