"""Customers: checked and normalised input, versioned edits, an audit trail."""

from decimal import Decimal

import pytest

from core.errors import NotFound, PermissionDenied, StaleRecord, ValidationError
from core.queries.customers import search
from core.services import audit, customers
from core.services.actor import SYSTEM
from core.services.customers import CustomerInput


def new(engine, actor, **fields):
    fields.setdefault("name", "王大明")
    return customers.save(engine, actor, CustomerInput(**fields))


def edit(view, **changes):
    """The form as a user would submit it after changing some fields."""
    data = {f: getattr(view, f) for f in CustomerInput.__dataclass_fields__}
    data["credit_limit"] = None
    return CustomerInput(**(data | changes))


@pytest.mark.parametrize("typed, e164, shown", [
    ("0912-345-678", "+886912345678", "0912 345 678"),
    ("0912 345 678", "+886912345678", "0912 345 678"),
    ("(04) 2345-6789", "+886423456789", "04 2345 6789"),
    ("+886 2 2345 6789", "+886223456789", "02 2345 6789"),
    ("+1 650-253-0000", "+16502530000", "+1 650-253-0000"),
])
def test_a_phone_number_is_stored_in_international_form(engine, seeded, typed, e164, shown):
    c = new(engine, seeded["clerk"].actor, phone=typed)
    assert c.phone == e164
    assert c.phone_display == shown
    assert customers.get(engine, c.id).phone == e164


@pytest.mark.parametrize("typed", ["12345", "0912-345", "phone", "+886 0000"])
def test_an_invalid_phone_number_is_refused_on_the_phone_field(engine, seeded, typed):
    with pytest.raises(ValidationError) as exc:
        new(engine, seeded["clerk"].actor, phone=typed)
    assert list(exc.value.field_errors) == ["phone"]
    assert typed in str(exc.value)
    assert search(engine, "") == []


def test_a_customer_without_a_phone_number_is_allowed(engine, seeded):
    assert new(engine, seeded["clerk"].actor, phone="").phone == ""


def test_a_new_customer_gets_a_code_and_version_one(engine, seeded):
    c = new(engine, seeded["clerk"].actor, name="  王   大明 ", area="西屯區")
    assert c.code == "C000001"
    assert c.name == "王 大明"
    assert c.version == 1 and c.active
    assert c.credit_limit == Decimal(0)
    assert customers.get_by_code(engine, "c000001").id == c.id


