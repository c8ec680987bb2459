"""Company settings live in the database, shared by every workstation."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from core.db import make_engine, unit_of_work
from core.errors import PermissionDenied, ValidationError
from core.models import Setting
from core.services import audit, settings
from core.services.actor import SYSTEM
from core.services.settings import CompanySettings, parse_tax_percent


def test_a_new_database_has_taiwan_defaults(engine):
    company = settings.get_company(engine)
    assert company == CompanySettings()
    assert company.currency == "TWD"
    assert company.tax_rate == Decimal("0.0500")
    assert company.default_country == "TW"


def test_an_administrator_updates_the_company_and_every_workstation_sees_it(engine, db_url,
                                                                            admin):
    after = settings.update_company(engine, admin, name=" 大明瓦斯行 ", tax_id="12345678",
                                    tax_rate=Decimal("0.0600"))
    assert after.name == "大明瓦斯行"
    other = make_engine(db_url)
    try:
        seen = settings.get_company(other)
    finally:
        other.dispose()
    assert seen == after
    assert seen.tax_rate == Decimal("0.0600") and isinstance(seen.tax_rate, Decimal)


def test_a_settings_change_is_audited_with_old_and_new_values(engine, seeded):
    settings.update_company(engine, seeded["admin"].actor, name="大明瓦斯行", phone="04-1234")
    settings.update_company(engine, seeded["admin"].actor, name="大明瓦斯行")  # no change
    (entry,) = audit.list_entries(engine, SYSTEM, entity="setting")
    assert entry.actor == "admin" and entry.entity_id == "company"
    assert entry.changes == {"name": ["", "大明瓦斯行"], "phone": ["", "04-1234"]}


@pytest.mark.parametrize("role", ["manager", "clerk", "dispatcher"])
def test_only_an_administrator_may_change_company_settings(engine, seeded, role):
    with pytest.raises(PermissionDenied):
        settings.update_company(engine, seeded[role].actor, name="Mine")
    assert settings.get_company(engine).name == ""


def test_an_unsupported_currency_is_refused(engine, admin):
    with pytest.raises(ValidationError) as exc:
        settings.update_company(engine, admin, currency="XYZ")
    assert list(exc.value.field_errors) == ["currency"]
    assert settings.get_company(engine).currency == "TWD"


def test_the_company_name_cannot_be_blanked(engine, admin):
    with pytest.raises(ValidationError) as exc:
        settings.update_company(engine, admin, name="  ")
    assert list(exc.value.field_errors) == ["name"]


def test_an_unknown_setting_is_a_programming_error(engine, admin):
    with pytest.raises(TypeError):
        settings.update_company(engine, admin, colour="red")


def test_the_company_logo_is_stored_and_removed(engine, admin):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    settings.set_logo(engine, admin, mime="image/png", data=png)
    assert settings.get_logo(engine) == ("image/png", png)
    settings.set_logo(engine, admin, mime=None, data=None)
    assert settings.get_logo(engine) is None


def test_a_logo_that_is_not_a_picture_or_too_big_is_refused(engine, admin):
    with pytest.raises(ValidationError):
        settings.set_logo(engine, admin, mime="application/pdf", data=b"%PDF")
    with pytest.raises(ValidationError):
        settings.set_logo(engine, admin, mime="image/png", data=b"\x00" * 1_000_001)
    assert settings.get_logo(engine) is None


@pytest.mark.parametrize("typed, rate", [
    ("5", Decimal("0.0500")),
    ("5%", Decimal("0.0500")),
    (" 5 % ", Decimal("0.0500")),
    ("12.5", Decimal("0.1250")),
    ("0", Decimal("0.0000")),
    ("99.99", Decimal("0.9999")),
])
def test_a_tax_rate_is_read_from_a_typed_percentage(typed, rate):
    assert parse_tax_percent(typed) == rate


@pytest.mark.parametrize("typed", ["", "abc", "-1", "100", "5.001", "NaN", "Infinity"])
def test_a_tax_rate_outside_0_to_99_99_percent_is_refused(typed):
    with pytest.raises(ValidationError) as exc:
        parse_tax_percent(typed)
    assert list(exc.value.field_errors) == ["tax_rate"]


def test_the_bank_account_is_stored_field_by_field_and_audited(engine, seeded):
    after = settings.update_company(
        engine, seeded["admin"].actor, bank_name=" 台中銀行 ", bank_branch="西屯分行",
        bank_account_number="012-34-567890", bank_account_name="大台中瓦斯行有限公司")
    assert (after.bank_name, after.bank_branch, after.bank_account_number,
            after.bank_account_name) == ("台中銀行", "西屯分行", "012-34-567890",
                                         "大台中瓦斯行有限公司")
    assert settings.get_company(engine) == after
    (entry,) = audit.list_entries(engine, SYSTEM, entity="setting")
    assert entry.changes["bank_account_number"] == ["", "012-34-567890"]


@pytest.mark.parametrize("bank, field", [
    ({"bank_name": "台中銀行", "bank_account_number": "012-34-56789O"}, "bank_account_number"),
    ({"bank_name": "台中銀行", "bank_account_number": "1" * 21}, "bank_account_number"),
    ({"bank_name": "台中銀行", "bank_account_number": "-12-"}, "bank_account_number"),
    ({"bank_name": "", "bank_account_number": "012-34-567890"}, "bank_name"),
    ({"bank_name": "台中銀行", "bank_account_number": ""}, "bank_account_number"),
    ({"bank_branch": "西" * 81}, "bank_branch"),
])
def test_a_bad_account_number_or_an_account_without_its_bank_is_refused(engine, admin, bank,
                                                                        field):
    with pytest.raises(ValidationError) as exc:
        settings.update_company(engine, admin, **bank)
    assert list(exc.value.field_errors) == [field]
    assert settings.get_company(engine) == CompanySettings()


def test_the_old_one_line_bank_account_is_read_as_the_bank_and_kept_as_its_fields(engine,
                                                                                   admin):
    with unit_of_work(engine) as s:
        s.add(Setting(key="bank_account", value="台中銀行 西屯分行 012-34-567890"))
    company = settings.get_company(engine)
    assert (company.bank_name, company.bank_account_number) == ("台中銀行 西屯分行",
                                                                "012-34-567890")
    # The next save of any setting keeps it in the new fields; the old line goes.
    settings.update_company(engine, admin, name="大台中瓦斯行")
    with unit_of_work(engine, write=False) as s:
        rows = {r.key: r.value for r in s.scalars(select(Setting))}
    assert "bank_account" not in rows
    assert (rows["bank_name"], rows["bank_account_number"]) == ("台中銀行 西屯分行",
                                                                "012-34-567890")
    assert settings.get_company(engine).bank_account_number == "012-34-567890"


@pytest.mark.parametrize("text, fields", [
    ("台中銀行 西屯分行 012-34-567890", ("台中銀行 西屯分行", "012-34-567890")),
    ("012 3456 7890", ("", "012 3456 7890")),
    ("台中銀行：0123456789", ("台中銀行", "0123456789")),
    ("ask the office", ("ask the office", "")),
])
def test_an_old_bank_line_is_split_at_its_account_number(text, fields):
    bank = settings.legacy_bank(text)
    assert (bank.get("bank_name", ""), bank.get("bank_account_number", "")) == fields


@pytest.mark.parametrize("value", [Decimal("-0.5"), Decimal(2), Decimal("0.91"), -0.5, 2.0,
                                   2, -1, "2", "-0.5", "NaN", "abc", "", True,
                                   Decimal("0.12345"), float("inf")])
def test_the_price_tolerance_is_range_checked_whatever_type_it_comes_as(engine, seeded, value):
    with pytest.raises(ValidationError) as exc:
        settings.update_company(engine, seeded["manager"].actor, price_tolerance=value)
    assert list(exc.value.field_errors) == ["price_tolerance"]
    assert settings.get_company(engine).price_tolerance == Decimal("0.1000")


@pytest.mark.parametrize("value, stored", [(Decimal("0.15"), Decimal("0.1500")),
                                           ("0.15", Decimal("0.1500")), (0.15, Decimal("0.15")),
                                           (0, Decimal(0)), (Decimal("0.9"), Decimal("0.9"))])
def test_a_price_tolerance_in_range_is_stored_as_a_fraction(engine, seeded, value, stored):
    settings.update_company(engine, seeded["manager"].actor, price_tolerance=value)
    assert settings.get_company(engine).price_tolerance == stored


def test_the_backup_settings_are_stored_and_their_retention_read(engine, admin):
    after = settings.update_company(engine, admin, backup_folder=r"\\office-nas\backups",
                                    backup_time="19:30", backup_keep_daily="14",
                                    backup_keep_weekly="0", backup_keep_monthly="24")
    assert settings.get_company(engine) == after
    assert after.backup_folder == r"\\office-nas\backups" and after.backup_time == "19:30"
    assert (after.backup_retention.daily, after.backup_retention.weekly,
            after.backup_retention.monthly) == (14, 0, 24)


@pytest.mark.parametrize("field, value", [
    ("backup_folder", "backups"), ("backup_folder", "..\\backups"),
    ("backup_time", "24:00"), ("backup_time", "7"), ("backup_time", "19:5"),
    ("backup_keep_daily", "0"), ("backup_keep_daily", "-1"), ("backup_keep_weekly", "x"),
    ("backup_keep_monthly", "1000")])
def test_a_bad_backup_setting_is_refused_on_its_field(engine, admin, field, value):
    with pytest.raises(ValidationError) as refused:
        settings.update_company(engine, admin, **{field: value})
    assert set(refused.value.field_errors) == {field}
    assert settings.get_company(engine) == CompanySettings()


def test_only_an_administrator_chooses_where_backups_go(engine, seeded):
    with pytest.raises(PermissionDenied):
        settings.update_company(engine, seeded["manager"].actor, backup_folder="/srv/backups")
