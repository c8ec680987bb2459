"""The importer passes the dispatch columns through: customers' delivery hours and service
time, products' weight."""

from __future__ import annotations

from decimal import Decimal

from core.services import customers, imports, products

CUSTOMERS = ("code,name,phone,address,area,credit_limit,delivery_from,delivery_until,"
             "service_minutes\n"
             "A001,王大明,0912345678,台中市西區民生路1號,西區,0,08:30,12:00,10\n"
             "A002,好味道小吃店,04-2323-5678,台中市北區三民路2號,北區,0,,,\n")


def test_customers_delivery_hours_and_service_time_are_imported_once(
        sqlite_engine, admin, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    preview = imports.preview(sqlite_engine, "customers", path)
    assert preview.ok, preview.errors
    assert imports.apply(sqlite_engine, admin, preview).created == 2
    a, b = (customers.get_by_code(sqlite_engine, code) for code in ("A001", "A002"))
    assert (a.delivery_from, a.delivery_until, a.service_minutes) == ("08:30", "12:00", 10)
    assert (b.delivery_from, b.delivery_until, b.service_minutes) == ("", "", 5)
    again = imports.apply(sqlite_engine, admin, imports.preview(sqlite_engine, "customers", path))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_bad_delivery_hours_are_named_with_their_line(sqlite_engine, tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS.replace("08:30,12:00,10", "13:00,12:00,999"), encoding="utf-8")
    preview = imports.preview(sqlite_engine, "customers", path)
    assert {(e.line, e.column) for e in preview.errors} == {
        (2, "delivery_until"), (2, "service_minutes")}


def test_a_products_weight_is_imported(sqlite_engine, admin, tmp_path):
    path = tmp_path / "products.csv"
    path.write_text("sku,name_zh,name_en,unit,price,weight_kg\n"
                    "LPG-20,液化石油氣 20公斤,LPG 20 kg,cylinder,900,36\n"
                    "SVC,安全檢查,Inspection,service,300,\n", encoding="utf-8")
    preview = imports.preview(sqlite_engine, "products", path)
    assert preview.ok, preview.errors
    imports.apply(sqlite_engine, admin, preview)
    weights = {p.sku: p.weight_kg for p in products.list_products(sqlite_engine)}
    assert weights == {"LPG-20": Decimal(36), "SVC": None}
