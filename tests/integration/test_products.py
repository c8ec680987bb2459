"""Products and prices effective from a date: old orders keep old prices."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.errors import PermissionDenied, StaleRecord, ValidationError
from core.services import audit, products
from core.services.actor import SYSTEM
from core.services.products import ProductInput, price_on

JAN_2024 = date(2024, 1, 1)
JAN_2025 = date(2025, 1, 1)


def gas(**changes) -> ProductInput:
    data = dict(sku="lpg-20", name_zh="桶裝瓦斯 20公斤", name_en="LPG 20 kg", unit="cylinder",
                price="800", price_from=JAN_2024, deposit="1500")
    return ProductInput(**(data | changes))


def form(view, **changes) -> ProductInput:
    """The product form as shown (price blank: no new price) with some fields changed."""
    data = dict(sku=view.sku, name_zh=view.name_zh, name_en=view.name_en, unit=view.unit,
                tax_rate=view.tax_rate, deposit=view.deposit, active=view.active)
    return ProductInput(**(data | changes))


def test_a_manager_creates_a_product_with_its_first_price(engine, seeded):
    p = products.save(engine, seeded["manager"].actor, gas())
    assert p.sku == "LPG-20"
    assert p.price == Decimal(800)
    assert p.deposit == Decimal(1500)
    assert p.prices == (products.PriceView(JAN_2024, Decimal(800)),)
    assert p.tax_rate is None  # the company's rate applies
    assert p.name("en") == "LPG 20 kg" and p.name("zh_TW") == "桶裝瓦斯 20公斤"
    assert products.get(engine, p.id) == p


def test_a_new_product_needs_a_price(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        products.save(engine, seeded["manager"].actor, gas(price=None))
    assert list(exc.value.field_errors) == ["price"]


def test_a_clerk_may_not_edit_products(engine, seeded):
    with pytest.raises(PermissionDenied):
        products.save(engine, seeded["clerk"].actor, gas())
    assert products.list_products(engine) == []


def test_a_new_price_from_a_date_leaves_the_old_price_on_older_dates(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    p2 = products.save(engine, manager, form(p, price="850", price_from=JAN_2025),
                       product_id=p.id, version=p.version)

    prices = products.get(engine, p.id).prices
    assert [(x.effective_from, x.price) for x in prices] == [(JAN_2024, Decimal(800)),
                                                             (JAN_2025, Decimal(850))]
    assert price_on(prices, date(2023, 12, 31)) is None
    assert price_on(prices, JAN_2024) == Decimal(800)
    assert price_on(prices, date(2024, 12, 31)) == Decimal(800)
    assert price_on(prices, JAN_2025) == Decimal(850)
    assert price_on(prices, date(2030, 1, 1)) == Decimal(850)
    assert p2.price == Decimal(850)  # today is after 2025-01-01


def test_a_future_price_is_not_today_s_price(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    later = date.today() + timedelta(days=30)
    p2 = products.save(engine, manager, form(p, price="900", price_from=later),
                       product_id=p.id, version=p.version)
    assert p2.price == Decimal(800)
    assert price_on(p2.prices, later) == Decimal(900)


def test_a_second_price_on_the_same_date_replaces_the_first(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    p2 = products.save(engine, manager, form(p, price="820", price_from=JAN_2024),
                       product_id=p.id, version=p.version)
    assert p2.prices == (products.PriceView(JAN_2024, Decimal(820)),)


def test_a_price_change_is_audited_with_its_date(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    products.save(engine, manager, form(p, price="850", price_from=JAN_2025),
                  product_id=p.id, version=p.version)
    entry = audit.list_entries(engine, SYSTEM, entity="product", entity_id="LPG-20")[0]
    assert entry.action == "updated" and entry.actor == "manager"
    old, new, when = entry.changes["price"]
    assert (Decimal(old), Decimal(new)) == (800, 850)
    assert "2025-01-01" in when


def test_a_price_change_audits_only_the_price(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    products.save(engine, manager, form(p, price="850", price_from=JAN_2025),
                  product_id=p.id, version=p.version)
    entry = audit.list_entries(engine, SYSTEM, entity="product", entity_id="LPG-20")[0]
    assert list(entry.changes) == ["price"]


@pytest.mark.parametrize("typed, rate", [
    ("5", Decimal("0.0500")),
    ("5%", Decimal("0.0500")),
    (" 12.5 % ", Decimal("0.1250")),
    ("0", Decimal("0.0000")),
])
def test_a_product_tax_rate_is_typed_as_a_percentage(engine, seeded, typed, rate):
    p = products.save(engine, seeded["manager"].actor, gas(tax_rate=typed))
    assert p.tax_rate == rate
    assert products.get(engine, p.id).tax_rate == rate


@pytest.mark.parametrize("typed", ["abc", "-1", "100", "5.001"])
def test_a_tax_rate_that_is_not_a_percentage_is_refused(engine, seeded, typed):
    with pytest.raises(ValidationError) as exc:
        products.save(engine, seeded["manager"].actor, gas(tax_rate=typed))
    assert list(exc.value.field_errors) == ["tax_rate"]


def test_a_price_with_decimals_is_refused_in_taiwan_dollars(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        products.save(engine, seeded["manager"].actor, gas(price="799.5"))
    assert list(exc.value.field_errors) == ["price"]


def test_every_bad_field_of_a_product_is_reported_at_once(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        products.save(engine, seeded["manager"].actor,
                      gas(sku="no spaces", name_zh=" ", unit="barrel", deposit="-1"))
    assert set(exc.value.field_errors) == {"sku", "name_zh", "unit", "deposit"}


def test_a_sku_belongs_to_one_product_only(engine, seeded):
    manager = seeded["manager"].actor
    products.save(engine, manager, gas())
    with pytest.raises(ValidationError) as exc:
        products.save(engine, manager, gas(name_zh="另一個"))
    assert list(exc.value.field_errors) == ["sku"]
    assert len(products.list_products(engine)) == 1


def test_a_save_from_a_stale_version_is_refused_and_the_first_save_is_kept(engine, seeded):
    manager, admin = seeded["manager"].actor, seeded["admin"].actor
    p = products.save(engine, manager, gas())
    products.save(engine, manager, form(p, name_en="LPG 20kg cylinder"), product_id=p.id,
                  version=p.version)
    with pytest.raises(StaleRecord):
        products.save(engine, admin, form(p, name_en="Gas"), product_id=p.id,
                      version=p.version)
    assert products.get(engine, p.id).name_en == "LPG 20kg cylinder"


def test_a_price_only_change_also_makes_older_copies_stale(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    products.save(engine, manager, form(p, price="850", price_from=JAN_2025), product_id=p.id,
                  version=p.version)
    with pytest.raises(StaleRecord):
        products.save(engine, manager, form(p, name_en="Gas"), product_id=p.id,
                      version=p.version)


def test_saving_a_product_form_unchanged_keeps_its_version(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    again = products.save(engine, manager, form(p, price="800", price_from=JAN_2024,
                                                 deposit="1500"),
                          product_id=p.id, version=p.version)
    assert again.version == p.version
    assert len(audit.list_entries(engine, SYSTEM, entity="product")) == 1


def test_an_inactive_product_is_still_listed_when_asked(engine, seeded):
    manager = seeded["manager"].actor
    p = products.save(engine, manager, gas())
    products.save(engine, manager, form(p, active=False), product_id=p.id, version=p.version)
    assert products.list_products(engine, include_inactive=False) == []
    assert [x.sku for x in products.list_products(engine)] == ["LPG-20"]
