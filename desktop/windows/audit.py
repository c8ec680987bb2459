"""The audit log (manager): who changed what, when, old → new."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from core.services import audit
from core.services.audit import AuditRow
from desktop import i18n, tasks
from desktop.widgets.rows import Column, RowsModel, make_table, set_widths

LIMIT = 500


def entity_names() -> dict[str, str]:
    return {
        "customer": QCoreApplication.translate("AuditWindow", "Customer"),
        "product": QCoreApplication.translate("AuditWindow", "Product"),
        "user": QCoreApplication.translate("AuditWindow", "User"),
        "setting": QCoreApplication.translate("AuditWindow", "Setting"),
    }


def action_names() -> dict[str, str]:
    return {
        "created": QCoreApplication.translate("AuditWindow", "created"),
        "updated": QCoreApplication.translate("AuditWindow", "changed"),
        "removed": QCoreApplication.translate("AuditWindow", "removed"),
        "activated": QCoreApplication.translate("AuditWindow", "activated"),
        "deactivated": QCoreApplication.translate("AuditWindow", "deactivated"),
        "password_changed": QCoreApplication.translate("AuditWindow", "password changed"),
        "password_reset": QCoreApplication.translate("AuditWindow", "password reset"),
        "price_set": QCoreApplication.translate("AuditWindow", "own price"),
    }


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
    "sku": QT_TRANSLATE_NOOP("AuditField", "SKU"),
    "name_zh": QT_TRANSLATE_NOOP("AuditField", "Chinese name"),
    "name_en": QT_TRANSLATE_NOOP("AuditField", "English name"),
    "unit": QT_TRANSLATE_NOOP("AuditField", "unit"),
    "price": QT_TRANSLATE_NOOP("AuditField", "price"),
    "tax_rate": QT_TRANSLATE_NOOP("AuditField", "tax rate"),
    "deposit": QT_TRANSLATE_NOOP("AuditField", "deposit"),
    "roles": QT_TRANSLATE_NOOP("AuditField", "roles"),
    "full_name": QT_TRANSLATE_NOOP("AuditField", "full name"),
    "tax_id": QT_TRANSLATE_NOOP("AuditField", "tax ID"),
    "currency": QT_TRANSLATE_NOOP("AuditField", "currency"),
    "logo": QT_TRANSLATE_NOOP("AuditField", "logo"),
}


def value_text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return (QCoreApplication.translate("AuditWindow", "yes") if value
                else QCoreApplication.translate("AuditWindow", "no"))
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) or "—"
    return str(value)


def change_lines(changes: dict) -> list[str]:
    """{"name": ["Old", "New"]} -> ["name: Old → New"]; [None, "New"] -> "name: New"."""
    lines = []
    for field, pair in sorted(changes.items()):
        old, new = pair[:2] if isinstance(pair, list) and len(pair) >= 2 else (None, pair)
        if field.startswith("price ") and field not in FIELD_NAMES:  # a customer's own price
            label = QCoreApplication.translate("AuditField", FIELD_NAMES["price"]) + field[5:]
        else:
            label = QCoreApplication.translate("AuditField", FIELD_NAMES[field]) \
                if field in FIELD_NAMES else field
        lines.append(f"{label}: {value_text(new)}" if old is None
                     else f"{label}: {value_text(old)} → {value_text(new)}")
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
        set_widths(self.table, (16, 14, 7, 8, 9, 34))

    def _columns(self) -> list[Column]:
        entities, actions = entity_names(), action_names()
        return [
            Column(self.tr("Time"), lambda r: i18n.local_time(r.at, seconds=True)),
            Column(self.tr("User"), lambda r: r.actor),
            Column(self.tr("Record"), lambda r: entities.get(r.entity, r.entity)),
            Column(self.tr("Code"), lambda r: r.entity_id),
            Column(self.tr("Action"), lambda r: actions.get(r.action, r.action)),
            Column(self.tr("Name"), lambda r: r.summary),
            Column(self.tr("Changes"), lambda r: "; ".join(change_lines(r.changes))),
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

    def _changed(self, _what: set[str], _source=None) -> None:
        # Everything is audited: any change is news here, loaded now or when next shown.
        self._outdated = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._outdated = False
        engine, actor = self.ctx.engine, self.ctx.actor
        entity, text = self.entity.currentData(), self.text.text().strip()
        tasks.run(self, lambda: audit.list_entries(engine, actor, entity=entity, text=text,
                                                   limit=LIMIT),
                  on_success=self._listed)

    def _listed(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self.details.clear()
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
        self.details.setPlainText("\n".join([row.summary, *change_lines(row.changes)]))
