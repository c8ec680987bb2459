"""The Cylinders window: overdue, due within 30 days and all serial cylinders; a serial
scanned (typed, then Enter) finds its cylinder; "Add cylinder…" by keyboard, a refused
save keeping the form; "Re-tested…" moves the due date by the rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from core.services import cylinders, products
from core.services.cylinders import CylinderInput
from core.services.products import ProductInput
from desktop.windows import registry
from desktop.windows.cylinders import CylindersWindow
from tests.gui.records import actor, context, drive, settle, show, texts

TODAY = date.today()
CLERK = actor("clerk")


def size(engine, kg: int):
    return products.save(engine, actor("manager"), ProductInput(
        sku=f"LPG-{kg}", name_zh=f"液化石油氣 {kg}公斤", name_en=f"LPG {kg} kg",
        unit="cylinder", price=Decimal(900), price_from=TODAY - timedelta(days=30),
        weight_kg=Decimal(kg)))


def add(engine, serial: str, product, due: date, years: int = 6):
    return cylinders.register(engine, CLERK, CylinderInput(
        serial=serial, product_id=product.id, manufactured=cylinders.add_years(TODAY, -years),
        retest_due=due))


def stocked(engine):
    big = size(engine, 50)
    add(engine, "OVER1", big, TODAY - timedelta(days=3))
    add(engine, "SOON1", big, TODAY + timedelta(days=12))
    add(engine, "LATER1", big, TODAY + timedelta(days=300))
    return big


def open_window(qtbot, engine, *roles) -> CylindersWindow:
    return show(qtbot, CylindersWindow(context(engine, *roles or ("clerk",))))


def test_the_tabs_list_overdue_due_soon_and_all(qtbot, sqlite_engine):
    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)
    assert texts(window.models["overdue"], 0) == ["OVER1"]
    assert texts(window.models["due_soon"], 0) == ["SOON1"]
    assert texts(window.models["all"], 0) == ["LATER1", "OVER1", "SOON1"]
    assert texts(window.models["overdue"], 4) == ["3 days overdue"]
    assert [window.tabs.tabText(n) for n in range(3)] == [
        "Overdue (1)", "Due within 30 days (1)", "All (3)"]


def test_a_scanned_serial_finds_its_cylinder_and_an_unknown_one_says_so(qtbot, sqlite_engine):
    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)
    qtbot.keyClicks(window.find_box, "soon 1")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.tabs.currentIndex() == 1 and window.selected().serial == "SOON1"
    window.find_box.clear()
    qtbot.keyClicks(window.find_box, "NOPE9")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.status.text().startswith("No cylinder has the serial NOPE9.")


def test_a_cylinder_is_added_by_keyboard_and_a_refused_save_keeps_the_form(
        qtbot, sqlite_engine, monkeypatch):
    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)
    made = cylinders.add_years(TODAY, -2)

    def duplicate(dialog):
        qtbot.keyClicks(dialog.serial, "over1")
        qtbot.keyClicks(dialog.manufactured, made.isoformat())
        assert "next re-test " + cylinders.add_years(made, 4).isoformat() in \
            dialog.proposal.text()
        qtbot.keyClick(dialog.manufactured, Qt.Key.Key_Return)
        settle(qtbot)
        assert dialog.form.error_text("serial") == "Cylinder OVER1 is registered already."
        assert dialog.serial.text() == "over1" and dialog.isVisible()
        dialog.serial.clear()
        qtbot.keyClicks(dialog.serial, "new 7")
        qtbot.keyClick(dialog.serial, Qt.Key.Key_Return)

    opened = drive(qtbot, monkeypatch, duplicate)
    window.add()
    settle(qtbot)
    [dialog] = opened
    assert dialog.saved.serial == "NEW7"
    saved = cylinders.get(sqlite_engine, "NEW7")
    assert (saved.retest_due, saved.manufactured) == (cylinders.add_years(made, 4), made)
    assert "NEW7" in texts(window.models["all"], 0)
    assert window.status.text() == "Saved cylinder NEW7."


def test_a_bad_date_is_refused_under_its_field(qtbot, sqlite_engine, monkeypatch):
    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)

    def bad(dialog):
        qtbot.keyClicks(dialog.serial, "X1")
        qtbot.keyClicks(dialog.manufactured, "last spring")
        qtbot.keyClick(dialog.serial, Qt.Key.Key_Return)
        settle(qtbot)

    opened = drive(qtbot, monkeypatch, bad)
    window.add()
    settle(qtbot)
    [dialog] = opened
    assert dialog.saved is None
    assert dialog.form.error_text("manufactured").startswith("A date as YYYY-MM-DD")
    assert cylinders.get(sqlite_engine, "X1") is None


def test_re_tested_moves_the_due_date_by_the_rules(qtbot, sqlite_engine, monkeypatch):
    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)
    assert not window.retested_button.isEnabled()
    window.tables["overdue"].selectRow(0)
    assert window.retested_button.isEnabled() and window.correct_button.isEnabled()
    drive(qtbot, monkeypatch, lambda d: qtbot.keyClick(d.tested_on, Qt.Key.Key_Return))
    window.retested()
    settle(qtbot)
    # Six years old: a 50 kg steel cylinder is re-tested every 4 years.
    assert cylinders.get(sqlite_engine, "OVER1").retest_due == cylinders.add_years(TODAY, 4)
    assert texts(window.models["overdue"], 0) == []


def test_the_window_is_offered_to_clerks_dispatchers_and_managers():
    keys = lambda *roles: {e.key for e in registry.visible(actor(*roles))}
    assert all("cylinders" in keys(role) for role in ("clerk", "dispatcher", "manager"))


# --- Settings: the Cylinders group ---

def open_settings(qtbot, ctx):
    from desktop.windows.settings import SettingsWindow

    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window.cylinders_box


def test_an_administrator_turns_scanning_on_and_sets_the_inspection_interval(
        qtbot, make_ctx, sqlite_seeded):
    from core.services import settings

    ctx = make_ctx(sqlite_seeded["admin"])
    box = open_settings(qtbot, ctx)
    assert not box.scan_serials.isChecked() and box.inspection_months.text() == "24"
    box.scan_serials.setChecked(True)
    box.inspection_months.setText("0")
    qtbot.keyClick(box.inspection_months, Qt.Key.Key_Return)
    settle(qtbot)
    assert "whole number from 1 to 120" in box.form.error_text("inspection_months")
    assert box.inspection_months.text() == "0" and box.scan_serials.isChecked()
    box.inspection_months.setText("12")
    qtbot.keyClick(box.inspection_months, Qt.Key.Key_Return)
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert (company.scan_serials, company.inspection_months) == ("on", "12")
    assert box.message.text() == "The cylinder settings are saved."


def test_the_rules_table_is_edited_and_a_bad_row_is_refused_keeping_the_table(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    box = open_settings(qtbot, ctx)
    shipped = cylinders.retest_rules(ctx.engine)
    assert box.rules.rowCount() == len(shipped) == 9
    assert box.rules.item(0, 1).text() == "40" and box.rules.item(0, 3).text() == "4"
    box.add_rule.click()
    n = box.rules.rowCount() - 1
    for column, value in ((1, "10"), (2, "0"), (3, "0"), (4, "30")):
        box.rules.item(n, column).setText(value)
    box.save_rules.click()
    settle(qtbot)
    assert f"Rule {n + 1}: the interval (years) is a whole number from 1 to 50." in \
        box.rules_message.text()
    assert box.rules.rowCount() == n + 1 and box.rules.currentRow() == n
    assert box.rules.currentColumn() == 3
    box.rules.item(n, 3).setText("5")
    box.save_rules.click()
    settle(qtbot)
    assert box.rules_message.text() == "The re-test rules are saved."
    assert cylinders.RetestRuleView("steel", 10, 0, 5, 30) in cylinders.retest_rules(ctx.engine)


def test_others_see_the_rules_read_only(qtbot, make_ctx, sqlite_seeded):
    box = open_settings(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert box.rules.rowCount() == 9
    assert not box.save_rules.isVisible() and not box.save_button.isVisible()
    assert not box.scan_serials.isEnabled()


def test_a_file_is_imported_and_a_bad_one_lists_its_rows(qtbot, sqlite_engine, monkeypatch,
                                                          tmp_path):
    from desktop import dialogs

    stocked(sqlite_engine)
    window = open_window(qtbot, sqlite_engine)
    made = cylinders.add_years(TODAY, -1).isoformat()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"serial,sku,manufactured\nN1,LPG-50,{made}\nN2,LPG-99,{made}\n")
    good = tmp_path / "good.csv"
    good.write_text(f"serial,sku,manufactured\nN1,LPG-50,{made}\nOVER1,LPG-50,{made}\n")
    monkeypatch.setattr(dialogs, "open_file", lambda *_: str(bad))
    window.import_button.click()
    settle(qtbot)
    assert window.status.text().startswith("Nothing was imported")
    assert "Line 3: Choose the size" in window.status.text()
    monkeypatch.setattr(dialogs, "open_file", lambda *_: str(good))
    window.import_button.click()
    settle(qtbot)
    assert window.status.text() == (
        "Cylinders registered: 1; registered before (left as they were): 1.")
    assert "N1" in texts(window.models["all"], 0)
