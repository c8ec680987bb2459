"""Cylinders as stock: where the full and empty cylinders of each size stand (depots,
trucks, customers, the filling plant, the inspection station), the documents that move
them, the deposits customers pay for the cylinders they hold, serial-numbered cylinders
with their re-test dates, and the safety inspections of customers' installations.

Stock documents and their movements, deposit receipts and their lines, exemptions and
scans are only ever added to (the database refuses an UPDATE or DELETE): a correction is
a new document naming the one it corrects."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, Date, Double, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Key, Money, ScaledDecimal, UTCDateTime, one_of, utcnow

LOCATION_KINDS = ("depot", "truck", "plant", "station", "customers")
# What moves cylinders.  opening: a counted opening balance; load: depot -> truck in the
# morning; delivery / delivery_undone: truck <-> customers at a stop; return: truck ->
# depot in the evening; to_plant: empties to the filling plant; purchase: fulls from the
# plant (its empties consumed, new cylinders possibly added); to_station / from_station:
# cylinders for their periodic re-test and back; transfer: between depots or trucks;
# scrap: out of service for good; correction: reverses or amends an earlier document.
STOCK_KINDS = ("opening", "load", "delivery", "delivery_undone", "return", "to_plant",
               "purchase", "to_station", "from_station", "transfer", "scrap", "correction")
# Kinds that may change how many cylinders of a size exist in total (``db check``).
CHANGES_TOTAL = ("opening", "purchase", "scrap", "correction")
MATERIALS = ("steel", "composite")
CYLINDER_STATUSES = ("in_service", "scrapped")
INSPECTION_RESULTS = ("pass", "fail")
DEPOSIT_KINDS = ("delivery", "undone")
PAID_BY = ("cash", "account")


class StockLocation(Base):
    """A place cylinders stand.  A truck is its vehicle's location (one each) and starts
    its route at its depot; one location of kind ``customers`` holds what every customer
    holds (each movement there names its customer)."""

    __tablename__ = "stock_location"
    __table_args__ = (one_of("kind", LOCATION_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(250), default="")
    lat: Mapped[float | None] = mapped_column(Double)  # coordinates, not money
    lon: Mapped[float | None] = mapped_column(Double)
    vehicle_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle.id"), unique=True)
    depot_id: Mapped[int | None] = mapped_column(ForeignKey("stock_location.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class StockDoc(Base):
    """One movement of cylinders (one or more sizes, between locations) on a business day.
    ``request_key`` makes a submitted dialog count once; ``corrects_id`` names the
    document a correction amends."""

    __tablename__ = "stock_doc"
    __table_args__ = (one_of("kind", STOCK_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date, index=True)
    route_id: Mapped[int | None] = mapped_column(ForeignKey("route.id"), index=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("delivery.id"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("stock_doc.id"))
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    moves: Mapped[list[StockMove]] = relationship(order_by="StockMove.id", lazy="selectin")


class StockMove(Base):
    """What one document did to one location's stock of one size: ``full`` and ``empty``
    are signed (+ came in, - went out).  At a customer the cylinders are in use and count
    as ``full`` (a delivery: fulls in, empties out, net ``full`` = delivered - collected).
    A location's stock at a date is the sum of its movements up to that day (``day``
    repeats the document's, for that sum)."""

    __tablename__ = "stock_move"
    __table_args__ = (
        Index("ix_stock_move_day_location_id_product_id", "day", "location_id", "product_id"),
        Index("ix_stock_move_customer_id_product_id", "customer_id", "product_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_doc.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    location_id: Mapped[int] = mapped_column(ForeignKey("stock_location.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    full: Mapped[int] = mapped_column(Integer, default=0)
    empty: Mapped[int] = mapped_column(Integer, default=0)
    # A purchase's receiving row: the price of the gas per kg and what it cost in all.
    cost_per_kg: Mapped[Decimal | None] = mapped_column(ScaledDecimal(4))
    cost: Mapped[Decimal | None] = mapped_column(Money())


class DepositReceipt(Base):
    """押瓶單: the deposits a delivery charged (+) or refunded (-) across sizes, numbered
    DP-YYYY-NNNNNN without gaps; paid in cash at the door (in the route's cash-up) or on
    the customer's account (in the ledger).  An undone delivery writes a reversing
    receipt (``kind`` undone, ``reverses_id``).  Deposits are a liability, not a sale."""

    __tablename__ = "deposit_receipt"
    __table_args__ = (one_of("kind", DEPOSIT_KINDS), one_of("paid_by", PAID_BY))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(20), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    paid_by: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("delivery.id"), index=True)
    route_id: Mapped[int | None] = mapped_column(ForeignKey("route.id"), index=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("deposit_receipt.id"),
                                                    unique=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # + charged, - refunded
    business_date: Mapped[date] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lines: Mapped[list[DepositLine]] = relationship(order_by="DepositLine.id", lazy="selectin")


class DepositLine(Base):
    __tablename__ = "deposit_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("deposit_receipt.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    count: Mapped[int] = mapped_column(Integer)  # + taken on deposit, - returned
    unit_deposit: Mapped[Decimal] = mapped_column(Money())
    amount: Mapped[Decimal] = mapped_column(Money())


class DepositExemption(Base):
    """A manager lets a customer hold ``count`` cylinders of a size without deposit (a
    rental contract), with the reason; the newest row per customer and size stands and
    is kept in ``cylinder_balance.without_deposit``."""

    __tablename__ = "deposit_exemption"
    __table_args__ = (Index("ix_deposit_exemption_customer_id_product_id",
                            "customer_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    count: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Cylinder(Base):
    """A serial-numbered cylinder (鋼瓶號碼) as stamped, and where it is now (a location,
    and at the customers' location the customer)."""

    __tablename__ = "cylinder"
    __table_args__ = (one_of("material", MATERIALS), one_of("status", CYLINDER_STATUSES))

    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(Key(30), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    material: Mapped[str] = mapped_column(String(10), default="steel")
    owner: Mapped[str] = mapped_column(String(120), default="")
    manufactured: Mapped[date] = mapped_column(Date)
    retest_due: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(10), default="in_service")
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("stock_location.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CylinderScan(Base):
    """A serial scanned into a stock document: where the cylinder went by it."""

    __tablename__ = "cylinder_scan"
    __table_args__ = (UniqueConstraint("doc_id", "cylinder_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(ForeignKey("stock_doc.id"))
    cylinder_id: Mapped[int] = mapped_column(ForeignKey("cylinder.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("stock_location.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    full: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RetestRule(Base):
    """A cylinder of ``material`` holding at least ``min_kg`` of gas (the largest such
    size class applies), from ``from_age`` years after manufacture, is re-tested every
    ``interval_years``; at ``life_years`` its service ends.  Editable in Settings."""

    __tablename__ = "retest_rule"
    __table_args__ = (one_of("material", MATERIALS),)

    material: Mapped[str] = mapped_column(String(10), primary_key=True)
    min_kg: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_age: Mapped[int] = mapped_column(Integer, primary_key=True)
    interval_years: Mapped[int] = mapped_column(Integer)
    life_years: Mapped[int] = mapped_column(Integer)


class Inspection(Base):
    """A safety inspection of a customer's installation, recorded at the confirmation of
    its service visit (an order): pass or fail, the items checked, remarks, the next
    date.  A failed one stops the customer's gas orders (``customer.gas_stop``) until a
    manager clears it."""

    __tablename__ = "inspection"
    __table_args__ = (one_of("result", INSPECTION_RESULTS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order.id"), unique=True)
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    day: Mapped[date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(10))
    items: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [[item, ok], ...]
    remarks: Mapped[str] = mapped_column(Text, default="")
    inspector: Mapped[str] = mapped_column(String(120), default="")
    next_date: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    cleared_by: Mapped[str | None] = mapped_column(String(60))
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    clear_reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
