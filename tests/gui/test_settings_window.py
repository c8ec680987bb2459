"""Settings: company settings (administrator only, audited), the logo, the database, language."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from core import changes, db
from core.config import LocalSettings
from core.services import audit, settings
from core.services.actor import SYSTEM
from desktop import dialogs
from desktop.windows.audit import AuditWindow
from desktop.windows.connect import grouped
from desktop.windows.settings import SettingsWindow
from tests.gui.records import context, settle


def open_window(qtbot, ctx) -> SettingsWindow:
    window = SettingsWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


def test_saving_the_company_name_is_stored_and_appears_in_the_audit_log(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    seen = []
    ctx.events.changed.connect(seen.append)
    window.name.setText("大台中瓦斯行")
    window.tax_rate.setText("5.5")
    qtbot.keyClick(window.name, Qt.Key.Key_Return)
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert company.name == "大台中瓦斯行" and company.tax_rate == Decimal("0.0550")
    assert ctx.company == company and any(c.touches("settings") for c in seen)
    assert window.company_message.text() == "The company settings are saved."
    entry = audit.list_entries(ctx.engine, SYSTEM, entity="setting")[0]
    assert entry.actor == "admin" and entry.changes["name"] == ["", "大台中瓦斯行"]

    log = AuditWindow(ctx)
    qtbot.addWidget(log)
    log.show()
    settle(qtbot)
    first = log.model.rows[0]
    assert first.entity == "setting" and log.model.index(0, 2).data() == "Setting"
    assert "name: — → 大台中瓦斯行" in log.model.index(0, 6).data()


def test_a_bad_tax_rate_is_shown_under_its_field_and_nothing_is_saved(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.name.setText("Gas Co")
    window.tax_rate.setText("five")
    window.save_company.click()
    settle(qtbot)
    assert "percentage" in window.company_form.error_text("tax_rate")
    assert settings.get_company(ctx.engine).name == ""


def test_only_an_administrator_may_change_the_company(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert window.name.isReadOnly() and not window.currency.isEnabled()
    assert not window.save_company.isVisible() and window.company_note.isVisible()
    assert not window.save_database.isEnabled()
    assert window.language.isEnabled()


def test_a_chosen_logo_is_stored_and_shown(qtbot, make_ctx, sqlite_seeded, monkeypatch, tmp_path):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    picture = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("darkblue"))
    image.save(str(picture))
    monkeypatch.setattr(dialogs, "open_file", lambda *args: str(picture))
    window.choose_logo.click()
    settle(qtbot)
    assert settings.get_logo(ctx.engine) == ("image/png", picture.read_bytes())
    assert not window.logo.pixmap().isNull()
    window.remove_logo.click()
    settle(qtbot)
    assert settings.get_logo(ctx.engine) is None and window.logo.pixmap().isNull()


def test_the_office_server_is_saved_with_its_certificate_pinned_once_compared(
        qtbot, make_ctx, sqlite_seeded, answers, server_certificate):
    url, fingerprint = server_certificate
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    assert window.embedded.isChecked() and window.sqlite_file.text()
    window.central.setChecked(True)
    window.save_database.click()  # no address
    assert "https://HOST:PORT" in window.database_message.text()
    window.server.setText(url)
    answers.append(False)  # not the fingerprint the server printed: nothing is saved
    window.save_database.click()
    settle(qtbot)
    assert grouped(fingerprint) in dialogs.shown[-1][2]
    assert LocalSettings.load().server_url == ""
    answers.append(True)
    window.save_database.click()
    settle(qtbot)
    saved = LocalSettings.load()
    assert (saved.server_url, saved.server_fingerprint) == (url, fingerprint)
    assert "Start Roundsman again" in window.database_message.text()
    window.embedded.setChecked(True)  # and back to this computer's own database
    window.save_database.click()
    assert LocalSettings.load().server_url == ""


def test_the_language_is_switched_and_remembered(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["clerk"])
    window = open_window(qtbot, ctx)
    try:
        window.language.setCurrentIndex(window.language.findData("zh_TW"))
        assert ctx.language == "zh_TW" and LocalSettings.load().language == "zh_TW"
    finally:
        window.language.setCurrentIndex(window.language.findData("en"))
    assert LocalSettings.load().language == "en"


def test_a_manager_sets_the_clerks_price_tolerance_and_the_delivery_days(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    assert not window.save_company.isVisible() and window.save_rules.isVisible()
    window.tolerance.setText("15")
    window.weekdays[5].setChecked(False)  # no deliveries on Saturday
    window.save_rules.click()
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert company.price_tolerance == Decimal("0.1500") and company.working_days == "12345"
    assert window.rules_message.text() == "The order rules are saved."
    entry = audit.list_entries(ctx.engine, SYSTEM, entity="setting")[0]
    assert entry.actor == "manager" and entry.changes["working_days"] == ["123456", "12345"]


def test_a_bad_tolerance_is_shown_on_its_field_and_nothing_is_saved(
        qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    window.tolerance.setText("ten")
    window.save_rules.click()
    settle(qtbot)
    assert window.rules_form.error_text("price_tolerance").startswith("Enter a percentage")
    assert settings.get_company(window.ctx.engine).price_tolerance == Decimal("0.1000")


def test_a_clerk_sees_the_order_rules_but_cannot_change_them(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["clerk"]))
    assert not window.save_rules.isVisible()
    assert not window.weekdays[0].isEnabled() and window.tolerance.text() == "10"


def test_an_administrator_sets_the_depot_working_day_and_routing(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    assert (window.day_start.text(), window.day_end.text(), window.road_factor.text(),
            window.average_speed.text()) == ("08:00", "18:00", "1.3", "30")
    window.depot_lat.setText("24.1477")
    window.depot_lon.setText("120.6736")
    window.day_start.setText("07:30")
    window.routing_url.setText("http://osrm.local:5000/")
    window.road_factor.setText("1.4")
    qtbot.keyClick(window.average_speed, Qt.Key.Key_Return)
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert company.depot == (24.1477, 120.6736) and company.day_start == "07:30"
    assert company.routing_url == "http://osrm.local:5000"
    assert company.road_factor == Decimal("1.4") and ctx.company == company
    assert window.dispatch_message.text() == "The dispatch settings are saved."
    assert window.routing_url.text() == "http://osrm.local:5000"


def test_bad_dispatch_settings_are_shown_under_their_fields_and_kept(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.depot_lat.setText("124")
    window.day_end.setText("07:00")
    window.average_speed.setText("fast")
    window.save_dispatch.click()
    settle(qtbot)
    form = window.dispatch_form
    assert "from -90 to 90" in form.error_text("depot_lat")
    assert "end after it starts" in form.error_text("day_end")
    assert "from 5 to 120" in form.error_text("average_speed_kmh")
    assert (window.depot_lat.text(), window.day_end.text()) == ("124", "07:00")
    assert settings.get_company(ctx.engine).depot is None


def test_only_an_administrator_may_change_the_dispatch_settings(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert window.depot_lat.isReadOnly() and not window.save_dispatch.isVisible()
    assert window.dispatch_note.text() == "Only an administrator can change the dispatch settings."


def test_an_administrator_sets_the_bank_account_invoices_and_statements_print(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.name.setText("大台中瓦斯行")
    window.bank_name.setText("台中銀行")
    window.bank_branch.setText("西屯分行")
    window.bank_account_number.setText("012-34-567890")
    window.save_company.click()
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert (company.bank_name, company.bank_branch, company.bank_account_number,
            company.bank_account_name) == ("台中銀行", "西屯分行", "012-34-567890", "")
    assert window.company_message.text() == "The company settings are saved."
    # Opened again, the window shows what is stored.
    again = open_window(qtbot, ctx)
    assert again.bank_account_number.text() == "012-34-567890"
    assert again.bank_name.text() == "台中銀行"


def test_a_bad_account_number_is_shown_under_its_field_and_nothing_is_saved(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.name.setText("大台中瓦斯行")
    window.bank_name.setText("台中銀行")
    window.bank_account_number.setText("012-34-56789O")
    window.save_company.click()
    settle(qtbot)
    assert "account number" in window.company_form.error_text("bank_account_number")
    assert settings.get_company(ctx.engine).name == ""


def test_a_tolerance_the_core_refuses_is_shown_on_its_field(qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    window.tolerance.setText("95")
    window.save_rules.click()
    settle(qtbot)
    assert window.rules_form.error_text("price_tolerance").startswith("Enter a percentage")
    assert settings.get_company(window.ctx.engine).price_tolerance == Decimal("0.1000")


def test_another_workstations_settings_show_at_once_and_what_is_typed_stays(
        qtbot, make_ctx, sqlite_seeded, sqlite_engine):
    window = open_window(qtbot, make_ctx(sqlite_seeded["admin"]))
    window.name.setText("大台中瓦")  # half typed, not saved
    window.road_factor.setText("1.")
    window.currency.setCurrentIndex(window.currency.findData("USD"))
    other = context(sqlite_engine, "manager")  # another workstation
    with changes.collect() as got:
        other.api.settings.update_company(changes={"price_tolerance": "0.15",
                                                   "working_days": "12345",
                                                   "cylinder_rental": "50"})
    assert window.tolerance.text() == "10"  # not yet told
    window.ctx.events.changed.emit(got.value)
    settle(qtbot)
    assert window.tolerance.text() == "15" and not window.weekdays[5].isChecked()
    assert window.cylinder_rental.text() == "50" and window.ctx.company.cylinder_rental == 50
    assert (window.name.text(), window.road_factor.text()) == ("大台中瓦", "1.")
    assert window.currency.currentData() == "USD"


def test_saving_one_group_keeps_what_is_typed_in_another(qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["manager"])
    window = open_window(qtbot, ctx)
    window.cylinder_rental.setText("4")  # typing, not saved
    window.tolerance.setText("15")
    window.save_rules.click()
    settle(qtbot)  # the window reloads on its own save's change set too
    assert window.rules_message.text() == "The order rules are saved."
    assert window.tolerance.text() == "15" and window.cylinder_rental.text() == "4"
    assert settings.get_company(ctx.engine).cylinder_rental == 0
    window.save_billing.click()
    settle(qtbot)
    assert settings.get_company(ctx.engine).cylinder_rental == 4
    assert window.tolerance.text() == "15"


def test_connected_to_a_server_settings_has_no_backups_group_and_works(
        qtbot, sqlite_seeded, sqlite_engine):
    from core.api.proxy import Local
    from desktop.context import AppContext

    settings.update_company(sqlite_engine, SYSTEM, name="大台中瓦斯行")
    admin = sqlite_seeded["admin"].actor
    ctx = AppContext(actor=admin, local=LocalSettings(language="en"),
                     company=settings.get_company(sqlite_engine), database="office:8443",
                     api=Local(sqlite_engine, admin))  # no engine on this workstation
    ctx.api.changed = ctx.events.changed.emit
    window = open_window(qtbot, ctx)
    assert ctx.engine is None and window.backup_box.isHidden()
    assert window.name.text() == "大台中瓦斯行"
    window.tolerance.setText("12")
    window.save_rules.click()
    settle(qtbot)
    assert window.rules_message.text() == "The order rules are saved."
    assert settings.get_company(sqlite_engine).price_tolerance == Decimal("0.1200")


KEY = "0123456789ABCDEF0123456789ABCDEF"


def test_an_administrator_turns_uniform_invoices_on_with_the_key_and_the_turnkey_folder(
        qtbot, make_ctx, sqlite_seeded, monkeypatch, tmp_path):
    ctx = make_ctx(sqlite_seeded["admin"])
    settings.update_company(ctx.engine, SYSTEM, tax_id="12345675")
    window = open_window(qtbot, ctx)
    assert not window.uniform_invoices.isChecked()
    assert window.aes_key.echoMode() == window.aes_key.EchoMode.Password
    window.uniform_invoices.setChecked(True)
    window.aes_key.setText(KEY.lower())
    window.show_key.click()  # the key as typed, to compare it with the platform's
    assert window.aes_key.echoMode() == window.aes_key.EchoMode.Normal
    folder = tmp_path / "UpCast"
    monkeypatch.setattr(dialogs, "choose_folder", lambda *args: str(folder))
    window.choose_turnkey_folder.click()
    assert window.turnkey_folder.text() == str(folder)
    window.save_einvoice.click()
    settle(qtbot)
    company = settings.get_company(ctx.engine)
    assert (company.uniform_invoices, company.einvoice_aes_key, company.turnkey_folder) == (
        "on", KEY, str(folder))
    assert ctx.company == company
    assert window.einvoice_message.text() == "The uniform invoice settings are saved."
    assert window.aes_key.text() == KEY  # as stored: upper case
    again = open_window(qtbot, ctx)
    assert again.uniform_invoices.isChecked() and again.aes_key.text() == KEY
    assert again.turnkey_folder.text() == str(folder)


def test_a_bad_key_is_refused_under_its_field_and_the_form_stays_filled(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    settings.update_company(ctx.engine, SYSTEM, tax_id="12345675")
    window = open_window(qtbot, ctx)
    window.uniform_invoices.setChecked(True)
    window.aes_key.setText("0123456789ABCDEF0123456789ABCDEG")  # G is no hex digit
    window.turnkey_folder.setText("UpCast")  # not a full path
    qtbot.keyClick(window.aes_key, Qt.Key.Key_Return)
    settle(qtbot)
    form = window.einvoice_form
    assert "32 hexadecimal digits" in form.error_text("einvoice_aes_key")
    assert "full path" in form.error_text("turnkey_folder")
    assert window.uniform_invoices.isChecked()
    assert (window.aes_key.text(), window.turnkey_folder.text()) == (
        "0123456789ABCDEF0123456789ABCDEG", "UpCast")
    assert window.einvoice_message.isHidden()
    company = settings.get_company(ctx.engine)
    assert (company.uniform_invoices, company.einvoice_aes_key) == ("", "")


def test_turning_them_on_without_a_key_or_the_companys_tax_id_is_refused(
        qtbot, make_ctx, sqlite_seeded):
    ctx = make_ctx(sqlite_seeded["admin"])
    window = open_window(qtbot, ctx)
    window.uniform_invoices.setChecked(True)
    window.save_einvoice.click()
    settle(qtbot)
    form = window.einvoice_form
    assert "QR code key" in form.error_text("einvoice_aes_key")
    assert "統一編號" in form.general.text() and form.general.isVisible()
    assert window.uniform_invoices.isChecked()
    assert settings.get_company(ctx.engine).uniform_invoices == ""


def test_only_an_administrator_may_change_the_uniform_invoice_settings(
        qtbot, make_ctx, sqlite_seeded):
    window = open_window(qtbot, make_ctx(sqlite_seeded["manager"]))
    assert not window.uniform_invoices.isEnabled() and window.aes_key.isReadOnly()
    assert not window.save_einvoice.isVisible() and not window.show_key.isVisible()
    assert window.einvoice_note.text() == (
        "Only an administrator can change the uniform invoice settings.")
