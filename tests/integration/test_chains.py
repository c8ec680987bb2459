"""The ledger and the audit trail are chained by HMACs keyed outside the database: what
the owner's credential alone can do to them (edit, delete, cut off the end, rewind the
head) is found by ``db check --key``, which names the first broken row of each chain."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text

from core import chain, cli, demo
from core.db import unit_of_work
from core.models import AuditEntry, CashBookEntry, ChainHead, DriverEntry, LedgerEntry
from core.services import audit
from tests.integration.invoicing import make_shop, make_two_months


@pytest.fixture
def day(engine, seeded):
    """A normal day and more: orders, deliveries, invoices, a payment; the customer's id."""
    return make_two_months(engine, seeded, make_shop(engine, seeded))["customer"].id


def broken(engine, key=None) -> list[chain.Finding]:
    return [f for f in chain.verify(engine, key or chain.key()) if f.broken]


def rows_of(engine, model, *where) -> list:
    with unit_of_work(engine, write=False) as s:
        return s.scalars(select(model.id).where(*where).order_by(model.id)).all()


def owner(engine, *statements: str, **params) -> None:
    """What the database's owner can do with the credential alone."""
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def without_the_ledger_guard(engine, *statements: str, **params) -> None:
    """The owner drops the ledger's append-only trigger, as an attacker would, and puts it
    back afterwards."""
    if engine.dialect.name == "postgresql":
        owner(engine, "ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only",
              *statements, "ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only",
              **params)
    else:
        owner(engine, "DROP TRIGGER ledger_entry_no_delete", *statements, """
              CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
              BEGIN SELECT RAISE(ABORT, 'ledger rows are never changed or deleted'); END""",
              **params)


def test_every_row_of_a_normal_day_is_chained_and_verifies(engine, day):
    assert chain.verify(engine, chain.key()) == []
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(LedgerEntry.id).where(LedgerEntry.hmac.is_(None))) is None
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.hmac.is_(None))) is None
        heads = {h.name: (h.row_count, h.last_id) for h in s.scalars(select(ChainHead))}
    ledger = rows_of(engine, LedgerEntry, LedgerEntry.customer_id == day)
    assert heads[f"ledger:{day}"] == (len(ledger), ledger[-1])
    assert {"audit:order", "audit:invoice", "audit:payment", "audit:customer"} <= set(heads)


def test_the_demo_company_written_through_every_path_verifies(engine):
    demo.generate(engine, customers_count=12, days=10)
    assert chain.verify(engine, chain.key()) == []


def test_an_audit_row_edited_by_the_owner_is_named(engine, day):
    orders = rows_of(engine, AuditEntry, AuditEntry.entity == "order")
    edited = orders[1]
    owner(engine, "UPDATE audit_log SET summary = 'nobody' WHERE id = :id", id=edited)
    found = broken(engine)
    assert [(f.chain, f.row_id) for f in found] == [("audit:order", edited)]
    assert f"row {edited} does not fit" in str(found[0])


def test_a_ledger_row_deleted_by_the_owner_is_named(engine, day):
    ledger = rows_of(engine, LedgerEntry, LedgerEntry.customer_id == day)
    assert len(ledger) >= 3
    without_the_ledger_guard(engine, "DELETE FROM ledger_entry WHERE id = :id", id=ledger[1])
    found = broken(engine)
    # The row after the deleted one no longer fits; the chain's end is still the head's.
    assert [(f.chain, f.row_id) for f in found] == [(f"ledger:{day}", ledger[2])]


def test_the_last_rows_cut_off_the_end_are_found_with_the_head_left(engine, day):
    ledger = rows_of(engine, LedgerEntry, LedgerEntry.customer_id == day)
    without_the_ledger_guard(engine, "DELETE FROM ledger_entry WHERE id >= :id", id=ledger[-2])
    found = broken(engine)
    assert [(f.chain, f.row_id) for f in found] == [(f"ledger:{day}", ledger[-3])]
    assert "2 rows cut off the end" in found[0].text
    assert str(ledger[-1]) in found[0].text


def test_the_last_rows_cut_off_with_the_head_rewound_without_the_key_are_found(engine, day):
    ledger = rows_of(engine, LedgerEntry, LedgerEntry.customer_id == day)
    without_the_ledger_guard(engine, "DELETE FROM ledger_entry WHERE id >= :id", id=ledger[-2])
    owner(engine, """
        UPDATE chain_head SET last_id = :last, row_count = row_count - 2,
               last_hmac = (SELECT hmac FROM ledger_entry WHERE id = :last)
        WHERE name = :name""", last=ledger[-3], name=f"ledger:{day}")
    found = broken(engine)
    assert [(f.chain, f.row_id) for f in found] == [(f"ledger:{day}", ledger[-3])]
    assert "changed without the key" in found[0].text


def test_an_audit_row_added_around_the_server_is_named(engine, day):
    owner(engine, """
        INSERT INTO audit_log (at, actor, entity, entity_id, action, summary, changes)
        VALUES (:at, 'admin', 'order', 'SO-X', 'cancelled', '', '{}')""",
          at=datetime.now(timezone.utc).replace(tzinfo=None))
    found = broken(engine)
    added = rows_of(engine, AuditEntry, AuditEntry.entity == "order")[-1]
    assert [(f.chain, f.row_id) for f in found] == [("audit:order", added)]
    assert "has no HMAC" in found[0].text


