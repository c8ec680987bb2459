"""Billing: invoices and their lines, credit notes, payments and their allocations, and
the counters that number documents without gaps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import workflow
from core.models.base import Base, Key, Money, Rate, ScaledDecimal, UTCDateTime, one_of, utcnow

# Closed sets of values (the services name them: payments.KINDS, payments.METHODS).
INVOICE_LINE_KINDS = ("delivery", "rental")
PAYMENT_KINDS = ("payment", "refund")
PAYMENT_METHODS = ("cash", "transfer", "cheque")


class DocumentCounter(Base):
    """The last number given to a kind of document in a year (INV 2026 -> 1234).  Taken
    with an UPDATE in the document's own transaction, so numbers have no gaps."""

    __tablename__ = "document_counter"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(Base):
    """One customer's invoice.  A billing run makes one per customer and period
    (UNIQUE(customer_id, period)); an invoice made for one customer at once has no
    period.  ``status``: posted, or void (by the credit note ``void_note_id``)."""

    __tablename__ = "invoice"
    __table_args__ = (UniqueConstraint("customer_id", "period"),
                      one_of("status", workflow.INVOICE.stored))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(20), unique=True)  # INV-YYYY-NNNNNN
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    period: Mapped[str | None] = mapped_column(String(7))  # YYYY-MM of a billing run
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(10), default="zh_TW")
    subtotal: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(10), default="posted")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lines: Mapped[list[InvoiceLine]] = relationship(
        cascade="all, delete-orphan", order_by="InvoiceLine.line_no", lazy="selectin")


class InvoiceLine(Base):
    """What the invoice bills: a delivery line (once: UNIQUE) or a fixed monthly charge
    (``delivery_line_id`` none, e.g. the rental of the cylinders on deposit)."""

    __tablename__ = "invoice_line"
    __table_args__ = (UniqueConstraint("invoice_id", "line_no"),
                      one_of("kind", INVOICE_LINE_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    delivery_line_id: Mapped[int | None] = mapped_column(ForeignKey("delivery_line.id"),
                                                         unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="delivery")  # delivery | rental
    day: Mapped[date] = mapped_column(Date)  # delivered on (or the period's end)
    order_number: Mapped[str] = mapped_column(String(20), default="")
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))
    unit_price: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal] = mapped_column(Rate())
    amount: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())


class CreditNote(Base):
    """Money the customer no longer owes: a manager's credit for a dispute, or the whole
    of a voided invoice.  Numbered CN-YYYY-NNNNNN without gaps."""

    __tablename__ = "credit_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # positive: what is credited
    reason: Mapped[str] = mapped_column(Text)
    voids: Mapped[bool] = mapped_column(Boolean, default=False)  # the whole invoice, voided
    requested_by: Mapped[str] = mapped_column(String(60))
    approved_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Payment(Base):
    """Money received (cash, bank transfer, cheque) or paid back (``kind`` refund)."""

    __tablename__ = "payment"
    __table_args__ = (one_of("kind", PAYMENT_KINDS), one_of("method", PAYMENT_METHODS))

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="payment")  # payment | refund
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer | cheque
    amount: Mapped[Decimal] = mapped_column(Money())  # positive
    received_on: Mapped[date] = mapped_column(Date)
    cheque_number: Mapped[str] = mapped_column(String(40), default="")
    cheque_bank: Mapped[str] = mapped_column(String(80), default="")
    cheque_date: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(120), default="")
    # taken (or paid back) by the driver at a stop of this route: counted in its cash-up
    route_id: Mapped[int | None] = mapped_column(ForeignKey("route.id"), index=True)
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))  # core.requests.fingerprint
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Allocation(Base):
    """Part of a payment or a credit note set against an invoice.  An invoice's open
    amount is its total less its allocations."""

    __tablename__ = "allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), index=True)
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
