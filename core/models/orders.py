from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import workflow
from core.models.base import Base, Key, Money, Rate, ScaledDecimal, UTCDateTime, one_of, utcnow

# Closed sets of values (the services name them: orders.PAYMENTS, orders.TIME_SLOTS).
PAYMENTS = ("account", "cash")
TIME_SLOTS = ("any", "morning", "afternoon", "evening")


class Order(Base):
    """A sales order; its states and their transitions are declared in core.workflow.ORDER."""

    __tablename__ = "sales_order"
    __table_args__ = (
        UniqueConstraint("customer_id", "external_ref"),
        Index("ix_sales_order_delivery_date_status", "delivery_date", "status"),
        Index("ix_sales_order_customer_id_id", "customer_id", "id"),
        UniqueConstraint("standing_order_id", "standing_date"),
        one_of("status", workflow.ORDER.stored),
        one_of("payment", PAYMENTS),
        one_of("time_slot", TIME_SLOTS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(Key(20), unique=True)  # SO-YYYY-NNNNNN
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    status: Mapped[str] = mapped_column(String(20), default="confirmed")
    payment: Mapped[str] = mapped_column(String(10), default="account")  # account | cash
    delivery_date: Mapped[date] = mapped_column(Date)
    time_slot: Mapped[str] = mapped_column(String(20), default="any")
    notes: Mapped[str] = mapped_column(Text, default="")
    subtotal: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    # What this order holds of the customer's credit (its total while open on account).
    exposure: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    external_ref: Mapped[str | None] = mapped_column(String(60))
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What the request with that key asked for (core.requests.fingerprint): the same key
    # with other content is refused, never answered with this order.
    request_hash: Mapped[str | None] = mapped_column(String(64))
    # An order on account: the customer's limit and exposure (balance + open orders,
    # without this order) when it was placed, so db check judges it by then, not today.
    limit_at_placing: Mapped[Decimal | None] = mapped_column(Money())
    exposure_at_placing: Mapped[Decimal | None] = mapped_column(Money())
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Made by a standing order for its scheduled date; converted from a quote (once).
    standing_order_id: Mapped[int | None] = mapped_column(ForeignKey("standing_order.id"))
    standing_date: Mapped[date | None] = mapped_column(Date)
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("quote.id"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[OrderLine]] = relationship(
        cascade="all, delete-orphan", order_by="OrderLine.line_no", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (UniqueConstraint("order_id", "line_no"),
                      Index("ix_order_line_product_id", "product_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))
    list_price: Mapped[Decimal] = mapped_column(Money())  # the price the clerk was offered
    unit_price: Mapped[Decimal] = mapped_column(Money())  # the price charged
    tax_rate: Mapped[Decimal] = mapped_column(Rate())
    amount: Mapped[Decimal] = mapped_column(Money())  # quantity x unit price, rounded
    tax: Mapped[Decimal] = mapped_column(Money())


class CreditOverride(Base):
    """A manager's approval of an order over the credit limit."""

    __tablename__ = "credit_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sales_order.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(60))
    approved_by: Mapped[str] = mapped_column(String(60))
    credit_limit: Mapped[Decimal] = mapped_column(Money())
    exposure_before: Mapped[Decimal] = mapped_column(Money())  # balance + open orders
    order_amount: Mapped[Decimal] = mapped_column(Money())  # what this order added
    amount_over: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CustomerPrice(Base):
    """A customer's own price for a product, used instead of the price list."""

    __tablename__ = "customer_price"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"),
                                             primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), primary_key=True)
    price: Mapped[Decimal] = mapped_column(Money())


class SavedSearch(Base):
    """A user's named order search (criteria as JSON)."""

    __tablename__ = "saved_search"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    criteria: Mapped[str] = mapped_column(Text)