def test_every_bad_field_is_reported_at_once(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        customers.save(engine, seeded["clerk"].actor, CustomerInput(
            name=" ", code="no spaces!", phone="123", lat=95, payment_terms_days="x",
            language="fr"))
    assert set(exc.value.field_errors) == {"name", "code", "phone", "lat",
                                           "payment_terms_days", "language"}


def test_a_code_belongs_to_one_customer_only(engine, seeded):
    clerk = seeded["clerk"].actor
    first = new(engine, clerk, code="gas-01")
    assert first.code == "GAS-01"
    with pytest.raises(ValidationError) as exc:
        new(engine, clerk, name="李小華", code="GAS-01")
    assert list(exc.value.field_errors) == ["code"]
    second = new(engine, clerk, name="李小華", code="GAS-02")
    with pytest.raises(ValidationError):
        customers.save(engine, clerk, edit(second, code="gas-01"), customer_id=second.id,
                       version=second.version)
    assert customers.get(engine, second.id).code == "GAS-02"


def test_a_generated_code_skips_codes_already_taken(engine, seeded):
    clerk = seeded["clerk"].actor
    new(engine, clerk, code="C000002")
    assert new(engine, clerk, name="李小華").code == "C000003"


def test_a_clerk_may_not_set_a_credit_limit(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        new(engine, seeded["clerk"].actor, credit_limit="5000")
    assert list(exc.value.field_errors) == ["credit_limit"]
    assert search(engine, "") == []


def test_a_manager_sets_a_credit_limit(engine, seeded):
    c = new(engine, seeded["manager"].actor, credit_limit="50,000")
    assert c.credit_limit == Decimal(50000)
    assert customers.get(engine, c.id).credit_limit == Decimal(50000)


def test_a_credit_limit_with_decimals_is_refused_in_taiwan_dollars(engine, seeded):
    with pytest.raises(ValidationError) as exc:
        new(engine, seeded["manager"].actor, credit_limit="100.5")
    assert list(exc.value.field_errors) == ["credit_limit"]


def test_a_clerk_may_save_a_customer_whose_unchanged_limit_is_sent_back(engine, seeded):
    c = new(engine, seeded["manager"].actor, credit_limit="8000")
    saved = customers.save(engine, seeded["clerk"].actor,
                           edit(c, address="台中市西屯區文心路1號", credit_limit="8000"),
                           customer_id=c.id, version=c.version)
    assert saved.address == "台中市西屯區文心路1號" and saved.credit_limit == Decimal(8000)
    with pytest.raises(ValidationError):
        customers.save(engine, seeded["clerk"].actor, edit(saved, credit_limit="9000"),
                       customer_id=c.id, version=saved.version)
    assert customers.get(engine, c.id).credit_limit == Decimal(8000)


def test_a_dispatcher_may_not_edit_customers(engine, seeded):
    with pytest.raises(PermissionDenied):
        new(engine, seeded["dispatcher"].actor)


def test_an_edit_bumps_the_version(engine, seeded):
    clerk = seeded["clerk"].actor
    c = new(engine, clerk)
    saved = customers.save(engine, clerk, edit(c, name="王小明"), customer_id=c.id,
                           version=c.version)
    assert saved.version == c.version + 1
    assert customers.get(engine, c.id).name == "王小明"


def test_saving_without_changes_keeps_the_version(engine, seeded):
    clerk = seeded["clerk"].actor
    c = new(engine, clerk)
    again = customers.save(engine, clerk, edit(c), customer_id=c.id, version=c.version)
    assert again.version == c.version
    assert len(audit.list_entries(engine, SYSTEM, entity="customer")) == 1


def test_a_save_from_a_stale_version_is_refused_and_the_first_save_is_kept(engine, seeded):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c = new(engine, clerk, address="台中市北區")
    # two people opened version 1; the first one saves
    customers.save(engine, clerk, edit(c, address="台中市南區"), customer_id=c.id,
                   version=c.version)
    with pytest.raises(StaleRecord):
        customers.save(engine, manager, edit(c, address="台中市東區", name="別人"),
                       customer_id=c.id, version=c.version)
    kept = customers.get(engine, c.id)
    assert kept.address == "台中市南區" and kept.name == "王大明"
    assert kept.version == c.version + 1
    assert [e.action for e in audit.list_entries(engine, SYSTEM, entity="customer")] == [
        "updated", "created"]


def test_saving_a_customer_that_does_not_exist_says_so(engine, seeded):
    with pytest.raises(NotFound):
        customers.save(engine, seeded["clerk"].actor, CustomerInput(name="王大明"),
                       customer_id=999_999, version=1)


def test_a_deactivated_customer_is_kept_but_no_longer_listed(engine, seeded):
    clerk = seeded["clerk"].actor
    c = new(engine, clerk, phone="0912345678")
    off = customers.set_active(engine, clerk, customer_id=c.id, version=c.version, active=False)
    assert not off.active and off.version == c.version + 1
    assert off.phone == c.phone and off.name == c.name
    assert search(engine, "0912345678") == []
    assert [r.id for r in search(engine, "0912345678", include_inactive=True)] == [c.id]
    assert audit.list_entries(engine, SYSTEM, entity="customer")[0].action == "deactivated"
    on = customers.set_active(engine, clerk, customer_id=c.id, version=off.version, active=True)
    assert on.active
    assert audit.list_entries(engine, SYSTEM, entity="customer")[0].action == "activated"


def test_deactivating_from_a_stale_version_is_refused(engine, seeded):
    clerk = seeded["clerk"].actor
    c = new(engine, clerk)
    customers.save(engine, clerk, edit(c, name="王小明"), customer_id=c.id, version=c.version)
    with pytest.raises(StaleRecord):
        customers.set_active(engine, clerk, customer_id=c.id, version=c.version, active=False)
    assert customers.get(engine, c.id).active


def test_every_change_is_audited_with_old_and_new_values(engine, seeded):
    clerk, manager = seeded["clerk"].actor, seeded["manager"].actor
    c = new(engine, clerk, code="K7", phone="0912345678")
    c2 = customers.save(engine, clerk, edit(c, name="王小明", phone="04 2345 6789"),
                        customer_id=c.id, version=c.version)
    customers.save(engine, manager, edit(c2, credit_limit="3000"), customer_id=c.id,
                   version=c2.version)

    limit, rename, created = audit.list_entries(engine, SYSTEM, entity="customer", entity_id="K7")
    assert created.action == "created" and created.actor == "clerk"
    assert created.changes["name"] == [None, "王大明"]
    assert rename.action == "updated" and rename.actor == "clerk"
    assert rename.changes == {"name": ["王大明", "王小明"],
                              "phone": ["+886912345678", "+886423456789"]}
    assert limit.actor == "manager"
    assert list(limit.changes) == ["credit_limit"]
    old, new_limit = limit.changes["credit_limit"]
    assert (Decimal(old), Decimal(new_limit)) == (0, 3000)
    assert "王小明" in rename.summary


def test_a_nul_character_typed_or_pasted_into_a_name_never_reaches_the_database(engine, seeded):
    try:
        c = new(engine, seeded["clerk"].actor, name="王\x00大明", address="中正路\x001號")
    except ValidationError as exc:
        assert set(exc.value.field_errors) <= {"name", "address"}
    else:
        assert "\x00" not in c.name + c.address
