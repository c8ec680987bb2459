"""The audit log (manager): who changed what, when, old → new."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from core.changes import Changes
from core.services import fleet, orders, payments, products, quotes
from core.services.actor import ROLE_NAMES
from core.services.audit import AuditRow
from desktop import i18n, tasks
from desktop.widgets.rows import Column, RowsModel, make_table, set_widths

LIMIT = 500


ENTITY_NAMES = {  # stored record type -> its name for people (translated when shown)
    "customer": QT_TRANSLATE_NOOP("AuditWindow", "Customer"),
    "product": QT_TRANSLATE_NOOP("AuditWindow", "Product"),
    "user": QT_TRANSLATE_NOOP("AuditWindow", "User"),
    "setting": QT_TRANSLATE_NOOP("AuditWindow", "Setting"),
    "order": QT_TRANSLATE_NOOP("AuditWindow", "Order"),
    "standing_order": QT_TRANSLATE_NOOP("AuditWindow", "Standing order"),
    "quote": QT_TRANSLATE_NOOP("AuditWindow", "Quote"),
    "invoice": QT_TRANSLATE_NOOP("AuditWindow", "Invoice"),
    "credit_note": QT_TRANSLATE_NOOP("AuditWindow", "Credit note"),
    "payment": QT_TRANSLATE_NOOP("AuditWindow", "Payment"),
    "dispatch": QT_TRANSLATE_NOOP("AuditWindow", "Dispatch"),
    "route": QT_TRANSLATE_NOOP("AuditWindow", "Route"),
    "driver": QT_TRANSLATE_NOOP("AuditWindow", "Driver"),
    "vehicle": QT_TRANSLATE_NOOP("AuditWindow", "Vehicle"),
    "cash_sale": QT_TRANSLATE_NOOP("AuditWindow", "Cash sale"),
    "uniform_invoice": QT_TRANSLATE_NOOP("AuditWindow", "Uniform invoice"),
    "einvoice_allowance": QT_TRANSLATE_NOOP("AuditWindow", "Allowance"),
    "einvoice_range": QT_TRANSLATE_NOOP("AuditWindow", "Number range"),
}

ACTION_NAMES = {  # stored action -> what was done, for people
    "created": QT_TRANSLATE_NOOP("AuditWindow", "created"),
    "updated": QT_TRANSLATE_NOOP("AuditWindow", "changed"),
    "removed": QT_TRANSLATE_NOOP("AuditWindow", "removed"),
    "activated": QT_TRANSLATE_NOOP("AuditWindow", "activated"),
    "deactivated": QT_TRANSLATE_NOOP("AuditWindow", "deactivated"),
    "password_changed": QT_TRANSLATE_NOOP("AuditWindow", "password changed"),
    "password_reset": QT_TRANSLATE_NOOP("AuditWindow", "password reset"),
    "price_set": QT_TRANSLATE_NOOP("AuditWindow", "own price"),
    "geocoded": QT_TRANSLATE_NOOP("AuditWindow", "located on the map"),
    "limit_changed": QT_TRANSLATE_NOOP("AuditWindow", "credit limit changed"),
    "blocked": QT_TRANSLATE_NOOP("AuditWindow", "blocked"),
    "unblocked": QT_TRANSLATE_NOOP("AuditWindow", "unblocked"),
    "credit_applied": QT_TRANSLATE_NOOP("AuditWindow", "credit applied"),
    "cancelled": QT_TRANSLATE_NOOP("AuditWindow", "cancelled"),
    "delivered": QT_TRANSLATE_NOOP("AuditWindow", "delivered"),
    "partially_delivered": QT_TRANSLATE_NOOP("AuditWindow", "partially delivered"),
    "failed": QT_TRANSLATE_NOOP("AuditWindow", "delivery failed"),
    "delivery undone": QT_TRANSLATE_NOOP("AuditWindow", "delivery undone"),
    "moved": QT_TRANSLATE_NOOP("AuditWindow", "moved to another route"),
    "rescheduled": QT_TRANSLATE_NOOP("AuditWindow", "rescheduled"),
    "planned": QT_TRANSLATE_NOOP("AuditWindow", "planned"),
    "confirmed": QT_TRANSLATE_NOOP("AuditWindow", "confirmed"),
    "sent": QT_TRANSLATE_NOOP("AuditWindow", "sent"),
    "accepted": QT_TRANSLATE_NOOP("AuditWindow", "accepted"),
    "rejected": QT_TRANSLATE_NOOP("AuditWindow", "rejected"),
    "converted": QT_TRANSLATE_NOOP("AuditWindow", "converted to an order"),
    "paused": QT_TRANSLATE_NOOP("AuditWindow", "paused"),
    "resumed": QT_TRANSLATE_NOOP("AuditWindow", "resumed"),
    "skipped": QT_TRANSLATE_NOOP("AuditWindow", "date skipped"),
    "unskipped": QT_TRANSLATE_NOOP("AuditWindow", "date delivered again"),
    "ended": QT_TRANSLATE_NOOP("AuditWindow", "ended"),
    "placed": QT_TRANSLATE_NOOP("AuditWindow", "order placed"),
    "dismissed": QT_TRANSLATE_NOOP("AuditWindow", "refusal dismissed"),
    "posted": QT_TRANSLATE_NOOP("AuditWindow", "issued"),
    "voided": QT_TRANSLATE_NOOP("AuditWindow", "voided"),
    "void": QT_TRANSLATE_NOOP("AuditWindow", "voided"),
    "allocated": QT_TRANSLATE_NOOP("AuditWindow", "payment allocated"),
    "received": QT_TRANSLATE_NOOP("AuditWindow", "received"),
    "refunded": QT_TRANSLATE_NOOP("AuditWindow", "refunded"),
}


def entity_names() -> dict[str, str]:
    return {key: QCoreApplication.translate("AuditWindow", name)
            for key, name in ENTITY_NAMES.items()}


def action_names() -> dict[str, str]:
    return {key: QCoreApplication.translate("AuditWindow", name)
            for key, name in ACTION_NAMES.items()}


FIELD_NAMES = {  # stored field -> its name for people (translated when shown)
    "code": QT_TRANSLATE_NOOP("AuditField", "code"),
    "name": QT_TRANSLATE_NOOP("AuditField", "name"),
    "phone": QT_TRANSLATE_NOOP("AuditField", "phone"),
    "area": QT_TRANSLATE_NOOP("AuditField", "area"),
    "address": QT_TRANSLATE_NOOP("AuditField", "address"),
    "lat": QT_TRANSLATE_NOOP("AuditField", "latitude"),
    "lon": QT_TRANSLATE_NOOP("AuditField", "longitude"),
    "contact_person": QT_TRANSLATE_NOOP("AuditField", "contact person"),
    "payment_terms_days": QT_TRANSLATE_NOOP("AuditField", "payment terms (days)"),
    "credit_limit": QT_TRANSLATE_NOOP("AuditField", "credit limit"),
    "language": QT_TRANSLATE_NOOP("AuditField", "document language"),
    "notes": QT_TRANSLATE_NOOP("AuditField", "notes"),
    "active": QT_TRANSLATE_NOOP("AuditField", "active"),
    "service_minutes": QT_TRANSLATE_NOOP("AuditField", "minutes at the door"),
    "window_start": QT_TRANSLATE_NOOP("AuditField", "delivery from"),
    "window_end": QT_TRANSLATE_NOOP("AuditField", "delivery until"),
    "blocked": QT_TRANSLATE_NOOP("AuditField", "blocked"),
    "reason": QT_TRANSLATE_NOOP("AuditField", "reason"),
    "sku": QT_TRANSLATE_NOOP("AuditField", "SKU"),
    "name_zh": QT_TRANSLATE_NOOP("AuditField", "Chinese name"),
    "name_en": QT_TRANSLATE_NOOP("AuditField", "English name"),
    "unit": QT_TRANSLATE_NOOP("AuditField", "unit"),
    "price": QT_TRANSLATE_NOOP("AuditField", "price"),
    "tax_rate": QT_TRANSLATE_NOOP("AuditField", "tax rate"),
    "deposit": QT_TRANSLATE_NOOP("AuditField", "deposit"),
    "weight_kg": QT_TRANSLATE_NOOP("AuditField", "weight (kg)"),
    "roles": QT_TRANSLATE_NOOP("AuditField", "roles"),
    "full_name": QT_TRANSLATE_NOOP("AuditField", "full name"),
    "tax_id": QT_TRANSLATE_NOOP("AuditField", "tax ID"),
    "currency": QT_TRANSLATE_NOOP("AuditField", "currency"),
    "logo": QT_TRANSLATE_NOOP("AuditField", "logo"),
    "default_country": QT_TRANSLATE_NOOP("AuditField", "country of phone numbers"),
    "price_tolerance": QT_TRANSLATE_NOOP("AuditField", "price tolerance"),
    "working_days": QT_TRANSLATE_NOOP("AuditField", "working days"),
    "depot_lat": QT_TRANSLATE_NOOP("AuditField", "depot latitude"),
    "depot_lon": QT_TRANSLATE_NOOP("AuditField", "depot longitude"),
    "day_start": QT_TRANSLATE_NOOP("AuditField", "day starts"),
    "day_end": QT_TRANSLATE_NOOP("AuditField", "day ends"),
    "routing_url": QT_TRANSLATE_NOOP("AuditField", "routing server"),
    "road_factor": QT_TRANSLATE_NOOP("AuditField", "road factor"),
    "average_speed_kmh": QT_TRANSLATE_NOOP("AuditField", "average speed (km/h)"),
    "tax_rounding": QT_TRANSLATE_NOOP("AuditField", "tax rounding"),
    "cylinder_rental": QT_TRANSLATE_NOOP("AuditField", "monthly cylinder rental"),
    "block_overdue_days": QT_TRANSLATE_NOOP("AuditField", "block after days overdue"),
    "bank_name": QT_TRANSLATE_NOOP("AuditField", "bank"),
    "bank_branch": QT_TRANSLATE_NOOP("AuditField", "bank branch"),
    "bank_account_number": QT_TRANSLATE_NOOP("AuditField", "account number"),
    "bank_account_name": QT_TRANSLATE_NOOP("AuditField", "account name"),
    "customer": QT_TRANSLATE_NOOP("AuditField", "customer"),
    "customer_id": QT_TRANSLATE_NOOP("AuditField", "customer"),
    "order": QT_TRANSLATE_NOOP("AuditField", "order"),
    "status": QT_TRANSLATE_NOOP("AuditField", "status"),
    "delivery_date": QT_TRANSLATE_NOOP("AuditField", "delivery date"),
    "payment": QT_TRANSLATE_NOOP("AuditField", "payment"),
    "time_slot": QT_TRANSLATE_NOOP("AuditField", "time"),
    "lines": QT_TRANSLATE_NOOP("AuditField", "lines"),
    "total": QT_TRANSLATE_NOOP("AuditField", "total"),
    "override": QT_TRANSLATE_NOOP("AuditField", "override approved by"),
    "delivered": QT_TRANSLATE_NOOP("AuditField", "delivered"),
    "cash": QT_TRANSLATE_NOOP("AuditField", "cash collected"),
    "day": QT_TRANSLATE_NOOP("AuditField", "date"),
    "schedule": QT_TRANSLATE_NOOP("AuditField", "repeat"),
    "interval_days": QT_TRANSLATE_NOOP("AuditField", "interval (days)"),
    "days": QT_TRANSLATE_NOOP("AuditField", "days"),
    "start_date": QT_TRANSLATE_NOOP("AuditField", "starts"),
    "end_date": QT_TRANSLATE_NOOP("AuditField", "ends"),
    "paused_from": QT_TRANSLATE_NOOP("AuditField", "paused from"),
    "paused_until": QT_TRANSLATE_NOOP("AuditField", "paused until"),
    "skips": QT_TRANSLATE_NOOP("AuditField", "skipped dates"),
    "prospect_name": QT_TRANSLATE_NOOP("AuditField", "prospect"),
    "prospect_phone": QT_TRANSLATE_NOOP("AuditField", "prospect's phone"),
    "prospect_address": QT_TRANSLATE_NOOP("AuditField", "prospect's address"),
    "quote_date": QT_TRANSLATE_NOOP("AuditField", "quote date"),
    "valid_until": QT_TRANSLATE_NOOP("AuditField", "valid until"),
    "period": QT_TRANSLATE_NOOP("AuditField", "period"),
    "amount": QT_TRANSLATE_NOOP("AuditField", "amount"),
    "method": QT_TRANSLATE_NOOP("AuditField", "method"),
    "cheque": QT_TRANSLATE_NOOP("AuditField", "cheque"),
    "allocated": QT_TRANSLATE_NOOP("AuditField", "allocated"),
    "routes": QT_TRANSLATE_NOOP("AuditField", "routes"),
    "stops": QT_TRANSLATE_NOOP("AuditField", "stops"),
    "unplaced": QT_TRANSLATE_NOOP("AuditField", "not placed"),
    "plate": QT_TRANSLATE_NOOP("AuditField", "plate"),
    "capacity": QT_TRANSLATE_NOOP("AuditField", "capacity"),
    "capacity_unit": QT_TRANSLATE_NOOP("AuditField", "capacity in"),
    "driver_id": QT_TRANSLATE_NOOP("AuditField", "driver"),
}

SCHEDULE_NAMES = {
    "every": QT_TRANSLATE_NOOP("AuditWindow", "every so many days"),
    "weekdays": QT_TRANSLATE_NOOP("AuditWindow", "on weekdays"),
    "monthdays": QT_TRANSLATE_NOOP("AuditWindow", "on days of the month"),
}


VALUE_NAMES = {  # a stored field's code values -> their names in the core's words ("core")
    "status": {**orders.STATUS_NAMES, **quotes.STATUS_NAMES},
    "payment": orders.PAYMENTS, "time_slot": orders.TIME_SLOTS, "method": payments.METHODS,
    "unit": products.UNIT_NAMES, "capacity_unit": fleet.CAPACITY_UNITS, "roles": ROLE_NAMES,
}


MONEY_FIELDS = frozenset({"credit_limit", "price", "deposit", "total", "amount", "delivered",
                          "cash", "cylinder_rental"})


def value_text(value, field: str = "", money=None) -> str:
    """A stored value for people; ``money`` formats the amounts of MONEY_FIELDS."""
    if value is None or value == "":
        return "—"
    if money is not None and field in MONEY_FIELDS:
        try:
            return money(Decimal(str(value)))
        except ArithmeticError:  # not an amount after all: shown as stored
            pass
    if isinstance(value, bool):
        return (QCoreApplication.translate("AuditWindow", "yes") if value
                else QCoreApplication.translate("AuditWindow", "no"))
    if isinstance(value, list):
        return ", ".join(value_text(v, field, money) for v in value) or "—"
    if field in ("window_start", "window_end") and isinstance(value, int):
        return f"{value // 60:02d}:{value % 60:02d}"  # minutes after midnight
    if field == "language":
        return i18n.LANGUAGES.get(str(value), str(value))
    if field == "schedule" and value in SCHEDULE_NAMES:
        return QCoreApplication.translate("AuditWindow", SCHEDULE_NAMES[value])
    names = VALUE_NAMES.get(field, {})
    if isinstance(value, str) and value in names:
        return QCoreApplication.translate("core", names[value])
    return str(value)


def change_lines(changes: dict, money=None) -> list[str]:
    """{"name": ["Old", "New"]} -> ["name: Old → New"]; [None, "New"] -> "name: New";
    ``money``: amounts as the company writes them."""
    lines = []
    for field, pair in sorted(changes.items()):
        old, new = pair[:2] if isinstance(pair, list) and len(pair) >= 2 else (None, pair)
        when = pair[2] if isinstance(pair, list) and len(pair) == 3 else ""  # "from 2026-10-06"
        kind = "price" if field.startswith("price ") else field  # "price LPG-20": own price
        if field.startswith("price ") and field not in FIELD_NAMES:
            label = QCoreApplication.translate("AuditField", FIELD_NAMES["price"]) + field[5:]
        else:
            label = QCoreApplication.translate("AuditField", FIELD_NAMES[field]) \
                if field in FIELD_NAMES else field
        line = f"{label}: {value_text(new, kind, money)}" if old is None \
            else f"{label}: {value_text(old, kind, money)} → {value_text(new, kind, money)}"
        if isinstance(when, str) and when.startswith("from "):
            line += " " + QCoreApplication.translate("AuditWindow", "(from {day})").format(
                day=when[5:])
        lines.append(line)
    return lines


class AuditWindow(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._outdated = True  # reload when next shown

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.entity = QComboBox()
        self.entity.currentIndexChanged.connect(self.refresh)
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        self._typing = QTimer(self, singleShot=True, interval=300, timeout=self.refresh)
        self.text.textChanged.connect(self._typing.start)
        self.text.returnPressed.connect(self.refresh)
        self.entity_label, self.text_label = QLabel(), QLabel()
        self.entity_label.setBuddy(self.entity)
        self.text_label.setBuddy(self.text)
        self.reload_button = QPushButton(clicked=self.refresh)
        self.count = QLabel()

        self.model = RowsModel(self._columns(), self)
        self.table = make_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)

        filters = QHBoxLayout()
        filters.addWidget(self.heading)
        filters.addSpacing(24)
        filters.addWidget(self.entity_label)
        filters.addWidget(self.entity)
        filters.addSpacing(12)
        filters.addWidget(self.text_label)
        filters.addWidget(self.text, 1)
        filters.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count)

        ctx.events.changed.connect(self._changed)
        self.retranslate()
        # The code column holds an invoice number or a route ("2026-12-05 ABC-1201") whole.
        set_widths(self.table, (16, 10, 10, "0000-00-00 ABC-0000", 12, 18))

    def _columns(self) -> list[Column]:
        entities, actions = entity_names(), action_names()
        return [
            Column(self.tr("Time"), lambda r: i18n.local_time(r.at, seconds=True)),
            Column(self.tr("User"), lambda r: r.actor),
            Column(self.tr("Record"), lambda r: entities.get(r.entity, r.entity)),
            Column(self.tr("Code"), lambda r: r.entity_id),
            Column(self.tr("Action"), lambda r: actions.get(r.action, r.action)),
            Column(self.tr("Name"), lambda r: r.summary),
            Column(self.tr("Changes"), lambda r: "; ".join(change_lines(r.changes,
                                                                        self.ctx.money))),
        ]

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Audit log"))
        self.entity_label.setText(self.tr("&Record:"))
        self.text_label.setText(self.tr("&Search:"))
        self.text.setPlaceholderText(self.tr("user, name or changed value"))
        self.reload_button.setText(self.tr("Re&load"))
        self.details.setPlaceholderText(self.tr("Choose an entry to see all its changes."))
        chosen = self.entity.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        self.entity.addItem(self.tr("All"), None)
        for key, name in entity_names().items():
            self.entity.addItem(name, key)
        self.entity.setCurrentIndex(max(0, self.entity.findData(chosen)))
        self.entity.blockSignals(False)
        self.model.set_rows(self.model.rows, self._columns())
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._outdated:
            self.refresh()

    def _changed(self, _changes: Changes) -> None:
        # Everything is audited: any change is news here, loaded now or when next shown.
        self._outdated = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._outdated = False
        api = self.ctx.api
        entity, text = self.entity.currentData(), self.text.text().strip()
        tasks.run(self, lambda: api.audit.list(entity=entity, text=text, limit=LIMIT),
                  on_success=self._listed)

    def _listed(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)  # the chosen entry stays chosen, its details shown
        self._show_count()

    def _show_count(self) -> None:
        n = len(self.model.rows)
        self.count.setText(self.tr("The newest {limit} entries are shown; narrow the search to "
                                   "see older ones.").format(limit=LIMIT) if n >= LIMIT
                           else self.tr("Entries: {n}").format(n=n))

    def _row_chosen(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if not index.isValid():
            self.details.clear()
            return
        row = self.model.row(index.row())
        self.details.setPlainText("\n".join([row.summary,
                                             *change_lines(row.changes, self.ctx.money)]))
