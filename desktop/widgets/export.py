"""Export a list to Excel: the columns a table shows, every matching row.

``export(...)`` asks where to save (``dialogs.save_file``), then fetches the
rows (``fetch``: the window's own reads, through ``ctx.api``) and writes the
workbook off the UI thread, on this workstation: only rows cross the wire,
never a file.  Each column writes its raw value (``Column.value``; the text
shown when it has none):

* Decimal: money, written as a number in the currency's decimals;
* float: a share (0.85), written as a percentage;
* date and datetime: Excel dates (datetimes in this workstation's time);
* text: as text; text that a spreadsheet would run as a formula (starting
  with = + - @, or a tab or carriage return) is prefixed with ' so it stays text.

The writing itself is the core's (``core.services.exports``), shared with the
accountant's exports; openpyxl is imported only when a file is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.services import exports
from core.services.exports import neutralise, text_width  # noqa: F401 - neutralise: this API
from desktop import dialogs, tasks
from desktop.widgets.rows import Column


def write_xlsx(path: str | Path, title: str, columns: Sequence[Column], rows: Sequence[Any], *,
               currency: str) -> None:
    """Write ``rows`` as ``columns`` to an .xlsx file (core.services.exports.write_xlsx):
    each column's raw value, the columns as wide as the text the table shows."""
    widths = [max([text_width(c.title)] + [text_width(c.text(row)) for row in rows[:2000]])
              for c in columns]
    exports.write_xlsx(path, [c.title for c in columns],
                       [[c.raw(row) for c in columns] for row in rows], title=title,
                       currency=currency, widths=widths)


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