def test_the_demo_cash_book_and_drivers_accounts_are_chained(engine):
    demo.generate(engine, customers_count=12, days=10)
    with unit_of_work(engine, write=False) as s:
        assert s.scalar(select(CashBookEntry.id).limit(1)) is not None
        assert s.scalar(select(CashBookEntry.id).where(CashBookEntry.hmac.is_(None))) is None
        assert s.scalar(select(DriverEntry.id).where(DriverEntry.hmac.is_(None))) is None
    assert chain.verify(engine, chain.key()) == []


def test_a_cash_book_row_added_around_the_server_is_named(engine, seeded):
    """The owner's credential may INSERT (the append-only triggers refuse only UPDATE and
    DELETE): a deposit made up to hide cash taken is found."""
    from core.services import cashup

    cashup.add_entry(engine, seeded["clerk"].actor, day=datetime.now().date(), kind="float",
                     amount=1000)
    owner(engine, """
        INSERT INTO cash_book_entry (day, kind, amount, reference, note, created_by, at)
        VALUES (:day, 'deposit', -100000, 'bank', '', 'clerk', :at)""",
          day=datetime.now().date(), at=datetime.now(timezone.utc).replace(tzinfo=None))
    found = broken(engine)
    added = rows_of(engine, CashBookEntry)[-1]
    assert [(f.chain, f.row_id) for f in found] == [("cash_book", added)]


def test_a_wrong_key_is_reported_as_such(engine, day):
    found = chain.verify(engine, os.urandom(32))
    assert len(found) == 1 and found[0].broken
    assert "key does not fit" in found[0].text


def test_rows_written_before_the_upgrade_are_where_the_chain_starts_not_tampering(
        engine, seeded):
    owner(engine, """
        INSERT INTO audit_log (at, actor, entity, entity_id, action, summary, changes)
        VALUES (:at, 'admin', 'product', 'OLD', 'created', '', '{}')""",
          at=datetime(2026, 1, 5, 9, tzinfo=timezone.utc).replace(tzinfo=None))
    before = rows_of(engine, AuditEntry, AuditEntry.entity == "product")
    with unit_of_work(engine) as s:
        audit.record(s, seeded["admin"].actor, "product", "NEW", "created")
    first = rows_of(engine, AuditEntry, AuditEntry.entity == "product")[-1]
    found = chain.verify(engine, chain.key())
    assert not [f for f in found if f.broken]
    notes = [f for f in found if f.chain == "audit:product"]
    assert len(notes) == 1 and notes[0].row_id == first
    assert f"not chained before row {first} ({len(before)} rows written before" in notes[0].text


def test_db_check_with_the_key_names_the_broken_row_and_fails(engine, db_url, day, capsys,
                                                              tmp_path):
    key_file = tmp_path / "server.key"
    key_file.write_text(chain.key().hex() + "\n")
    assert cli.main(["--db", db_url, "db", "check", "--key", str(key_file)]) == 0
    assert "chains of HMACs: 0 broken" in capsys.readouterr().out
    edited = rows_of(engine, AuditEntry, AuditEntry.entity == "invoice")[0]
    owner(engine, "UPDATE audit_log SET actor = 'someone' WHERE id = :id", id=edited)
    assert cli.main(["--db", db_url, "db", "check"]) == 0  # without the key: as before
    capsys.readouterr()
    assert cli.main(["--db", db_url, "db", "check", "--key", str(key_file)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  audit trail of invoice: row {edited} does not fit" in out
    assert cli.main(["--db", db_url, "db", "check", "--key", str(tmp_path / "none")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_the_heads_are_logged_for_the_server(engine, day, caplog):
    with caplog.at_level(logging.INFO, logger="roundsman.chain"):
        n = chain.log_heads(engine)
    assert n == len(caplog.records) > 0
    assert any(f"chain head ledger:{day}:" in r.getMessage() for r in caplog.records)


def test_the_key_file_is_made_once_readable_only_by_its_owner(tmp_path):
    path = tmp_path / "keys" / "ledger.key"
    try:
        made = chain.use_key_file(path)
        assert len(made) == 32 and path.stat().st_mode & 0o777 == 0o600
        assert chain.use_key_file(path) == made == chain.read_key(path)
        with pytest.raises(chain.KeyFileError):
            chain.use_key_file(tmp_path / "missing.key", create=False)
    finally:
        chain.use_key_file(chain.key_file())


def test_an_upgraded_database_chains_from_its_next_rows_and_the_ledger_stays_append_only(
        engine, seeded, day):
    from alembic import command

    from core import schema
    from core.services import payments

    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    schema.upgrade(engine)
    found = chain.verify(engine, chain.key())
    assert found and not [f for f in found if f.broken]
    assert any(str(f).startswith(f"ledger of customer {day}: not chained yet") for f in found)
    for statement in ("UPDATE ledger_entry SET amount = 0", "DELETE FROM ledger_entry"):
        with pytest.raises(Exception, match="never changed or deleted"), engine.begin() as c:
            c.execute(text(statement))

    payments.record_payment(engine, seeded["clerk"].actor, customer_id=day, method="cash",
                            amount=100)
    paid = rows_of(engine, LedgerEntry, LedgerEntry.customer_id == day)
    notes = [f for f in chain.verify(engine, chain.key()) if f.chain == f"ledger:{day}"]
    assert [(f.row_id, f.broken) for f in notes] == [(paid[-1], False)]
    assert f"not chained before row {paid[-1]} ({len(paid) - 1} rows" in notes[0].text
