"""Safety inspections on SQLite and PostgreSQL: the due list, visits planned like orders
(once per customer, once per request), the result recorded at the visit's confirmation,
a failed one stopping gas orders (a service visit still goes) until a manager clears it,
the printed record, and every db check holding."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta

import pypdf
import pytest

from core.errors import DomainError, PermissionDenied, ValidationError
from core.printing.inspection import inspection_pdf
from core.queries import order_form
from core.services import (audit, deliveries, dispatch, fleet, inspections, orders, quotes,
                           settings, standing)
from core.services.actor import SYSTEM
from core.services.inspections import ITEMS, GasStopped
from tests.integration.pdfs import unembedded_fonts
from tests.integration.shop import (failed_checks, line, make_customer, make_products,
                                    order_for)

TODAY = date.today()
DAY = TODAY + timedelta(days=1)
ALL_OK = [(k, True) for k in ITEMS]


@pytest.fixture
def shop(engine, seeded):
    settings.update_company(engine, seeded["admin"].actor, name="大台中瓦斯行",
                            depot_lat="24.16", depot_lon="120.63")
    return make_products(engine, seeded["manager"].actor)


@pytest.fixture
def people(engine, seeded, shop):
    manager = seeded["manager"].actor
    return {code: make_customer(engine, manager, code, 100_000, name=name)
            for code, name in (("C1", "好味道小吃店"), ("C2", "陳記麵館"), ("C3", "林家火鍋"))}


def set_next(engine, customer_id: int, day: date | None) -> None:
    inspections.set_next(engine, SYSTEM, customer_ids=[customer_id], next_date=day)


def on_route(engine, seeded, order_ids: list[int], day: date = DAY) -> None:
    actor = seeded["dispatcher"].actor
    van = fleet.save_vehicle(engine, actor, plate=f"V-{uuid.uuid4().hex[:6]}", capacity=60)
    board = dispatch.move(engine, actor, order_id=order_ids[0], route_id=None,
                          vehicle_id=van.id)
    route = next(r.id for r in board.routes if r.vehicle_id == van.id)
    for order_id in order_ids[1:]:
        dispatch.move(engine, actor, order_id=order_id, route_id=route)
    dispatch.confirm(engine, actor, day=day)


def planned_visit(engine, seeded, customer) -> int:
    visit = inspections.plan(engine, seeded["clerk"].actor, day=DAY,
                             customer_ids=[customer.id], request_key=uuid.uuid4().hex).visits[0]
    on_route(engine, seeded, [visit.order_id])
    return visit.order_id


def failed(engine, seeded, customer, remarks="瓦斯管龜裂，須更換"):
    order_id = planned_visit(engine, seeded, customer)
    items = [(k, k != "hose") for k in ITEMS]
    return inspections.record(engine, seeded["clerk"].actor, order_id=order_id, result="fail",
                              items=items, remarks=remarks, inspector="王大明",
                              request_key=uuid.uuid4().hex)


def test_the_due_list_has_the_overdue_first_then_the_due_then_the_never_inspected(
        engine, seeded, people):
    set_next(engine, people["C1"].id, TODAY + timedelta(days=10))
    set_next(engine, people["C2"].id, TODAY - timedelta(days=40))
    set_next(engine, people["C3"].id, TODAY + timedelta(days=90))  # not due
    late = make_customer(engine, seeded["manager"].actor, "C4", 0, name="幸福早餐店")
    rows = inspections.due(engine, TODAY)
    assert [r.code for r in rows] == ["C2", "C1", "C4"]
    assert [r.days_overdue for r in rows] == [40, 0, 0]
    assert rows[2].next_inspection is None and rows[2].customer_id == late.id
    assert [r.code for r in inspections.due(engine, TODAY, within_days=0)] == ["C2", "C4"]
    assert [r.code for r in inspections.due(engine, TODAY, within_days=120)][:3] == \
        ["C2", "C1", "C3"]
    # Set by hand (a clerk; audited), e.g. from an inspection on paper.
    with pytest.raises(PermissionDenied):
        inspections.set_next(engine, seeded["dispatcher"].actor, customer_ids=[late.id],
                             next_date=TODAY + timedelta(days=700))
    assert inspections.set_next(engine, seeded["clerk"].actor, customer_ids=[late.id],
                                next_date=TODAY + timedelta(days=700)) == 1
    assert [r.code for r in inspections.due(engine, TODAY)] == ["C2", "C1"]
    entry = audit.list_entries(engine, seeded["manager"].actor, entity="customer",
                               entity_id="C4")[0]
    assert entry.changes == {"next_inspection": [None, str(TODAY + timedelta(days=700))]}


def test_planning_makes_a_visit_order_per_customer_once_per_request_and_per_customer(
        engine, seeded, people):
    clerk = seeded["clerk"].actor
    ids = [people["C1"].id, people["C2"].id]
    key = uuid.uuid4().hex
    first = inspections.plan(engine, clerk, day=DAY, customer_ids=ids, request_key=key)
    assert [v.customer_code for v in first.visits] == ["C1", "C2"] and first.already == ()
    order = orders.get(engine, first.visits[0].order_id)
    assert order.delivery_date == DAY and order.total == 0 and order.status == "confirmed"
    assert [(x.sku, x.unit, x.unit_price) for x in order.lines] == [("INSPECTION", "service", 0)]
    # The same request again: the same visits, nothing new.
    again = inspections.plan(engine, clerk, day=DAY, customer_ids=ids, request_key=key)
    assert again == first
    # Another request for the same customer: its open visit, none made.
    other = inspections.plan(engine, clerk, day=DAY + timedelta(days=1),
                             customer_ids=[people["C1"].id, people["C3"].id],
                             request_key=uuid.uuid4().hex)
    assert [v.customer_code for v in other.visits] == ["C3"]
    assert [v.order_id for v in other.already] == [first.visits[0].order_id]
    due = {r.code: r for r in inspections.due(engine, TODAY)}
    assert due["C1"].visit_day == DAY and due["C3"].visit_day == DAY + timedelta(days=1)
    assert len(inspections.visits(engine, TODAY, DAY + timedelta(days=7))) == 3
    # The visits go on the day's routes like any order.
    assert {o.order_id for o in dispatch.board(engine, day=DAY).unplanned} >= \
        {v.order_id for v in first.visits}
    with pytest.raises(ValidationError):
        inspections.plan(engine, clerk, day=TODAY - timedelta(days=1),
                         customer_ids=[people["C2"].id], request_key=uuid.uuid4().hex)
    assert failed_checks(engine) == {}


def test_a_pass_confirms_the_visit_and_sets_the_next_date_from_the_setting(
        engine, seeded, people):
    settings.update_company(engine, seeded["admin"].actor, inspection_months="12")
    order_id = planned_visit(engine, seeded, people["C1"])
    key = uuid.uuid4().hex
    done = inspections.record(engine, seeded["dispatcher"].actor, order_id=order_id,
                              result="pass", items=ALL_OK, remarks="", inspector="王大明",
                              request_key=key)
    assert done.result == "pass" and done.day == DAY
    assert done.next_date == inspections.add_months(DAY, 12)
    assert done.items == tuple(ALL_OK)
    assert orders.get(engine, order_id).status == "delivered"
    assert deliveries.for_order(engine, order_id).outcome == "delivered"
    assert inspections.record(engine, seeded["clerk"].actor, order_id=order_id,
                              result="pass", items=ALL_OK, inspector="王大明",
                              request_key=key) == done  # the same request: the same record
    with pytest.raises(DomainError, match="recorded already"):
        inspections.record(engine, seeded["clerk"].actor, order_id=order_id, result="pass",
                           items=ALL_OK, inspector="王大明", request_key=uuid.uuid4().hex)
    assert not any(r.customer_id == people["C1"].id for r in inspections.due(engine, TODAY))
    assert inspections.gas_stop(engine, people["C1"].id) is None
    assert failed_checks(engine) == {}


def test_a_result_is_refused_with_what_to_correct(engine, seeded, people):
    clerk = seeded["clerk"].actor
    order_id = inspections.plan(engine, clerk, day=DAY, customer_ids=[people["C1"].id],
                                request_key=uuid.uuid4().hex).visits[0].order_id
    with pytest.raises(DomainError, match="not on a confirmed route"):
        inspections.record(engine, clerk, order_id=order_id, result="pass", items=ALL_OK,
                           inspector="王大明", request_key=uuid.uuid4().hex)
    on_route(engine, seeded, [order_id])
    with pytest.raises(ValidationError) as refused:
        inspections.record(engine, clerk, order_id=order_id, result="pass",
                           items=[("hose", False)], remarks="", inspector="",
                           next_date=DAY, request_key=uuid.uuid4().hex)
    assert set(refused.value.field_errors) == {"result", "inspector"}
    with pytest.raises(ValidationError) as refused:
        inspections.record(engine, clerk, order_id=order_id, result="fail",
                           items=[("hose", False)], inspector="王大明",
                           request_key=uuid.uuid4().hex)
    assert set(refused.value.field_errors) == {"remarks"}
    with pytest.raises(ValidationError) as refused:
        inspections.record(engine, clerk, order_id=order_id, result="pass", items=ALL_OK,
                           inspector="王大明", next_date=DAY, request_key=uuid.uuid4().hex)
    assert set(refused.value.field_errors) == {"next_date"}
    assert orders.get(engine, order_id).status == "scheduled"  # nothing recorded


def test_a_failed_inspection_stops_gas_orders_with_the_reason_but_not_a_service_visit(
        engine, seeded, shop, people):
    clerk = seeded["clerk"].actor
    c = people["C1"]
    done = failed(engine, seeded, c)
    assert done.result == "fail" and ("hose", False) in done.items
    stop = inspections.gas_stop(engine, c.id)
    assert stop.inspection_id == done.id and stop.day == DAY
    with pytest.raises(GasStopped) as refused:
        orders.place(engine, clerk, order_for(c, line(shop.lpg20, 2), delivery_date=DAY))
    message = str(refused.value)
    assert "好味道小吃店" in message and DAY.isoformat() in message
    assert "瓦斯管龜裂，須更換" in message and "Inspections" in message
    # A service alone is taken; so is the next inspection visit.
    orders.place(engine, clerk, order_for(c, line(shop.inspect), delivery_date=DAY))
    again = inspections.plan(engine, clerk, day=DAY + timedelta(days=1), customer_ids=[c.id],
                             request_key=uuid.uuid4().hex)
    assert len(again.visits) == 1
    # Order entry shows the reason when the customer is picked.
    form = order_form.customer_form(engine, c.id, DAY)
    assert form.gas_stop is not None and str(form.gas_stop.refusal()) == message
    assert order_form.customer_form(engine, people["C2"].id, DAY).gas_stop is None
    # Changing an open order to gas is refused too.
    service = orders.place(engine, clerk, order_for(c, line(shop.inspect), delivery_date=DAY))
    with pytest.raises(GasStopped):
        orders.modify(engine, clerk, order_id=service.id, version=service.version,
                      data=order_for(c, line(shop.inspect), line(shop.lpg50)))
    assert failed_checks(engine) == {}


def test_standing_orders_and_quotes_meet_the_same_gas_stop(engine, seeded, shop, people):
    clerk = seeded["clerk"].actor
    c = people["C2"]
    failed(engine, seeded, c, remarks="調整器漏氣")
    so = standing.create(engine, clerk, standing.StandingInput(
        customer_id=c.id, schedule="weekdays", days=(1, 2, 3, 4, 5, 6, 7), start_date=DAY,
        lines=(standing.StandingLineInput(shop.lpg20.id, 1),)))
    result = standing.generate(engine, clerk, start=DAY + timedelta(days=1),
                               end=DAY + timedelta(days=1))
    assert (result.created, result.refused) == (0, 1)
    refused = [r for r in standing.refusals(engine) if r.standing_id == so.id]
    assert "調整器漏氣" in str(refused[0].reason)
    q = quotes.create(engine, clerk, quotes.QuoteInput(customer_id=c.id,
                                                       lines=(line(shop.lpg20, 1),)))
    sent = quotes.send(engine, clerk, quote_id=q.id, version=q.version)
    quotes.accept(engine, clerk, quote_id=q.id, version=sent.version)
    with pytest.raises(GasStopped):
        quotes.convert(engine, clerk, q.id, delivery_date=DAY)


def test_only_a_manager_clears_a_gas_stop_and_it_is_audited(engine, seeded, shop, people):
    c = people["C3"]
    done = failed(engine, seeded, c)
    with pytest.raises(PermissionDenied):
        inspections.clear(engine, seeded["clerk"].actor, customer_id=c.id, reason="修好了")
    with pytest.raises(ValidationError):
        inspections.clear(engine, seeded["manager"].actor, customer_id=c.id, reason=" ")
    assert [s.customer_id for s in inspections.gas_stops(engine)] == [c.id]
    stop = inspections.clear(engine, seeded["manager"].actor, customer_id=c.id,
                             reason="已更換瓦斯管並複檢")
    assert stop.inspection_id == done.id
    assert inspections.gas_stops(engine) == [] and inspections.gas_stop(engine, c.id) is None
    cleared = inspections.get(engine, done.id)
    assert cleared.cleared_by == "manager" and cleared.clear_reason == "已更換瓦斯管並複檢"
    orders.place(engine, seeded["clerk"].actor, order_for(c, line(shop.lpg20, 1),
                                                          delivery_date=DAY))
    actions = [e.action for e in audit.list_entries(engine, seeded["manager"].actor,
                                                    entity="customer", entity_id="C3")]
    assert actions[:2] == ["gas_stop_cleared", "inspection_failed"]
    with pytest.raises(DomainError, match="not stopped"):
        inspections.clear(engine, seeded["manager"].actor, customer_id=c.id, reason="again")
    assert failed_checks(engine) == {}


def test_the_record_prints_with_the_customer_items_result_and_signature_line(
        engine, seeded, people):
    done = failed(engine, seeded, people["C1"])
    pdf = inspection_pdf(engine, done.id)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("大台中瓦斯行", "好味道小吃店", "安全檢查紀錄", "王大明", "不合格",
                     "瓦斯管龜裂，須更換", DAY.isoformat(), done.next_date.isoformat(),
                     "客戶簽名"):
        assert expected in text, expected
    assert unembedded_fonts(pdf) == []
