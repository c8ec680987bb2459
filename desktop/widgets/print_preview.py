"""Print preview, print and save for any PDF the core renders (quotes; invoices and route
sheets later).

``PrintPreviewDialog`` shows the PDF's pages (QtPdf's ``QPdfView``, the document
read from the bytes through a ``QBuffer``) with "Print…", "Save as PDF…" and
"Close".  ``print_pdf`` prints without a preview.  Printing asks Qt's print
dialog (through ``desktop.dialogs.run_dialog``, which tests replace) with the
printer chosen last time on this workstation preselected, then paints each page,
rendered at the printer's resolution, onto the printer; the printer chosen is
remembered in the local settings.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.config import LocalSettings
from desktop import dialogs, tasks
from desktop.widgets.records import shortcut

MAX_DPI = 300  # enough for text on paper; more only makes the print job larger


def load_pdf(pdf: bytes, parent) -> QPdfDocument:
    """A QPdfDocument read from ``pdf`` (its buffer lives as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    document._buffer = buffer  # keep the bytes alive with the document
    return document


def preselect(printer: QPrinter, local: LocalSettings) -> None:
    """The printer chosen last time on this workstation, when it is still there."""
    if local.printer and local.printer in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(local.printer)


def remember(printer: QPrinter, local: LocalSettings) -> None:
    """Keep the printer the user chose (a real one, not "print to file") for next time."""
    name = printer.printerName()
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and name \
            and name != local.printer:
        local.printer = name
        local.save()


def render_pages(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the document's pages (the range chosen in the print dialog) onto ``printer``,
    each scaled to the printable area; returns how many pages were printed."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, min(last, count)) if first > 0 and last > 0 else range(count)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(printer.printerName() or printer.outputFileName())
    dpi = min(printer.resolution(), MAX_DPI)
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(area.x(), area.y(), int(points.width() * scale),
                           int(points.height() * scale))
            image = document.render(page, QSize(int(points.width() * dpi / 72),
                                                int(points.height() * dpi / 72)))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)


def print_document(parent: QWidget | None, local: LocalSettings, document: QPdfDocument) -> bool:
    """Ask for the printer (the last one preselected) and print; False when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preselect(printer, local)
    printer.setDocName(document.metaData(QPdfDocument.MetaDataField.Title) or "Roundsman")
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(1, document.pageCount()))
    if dialogs.run_dialog(dialog) != QDialog.DialogCode.Accepted:
        return False
    try:
        render_pages(document, printer)
    except OSError:
        dialogs.warn(parent, QCoreApplication.translate("PrintPreviewDialog", "Cannot print"),
                     QCoreApplication.translate(
                         "PrintPreviewDialog", "The printer “{name}” could not be opened. Check "
                         "that it is switched on and connected, or choose another.").format(
                         name=printer.printerName() or printer.outputFileName()))
        return False
    remember(printer, local)
    return True


def print_pdf(parent: QWidget, local: LocalSettings, pdf: bytes) -> bool:
    """Print PDF bytes without a preview."""
    document = load_pdf(pdf, parent)
    try:
        return print_document(parent, local, document)
    finally:
        document.deleteLater()


def save_pdf(parent: QWidget, pdf: bytes, suggested: str, *, on_saved=None) -> None:
    """Ask where to save ``pdf`` and write it there (off the UI thread)."""
    path = dialogs.save_file(parent, QCoreApplication.translate("PrintPreviewDialog",
                                                                "Save as PDF"),
                             suggested, QCoreApplication.translate("PrintPreviewDialog",
                                                                   "PDF documents (*.pdf)"))
    if not path:
        return
    if not path.lower().endswith(".pdf"):
        path += ".pdf"

    def write() -> str:
        with open(path, "wb") as file:
            file.write(pdf)
        return path

    tasks.run(parent, write, on_success=on_saved)


class PrintPreviewDialog(QDialog):
    """The pages of a PDF, with Print…, Save as PDF… and Close."""

    def __init__(self, local: LocalSettings, pdf: bytes, *, title: str, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self.pdf = pdf
        self.file_name = file_name
        self.printed = False
        self.setWindowTitle(title)
        self.document = load_pdf(pdf, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.pages = QLabel(self.tr("{n} page(s)").format(n=self.page_count()), self)
        self.saved = QLabel(self)
        self.saved.setEnabled(False)

        self.buttons = QDialogButtonBox(self)
        self.print_button = self.buttons.addButton(self.tr("&Print…"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_)
        self.save_button = self.buttons.addButton(self.tr("&Save as PDF…"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save_as)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(
            self.reject)
        shortcut(QKeySequence.StandardKey.Print, self, self.print_)
        shortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._zoom(1.25))
        shortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._zoom(0.8))

        bottom = QHBoxLayout()
        bottom.addWidget(self.pages)
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.resize(760, 900)
        self.view.setFocus()

    def page_count(self) -> int:
        return self.document.pageCount()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(self.view.zoomFactor() * factor)

    def print_(self) -> None:
        if print_document(self, self.local, self.document):
            self.printed = True
            self.accept()

    def save_as(self) -> None:
        save_pdf(self, self.pdf, self.file_name, on_saved=lambda path: self.saved.setText(
            self.tr("Saved {path}").format(path=path)))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.print_()
            return
        super().keyPressEvent(event)
