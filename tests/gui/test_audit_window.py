"""The audit log lists who changed what, filtered by kind of record and by text."""

from core import changes
from core.services import settings
from desktop.windows.audit import AuditWindow, change_lines
from tests.gui import records
from tests.gui.records import settle


def open_window(qtbot, ctx) -> AuditWindow:
    window = AuditWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def test_entries_are_filtered_by_record_kind_and_text(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["manager"])
    settings.update_company(ctx.engine, sqlite_seeded["admin"].actor, name="Gas Co")
    window = open_window(qtbot, ctx)
    assert {r.entity for r in window.model.rows} == {"user", "setting"}
    window.entity.setCurrentIndex(window.entity.findData("setting"))
    settle(qtbot)
    assert [r.entity_id for r in window.model.rows] == ["company"]
    window.entity.setCurrentIndex(window.entity.findData(None))
    window.text.setText("dispatcher")
    qtbot.waitUntil(lambda: [r.entity_id for r in window.model.rows] == ["dispatcher"])


def test_a_chosen_entry_shows_every_change_on_its_own_line(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    window.table.setCurrentIndex(window.model.index(0, 0))
    newest = window.model.rows[0]  # the last seeded user
    assert window.details.toPlainText().splitlines() == [
        newest.summary, "full name: Dispatcher", "roles: Dispatcher"]


def test_changes_read_old_to_new():
    changes = {"active": [True, False], "name": ["", "Gas Co"], "roles": [None, ["x"]]}
    assert change_lines(changes) == ["active: yes → no", "name: — → Gas Co", "roles: x"]


def test_a_change_made_while_the_log_is_open_appears(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    before = len(window.model.rows)
    ctx.api.settings.update_company(changes={"name": "Gas Co"})  # its change set: no call
    settle(qtbot)
    assert len(window.model.rows) == before + 1 and window.model.rows[0].entity == "setting"


def test_another_workstations_change_appears_with_the_search_and_the_choice_kept(
        qtbot, make_ctx, sqlite_engine, sqlite_seeded):
    settings.update_company(sqlite_engine, sqlite_seeded["admin"].actor, name="Gas Co")
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    window.entity.setCurrentIndex(window.entity.findData("setting"))
    window.text.setText("Gas")
    qtbot.waitUntil(lambda: len(window.model.rows) == 1)
    window.table.setCurrentIndex(window.model.index(0, 0))
    chosen, shown = window.model.rows[0].id, window.details.toPlainText()
    assert "name: — → Gas Co" in shown.splitlines()
    other = records.context(sqlite_engine, "admin")
    with changes.collect() as got:
        other.api.settings.update_company(changes={"name": "Gas Co Ltd"})
    settle(qtbot)
    assert len(window.model.rows) == 1  # not before the change set arrives

    window.ctx.events.changed.emit(got.value)
    qtbot.waitUntil(lambda: len(window.model.rows) == 2)
    settle(qtbot)
    assert window.model.rows[window.table.currentIndex().row()].id == chosen
    assert window.details.toPlainText() == shown
    assert (window.entity.currentData(), window.text.text()) == ("setting", "Gas")


def test_record_types_actions_and_coded_values_read_in_the_users_language(qapp):
    from desktop import i18n
    from desktop.windows.audit import action_names, entity_names

    i18n.install("zh_TW")
    changes = {"status": ["scheduled", "partially_delivered"], "payment": [None, "account"],
               "credit_limit": ["5000", "8000"], "window_start": [None, 510],
               "price": ["2050", "2180", "from 2026-10-06"]}
    assert change_lines(changes) == [
        "信用額度: 5000 → 8000", "付款方式: 月結", "價格: 2050 → 2180 (自 2026-10-06 起)",
        "狀態: 已排車 → 部分送達", "可收貨起: 08:30"]
    assert entity_names()["invoice"] == "請款單" and action_names()["posted"] == "已開立"
    i18n.install("en")
    assert change_lines(changes)[2] == "price: 2050 → 2180 (from 2026-10-06)"
    assert change_lines({"language": [None, "zh_TW"], "method": [None, "transfer"]}) == [
        "document language: 繁體中文", "method: bank transfer"]


def test_amounts_read_as_money_and_a_customers_own_price_too():
    from core.money import format_money

    def money(amount):
        return format_money(amount, "TWD")

    assert change_lines({"credit_limit": ["5000", "12000"], "price LPG-20": [None, "760"],
                         "notes": ["", "1000"]}, money) == [
        "credit limit: NT$5,000 → NT$12,000", "notes: — → 1000", "price LPG-20: NT$760"]
