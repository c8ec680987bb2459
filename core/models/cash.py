"""Money that moves through drivers: cash sales, the routes' cash-up (settlements), the
drivers' running accounts and the office's cash book."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Key, Money, Rate, ScaledDecimal, UTCDateTime, one_of, utcnow

# Closed sets of values (the services name them).
CASH_SALE_STATES = ("posted", "void")
SETTLEMENT_STATES = ("settled", "reopened")
# + the driver owes the company more, - less
DRIVER_ENTRY_KINDS = ("variance", "variance_reopened", "payment_from_driver",
                      "payment_to_driver")
# + more money in the office's till, - less
CASH_BOOK_KINDS = ("float", "settlement", "deposit", "driver", "correction")


class CashCutover(Base):
    """When every sale started to reach a document (revision 0010): a database upgraded
    with deliveries already confirmed records the moment of the upgrade; deliveries
    confirmed before it have no cash sale and ``db check`` reports them as such.  A
    database made new has no row: every delivery is checked."""

    __tablename__ = "cash_cutover"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class CashSale(Base):
    """A cash order delivered (in full or in part): the sale's document, numbered
    CS-YYYY-NNNNNN without gaps, with its lines as delivered.  ``status``: posted, or
    void (its delivery undone by a manager; the ledger has the reversing rows)."""

    __tablename__ = "cash_sale"
    __table_args__ = (one_of("status", CASH_SALE_STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("delivery.id"), unique=True)
    business_date: Mapped[date] = mapped_column(Date, index=True)  # delivered on
    subtotal: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())
    cash_received: Mapped[Decimal] = mapped_column(Money())  # by the driver, at the stop
    status: Mapped[str] = mapped_column(String(10), default="posted")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    voided_by: Mapped[str | None] = mapped_column(String(60))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[CashSaleLine]] = relationship(
        cascade="all, delete-orphan", order_by="CashSaleLine.line_no", lazy="selectin")


class CashSaleLine(Base):
    """A delivered line on its sale (a delivery line is on one sale: UNIQUE)."""

    __tablename__ = "cash_sale_line"
    __table_args__ = (UniqueConstraint("cash_sale_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cash_sale_id: Mapped[int] = mapped_column(ForeignKey("cash_sale.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    delivery_line_id: Mapped[int] = mapped_column(ForeignKey("delivery_line.id"), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))
    unit_price: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal] = mapped_column(Rate())
    amount: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())


class Settlement(Base):
    """A route's cash-up: what the driver should hand in (``expected``) against what was
    counted (cash and cheques).  One standing settlement per route (a partial UNIQUE
    index); a manager's reopening keeps the row (``reopened_*``) and writes the reversing
    rows in the driver's account and the cash book.  ``variance`` = counted - expected."""

    __tablename__ = "settlement"
    __table_args__ = (
        Index("uq_settlement_route_id_settled", "route_id", unique=True,
              sqlite_where=text("status = 'settled'"),
              postgresql_where=text("status = 'settled'")),
        one_of("status", SETTLEMENT_STATES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("route.id"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("driver.id"), index=True)
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    expected: Mapped[Decimal] = mapped_column(Money())
    cash: Mapped[Decimal] = mapped_column(Money())
    cheques: Mapped[Decimal] = mapped_column(Money())
    counted: Mapped[Decimal] = mapped_column(Money())
    variance: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="settled")
    settled_by: Mapped[str] = mapped_column(String(60))
    approved_by: Mapped[str | None] = mapped_column(String(60))
    settled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reopened_by: Mapped[str | None] = mapped_column(String(60))
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    notes: Mapped[list[SettlementNote]] = relationship(
        cascade="all, delete-orphan", order_by="SettlementNote.value.desc()", lazy="selectin")
    cheque_list: Mapped[list[SettlementCheque]] = relationship(
        cascade="all, delete-orphan", order_by="SettlementCheque.id", lazy="selectin")


class SettlementNote(Base):
    """Cash counted by denomination (optional): ``count`` notes or coins of ``value``."""

    __tablename__ = "settlement_note"

    settlement_id: Mapped[int] = mapped_column(
        ForeignKey("settlement.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[Decimal] = mapped_column(Money(), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class SettlementCheque(Base):
    """A cheque handed in at the cash-up."""

    __tablename__ = "settlement_cheque"

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlement.id", ondelete="CASCADE"),
                                               index=True)
    number: Mapped[str] = mapped_column(String(40))
    bank: Mapped[str] = mapped_column(String(80))
    cheque_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())


class DriverEntry(Base):
    """A movement of what a driver owes the company (a cash-up's shortfall +, an excess -,
    settled later by a payment from or to the driver).  Rows are only added, each chained
    to the driver's previous one (``core.chain``)."""

    __tablename__ = "driver_entry"
    __table_args__ = (one_of("kind", DRIVER_ENTRY_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("driver.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlement.id"), index=True)
    business_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    hmac: Mapped[str | None] = mapped_column(String(64))  # core.chain


class CashBookEntry(Base):
    """Money into (+) or out of (-) the office's till on a day: an opening float, a
    route's settlement (cash and cheques handed in), a bank deposit, a driver's payment, a
    manager's correction.  Rows are only added, each chained to the book's previous one
    (``core.chain``); a day's closing is its opening (the previous days' sum) plus its
    entries."""

    __tablename__ = "cash_book_entry"
    __table_args__ = (one_of("kind", CASH_BOOK_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlement.id"), index=True)
    driver_entry_id: Mapped[int | None] = mapped_column(ForeignKey("driver_entry.id"))
    reference: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    hmac: Mapped[str | None] = mapped_column(String(64))  # core.chain


class CashBookDay(Base):
    """A day's cash book closed by a manager, with its closing as it stood then; after
    that the day changes only by corrections."""

    __tablename__ = "cash_book_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    closing: Mapped[Decimal] = mapped_column(Money())
    closed_by: Mapped[str] = mapped_column(String(60))
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
