"""Import customers or products from an .xlsx or .csv file: preview every row, then import.

The file is read on this workstation and sent as its bytes.  The preview lists each row
with what will happen to it (new or update) and every bad row with its line number,
column and reason; Import is possible only when no row is bad, and imports all rows or
none.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.services import imports
from core.services.imports import ImportResult, Preview
from desktop import dialogs, errors, tasks
from desktop.widgets.formkit import MessageLabel
from desktop.widgets.rows import RIGHT, Column, RowsModel, fit_columns, make_table, set_widths


class ImportDialog(QDialog):
    def __init__(self, ctx, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in imports.KINDS:
            raise ValueError(f"unknown import kind: {kind}")
        self.ctx = ctx
        self.kind = kind
        self.preview: Preview | None = None
        spec = imports.KINDS[kind]
        key = spec["required"][0]
        self.setWindowTitle(self.tr("Import customers") if kind == "customers"
                            else self.tr("Import products"))
        self.resize(1000, 640)

        explanation = QLabel(self.tr(
            "The first row of the file names the columns (.xlsx: the first sheet; .csv: UTF-8 "
            "or Big5).\nRequired columns: {required}\nOptional columns: {optional}\n"
            "A row whose {key} already exists updates that record; the others are added. "
            "Nothing is imported while any row is wrong.").format(
                required=", ".join(spec["required"]), optional=", ".join(spec["optional"]),
                key=key), self)
        explanation.setWordWrap(True)
        explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No file chosen"))
        file_label = QLabel(self.tr("File:"), self)
        file_label.setBuddy(self.path)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose_button)

        self.summary = MessageLabel(self)
        self.rows_model = RowsModel([], self)
        self.rows_table = make_table(self.rows_model, self)
        self.errors_model = RowsModel([
            Column(self.tr("Line"), lambda e: str(e.line), RIGHT),
            Column(self.tr("Column"), lambda e: e.column),
            Column(self.tr("Problem"), lambda e: errors.message(e.error)),
        ], self)
        self.errors_table = make_table(self.errors_model, self)
        set_widths(self.errors_table, (6, 16))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.rows_table, self.tr("Rows"))
        self.tabs.addTab(self.errors_table, self.tr("Problems"))

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(self.tr("&Import"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_file)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.choose_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        path = dialogs.open_file(self, self.tr("Choose the file to import"),
                                 self.tr("Spreadsheets (*.xlsx *.csv)"))
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        """Read and check the file (in the background) and show the preview."""
        self.preview = None
        self.path.setText(str(path))
        self.import_button.setEnabled(False)
        self.rows_model.set_rows([])
        self.errors_model.set_rows([])
        self.summary.clear()
        api, kind = self.ctx.api, self.kind
        # Another file chosen meanwhile supersedes this one's preview, or its error.
        tasks.run(self, lambda: api.imports.preview(kind=kind, file_name=Path(path).name,
                                                    content=imports.file_content(path)),
                  key="preview", on_success=self._show_preview, on_error=self.summary.on_error,
                  disable=self.choose_button)

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        key_column = imports.KINDS[self.kind]["required"][0]
        columns = [
            Column(self.tr("Line"), lambda r: str(r.line), RIGHT),
            Column(key_column, lambda r: r.key),
            Column(self.tr("Action"), lambda r: self.tr("update") if r.exists else self.tr("new")),
        ] + [Column(name, lambda r, name=name: r.values.get(name, ""))
             for name in preview.columns if name and name != key_column]
        self.rows_model.set_rows(preview.rows, columns)
        fit_columns(self.rows_table)
        self.errors_model.set_rows(preview.errors)
        self.tabs.setTabText(0, self.tr("Rows ({n})").format(n=len(preview.rows)))
        self.tabs.setTabText(1, self.tr("Problems ({n})").format(n=len(preview.errors)))
        if preview.ok:
            new = sum(not r.exists for r in preview.rows)
            self.summary.show_ok(self.tr("{n} rows are ready: {new} new, {update} to update.")
                                 .format(n=len(preview.rows), new=new,
                                         update=len(preview.rows) - new))
            self.tabs.setCurrentIndex(0)
        else:
            self.summary.show_error(self.tr(
                "Rows with problems: {n}. Correct the file and choose it again; nothing is "
                "imported until every row is right.").format(n=preview.bad_lines))
            self.tabs.setCurrentIndex(1)
        self.import_button.setEnabled(preview.ok)

    def import_file(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok or not self.import_button.isEnabled():
            return
        api = self.ctx.api
        tasks.run(self, lambda: api.imports.apply(preview=preview),
                  on_success=self._imported, on_error=self.summary.on_error,
                  disable=self.import_button)

    def _imported(self, result: ImportResult) -> None:
        self.import_button.setEnabled(False)  # this preview is done; choose the file again
        text = self.tr("Imported: {created} new, {updated} updated, {unchanged} unchanged.").format(
            created=result.created, updated=result.updated, unchanged=result.unchanged)
        self.summary.show_ok(text)
        dialogs.inform(self, self.windowTitle(), text)
