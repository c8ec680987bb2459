"""Uniform invoices (統一發票): the number ranges the tax office allots, the invoices
issued from them, the allowances that reduce them, and the messages for the Ministry's
Turnkey (an outbox: a row per message, written to a file once)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (CheckConstraint, Date, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from core.models.base import Base, Key, Money, UTCDateTime, one_of, utcnow

UNIFORM_INVOICE_STATES = ("issued", "void")
# A business's allowance waits for the buyer's confirmation before it is reported.
ALLOWANCE_STATES = ("issued", "confirmed", "void")
MESSAGE_KINDS = ("F0401", "F0501", "G0401", "G0501", "E0402")


class NumberRange(Base):
    """A range of numbers the tax office allotted for a two-month period: track ``AB``,
    serials ``first`` to ``last``.  ``next`` is the next serial to give (``last`` + 1 once
    used up); numbers are given in order, in the document's own transaction, so the
    numbers used are ``first`` .. ``next`` - 1 without gaps.  ``closed_at``: the unused
    numbers were reported (E0402); the range gives no more."""

    __tablename__ = "einvoice_range"
    __table_args__ = (UniqueConstraint("period", "track", "first"),
                      CheckConstraint("first <= last", name="ordered"),
                      CheckConstraint("next >= first AND next <= last + 1", name="next_within"))

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[int] = mapped_column(Integer, index=True)  # first month, YYYYMM
    track: Mapped[str] = mapped_column(String(2))
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    next: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UniformInvoice(Base):
    """The uniform invoice of a cash sale or of a monthly invoice (exactly one of the two),
    with the buyer as it was at issue.  Amounts: ``untaxed`` + ``tax`` = ``total``."""

    __tablename__ = "uniform_invoice"
    __table_args__ = (
        one_of("status", UNIFORM_INVOICE_STATES),
        CheckConstraint("(cash_sale_id IS NULL) <> (invoice_id IS NULL)", name="one_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(10), unique=True)  # AB12345678
    range_id: Mapped[int] = mapped_column(ForeignKey("einvoice_range.id"), index=True)
    period: Mapped[int] = mapped_column(Integer, index=True)
    invoice_date: Mapped[date] = mapped_column(Date, index=True)
    invoice_time: Mapped[str] = mapped_column(String(8))  # HH:MM:SS, local
    random_code: Mapped[str] = mapped_column(String(4))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    buyer_tax_id: Mapped[str] = mapped_column(String(8), default="")  # blank: a consumer
    buyer_name: Mapped[str] = mapped_column(String(120))
    carrier_type: Mapped[str] = mapped_column(String(6), default="")
    carrier_id: Mapped[str] = mapped_column(String(64), default="")
    donation_code: Mapped[str] = mapped_column(String(7), default="")
    untaxed: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    cash_sale_id: Mapped[int | None] = mapped_column(ForeignKey("cash_sale.id"), unique=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="issued")
    printed: Mapped[int] = mapped_column(Integer, default=0)  # proofs printed
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    voided_by: Mapped[str | None] = mapped_column(String(60))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str] = mapped_column(Text, default="")


class Allowance(Base):
    """An allowance (折讓證明單) on a uniform invoice: what a credit note, or a sale undone
    after its period was filed, takes off it.  Numbered AW-YYYY-NNNNNN without gaps."""

    __tablename__ = "einvoice_allowance"
    __table_args__ = (one_of("status", ALLOWANCE_STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(16), unique=True)
    uniform_invoice_id: Mapped[int] = mapped_column(ForeignKey("uniform_invoice.id"), index=True)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"), unique=True)
    allowance_date: Mapped[date] = mapped_column(Date)
    untaxed: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="issued")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_by: Mapped[str | None] = mapped_column(String(60))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voided_by: Mapped[str | None] = mapped_column(String(60))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str] = mapped_column(Text, default="")


class EInvoiceMessage(Base):
    """A message for the Turnkey, due by ``due_at``: made in the transaction of what it
    reports, written to a file once (``written_at``, ``file_name``)."""

    __tablename__ = "einvoice_message"
    __table_args__ = (UniqueConstraint("kind", "document"), one_of("kind", MESSAGE_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(5))
    document: Mapped[str] = mapped_column(String(20))  # the number it reports (E0402: 11512AB)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    written_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    file_name: Mapped[str] = mapped_column(String(60), default="")
