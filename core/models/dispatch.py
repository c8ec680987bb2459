"""Dispatch: drivers, vehicles, the day's routes and their stops, deliveries as they
happened, and the cylinders each customer holds."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, Date, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import workflow
from core.models.base import Base, Key, Money, ScaledDecimal, UTCDateTime, one_of, utcnow

# What moves a customer's balance (the ledger's ``kind``).
LEDGER_KINDS = ("delivery", "delivery_undone", "invoice", "payment", "refund", "credit_note",
                "cash_sale", "cash_sale_void", "cash_received", "cash_received_void", "deposit",
                "deposit_undone")


class Driver(Base):
    __tablename__ = "driver"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")  # E.164
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Vehicle(Base):
    """``capacity`` counts ``capacity_unit``: cylinders (any size) or kg (of gas)."""

    __tablename__ = "vehicle"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(Key(20), unique=True)
    capacity: Mapped[int] = mapped_column(Integer)
    capacity_unit: Mapped[str] = mapped_column(String(10), default="cylinders")
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("driver.id"))  # usual driver
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Route(Base):
    """One vehicle's trip on one day.  ``status``: planned (the dispatcher is still
    arranging it) or confirmed (its orders are scheduled; route sheets printed)."""

    __tablename__ = "route"
    __table_args__ = (UniqueConstraint("day", "vehicle_id"),
                      one_of("status", workflow.ROUTE.stored))

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"))
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("driver.id"))
    status: Mapped[str] = mapped_column(String(10), default="planned")
    distance_m: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    stops: Mapped[list[RouteStop]] = relationship(
        cascade="all, delete-orphan", order_by="RouteStop.position", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class RouteStop(Base):
    """An order on a route; an order is on at most one route (UNIQUE)."""

    __tablename__ = "route_stop"

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("route.id", ondelete="CASCADE"),
                                          index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    arrival_s: Mapped[int | None] = mapped_column(Integer)  # seconds after midnight


class Delivery(Base):
    """What happened at a stop: delivered, partially delivered or failed.

    One standing delivery per order (a partial UNIQUE index on the rows not undone),
    and one per submitted dialog (``request_key``): confirming twice has one effect.
    A manager's undo keeps the row (``undone_*``) and writes the reverse movements.
    """

    __tablename__ = "delivery"
    __table_args__ = (
        Index("uq_delivery_order_id_standing", "order_id", unique=True,
              sqlite_where=text("undone_at IS NULL"),
              postgresql_where=text("undone_at IS NULL")),
        one_of("outcome", workflow.DELIVERY_OUTCOMES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))  # core.requests.fingerprint
    outcome: Mapped[str] = mapped_column(String(20))  # delivered | partially_delivered | failed
    reason: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))  # delivered, with tax
    cash_collected: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    confirmed_by: Mapped[str] = mapped_column(String(60))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    undone_by: Mapped[str | None] = mapped_column(String(60))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    undo_reason: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[DeliveryLine]] = relationship(
        cascade="all, delete-orphan", order_by="DeliveryLine.id", lazy="selectin")


class DeliveryLine(Base):
    __tablename__ = "delivery_line"
    __table_args__ = (UniqueConstraint("delivery_id", "order_line_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("delivery.id", ondelete="CASCADE"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))  # delivered
    empties: Mapped[int] = mapped_column(Integer, default=0)  # empty cylinders collected
    amount: Mapped[Decimal] = mapped_column(Money())  # delivered quantity x price
    tax: Mapped[Decimal] = mapped_column(Money())


class CylinderMovement(Base):
    """Cylinders of one size going out to a customer (full, on deposit) and coming back
    (empty).  Rows are only added; a customer's holding is the sum."""

    __tablename__ = "cylinder_movement"
    __table_args__ = (Index("ix_cylinder_movement_customer_id_product_id",
                            "customer_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    delivery_id: Mapped[int] = mapped_column(ForeignKey("delivery.id"), index=True)
    full_out: Mapped[int] = mapped_column(Integer, default=0)
    empty_in: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CylinderBalance(Base):
    """How many cylinders of one size a customer holds: the sum of its movements (kept
    by the delivery service, checked by ``db check``)."""

    __tablename__ = "cylinder_balance"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    held: Mapped[int] = mapped_column(Integer, default=0)
    # Of those, how many are on a deposit the customer paid, and how many a manager lets
    # them hold without one (a rental contract; core.models.stock.DepositExemption).
    on_deposit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    without_deposit: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class LedgerEntry(Base):
    """A movement of what a customer owes; the customer's balance is their sum.
    Deliveries on account add what was delivered (an undo takes it back); billing
    and payments add theirs.  Rows are only added.

    ``business_date`` is the day the movement belongs to (delivered on, the invoice's
    date, received or paid on, the credit note's or undo's day); ``at`` is when it was
    recorded.  Statements, aging and exports go by the business date."""

    __tablename__ = "ledger_entry"
    __table_args__ = (Index("ix_ledger_entry_customer_id_id", "customer_id", "id"),
                      Index("ix_ledger_entry_customer_id_business_date", "customer_id",
                            "business_date"),
                      one_of("kind", LEDGER_KINDS))

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    # delivery | delivery_undone | invoice (rental and rounding beyond the deliveries) |
    # payment | refund | credit_note | cash_sale (+ a cash sale's total) | cash_received
    # (- the cash the driver took for it) | cash_sale_void, cash_received_void (reversed) |
    # deposit (a deposit receipt on account, + charged - refunded) | deposit_undone
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())  # + owes more, - owes less
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("delivery.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    credit_note_id: Mapped[int | None] = mapped_column(ForeignKey("credit_note.id"))
    deposit_receipt_id: Mapped[int | None] = mapped_column(ForeignKey("deposit_receipt.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    business_date: Mapped[date] = mapped_column(Date)
    hmac: Mapped[str | None] = mapped_column(String(64))  # core.chain; None before 0008
