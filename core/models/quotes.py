"""Quotes for customers and prospects (numbered Q-YYYY-NNNNN)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import workflow
from core.models.base import Base, Key, Money, Rate, ScaledDecimal, UTCDateTime, one_of, utcnow


class Quote(Base):
    """``status``: draft, sent, accepted, rejected ("expired" is derived from
    ``valid_until``).  A quote for a prospect has no ``customer_id`` but the prospect's
    name, phone and address; acceptance makes the prospect a customer.  The order a
    quote converted to points back at it (``sales_order.quote_id``, UNIQUE)."""

    __tablename__ = "quote"
    __table_args__ = (one_of("status", workflow.QUOTE.stored),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(Key(20), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    prospect_name: Mapped[str] = mapped_column(String(120), default="")
    prospect_phone: Mapped[str] = mapped_column(String(30), default="")
    prospect_address: Mapped[str] = mapped_column(String(250), default="")
    language: Mapped[str] = mapped_column(String(10), default="zh_TW")  # of the document
    status: Mapped[str] = mapped_column(String(10), default="draft")
    quote_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    subtotal: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    lines: Mapped[list[QuoteLine]] = relationship(
        cascade="all, delete-orphan", order_by="QuoteLine.line_no", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class QuoteLine(Base):
    __tablename__ = "quote_line"
    __table_args__ = (UniqueConstraint("quote_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"))
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(ScaledDecimal(3))
    unit_price: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal] = mapped_column(Rate())
    amount: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
