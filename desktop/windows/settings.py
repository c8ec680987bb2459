"""Settings: the company (administrator), where this workstation's data is, backups,
uniform invoices, and the language.

Company settings live in the database and are shared by every workstation (read and
saved through ``ctx.api``; a change saved anywhere shows here at once, each group keeping
what the user is typing in it); where the data is (the embedded file, or the office
server with its pinned certificate) and the language belong to this workstation
(``core.config.LocalSettings``).  Backups (where, when, how
many are kept) are company settings too; the app makes them itself only for the embedded
database (``desktop.backups``), and shows no Backups group when connected to a server.
Uniform invoices (統一發票) are turned on by the administrator with the QR code key the
e-invoice platform gave the company (shown masked) and the Turnkey's upload folder.
"""

from __future__ import annotations

import functools
import logging
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QScrollArea, QToolButton, QVBoxLayout, QWidget)

from core import db
from core.backup import Backup
from core.changes import Changes
from core.config import default_database_url
from core.errors import ValidationError
from core.money import SUPPORTED_CURRENCIES
from core.server.client import Connection
from core.services import settings
from core.services.settings import CompanySettings
from desktop import backups, dialogs, i18n, tasks
from desktop.widgets.formkit import MessageLabel, add_row, button_row
from desktop.widgets.records import RecordForm, save_failed
from desktop.windows.connect import grouped
from desktop.windows.cylinder_settings import CylinderSettingsBox

log = logging.getLogger("roundsman")

EINVOICE_KEYS = ("uniform_invoices", "einvoice_aes_key", "turnkey_folder")
BACKUP_KEYS = ("backup_folder", "backup_time", "backup_keep_daily", "backup_keep_weekly",
               "backup_keep_monthly")
LOGO_SIZE = (200, 90)
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _percent(rate: Decimal) -> str:
    """0.0500 -> '5', 0.0525 -> '5.25'."""
    return format((rate * 100).normalize(), "f")


def _section(box: QGroupBox, *widgets) -> QVBoxLayout:
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


class SettingsWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.admin = ctx.actor.can("admin")
        self.manager = ctx.actor.can("manager")
        self.loaded: CompanySettings | None = None
        # Each group's fields as last shown: a reload leaves a group the user has changed.
        self.rules_loaded: tuple | None = None
        self.billing_loaded: tuple | None = None
        self.dispatch_loaded: tuple | None = None
        self.backups_loaded: tuple | None = None
        self.einvoice_loaded: tuple | None = None
        self.shown_backup: Backup | None = None  # the last backup the window shows

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.company_box = self._build_company()
        self.rules_box = self._build_rules()
        self.billing_box = self._build_billing()
        self.dispatch_box = self._build_dispatch()
        self.einvoice_box = self._build_einvoice()
        self.database_box = self._build_database()
        self.backup_box = self._build_backups()
        self.language_box = self._build_language()
        self.cylinders_box = CylinderSettingsBox(ctx)  # scan serials, inspections, re-tests

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.heading)
        columns = QHBoxLayout()
        column.addLayout(columns)
        column.addStretch(1)
        columns.addLayout(self._stack(self.company_box, self.rules_box, self.billing_box,
                                      self.backup_box), 1)
        columns.addLayout(self._stack(self.language_box, self.dispatch_box,
                                      self.einvoice_box, self.cylinders_box,
                                      self.database_box), 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        ctx.events.changed.connect(self._changed)
        backups.notices.taken.connect(self._show_last_backup)
        self.retranslate()
        self.refresh()

    # --- building ---
    @staticmethod
    def _stack(*boxes: QGroupBox) -> QVBoxLayout:
        layout = QVBoxLayout()
        for box in boxes:
            layout.addWidget(box)
        layout.addStretch(1)
        return layout

    def _build_company(self) -> QGroupBox:
        box = QGroupBox()
        self.company_form = form = RecordForm()
        self.name = form.add_field("name", "", QLineEdit())
        self.tax_id = form.add_field("tax_id", "", QLineEdit())
        self.address = form.add_field("address", "", QLineEdit())
        self.phone = form.add_field("phone", "", QLineEdit())
        self.currency = form.add_field("currency", "", QComboBox())
        for code in SUPPORTED_CURRENCIES:
            self.currency.addItem(code, code)
        self.currency.setMaximumWidth(120)
        self.tax_rate = form.add_field("tax_rate", "", QLineEdit(), beside=QLabel("%"))
        self.tax_rate.setMaximumWidth(90)
        # Where customers pay by transfer: printed on invoices and statements.
        self.bank_name = form.add_field("bank_name", "", QLineEdit())
        self.bank_branch = form.add_field("bank_branch", "", QLineEdit())
        self.bank_account_number = form.add_field("bank_account_number", "", QLineEdit())
        self.bank_account_number.setMaximumWidth(220)
        self.bank_account_name = form.add_field("bank_account_name", "", QLineEdit())
        self.logo = QLabel()
        self.logo.setFixedSize(*LOGO_SIZE)
        self.logo.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_logo = QPushButton(clicked=self._choose_logo)
        self.remove_logo = QPushButton(clicked=self._remove_logo)
        logo = QWidget()
        logo_row = QHBoxLayout(logo)
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo)
        logo_buttons.addWidget(self.remove_logo)
        logo_buttons.addStretch(1)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        form.add_field("logo", "", logo)
        form.save_requested.connect(self._save_company)
        self.company_note = QLabel()
        self.company_note.setWordWrap(True)
        self.company_message = MessageLabel()
        self.save_company = QPushButton(clicked=self._save_company)
        _section(box, form, self.company_note, self.company_message,
                 button_row(self.save_company))
        form.set_read_only(not self.admin)
        for widget in (self.choose_logo, self.remove_logo, self.save_company):
            widget.setVisible(self.admin)
        self.company_note.setVisible(not self.admin)
        return box

    def _build_rules(self) -> QGroupBox:
        """Order rules, the manager's: how far a clerk may move a price; delivery days."""
        box = QGroupBox()
        self.rules_form = form = RecordForm()
        self.tolerance = form.add_field("price_tolerance", "", QLineEdit(), beside=QLabel("%"))
        self.tolerance.setMaximumWidth(90)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.weekdays = [QCheckBox() for _ in range(7)]
        for box_ in self.weekdays:
            row.addWidget(box_)
        row.addStretch(1)
        form.add_field("working_days", "", days)
        form.save_requested.connect(self._save_rules)
        self.rules_message = MessageLabel()
        self.save_rules = QPushButton(clicked=self._save_rules)
        _section(box, form, self.rules_message, button_row(self.save_rules))
        form.set_read_only(not self.manager)
        for day in self.weekdays:
            day.setEnabled(self.manager)
        self.save_rules.setVisible(self.manager)
        return box

    def _save_rules(self) -> None:
        if not (self.manager and self.save_rules.isEnabled()):
            return
        self.rules_form.clear_errors()
        self.rules_message.clear()
        try:
            tolerance = settings.parse_tax_percent(self.tolerance.text(), "price_tolerance")
        except ValidationError as exc:
            self.rules_form.show_errors(exc)
            return
        changes = {"price_tolerance": str(tolerance), "working_days": self._working_days()}
        self._update(changes, self.rules_form, self._rules_saved, self.save_rules)

    def _update(self, changes: dict[str, str], form: RecordForm, saved, button) -> None:
        """Save one group's company settings; its form shows what the core refuses."""
        api = self.ctx.api
        tasks.run(self, lambda: api.settings.update_company(changes=changes),
                  on_success=saved, disable=button,
                  on_error=lambda exc, details: save_failed(
                      self, form, exc, details, reload=self.refresh, stale_question=""))

    def _rules_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self._show_rules(company)
        self.rules_message.show_ok(self.tr("The order rules are saved."))

    def _working_days(self) -> str:
        return "".join(str(n) for n, box in enumerate(self.weekdays, start=1) if box.isChecked())

    def _rules_values(self) -> tuple:
        return self.tolerance.text().strip(), self._working_days()

    def _show_rules(self, company: CompanySettings) -> None:
        self.tolerance.setText(_percent(company.price_tolerance))
        for n, box in enumerate(self.weekdays, start=1):
            box.setChecked(str(n) in company.working_days)
        self.rules_loaded = self._rules_values()

    def _build_billing(self) -> QGroupBox:
        """Billing, the manager's: how tax is rounded, the cylinder rental, and when overdue
        invoices stop new orders on account."""
        box = QGroupBox()
        self.billing_form = form = RecordForm()
        self.tax_rounding = form.add_field("tax_rounding", "", QComboBox())
        self.tax_rounding.addItem("", "line")
        self.tax_rounding.addItem("", "total")
        self.rental_unit = QLabel()
        self.cylinder_rental = form.add_field("cylinder_rental", "", QLineEdit(),
                                              beside=self.rental_unit)
        self.cylinder_rental.setMaximumWidth(110)
        self.overdue_unit = QLabel()
        self.block_overdue = form.add_field("block_overdue_days", "", QLineEdit(),
                                            beside=self.overdue_unit)
        self.block_overdue.setMaximumWidth(70)
        form.save_requested.connect(self._save_billing)
        self.billing_note = QLabel()
        self.billing_note.setWordWrap(True)
        self.billing_message = MessageLabel()
        self.save_billing = QPushButton(clicked=self._save_billing)
        _section(box, form, self.billing_note, self.billing_message,
                 button_row(self.save_billing))
        form.set_read_only(not self.manager)
        self.save_billing.setVisible(self.manager)
        return box

    def _save_billing(self) -> None:
        if not (self.manager and self.save_billing.isEnabled()):
            return
        self.billing_form.clear_errors()
        self.billing_message.clear()
        changes = dict(zip(("tax_rounding", "cylinder_rental", "block_overdue_days"),
                           self._billing_values()))
        self._update(changes, self.billing_form, self._billing_saved, self.save_billing)

    def _billing_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self._show_billing(company)
        self.billing_message.show_ok(self.tr("The billing settings are saved."))

    def _billing_values(self) -> tuple:
        return (self.tax_rounding.currentData(), self.cylinder_rental.text().strip(),
                self.block_overdue.text().strip())

    def _show_billing(self, company: CompanySettings) -> None:
        self.tax_rounding.setCurrentIndex(max(0, self.tax_rounding.findData(
            company.tax_rounding)))
        self.cylinder_rental.setText(format(company.cylinder_rental.normalize(), "f"))
        self.block_overdue.setText(company.block_overdue_days)
        self.billing_loaded = self._billing_values()

    def _build_dispatch(self) -> QGroupBox:
        """Dispatch, the administrator's: where the trucks start, the working day, and how
        distances are known (a routing service, or straight lines × a road factor)."""
        box = QGroupBox()
        self.dispatch_form = form = RecordForm()
        self.depot_lat = form.add_field("depot_lat", "", QLineEdit(), beside=QLabel("°"))
        self.depot_lon = form.add_field("depot_lon", "", QLineEdit(), beside=QLabel("°"))
        for field in (self.depot_lat, self.depot_lon):
            field.setMaximumWidth(140)
        self.day_start = form.add_field("day_start", "", QLineEdit())
        self.day_end = form.add_field("day_end", "", QLineEdit())
        for field in (self.day_start, self.day_end):
            field.setPlaceholderText("HH:MM")
            field.setMaximumWidth(80)
        self.routing_url = form.add_field("routing_url", "", QLineEdit())
        self.road_factor = form.add_field("road_factor", "", QLineEdit(), beside=QLabel("×"))
        self.road_factor.setMaximumWidth(70)
        self.speed_unit = QLabel()
        self.average_speed = form.add_field("average_speed_kmh", "", QLineEdit(),
                                            beside=self.speed_unit)
        self.average_speed.setMaximumWidth(70)
        form.save_requested.connect(self._save_dispatch)
        self.dispatch_note = QLabel()
        self.dispatch_note.setWordWrap(True)
        self.dispatch_message = MessageLabel()
        self.save_dispatch = QPushButton(clicked=self._save_dispatch)
        _section(box, form, self.dispatch_note, self.dispatch_message,
                 button_row(self.save_dispatch))
        form.set_read_only(not self.admin)
        self.save_dispatch.setVisible(self.admin)
        return box

    def _dispatch_values(self) -> tuple:
        return tuple(f.text().strip() for f in (
            self.depot_lat, self.depot_lon, self.day_start, self.day_end, self.routing_url,
            self.road_factor, self.average_speed))

    @staticmethod
    def _dispatch_values_of(company: CompanySettings) -> tuple:
        return (company.depot_lat, company.depot_lon, company.day_start, company.day_end,
                company.routing_url, format(company.road_factor.normalize(), "f"),
                format(company.average_speed_kmh.normalize(), "f"))

    def _show_dispatch(self, company: CompanySettings) -> None:
        values = self._dispatch_values_of(company)
        for field, value in zip((self.depot_lat, self.depot_lon, self.day_start, self.day_end,
                                 self.routing_url, self.road_factor, self.average_speed), values):
            field.setText(value)
        self.dispatch_loaded = self._dispatch_values()

    def _save_dispatch(self) -> None:
        if not (self.admin and self.save_dispatch.isEnabled()):
            return
        self.dispatch_form.clear_errors()
        self.dispatch_message.clear()
        keys = ("depot_lat", "depot_lon", "day_start", "day_end", "routing_url", "road_factor",
                "average_speed_kmh")
        changes = dict(zip(keys, self._dispatch_values()))
        self._update(changes, self.dispatch_form, self._dispatch_saved, self.save_dispatch)

    def _dispatch_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self._show_dispatch(company)
        self.dispatch_message.show_ok(self.tr("The dispatch settings are saved."))

    def _build_einvoice(self) -> QGroupBox:
        """Uniform invoices (統一發票), the administrator's: on or off, the QR code key from
        the e-invoice platform (masked unless shown), and the Turnkey's upload folder."""
        box = QGroupBox()
        self.einvoice_form = form = RecordForm()
        self.uniform_invoices = form.add_field("uniform_invoices", "", QCheckBox())
        self.show_key = QToolButton(checkable=True)
        self.show_key.toggled.connect(self._show_aes_key)
        self.aes_key = form.add_field("einvoice_aes_key", "", QLineEdit(), beside=self.show_key)
        self.aes_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.aes_key.setMaxLength(40)  # 32 hex digits, and a space or two as pasted
        self.aes_key.setPlaceholderText("0123456789ABCDEF0123456789ABCDEF")
        self.choose_turnkey_folder = QPushButton(clicked=self._choose_turnkey_folder)
        self.turnkey_folder = form.add_field("turnkey_folder", "", QLineEdit(),
                                             beside=self.choose_turnkey_folder)
        form.save_requested.connect(self._save_einvoice)
        self.einvoice_note = QLabel()
        self.einvoice_note.setWordWrap(True)
        self.einvoice_message = MessageLabel()
        self.save_einvoice = QPushButton(clicked=self._save_einvoice)
        _section(box, form, self.einvoice_note, self.einvoice_message,
                 button_row(self.save_einvoice))
        form.set_read_only(not self.admin)
        for widget in (self.save_einvoice, self.choose_turnkey_folder, self.show_key):
            widget.setVisible(self.admin)
        return box

    def _show_aes_key(self, shown: bool) -> None:
        self.aes_key.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                 else QLineEdit.EchoMode.Password)

    def _einvoice_values(self) -> tuple:
        return ("on" if self.uniform_invoices.isChecked() else "",
                self.aes_key.text().strip(), self.turnkey_folder.text().strip())

    def _show_einvoice(self, company: CompanySettings) -> None:
        self.uniform_invoices.setChecked(company.uniform_invoices == "on")
        self.aes_key.setText(company.einvoice_aes_key)
        self.turnkey_folder.setText(company.turnkey_folder)
        self.einvoice_loaded = self._einvoice_values()

    def _choose_turnkey_folder(self) -> None:
        path = dialogs.choose_folder(self, self.tr("Choose the Turnkey upload folder"),
                                     self.turnkey_folder.text().strip())
        if path:
            self.turnkey_folder.setText(QDir.toNativeSeparators(path))

    def _save_einvoice(self) -> None:
        if not (self.admin and self.save_einvoice.isEnabled()):
            return
        self.einvoice_form.clear_errors()
        self.einvoice_message.clear()
        changes = dict(zip(EINVOICE_KEYS, self._einvoice_values()))
        self._update(changes, self.einvoice_form, self._einvoice_saved, self.save_einvoice)

    def _einvoice_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self._show_einvoice(company)
        self.einvoice_message.show_ok(self.tr("The uniform invoice settings are saved."))

    def _build_database(self) -> QGroupBox:
        """Where this workstation's data is: the embedded file, or the office server (whose
        certificate is shown and pinned when it is chosen).  The administrator's; it takes
        effect when Roundsman starts again."""
        box = QGroupBox()
        self.embedded = QRadioButton()
        self.central = QRadioButton()
        self.database_kind = QButtonGroup(box)
        self.database_kind.addButton(self.embedded)
        self.database_kind.addButton(self.central)
        local = self.ctx.local
        self.sqlite_file = QLineEdit(self.ctx.database if self.ctx.embedded
                                     else db.describe(default_database_url()))
        self.sqlite_file.setReadOnly(True)
        self.server = QLineEdit(local.server_url)
        self.server.setPlaceholderText("https://office-server:8443")
        self.server.textEdited.connect(lambda: self.pinned.setText(""))
        self.pinned = QLabel(grouped(local.server_fingerprint)
                             if local.server_fingerprint else "")
        self.pinned.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.embedded_fields = QWidget()
        self.central_fields = QWidget()
        self.database_labels = []
        for holder, widgets in ((self.embedded_fields, (self.sqlite_file,)),
                                (self.central_fields, (self.server, self.pinned))):
            fields = QFormLayout(holder)
            fields.setContentsMargins(24, 0, 0, 0)
            fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            self.database_labels += [add_row(fields, w) for w in widgets]
        self.database_note = QLabel()
        self.database_note.setWordWrap(True)
        self.database_message = MessageLabel()
        self.test_database = QPushButton(clicked=self._test_database)
        self.save_database = QPushButton(clicked=self._save_database)
        _section(box, self.embedded, self.embedded_fields, self.central, self.central_fields,
                 self.database_note,
                 self.database_message, button_row(self.save_database, self.test_database))
        self.central.toggled.connect(lambda on: self.central_fields.setEnabled(on and self.admin))
        (self.central if local.server_url else self.embedded).setChecked(True)
        self.central_fields.setEnabled(self.admin and self.central.isChecked())
        for widget in (self.embedded, self.central, self.test_database, self.save_database):
            widget.setEnabled(self.admin)
        return box

    def _build_backups(self) -> QGroupBox:
        """Backups of the embedded database, the administrator's: the folder, the time of
        day, how many are kept; the last good backup and "Back up now".  A PostgreSQL
        database is backed up on its server, so only a note is shown for it; connected to
        the office server, the server takes them and the group is hidden."""
        box = QGroupBox()
        box.setVisible(self.ctx.embedded)
        self.embedded_db = self.ctx.embedded and backups.embedded(self.ctx.engine)
        self.backup_form = form = RecordForm()
        self.choose_backup_folder = QPushButton(clicked=self._choose_backup_folder)
        self.backup_folder = form.add_field("backup_folder", "", QLineEdit(),
                                            beside=self.choose_backup_folder)
        self.backup_time = form.add_field("backup_time", "", QLineEdit())
        self.backup_time.setPlaceholderText("HH:MM")
        self.backup_time.setMaximumWidth(80)
        self.backup_keep = [form.add_field(key, "", QLineEdit()) for key in BACKUP_KEYS[2:]]
        for field in self.backup_keep:
            field.setMaximumWidth(60)
        form.save_requested.connect(self._save_backups)
        self.last_backup = QLabel()
        self.last_backup.setWordWrap(True)
        self.backup_note = QLabel()
        self.backup_note.setWordWrap(True)
        self.backup_message = MessageLabel()
        self.save_backups = QPushButton(clicked=self._save_backups)
        self.backup_now = QPushButton(clicked=self._back_up_now)
        _section(box, form, self.last_backup, self.backup_note, self.backup_message,
                 button_row(self.save_backups, self.backup_now))
        form.set_read_only(not self.admin)
        form.setVisible(self.embedded_db)
        self.last_backup.setVisible(self.embedded_db)
        self.choose_backup_folder.setVisible(self.admin)
        for button in (self.save_backups, self.backup_now):
            button.setVisible(self.admin and self.embedded_db)
        return box

    def _build_language(self) -> QGroupBox:
        box = QGroupBox()
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language.setMaximumWidth(200)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        row = QFormLayout()
        self.language_label = add_row(row, self.language)
        layout = _section(box, self.language_note)
        layout.insertLayout(0, row)
        return box

    # --- texts ---
    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.company_box.setTitle(self.tr("Company"))
        for name, text in (("name", self.tr("&Name:")), ("tax_id", self.tr("&Tax ID:")),
                           ("address", self.tr("&Address:")), ("phone", self.tr("P&hone:")),
                           ("currency", self.tr("C&urrency:")),
                           ("tax_rate", self.tr("Business ta&x rate:")),
                           ("bank_name", self.tr("Ban&k:")),
                           ("bank_branch", self.tr("Bran&ch:")),
                           ("bank_account_number", self.tr("Account num&ber:")),
                           ("bank_account_name", self.tr("Acc&ount name:")),
                           ("logo", self.tr("Logo:"))):
            self.company_form.labels[name].setText(text)
        self.bank_name.setPlaceholderText(self.tr("blank: invoices name no bank account"))
        self.bank_account_number.setPlaceholderText(self.tr("e.g. 012-34-567890"))
        self.bank_account_name.setPlaceholderText(self.tr("blank: the company's name"))
        self.rules_box.setTitle(self.tr("Order rules"))
        self.rules_form.labels["price_tolerance"].setText(self.tr("Clerks may change prices by:"))
        self.rules_form.labels["working_days"].setText(self.tr("Delivery days:"))
        for box, name in zip(self.weekdays, (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"),
                                             self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
                                             self.tr("Sun"))):
            box.setText(name)
        self.save_rules.setText(self.tr("Save order rules"))
        self.billing_box.setTitle(self.tr("Billing"))
        for name, text in (("tax_rounding", self.tr("&Round the tax:")),
                           ("cylinder_rental", self.tr("C&ylinder rental:")),
                           ("block_overdue_days", self.tr("Refuse orders when overdue &by:"))):
            self.billing_form.labels[name].setText(text)
        self.tax_rounding.setItemText(0, self.tr("on each line"))
        self.tax_rounding.setItemText(1, self.tr("on the invoice's total"))
        self.rental_unit.setText(self.tr("{currency} per cylinder held, a month").format(
            currency=self.ctx.company.currency))
        self.overdue_unit.setText(self.tr("days (0: never)"))
        self.cylinder_rental.setToolTip(self.tr(
            "Billed each month for every cylinder a customer holds; 0: no rental."))
        self.block_overdue.setToolTip(self.tr(
            "New orders on account are refused while the customer has an invoice overdue by "
            "more than this many days."))
        self.billing_note.setText(self.tr("The next billing run uses these settings.")
                                  if self.manager else
                                  self.tr("Only a manager can change the billing settings."))
        self.save_billing.setText(self.tr("Save billing settings"))
        self.dispatch_box.setTitle(self.tr("Dispatch"))
        for name, text in (("depot_lat", self.tr("Depot &latitude:")),
                           ("depot_lon", self.tr("Depot l&ongitude:")),
                           ("day_start", self.tr("Working day &starts:")),
                           ("day_end", self.tr("Working day &ends:")),
                           ("routing_url", self.tr("&Routing service:")),
                           ("road_factor", self.tr("Roa&d factor:")),
                           ("average_speed_kmh", self.tr("A&verage speed:"))):
            self.dispatch_form.labels[name].setText(text)
        self.speed_unit.setText(self.tr("km/h"))
        self.depot_lat.setPlaceholderText(self.tr("e.g. 24.1477"))
        self.depot_lon.setPlaceholderText(self.tr("e.g. 120.6736"))
        self.routing_url.setPlaceholderText(self.tr("blank: straight lines × the road factor"))
        self.routing_url.setToolTip(self.tr(
            "An OSRM-compatible service for road distances and times, e.g. "
            "http://osrm.example:5000. Without one, distances are straight lines times the "
            "road factor, driven at the average speed."))
        self.dispatch_note.setText(self.tr(
            "Routes start and end at the depot, within the working day.") if self.admin else
            self.tr("Only an administrator can change the dispatch settings."))
        self.save_dispatch.setText(self.tr("Save dispatch settings"))
        self.einvoice_box.setTitle(self.tr("Uniform invoices"))
        for name, text in (("uniform_invoices", ""),
                           ("einvoice_aes_key", self.tr("&QR code key:")),
                           ("turnkey_folder", self.tr("Turnkey upload folder:"))):
            self.einvoice_form.labels[name].setText(text)
        self.uniform_invoices.setText(self.tr("Issue uniform invoices (統一發票)"))
        self.show_key.setText(self.tr("Show"))
        self.show_key.setToolTip(self.tr("Show or hide the key"))
        self.aes_key.setToolTip(self.tr(
            "The 32 hexadecimal digits (0-9, A-F) the e-invoice platform gave the company "
            "for the QR codes of printed proofs."))
        self.turnkey_folder.setPlaceholderText(self.tr("e.g. {example}").format(
            example=r"C:\EINVTurnkey\UpCast"))
        self.turnkey_folder.setToolTip(self.tr(
            "The Turnkey program's upload folder, as a full path: the messages to the "
            "Ministry of Finance's platform are written there."))
        self.choose_turnkey_folder.setText(self.tr("Browse…"))
        self.einvoice_note.setText(self.tr(
            "Turned on, cash sales and monthly invoices get uniform invoices numbered from the "
            "ranges entered for each two-month period. It needs the company's own tax ID "
            "(統一編號) and the currency TWD.") if self.admin else
            self.tr("Only an administrator can change the uniform invoice settings."))
        self.save_einvoice.setText(self.tr("Save uniform invoice settings"))
        self.choose_logo.setText(self.tr("C&hoose picture…"))
        self.remove_logo.setText(self.tr("Re&move"))
        self.company_note.setText(self.tr("Only an administrator can change the company "
                                          "settings."))
        self.save_company.setText(self.tr("&Save company settings"))
        self.database_box.setTitle(self.tr("Where this workstation's data is"))
        self.embedded.setText(self.tr("Embedded database on this computer (one workstation)"))
        self.central.setText(self.tr("Office server (several workstations)"))
        for label, text in zip(self.database_labels, (
                self.tr("File:"), self.tr("Server:"), self.tr("Fingerprint:"))):
            label.setText(text)
        self.database_note.setText(
            self.tr("A change takes effect when Roundsman is started again.")
            if self.admin else
            self.tr("Only an administrator can change the database connection."))
        self.save_database.setText(self.tr("Save"))
        self.test_database.setText(self.tr("Test connection"))
        self.backup_box.setTitle(self.tr("Backups"))
        for name, text in (("backup_folder", self.tr("Backup &folder:")),
                           ("backup_time", self.tr("Back up da&ily at:")),
                           ("backup_keep_daily", self.tr("Daily backups kept:")),
                           ("backup_keep_weekly", self.tr("Weekly backups kept:")),
                           ("backup_keep_monthly", self.tr("Monthly backups kept:"))):
            self.backup_form.labels[name].setText(text)
        self.backup_folder.setPlaceholderText(self.tr("another disk or a network share"))
        self.choose_backup_folder.setText(self.tr("Choose folder…"))
        for field in self.backup_keep:
            field.setToolTip(self.tr(
                "The newest backup of each of the last this many days, weeks and months is "
                "kept; older backups in the folder are deleted."))
        if not self.embedded_db:
            self.backup_note.setText(self.tr(
                "This workstation uses a central PostgreSQL database: it is backed up on the "
                "server with “roundsman-admin backup”."))
        elif self.admin:
            self.backup_note.setText(self.tr(
                "Roundsman makes a verified backup at this time each day while it runs, and "
                "another when it closes."))
        else:
            self.backup_note.setText(self.tr(
                "Only an administrator can change the backup settings."))
        self.save_backups.setText(self.tr("Save backup settings"))
        self.backup_now.setText(self.tr("Back u&p now"))
        self._show_last_backup(self.shown_backup)
        self.language_box.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_note.setText(self.tr("The language of this workstation changes at once."))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ctx.language)))
        self.language.blockSignals(False)
        if self.logo.pixmap().isNull():
            self.logo.setText(self.tr("No logo"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ---
    def refresh(self) -> None:
        api, last_backup = self.ctx.api, functools.partial(backups.latest, self.ctx.engine)

        def work():
            company = api.settings.get_company()
            return company, api.settings.get_logo(), last_backup(company.backup_folder)

        tasks.run(self, work, on_success=self._loaded)

    def _loaded(self, result) -> None:
        company, logo, last = result
        self.ctx.company = company
        for loaded, values, show in (
                (self.rules_loaded, self._rules_values, self._show_rules),
                (self.billing_loaded, self._billing_values, self._show_billing),
                (self.dispatch_loaded, self._dispatch_values, self._show_dispatch),
                (self.backups_loaded, self._backup_values, self._show_backups),
                (self.einvoice_loaded, self._einvoice_values, self._show_einvoice)):
            if loaded is None or values() == loaded:
                show(company)  # else: keep what the user is typing
        self._show_last_backup(last)
        if self.loaded is None or self._company_values() == self._values_of(self.loaded):
            self.loaded = company
            self.name.setText(company.name)
            self.tax_id.setText(company.tax_id)
            self.address.setText(company.address)
            self.phone.setText(company.phone)
            self.currency.setCurrentIndex(max(0, self.currency.findData(company.currency)))
            self.tax_rate.setText(_percent(company.tax_rate))
            for field, value in zip(self._bank_fields(), self._values_of(company)[6:]):
                field.setText(value)
        self._show_logo(self._pixmap(logo[1]) if logo else None)

    def _changed(self, changes: Changes) -> None:
        if changes.touches("settings"):
            self.refresh()

    # --- company ---
    def _bank_fields(self) -> tuple[QLineEdit, ...]:
        return (self.bank_name, self.bank_branch, self.bank_account_number,
                self.bank_account_name)

    def _company_values(self) -> tuple:
        return (self.name.text().strip(), self.tax_id.text().strip(),
                self.address.text().strip(), self.phone.text().strip(),
                self.currency.currentData(), self.tax_rate.text().strip(),
                *(f.text().strip() for f in self._bank_fields()))

    @staticmethod
    def _values_of(company: CompanySettings) -> tuple:
        return (company.name, company.tax_id, company.address, company.phone,
                company.currency, _percent(company.tax_rate),
                *(getattr(company, k) for k in settings.BANK_FIELDS))

    def _save_company(self) -> None:
        if not (self.admin and self.save_company.isEnabled()):
            return
        self.company_form.clear_errors()
        self.company_message.clear()
        try:
            rate = settings.parse_tax_percent(self.tax_rate.text())
        except ValidationError as exc:
            self.company_form.show_errors(exc)
            return
        name, tax_id, address, phone, currency, _, *bank = self._company_values()
        changes = {"name": name, "tax_id": tax_id, "address": address, "phone": phone,
                   "currency": currency, "tax_rate": str(rate),
                   **dict(zip(settings.BANK_FIELDS, bank))}
        api = self.ctx.api
        tasks.run(self, lambda: api.settings.update_company(changes=changes),
                  on_success=self._company_saved, on_error=self._company_failed,
                  disable=self.save_company)

    def _company_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self.company_message.show_ok(self.tr("The company settings are saved."))

    def _company_failed(self, exc: BaseException, details: str) -> None:
        save_failed(self, self.company_form, exc, details, reload=self.refresh,
                    stale_question=self.tr("The company settings were changed elsewhere. "
                                           "Load them again?"))

    # --- logo ---
    @staticmethod
    def _pixmap(data: bytes) -> QPixmap:
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        return pixmap

    def _show_logo(self, pixmap: QPixmap | None) -> None:
        if pixmap is None or pixmap.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText(self.tr("No logo"))
            return
        self.logo.setPixmap(pixmap.scaled(self.logo.size() * 0.95,
                                          Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))

    def _choose_logo(self) -> None:
        path = dialogs.open_file(self, self.tr("Choose the company logo"),
                                 self.tr("Pictures (*.png *.jpg *.jpeg)"))
        if not path:
            return
        mime = LOGO_TYPES.get(Path(path).suffix.lower())
        self._set_logo(mime, lambda: Path(path).read_bytes())

    def _remove_logo(self) -> None:
        self._set_logo(None, lambda: None)

    def _set_logo(self, mime: str | None, read) -> None:
        api = self.ctx.api

        def work():
            data = read()
            api.settings.set_logo(mime=mime, data=data)
            return data

        self.company_form.clear_errors()
        self.company_message.clear()
        tasks.run(self, work, on_success=self._logo_saved, on_error=self._company_failed,
                  disable=self.company_box)

    def _logo_saved(self, data: bytes | None) -> None:
        self._show_logo(self._pixmap(data) if data else None)

    # --- where the data is ---
    def _server_url(self) -> str | None:
        url = self.server.text().strip()
        if not url:
            self.database_message.show_error(self.tr(
                "Fill in the office server's address, https://HOST:PORT."))
            return None
        return url

    def _test_database(self) -> None:
        """Reach the server and show its certificate's fingerprint (nothing is saved)."""
        self.database_message.clear()
        if self.embedded.isChecked():
            self.database_message.show_ok(self.tr("The embedded database is open."))
            return
        url = self._server_url()
        if url is None:
            return
        tasks.run(self, lambda: Connection(url).fingerprint(), disable=self.database_box,
                  on_error=self.database_message.on_error,
                  on_success=lambda seen: self.database_message.show_ok(self.tr(
                      "The server answers; its certificate's fingerprint is\n{fingerprint}"
                      ).format(fingerprint=grouped(seen))))

    def _save_database(self) -> None:
        self.database_message.clear()
        if self.embedded.isChecked():
            self._database_saved("", "")
            return
        url = self._server_url()
        if url is None:
            return
        tasks.run(self, lambda: Connection(url).fingerprint(), disable=self.database_box,
                  on_error=self.database_message.on_error,
                  on_success=lambda seen: self._trust(url, seen))

    def _trust(self, url: str, seen: str) -> None:
        """Pin the server's certificate once the administrator has compared it."""
        if seen != self.ctx.local.server_fingerprint and not dialogs.ask(
                self, self.tr("Trust this server?"), self.tr(
                    "The server {url} shows this certificate fingerprint:\n\n{fingerprint}\n\n"
                    "Compare it with the fingerprint the server printed when it started. "
                    "Trust the server only if they are the same.").format(
                    url=url, fingerprint=grouped(seen))):
            return
        self._database_saved(url, seen)

    def _database_saved(self, url: str, fingerprint: str) -> None:
        local = self.ctx.local
        local.server_url, local.server_fingerprint = url, fingerprint
        if url:
            local.database_url = ""  # never PostgreSQL from a workstation
        local.save()
        self.pinned.setText(grouped(fingerprint) if fingerprint else "")
        self.database_message.show_ok(self.tr(
            "Saved. Start Roundsman again to use it."))

    # --- backups ---
    def _backup_values(self) -> tuple:
        return tuple(f.text().strip() for f in (self.backup_folder, self.backup_time,
                                                *self.backup_keep))

    def _show_backups(self, company: CompanySettings) -> None:
        for field, key in zip((self.backup_folder, self.backup_time, *self.backup_keep),
                              BACKUP_KEYS):
            field.setText(getattr(company, key))
        self.backups_loaded = self._backup_values()

    def _show_last_backup(self, last: Backup | None) -> None:
        self.shown_backup = last
        if last is None:
            self.last_backup.setText(self.tr("No backup yet."))
            self.last_backup.setToolTip("")
        else:
            self.last_backup.setText(self.tr("Last backup: {backup}").format(
                backup=backups.describe(last)))
            self.last_backup.setToolTip(str(last.path))

    def _choose_backup_folder(self) -> None:
        path = dialogs.choose_folder(self, self.tr("Choose the backup folder"),
                                     self.backup_folder.text().strip())
        if path:
            self.backup_folder.setText(QDir.toNativeSeparators(path))

    def _save_backups(self) -> None:
        if not (self.admin and self.embedded_db and self.save_backups.isEnabled()):
            return
        self.backup_form.clear_errors()
        self.backup_message.clear()
        changes = dict(zip(BACKUP_KEYS, self._backup_values()))
        self._update(changes, self.backup_form, self._backups_saved, self.save_backups)

    def _backups_saved(self, company: CompanySettings) -> None:
        self.loaded = self.ctx.company = company
        self._show_backups(company)
        self.backup_message.show_ok(self.tr("The backup settings are saved."))

    def _back_up_now(self) -> None:
        """A backup at once, into the saved folder with the saved retention."""
        if not (self.admin and self.embedded_db and self.backup_now.isEnabled()):
            return
        self.backup_message.clear()
        if not self.ctx.company.backup_folder:
            self._no_backup_folder()
            return
        tasks.run(self, functools.partial(backups.take_as_set, self.ctx.engine),
                  on_success=self._backed_up,
                  on_error=self._backup_failed, disable=self.backup_now)

    def _no_backup_folder(self) -> None:
        self.backup_message.show_error(self.tr(
            "Choose a backup folder and save the backup settings first."))

    def _backed_up(self, taken: Backup | None) -> None:
        if taken is None:
            self._no_backup_folder()
            return
        log.info("backup %s (%d bytes) taken", taken.path, taken.bytes)
        self._show_last_backup(taken)
        self.backup_message.show_ok(self.tr("Backed up and verified: {file}").format(
            file=taken.path.name))
        backups.notices.attempted.emit()

    def _backup_failed(self, exc: BaseException, details: str) -> None:
        log.error("backup failed: %s\n%s", exc, details)
        self.backup_message.on_error(exc, details)
        backups.notices.attempted.emit()

    # --- language ---
    def _language_chosen(self) -> None:
        i18n.switch_language(self.ctx.local, self.language.currentData())
