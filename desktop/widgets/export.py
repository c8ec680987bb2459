"""Export a list to Excel: the columns a table shows, every matching row.

``export(...)`` asks where to save (``dialogs.save_file``), then fetches the
rows and writes the workbook off the UI thread.  Each column writes its raw
value (``Column.value``; the text shown when it has none):

* Decimal: money, written as a number in the currency's decimals;
* float: a share (0.85), written as a percentage;
* date and datetime: Excel dates (datetimes in this workstation's time);
* text: as text; text that a spreadsheet would run as a formula (starting
  with = + - @, or a tab or carriage return) is prefixed with ' so it stays text.

openpyxl is imported only when a file is written, so start-up does not pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.money import decimals
from desktop import dialogs, tasks
from desktop.widgets.rows import Column

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _width(text: str) -> int:
    """How many average characters ``text`` takes (CJK glyphs count as two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, bool):
        return str(value)
    return value


def write_xlsx(path: str | Path, title: str, columns: Sequence[Column], rows: Sequence[Any], *,
               currency: str) -> None:
    """Write ``rows`` as ``columns`` to an .xlsx file: a bold header, sized columns."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    places = decimals(currency)
    money_format = "#,##0" + ("." + "0" * places if places else "")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_SHEET_FORBIDDEN.sub(" ", title)[:31] or "Sheet1")
    table = [[_cell_value(c.raw(row)) for c in columns] for row in rows]
    for n, column in enumerate(columns, start=1):
        longest = max([_width(column.title)] + [_width(column.text(row)) for row in rows[:2000]])
        sheet.column_dimensions[get_column_letter(n)].width = min(max(longest + 2, 8), 60)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for values in table:
        line = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = money_format
            elif isinstance(value, float):
                cell.number_format = "0%"
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            line.append(cell)
        sheet.append(line)
    book.save(str(path))


def export(owner: QWidget, *, title: str, file_name: str, columns: Sequence[Column],
           fetch: Callable[[], Sequence[Any]], currency: str,
           button: QWidget | None = None) -> None:
    """Ask where to save, then fetch every row and write the workbook in a task."""
    path = dialogs.save_file(owner, QCoreApplication.translate("export", "Export to Excel"),
                             file_name,
                             QCoreApplication.translate("export", "Excel workbook (*.xlsx)"))
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    columns = list(columns)

    def work() -> int:
        rows = list(fetch())
        write_xlsx(path, title, columns, rows, currency=currency)
        return len(rows)

    tasks.run(owner, work, disable=button, on_success=lambda n: dialogs.inform(
        owner, QCoreApplication.translate("export", "Exported"),
        QCoreApplication.translate("export", "{n} rows were written to {path}.").format(
            n=n, path=path)))
