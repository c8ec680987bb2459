"""Users and their roles (administrator): create, edit, deactivate, reset a password."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import (QCheckBox, QDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from core.changes import Changes
from core.services.actor import ROLE_NAMES
from core.services.users import UserView
from desktop import dialogs, i18n, tasks
from desktop.widgets.formkit import MessageLabel, password_field, passwords_match
from desktop.widgets.records import RecordForm, save_failed
from desktop.widgets.rows import Column, RowsModel, make_table, select_row, set_widths
from desktop.widgets.unsaved import Unsaved


def _locked(user: UserView) -> bool:
    return user.locked_until is not None and user.locked_until > datetime.now(timezone.utc)


class UsersWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: UserView | None = None  # the user in the form; None: a new user
        self.unsaved = Unsaved(self, self._snapshot)  # the form as loaded or saved

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.new_button = QPushButton(clicked=self._new)
        self.model = RowsModel(self._columns(), self, muted=lambda u: not u.active)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

        self.group = QGroupBox()
        self.form = RecordForm()
        self.username = self.form.add_field("username", "", QLineEdit())
        self.full_name = self.form.add_field("full_name", "", QLineEdit())
        self.password = self.form.add_field("password", "", password_field())
        self.repeat = self.form.add_field("repeat", "", password_field())
        self.role_boxes = {role: QCheckBox() for role in ROLE_NAMES}
        roles = QWidget()
        roles_layout = QVBoxLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.role_boxes.values():
            roles_layout.addWidget(box)
        self.form.add_field("roles", "", roles)
        self.active = self.form.add_field("active", "", QCheckBox())
        self.form.save_requested.connect(self._save)
        self.lock_info = QLabel()
        self.lock_info.setWordWrap(True)
        self.message = MessageLabel()
        self.save_button = QPushButton(clicked=self._save)
        self.reset_button = QPushButton(clicked=self._reset_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        group_layout = QVBoxLayout(self.group)
        group_layout.addWidget(self.form)
        group_layout.addWidget(self.lock_info)
        group_layout.addWidget(self.message)
        group_layout.addLayout(buttons)
        group_layout.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.new_button)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.group, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        ctx.events.changed.connect(self._changed)
        self.retranslate()
        set_widths(self.table, (12, 12, 16, 5))
        self._new()
        self.refresh()

    # --- texts ---
    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("User name"), lambda u: u.username),
            Column(self.tr("Full name"), lambda u: u.full_name),
            Column(self.tr("Roles"), lambda u: i18n.role_names(u.roles)),
            Column(self.tr("Active"), lambda u: self.tr("Yes") if u.active else self.tr("No")),
            Column(self.tr("Locked until"),
                   lambda u: i18n.local_time(u.locked_until) if _locked(u) else ""),
        ]

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Users"))
        self.new_button.setText(self.tr("&New user"))
        self.model.set_rows(self.model.rows, self._columns())
        for name, text in (("username", self.tr("&User name:")),
                           ("full_name", self.tr("&Full name:")),
                           ("password", self.tr("&Password:")),
                           ("repeat", self.tr("R&epeat password:")),
                           ("roles", self.tr("Roles:")),
                           ("active", self.tr("Status:"))):
            self.form.labels[name].setText(text)
        for role, box in self.role_boxes.items():
            box.setText(i18n.role_names([role]))
        self.active.setText(self.tr("&Active (may log in)"))
        self.reset_button.setText(self.tr("&Reset password…"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ---
    def refresh(self, adopt: bool = False) -> None:
        """Reload the list.  ``adopt``: take the newer version of the user in the form
        but keep what is typed (after "changed elsewhere — reload?")."""
        api = self.ctx.api
        tasks.run(self, lambda: api.users.list(), on_success=lambda rows: self._listed(rows, adopt))

    def _listed(self, rows: list[UserView], adopt: bool) -> None:
        chosen = self.current.id if self.current else None
        self.model.set_rows(rows)
        self._select_quietly(chosen)
        fresh = next((u for u in rows if u.id == chosen), None)
        if fresh is None:
            return
        if adopt:
            self.current = fresh
            self._show_state()
            self.message.show_ok(self.tr("The newer version is loaded; what you typed is kept. "
                                         "Save again to apply it."))
        elif not self.unsaved.dirty():
            self._load(fresh)

    def _changed(self, changes: Changes) -> None:
        """The list follows every change of a user; the form too unless it is being edited."""
        if changes.touches("users"):
            self.refresh()

    def _row_chosen(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if not index.isValid() or (self.current and self.model.row(index.row()).id
                                   == self.current.id):
            return
        if not self.unsaved.confirm():
            self._select_quietly(self.current.id if self.current else None)
            return
        self.message.clear()
        self._load(self.model.row(index.row()))

    def _select_quietly(self, user_id: int | None) -> None:
        """Select the row of ``user_id`` (None: no row) without loading it into the form."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        select_row(self.table, None if user_id is None
                   else self.model.find(lambda u: u.id == user_id))
        selection.blockSignals(False)

    # --- the form ---
    def _values(self) -> tuple:
        return (self.full_name.text().strip(), self._roles(), self.active.isChecked())

    def _roles(self) -> tuple[str, ...]:
        return tuple(sorted(r for r, box in self.role_boxes.items() if box.isChecked()))

    def _snapshot(self) -> tuple:
        return self.username.text().strip(), self.password.text(), self._values()

    def _load(self, user: UserView | None) -> None:
        """Show ``user`` (None: an empty new user) in the form."""
        self.current = user
        self.form.clear_errors()
        self.username.setText(user.username if user else "")
        self.username.setReadOnly(user is not None)
        self.full_name.setText(user.full_name if user else "")
        self.password.clear()
        self.repeat.clear()
        for role, box in self.role_boxes.items():
            box.setChecked(role in user.roles if user else role == "clerk")
        self.active.setChecked(user.active if user else True)
        self.unsaved.clean()
        self._show_state()

    def _show_state(self) -> None:
        """What depends on new-or-existing: titles, which rows and buttons show, the lock."""
        user = self.current
        for name in ("password", "repeat"):
            self.form.grid.setRowVisible(self.form.labels[name], user is None)
        self.form.grid.setRowVisible(self.form.labels["active"], user is not None)
        self.reset_button.setVisible(user is not None)
        self.save_button.setText(self.tr("&Save") if user else self.tr("&Create user"))
        if user is None:
            self.group.setTitle(self.tr("New user"))
            self.lock_info.hide()
            return
        self.group.setTitle(self.tr("User {user}").format(user=user.username))
        if _locked(user):
            self.lock_info.setText(self.tr(
                "Locked until {time} after {n} failed log-ins. Reset the password to unlock "
                "the account.").format(time=i18n.local_time(user.locked_until),
                                       n=user.failed_logins))
            self.lock_info.show()
        else:
            self.lock_info.hide()

    def _new(self) -> None:
        if not self.unsaved.confirm():
            return
        select_row(self.table, None)
        self.message.clear()
        self._load(None)
        self.username.setFocus()

    # --- actions ---
    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self.form.clear_errors()
        self.message.clear()
        api = self.ctx.api
        full_name, roles, active = self._values()
        user = self.current
        if user is None:
            username, password = self.username.text(), self.password.text()
            if not passwords_match(self.password, self.repeat, self.message):
                return

            def work():
                return api.users.create(username=username, password=password, roles=list(roles),
                                        full_name=full_name)
        else:
            def work():
                return api.users.update(user_id=user.id, version=user.version, roles=list(roles),
                                        full_name=full_name, active=active)
        tasks.run(self, work, on_success=self._saved, on_error=self._save_failed,
                  disable=self.save_button)

    def _saved(self, user: UserView) -> None:
        created = self.current is None
        self._load(user)
        self.message.show_ok(self.tr("User {user} created.").format(user=user.username)
                             if created else self.tr("Saved."))

    def _save_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.form, exc, details, reload=lambda: self.refresh(adopt=True),
                    stale_question=self.tr(
                        "Someone changed this user while you were editing. Load the newer "
                        "version? What you typed is kept."))

    def _reset_password(self) -> None:
        from desktop.windows.password import PasswordDialog

        user = self.current
        if user is None:
            return
        if dialogs.run_dialog(PasswordDialog(self.ctx, user, self)) == QDialog.DialogCode.Accepted:
            self.message.show_ok(self.tr("The password of {user} was reset.").format(
                user=user.username))
