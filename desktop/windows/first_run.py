"""A database with no users yet: fill it with the demo company, or create the administrator.

``DemoProgress`` fills the database with the demo company off the UI thread and
shows what is being made and how far it got; ``roundsman --demo`` and the
first-run dialog's demo button both use it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget)
from sqlalchemy import Engine

from core import demo
from core.errors import ValidationError
from core.services import users
from core.services.actor import SYSTEM
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel, password_field, passwords_match
from desktop.widgets.records import RecordForm

DEMO_CUSTOMERS = 200
DEMO_DAYS = 30  # a month of order history: enough to show, quick to make
DEMO_USER, DEMO_PASSWORD = demo.DEMO_USERS[0][:2]  # the demo's administrator


def fill_demo(engine: Engine, progress: Callable[[int, int, str], None] | None = None
              ) -> demo.DemoResult:
    return demo.generate(engine, customers_count=DEMO_CUSTOMERS, days=DEMO_DAYS,
                         progress=progress)


class DemoProgress(QDialog):
    """Makes the demo company (``start``): accepted when it is made; when it fails, the
    error is shown and the dialog rejected.  It cannot be closed meanwhile."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.running = False
        self.step = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first step is made
        self._progress = tasks.Progress(self)
        self._progress.stepped.connect(self._show_step)
        self._progress.moved.connect(self._show)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.bar)
        self.setMinimumWidth(480)
        self.setWindowTitle(self.tr("Making the demo company"))
        self.step.setText(self.tr("Starting…"))

    def start(self) -> None:
        self.running = True
        engine, report = self.engine, self._progress.report
        tasks.run(self, lambda: fill_demo(engine, report), on_success=self._made,
                  on_error=self._failed)

    def _show_step(self, step: str) -> None:
        self.step.setText(errors.translate_core(step))

    def _show(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _made(self, _result: demo.DemoResult) -> None:
        self.running = False
        self.accept()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.running = False
        errors.show(self, exc, details)
        self.reject()

    def reject(self) -> None:  # Esc or the window's close button: not while making it
        if not self.running:
            super().reject()


class FirstRunDialog(QDialog):
    """Accepted when the database has its first user; ``username`` is whom to log in as."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.username = ""

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.admin_box = QGroupBox()
        self.form = RecordForm()
        self.new_username = self.form.add_field("username", "", QLineEdit())
        self.full_name = self.form.add_field("full_name", "", QLineEdit())
        self.password = self.form.add_field("password", "", password_field())
        self.repeat = self.form.add_field("repeat", "", password_field())
        self.form.save_requested.connect(self._create_admin)
        self.create_button = QPushButton(clicked=self._create_admin)
        self.create_button.setDefault(True)
        admin_layout = QVBoxLayout(self.admin_box)
        admin_layout.addWidget(self.form)
        admin_layout.addWidget(self.create_button)

        self.demo_box = QGroupBox()
        self.demo_text = QLabel()
        self.demo_text.setWordWrap(True)
        self.demo_button = QPushButton(clicked=self._fill_demo)
        self.demo_button.setAutoDefault(False)
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.addWidget(self.demo_text)
        demo_layout.addStretch(1)
        demo_layout.addWidget(self.demo_button)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        self.choices = QWidget()
        choices = QHBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        choices.addWidget(self.admin_box, 3)
        choices.addWidget(self.demo_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.choices)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.retranslate()
        self.new_username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Roundsman"))
        self.heading.setText(self.tr("Welcome to Roundsman"))
        self.intro.setText(self.tr("This database has no users yet. Create the administrator "
                                   "who sets up the company, or try Roundsman with a demo "
                                   "company."))
        self.admin_box.setTitle(self.tr("Create the administrator"))
        for name, text in (("username", self.tr("&User name:")),
                           ("full_name", self.tr("&Full name:")),
                           ("password", self.tr("&Password:")),
                           ("repeat", self.tr("R&epeat password:"))):
            self.form.labels[name].setText(text)
        self.create_button.setText(self.tr("&Create the administrator"))
        self.demo_box.setTitle(self.tr("Try the demo"))
        self.demo_text.setText(self.tr(
            "A gas distributor in Taichung with {n} customers, its products and four users."
            ).format(n=DEMO_CUSTOMERS) + "\n\n" + self.tr("Log in as:") + "\n"
            + self.tr("user name {user}, password {password}").format(user=DEMO_USER,
                                                                      password=DEMO_PASSWORD))
        self.demo_button.setText(self.tr("Fill with &demo data"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _start(self) -> None:
        self.form.clear_errors()
        self.message.clear()
        self.busy.show()

    def _failed(self, exc: BaseException, details: str) -> None:
        self.busy.hide()
        if isinstance(exc, ValidationError) and exc.field_errors:
            self.form.show_errors(exc)
        else:
            self.message.on_error(exc, details)

    def _done(self, username: str) -> None:
        self.busy.hide()
        self.username = username
        self.accept()

    def _fill_demo(self) -> None:
        self.form.clear_errors()
        self.message.clear()
        filling = DemoProgress(self.engine, self)
        filling.start()
        if dialogs.run_dialog(filling) == QDialog.DialogCode.Accepted:
            self._done(DEMO_USER)

    def _create_admin(self) -> None:
        if not self.choices.isEnabled():
            return
        if not passwords_match(self.password, self.repeat, self.message):
            return
        self._start()
        engine, username, password, full_name = (self.engine, self.new_username.text(),
                                                 self.password.text(), self.full_name.text())
        tasks.run(self, lambda: users.create_user(engine, SYSTEM, username=username,
                                                  password=password, roles=["admin"],
                                                  full_name=full_name),
                  on_success=lambda view: self._done(view.username), on_error=self._failed,
                  disable=self.choices)
