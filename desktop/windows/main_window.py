"""The main window: navigation on the left, the chosen window on the right.

Which windows appear comes from ``desktop.windows.registry``: only those the
logged-in user's roles allow.  A window is built the first time it is
opened.  After a language switch the open window retranslates itself; the
others are rebuilt when next opened, so every window shows the new language.

Connected to the office server, the status bar says when the server cannot be reached
("server unreachable — retrying", ``desktop.live``); every window keeps what is typed
in it meanwhile.

Help → About Roundsman shows the version, the database or server, the data folder and
the log file, with "Copy details" for support (``desktop.windows.about``).

On the embedded database the main window also keeps the backups
(``desktop.backups``): the day's backup at its time, one more when it closes, and a
banner at the top, for everyone, when no backup has succeeded for two days.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QDialog, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QStackedWidget, QVBoxLayout,
                               QWidget)

from core.changes import Changes
from desktop import backups, dialogs, errors, i18n, tasks
from desktop.context import AppContext
from desktop.windows import registry

IMPORT_MODULE = "desktop.windows.imports.dialog"
NAV_STYLE = """
QListWidget { border: none; background: palette(window); font-size: 11pt; outline: 0; }
QListWidget::item { padding: 9px 14px; border-radius: 4px; margin: 1px 6px; }
QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }
"""
BANNER_STYLE = ("background: #fff4ce; color: #4d3b00; border: 1px solid #e3c65a;"
                " border-radius: 4px; padding: 8px 12px; margin: 0 8px 4px 8px;"
                " font-weight: bold;")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, link=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reachable = True  # connected: whether the office server answers
        self.entries = registry.visible(ctx.actor)
        self.pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()  # built before a language switch: rebuild when left
        self._built_in = ctx.language  # the language the pages were built in
        self.backup_status: backups.Status | None = None
        self.closing = ""  # "" open; "backup" while the last backup is made; "done"

        self.company = QLabel()
        self.company.setWordWrap(True)
        self.company.setStyleSheet("font-size: 12pt; font-weight: bold; padding: 8px 14px;")
        self.nav = QListWidget()
        self.nav.setStyleSheet(NAV_STYLE)
        side = QWidget()
        side.setFixedWidth(190)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.company)
        side_layout.addWidget(self.nav, 1)
        for _ in self.entries:
            self.nav.addItem(QListWidgetItem())
        self.stack = QStackedWidget()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.banner = QLabel()  # no backup for too long: everyone sees it, above the window
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(line)
        layout.addLayout(column, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.status_user, self.status_roles, self.status_db, self.status_language = (
            QLabel(), QLabel(), QLabel(), QLabel())
        for label in (self.status_user, self.status_roles, self.status_db, self.status_language):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self.status_db.setToolTip(ctx.database)
        self.status_link = QLabel()  # connected: "server unreachable — retrying"
        self.status_link.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.status_link.hide()
        self.statusBar().addWidget(self.status_link)
        if link is not None:
            link.reachable.connect(self._reachable)
            link.ended.connect(self._session_ended)

        self.nav.currentRowChanged.connect(self._show_row)
        ctx.events.changed.connect(self._changed)
        self.retranslate()
        self.resize(1280, 800)
        if self.entries:
            self.nav.setCurrentRow(0)
        self.scheduler = backups.Scheduler(ctx.engine, self)
        self.scheduler.checked.connect(self._backups_checked)
        self.scheduler.start()

    # --- building ---
    def _build_menus(self) -> None:
        can, ctx = self.ctx.actor.can, self.ctx
        imports = registry.module_available(IMPORT_MODULE)
        self.file_menu = self.menuBar().addMenu("")
        self.import_customers = QAction(self, triggered=lambda: self._import("customers"))
        self.import_products = QAction(self, triggered=lambda: self._import("products"))
        if imports and can("admin"):
            self.file_menu.addAction(self.import_customers)
        if imports and can("manager"):
            self.file_menu.addAction(self.import_products)
        if not self.file_menu.isEmpty():
            self.file_menu.addSeparator()
        self.quit_action = QAction(self, triggered=self.close)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.file_menu.addAction(self.quit_action)

        self.account_menu = self.menuBar().addMenu("")
        self.password_action = QAction(self, triggered=self._change_password)
        self.account_menu.addAction(self.password_action)
        self.language_menu = self.account_menu.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _=False, c=code: i18n.switch_language(ctx.local, c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self, triggered=self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        company = self.ctx.company.name
        self.company.setText(company)
        self.company.setVisible(bool(company))
        self.setWindowTitle(self.tr("Roundsman — {company}").format(company=company)
                            if company else "Roundsman")
        for row, entry in enumerate(self.entries):
            self.nav.item(row).setText(entry.title_fn())
        self.file_menu.setTitle(self.tr("&File"))
        self.import_customers.setText(self.tr("Import &customers…"))
        self.import_products.setText(self.tr("Import &products…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.account_menu.setTitle(self.tr("&Account"))
        self.password_action.setText(self.tr("Change &password…"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Roundsman…"))
        if self.ctx.language in self.language_actions:
            self.language_actions[self.ctx.language].setChecked(True)
        actor = self.ctx.actor
        who = f"{actor.full_name} ({actor.username})" if actor.full_name else actor.username
        self.status_user.setText(self.tr("User: {user}").format(user=who))
        self.status_roles.setText(self.tr("Roles: {roles}").format(
            roles=i18n.role_names(actor.roles)))
        self.status_db.setText(
            self.tr("Database: {database}").format(database=self.ctx.database)
            if self.ctx.embedded else
            self.tr("Server: {server}").format(server=self.ctx.database))
        self.status_link.setText(self.tr("Server unreachable — retrying"))
        self.status_link.setVisible(not self.reachable)
        self.status_language.setText(i18n.LANGUAGES.get(self.ctx.language, self.ctx.language))
        self._show_banner()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.ctx.language != self._built_in:  # not a late event from before this window
                self._built_in = self.ctx.language
                current = self.stack.currentWidget()
                for key in list(self.pages):
                    if self.pages[key] is current:
                        self._stale.add(key)
                    else:
                        self._drop(key)
        super().changeEvent(event)

    # --- pages ---
    def open(self, key: str) -> QWidget | None:
        """Show the window ``key`` (as if chosen in the navigation); None if not offered."""
        for row, entry in enumerate(self.entries):
            if entry.key == key:
                self.nav.setCurrentRow(row)
                return self.pages.get(key)
        return None

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        for key in list(self._stale):  # only the window being left can be stale
            self._drop(key)
        entry = self.entries[row]
        page = self.pages.get(entry.key)
        if page is None:
            try:
                page = entry.factory(self.ctx)
            except Exception as exc:  # noqa: BLE001 - shown on the one error path
                errors.show(self, exc, traceback.format_exc())
                return
            self.pages[entry.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _drop(self, key: str) -> None:
        page = self.pages.pop(key)
        self._stale.discard(key)
        self.stack.removeWidget(page)
        page.deleteLater()

    def _changed(self, changes: Changes) -> None:
        if changes.touches("settings"):
            tasks.run(self, self.ctx.api.settings.get_company, on_success=self._company)

    def _company(self, company) -> None:
        self.ctx.company = company
        self.retranslate()  # the company name in the title
        self.scheduler.check_again()  # the backup folder or time may have changed

    # --- the office server ---
    def _reachable(self, up: bool) -> None:
        self.reachable = up
        self.status_link.setVisible(not up)

    def _session_ended(self) -> None:
        dialogs.warn(self, self.tr("Log in again"), self.tr(
            "The server ended this session (your password or roles changed, or an "
            "administrator logged you out). Nothing is sent any more: start Roundsman again "
            "and log in."))

    # --- backups ---
    def _backups_checked(self, status: backups.Status) -> None:
        self.backup_status = status
        self._show_banner()

    def _show_banner(self) -> None:
        text = self.backup_status.warning() if self.backup_status is not None else ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closing makes one more backup first (embedded, a folder set); the window closes
        when it is made or has failed."""
        if self.closing != "done" and backups.embedded(self.ctx.engine) \
                and self.ctx.company.backup_folder:
            event.ignore()
            if not self.closing:
                self.closing = "backup"
                self.scheduler.stop()
                backups.take_on_close(self, self.ctx.engine, self._closing_backup_made)
            return
        self.scheduler.stop()
        super().closeEvent(event)

    def _closing_backup_made(self) -> None:
        self.closing = "done"
        self.close()

    # --- actions ---
    def _import(self, kind: str) -> None:
        from desktop.windows.imports.dialog import ImportDialog

        dialogs.run_dialog(ImportDialog(self.ctx, kind, self))

    def _about(self) -> None:
        from desktop.windows.about import AboutDialog

        dialog = AboutDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogs.run_dialog(dialog)

    def _change_password(self) -> None:
        from desktop.windows.password import PasswordDialog

        if dialogs.run_dialog(PasswordDialog(self.ctx, parent=self)) == QDialog.DialogCode.Accepted:
            dialogs.inform(self, self.tr("Password changed"), self.tr("Your password was changed."))
