"""The Cylinders group of the Settings window (the administrator's): whether serials are
scanned at loading, delivery and return; how often customers' installations are
inspected; and the table of re-test rules (Taiwan's 液化石油氣容器定期檢驗標準 as
shipped), which the core checks as a whole when it is saved.  Others see it read-only."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGroupBox,
                               QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.changes import Changes
from core.errors import ValidationError
from core.services.cylinders import MATERIAL_NAMES, RetestRuleInput, RetestRuleView
from desktop import errors, tasks
from desktop.widgets.formkit import MessageLabel, button_row
from desktop.widgets.records import RecordForm, save_failed
from desktop.windows.cylinders import material_name

NUMBERS = ("min_kg", "from_age", "interval_years", "life_years")


class CylinderSettingsBox(QGroupBox):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.admin = ctx.actor.can("admin")
        self.shown: tuple | None = None  # the fields as last loaded or saved
        self.rules_shown: list | None = None

        self.form = RecordForm()
        self.scan_serials = self.form.add_field("scan_serials", "", QCheckBox())
        self.inspection_months = self.form.add_field("inspection_months", "", QLineEdit())
        self.inspection_months.setMaximumWidth(70)
        self.form.save_requested.connect(self.save)
        self.message = MessageLabel()
        self.save_button = QPushButton(clicked=self.save)

        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.rules = QTableWidget(0, 5)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.rules.verticalHeader().setVisible(False)
        self.rules.setMinimumHeight(310)
        self.rules.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rules.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.rules_message = MessageLabel()
        self.add_rule = QPushButton(clicked=lambda: self._add_row(None))
        self.remove_rule = QPushButton(clicked=self._remove_row)
        self.save_rules = QPushButton(clicked=self.save_rules_table)
        layout = QVBoxLayout(self)
        for w in (self.form, self.message, button_row(self.save_button), self.rules_label,
                  self.rules, self.rules_message,
                  button_row(self.add_rule, self.remove_rule, self.save_rules)):
            layout.addWidget(w)
        self.form.set_read_only(not self.admin)
        for w in (self.save_button, self.add_rule, self.remove_rule, self.save_rules):
            w.setVisible(self.admin)
        if not self.admin:
            self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ctx.events.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Cylinders"))
        self.form.labels["scan_serials"].setText(self.tr("Scan serials:"))
        self.scan_serials.setText(self.tr("At loadin&g, delivery and return"))
        self.form.labels["inspection_months"].setText(self.tr("Inspection interval (months):"))
        self.inspection_months.setToolTip(self.tr("Months between safety inspections of a "
                                                  "customer's installation"))
        self.save_button.setText(self.tr("Save cylinder settings"))
        self.rules_label.setText(self.tr(
            "Re-test rules: a cylinder of the material and at least the size (kg), from the age "
            "(years), is re-tested every so many years; its service ends at the life (years). "
            "The largest size and age that fit apply.") if self.admin else self.tr(
            "Re-test rules (only an administrator can change them):"))
        self.rules.setHorizontalHeaderLabels([
            self.tr("Material"), self.tr("From kg"), self.tr("From age"), self.tr("Every"),
            self.tr("Life")])
        self.add_rule.setText(self.tr("Add rule"))
        self.remove_rule.setText(self.tr("Remove rule"))
        self.save_rules.setText(self.tr("Save re-test rules"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ---
    def refresh(self) -> None:
        api = self.ctx.api
        tasks.run(self, lambda: (api.settings.get_company(), api.cylinders.retest_rules()),
                  key="load", on_success=self._loaded)

    def _loaded(self, result) -> None:
        company, rules = result
        if self.shown is None or self._values() == self.shown:
            self.scan_serials.setChecked(company.scan_serials == "on")
            self.inspection_months.setText(company.inspection_months)
            self.shown = self._values()
        if self.rules_shown is None or self._rows() == self.rules_shown:
            self._show_rules(rules)

    def _changed(self, changes: Changes) -> None:
        if changes.touches("settings"):
            self.refresh()

    def _values(self) -> tuple:
        return self.scan_serials.isChecked(), self.inspection_months.text().strip()

    # --- the two settings ---
    def save(self) -> None:
        if not (self.admin and self.save_button.isEnabled()):
            return
        self.form.clear_errors()
        self.message.clear()
        scan, months = self._values()
        changes = {"scan_serials": "on" if scan else "", "inspection_months": months}
        api = self.ctx.api
        tasks.run(self, lambda: api.settings.update_company(changes=changes),
                  on_success=self._saved, disable=self.save_button,
                  on_error=lambda exc, details: save_failed(
                      self, self.form, exc, details, reload=self.refresh, stale_question=""))

    def _saved(self, company) -> None:
        self.ctx.company = company
        self.scan_serials.setChecked(company.scan_serials == "on")
        self.inspection_months.setText(company.inspection_months)
        self.shown = self._values()
        self.message.show_ok(self.tr("The cylinder settings are saved."))

    # --- the rules ---
    def _show_rules(self, rules: list[RetestRuleView]) -> None:
        self.rules.setRowCount(0)
        for r in rules:
            self._add_row(r)
        self.rules_shown = self._rows()

    def _add_row(self, rule: RetestRuleView | None) -> None:
        n = self.rules.rowCount()
        self.rules.insertRow(n)
        material = QComboBox()
        for key in MATERIAL_NAMES:
            material.addItem(material_name(key), key)
        material.setCurrentIndex(max(0, material.findData(rule.material if rule else "steel")))
        material.setEnabled(self.admin)
        self.rules.setCellWidget(n, 0, material)
        for column, name in enumerate(NUMBERS, start=1):
            self.rules.setItem(n, column, QTableWidgetItem(
                str(getattr(rule, name)) if rule else ""))
        if rule is None:
            self.rules.setCurrentCell(n, 1)
            self.rules.setFocus()

    def _remove_row(self) -> None:
        row = self.rules.currentRow()
        if row >= 0:
            self.rules.removeRow(row)

    def _rows(self) -> list[tuple]:
        out = []
        for n in range(self.rules.rowCount()):
            material = self.rules.cellWidget(n, 0).currentData()
            out.append((material, *((self.rules.item(n, c).text().strip()
                                     if self.rules.item(n, c) else "")
                                    for c in range(1, 5))))
        return out

    def save_rules_table(self) -> None:
        if not (self.admin and self.save_rules.isEnabled()):
            return
        self.rules_message.clear()
        rows = [RetestRuleInput(*row) for row in self._rows()]
        api = self.ctx.api
        tasks.run(self, lambda: api.cylinders.set_retest_rules(rows=rows),
                  on_success=self._rules_saved, on_error=self._rules_failed,
                  disable=self.save_rules)

    def _rules_saved(self, rules: list[RetestRuleView]) -> None:
        self.rules_shown = None
        self._show_rules(rules)
        self.rules_message.show_ok(self.tr("The re-test rules are saved."))

    def _rules_failed(self, exc: BaseException, details: str) -> None:
        """Every refusal listed; the first bad cell chosen; the table as typed."""
        if not isinstance(exc, ValidationError):
            errors.show(self, exc, details)
            return
        self.rules_message.show_error(errors.message(exc))
        for key in exc.field_errors:
            head, _, name = key.partition(".")
            if head.startswith("row") and head[3:].isdigit():
                column = NUMBERS.index(name) + 1 if name in NUMBERS else 0
                self.rules.setCurrentCell(int(head[3:]) - 1, column)
                self.rules.setFocus()
                break
